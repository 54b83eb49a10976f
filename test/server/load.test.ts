import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/server/index.ts';
import { runLoad } from '../../src/server/load.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';
import { allFixtures } from './fixtures.ts';

describe('load (light version of scripts/bench/server.ts)', () => {
  let store: Store;
  let server: RunningServer;
  beforeAll(async () => {
    store = await openStore(':memory:', { create: true });
    for (const d of allFixtures()) await store.put(d);
    server = await startServer({ store, host: '127.0.0.1', port: 0, onError: () => {} });
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('50 concurrent clients on /api/v1/events for 3 s: no errors, no non-2xx', async () => {
    const r = await runLoad({
      url: `${server.url}api/v1/events`,
      connections: 50,
      duration: 3,
      paths: ['/api/v1/events', '/api/v1/events?limit=10&offset=2', '/api/v1/events?code=11'],
    });
    console.log(
      `load: ${r.requests} requests, ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`,
    );
    expect(r.requests).toBeGreaterThan(50);
    expect(r.errors).toBe(0);
    expect(r.timeouts).toBe(0);
    expect(r.non2xx).toBe(0);
  });
});
