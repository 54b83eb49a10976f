import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Document } from '../../src/document/types.ts';
import { createDocument } from '../../src/pipeline.ts';
import type { Analyzer } from '../../src/server/analyze.ts';
import { createApp } from '../../src/server/app.ts';
import { startServer } from '../../src/server/index.ts';
import { accordDoc, allFixtures, hotlineDoc } from './fixtures.ts';
import { openStore } from '../../src/store/index.ts';

const memoryStore = () => openStore(':memory:', { create: true });

/** A stand-in analyzer: text → Document with segmentation only (the pipeline is tested elsewhere). */
const fakeAnalyzer: Analyzer = async (input) => {
  if (input.url) throw new Error('fake analyzer does not fetch');
  const text = (input.text ?? input.html ?? '').replace(/<[^>]+>/g, ' ').trim();
  return createDocument({
    text,
    meta: {
      title: input.title ?? null,
      authors: [],
      published: input.published ?? null,
      outlet: null,
      language: 'en',
      url: null,
    },
    warnings: [],
  });
};

// biome-ignore lint/suspicious/noExplicitAny: loosely typed JSON responses keep the assertions readable
type Json = Record<string, any>;

async function setup(opts: { token?: string; limits?: Json; analyzer?: Analyzer } = {}) {
  const store = await memoryStore();
  for (const d of allFixtures()) await store.put(d);
  const app = createApp({
    store,
    analyzer: opts.analyzer ?? fakeAnalyzer,
    token: opts.token ?? null,
    limits: opts.limits,
    onError: () => {},
  });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, init);
    const text = await res.text();
    let json: Json | null = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, json: json as Json, headers: res.headers, text };
  };
  return { store, app, call };
}

function expectError(r: { status: number; json: Json }, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(r.json?.error?.code).toBe(code);
  expect(typeof r.json?.error?.message).toBe('string');
}

describe('HTTP API', () => {
  let t: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    t = await setup();
  });

  it('GET /openapi.json is a valid OpenAPI 3.1 document covering every route', async () => {
    const r = await t.call('GET', '/openapi.json');
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe('3.1.0');
    const v = new Validator();
    const res = await v.validate(r.json as never);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
    const paths = Object.keys(r.json.paths);
    for (const p of [
      '/api/v1/documents',
      '/api/v1/documents/{id}',
      '/api/v1/analyze',
      '/api/v1/entities',
      '/api/v1/entities/{key}',
      '/api/v1/quotes',
      '/api/v1/events',
      '/api/v1/search',
      '/api/v1/timeline',
      '/api/v1/dyad',
      '/api/v1/network',
    ]) {
      expect(paths).toContain(p);
    }
    expect(r.json.paths['/api/v1/events'].get.parameters.map((p: Json) => p.name)).toContain('code');
  });

  it('every response carries a strict Content-Security-Policy', async () => {
    const r = await t.call('GET', '/api/v1/health');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: true });
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('GET /stats', async () => {
    const r = await t.call('GET', '/api/v1/stats');
    expect(r.status).toBe(200);
    expect(r.json.documents).toBe(4);
    expect(r.json.events).toBe(5);
  });

  it('GET /documents paginates with next offsets', async () => {
    const a = await t.call('GET', '/api/v1/documents?limit=3');
    expect(a.status).toBe(200);
    expect(a.json.items).toHaveLength(3);
    expect(a.json.next).toBe(3);
    const b = await t.call('GET', `/api/v1/documents?limit=3&offset=${a.json.next}`);
    expect(b.json.items).toHaveLength(1);
    expect(b.json.next).toBeNull();
    const ids = new Set([...a.json.items, ...b.json.items].map((d: Json) => d.id));
    expect(ids.size).toBe(4);
    const filtered = await t.call('GET', '/api/v1/documents?outlet=Pacific%20Ledger');
    expect(filtered.json.items.map((d: Json) => d.title)).toEqual([
      'Tokyo and Seoul sign coast guard hotline accord',
    ]);
  });

  it('GET /documents rejects bad pagination and dates', async () => {
    expectError(await t.call('GET', '/api/v1/documents?limit=0'), 400, 'E_VALIDATION');
    expectError(await t.call('GET', '/api/v1/documents?limit=100000'), 400, 'E_VALIDATION');
    expectError(await t.call('GET', '/api/v1/documents?offset=-1'), 400, 'E_VALIDATION');
    expectError(await t.call('GET', '/api/v1/documents?limit=abc'), 400, 'E_VALIDATION');
    const r = await t.call('GET', '/api/v1/documents?from=yesterday');
    expectError(r, 400, 'E_VALIDATION');
    expect(r.json.error.details[0].path).toBe('from');
  });

  it('GET /documents/{id} returns the whole Document; unknown ids are 404', async () => {
    const id = hotlineDoc().id;
    const r = await t.call('GET', `/api/v1/documents/${id}`);
    expect(r.status).toBe(200);
    const doc = r.json as Document;
    expect(doc.schema).toBe('attache/document@1');
    const q = doc.quotes[0];
    expect(doc.text.slice(q.start, q.end)).toMatch(/^“We agreed/);
    expectError(await t.call('GET', '/api/v1/documents/nope'), 404, 'E_NOT_FOUND');
  });

  it('DELETE /documents/{id} removes a document, then 404s', async () => {
    const id = accordDoc().id;
    const r = await t.call('DELETE', `/api/v1/documents/${id}`);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ id, deleted: true });
    expectError(await t.call('GET', `/api/v1/documents/${id}`), 404, 'E_NOT_FOUND');
    expectError(await t.call('DELETE', `/api/v1/documents/${id}`), 404, 'E_NOT_FOUND');
  });

  it('GET responses are cached briefly, and writes through the API clear the cache', async () => {
    const before = await t.call('GET', '/api/v1/documents?limit=10');
    expect(before.json.items).toHaveLength(4);
    const id = accordDoc().id;
    expect((await t.call('DELETE', `/api/v1/documents/${id}`)).status).toBe(200);
    const after = await t.call('GET', '/api/v1/documents?limit=10');
    expect(after.json.items.map((d: Json) => d.id)).not.toContain(id);
    // a write behind the server's back (another process) shows once the cache entry expires
    await t.store.put(accordDoc());
    expect((await t.call('GET', '/api/v1/documents?limit=10')).json.items).toHaveLength(3);
    const fresh = createApp({ store: t.store, analyzer: fakeAnalyzer, cacheMs: 0, onError: () => {} });
    const res = await fresh.request('/api/v1/documents?limit=10');
    expect(((await res.json()) as Json).items).toHaveLength(4);
  });

  it('POST /analyze returns a Document and stores nothing', async () => {
    const r = await t.call('POST', '/api/v1/analyze', {
      text: 'The council met on Monday. It adjourned at noon.',
      published: '2024-05-06',
    });
    expect(r.status).toBe(200);
    expect(r.json.schema).toBe('attache/document@1');
    expect(r.json.meta.published).toBe('2024-05-06');
    expect(r.json.sentences).toHaveLength(2);
    expect((await t.call('GET', '/api/v1/stats')).json.documents).toBe(4);
  });

  it('POST /analyze rejects bad input with stable codes', async () => {
    expectError(await t.call('POST', '/api/v1/analyze', {}), 400, 'E_VALIDATION');
    expectError(
      await t.call('POST', '/api/v1/analyze', { text: 'a', html: '<p>b</p>' }),
      400,
      'E_VALIDATION',
    );
    expectError(await t.call('POST', '/api/v1/analyze', { text: 'a', colour: 'red' }), 400, 'E_VALIDATION');
    expectError(await t.call('POST', '/api/v1/analyze', { text: 42 }), 400, 'E_VALIDATION');
    expectError(
      await t.call('POST', '/api/v1/analyze', { text: 'x', published: '12/03/2024' }),
      400,
      'E_VALIDATION',
    );
    expectError(await t.call('POST', '/api/v1/analyze', '{"text": '), 400, 'E_BAD_JSON');
    expectError(
      await t.call('POST', '/api/v1/analyze', 'text=hello', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
      415,
      'E_UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('POST /analyze enforces the body size limit', async () => {
    const small = await setup({ limits: { bodyBytes: 1000 } });
    const r = await small.call('POST', '/api/v1/analyze', { text: 'x'.repeat(5000) });
    expectError(r, 413, 'E_TOO_LARGE');
  });

  it('POST /analyze bounds concurrent analyses (E_BUSY beyond the queue)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const slow: Analyzer = async (input) => {
      await gate;
      return fakeAnalyzer(input);
    };
    const s = await setup({ analyzer: slow, limits: { analyses: 1, analysisQueue: 1 } });
    const first = s.call('POST', '/api/v1/analyze', { text: 'One.' });
    const second = s.call('POST', '/api/v1/analyze', { text: 'Two.' });
    await new Promise((r) => setTimeout(r, 20));
    const third = await s.call('POST', '/api/v1/analyze', { text: 'Three.' });
    expectError(third, 503, 'E_BUSY');
    release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
  });

  it('POST /analyze times out slow requests with E_TIMEOUT', async () => {
    const never: Analyzer = () => new Promise(() => {});
    const s = await setup({ analyzer: never, limits: { requestMs: 50 } });
    expectError(await s.call('POST', '/api/v1/analyze', { text: 'Hello.' }), 504, 'E_TIMEOUT');
  });

  it('POST /analyze refuses URLs of private, loopback and link-local addresses', async () => {
    const { createAnalyzer } = await import('../../src/server/analyze.ts');
    const s = await setup({ analyzer: createAnalyzer() });
    for (const url of [
      'http://127.0.0.1:8787/api/v1/stats',
      'http://localhost/',
      'http://[::1]/',
      'http://10.1.2.3/',
      'http://192.168.0.10/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0/',
    ]) {
      expectError(await s.call('POST', '/api/v1/analyze', { url }), 400, 'E_URL_FORBIDDEN');
    }
    expectError(
      await s.call('POST', '/api/v1/analyze', { url: 'file:///etc/passwd' }),
      400,
      'E_URL_FORBIDDEN',
    );
    expectError(await s.call('POST', '/api/v1/analyze', { url: 'not a url' }), 400, 'E_VALIDATION');
  });

  it('POST /analyze fetches a public URL and analyses the page', async () => {
    const { createAnalyzer } = await import('../../src/server/analyze.ts');
    const seen: string[] = [];
    const page =
      '<!doctype html><html><head><title>Harbour talks resume</title></head><body><article>' +
      '<h1>Harbour talks resume</h1><p>Port officials from both countries met in Valletta on Thursday to ' +
      'discuss ferry schedules and a shared inspection regime for the coming summer.</p></article></body></html>';
    const analyzer = createAnalyzer({
      resolve: async () => ['93.184.216.34'],
      fetch: async (url) => {
        seen.push(url);
        return {
          bytes: new TextEncoder().encode(page),
          contentType: 'text/html; charset=utf-8',
          finalUrl: url,
        };
      },
    });
    const s = await setup({ analyzer });
    const r = await s.call('POST', '/api/v1/analyze', {
      url: 'https://news.example/harbour',
      published: '2024-06-06',
    });
    expect(r.status).toBe(200);
    expect(seen).toEqual(['https://news.example/harbour']);
    expect(r.json.text).toContain('ferry schedules');
    expect(r.json.meta.published).toBe('2024-06-06');
    const failing = createAnalyzer({
      resolve: async () => ['93.184.216.34'],
      fetch: async () => {
        const { IngestError } = await import('../../src/ingest/index.ts');
        throw new IngestError('E_PRIVATE_ADDRESS', 'redirected to a private address');
      },
    });
    const f = await setup({ analyzer: failing });
    expectError(
      await f.call('POST', '/api/v1/analyze', { url: 'https://news.example/x' }),
      400,
      'E_URL_FORBIDDEN',
    );
  }, 180_000);

  it('POST /documents analyses and stores; the same text again is skipped', async () => {
    const body = { text: 'Delegates gathered in Lisbon. Talks continue tomorrow.', title: 'Lisbon talks' };
    const r = await t.call('POST', '/api/v1/documents', body);
    expect(r.status).toBe(201);
    expect(r.json.status).toBe('inserted');
    const again = await t.call('POST', '/api/v1/documents', body);
    expect(again.status).toBe(200);
    expect(again.json.status).toBe('skipped');
    const got = await t.call('GET', `/api/v1/documents/${r.json.id}`);
    expect(got.json.meta.title).toBe('Lisbon talks');
    expectError(await t.call('POST', '/api/v1/documents', { nothing: true }), 400, 'E_VALIDATION');
  });

  it('write endpoints require the token when one is configured; reads do not', async () => {
    const s = await setup({ token: 's3cret-token' });
    const body = { text: 'A short note.' };
    expectError(await s.call('POST', '/api/v1/documents', body), 401, 'E_UNAUTHORIZED');
    expectError(
      await s.call('POST', '/api/v1/documents', body, { authorization: 'Bearer wrong' }),
      401,
      'E_UNAUTHORIZED',
    );
    const ok = await s.call('POST', '/api/v1/documents', body, { authorization: 'Bearer s3cret-token' });
    expect(ok.status).toBe(201);
    expectError(await s.call('DELETE', `/api/v1/documents/${ok.json.id}`), 401, 'E_UNAUTHORIZED');
    const del = await s.call('DELETE', `/api/v1/documents/${ok.json.id}`, undefined, {
      'x-attache-token': 's3cret-token',
    });
    expect(del.status).toBe(200);
    expect((await s.call('GET', '/api/v1/documents')).status).toBe(200);
    expect((await s.call('POST', '/api/v1/analyze', body)).status).toBe(200);
    const spec = (await s.call('GET', '/openapi.json')).json;
    expect(spec.paths['/api/v1/documents'].post.security).toEqual([{ bearer: [] }]);
  });

  it('GET /entities filters by type and name; GET /entities/{key} has co-mentions', async () => {
    const people = await t.call('GET', '/api/v1/entities?type=PERSON&limit=10');
    expect(people.status).toBe(200);
    expect(people.json.items.every((e: Json) => e.type === 'PERSON')).toBe(true);
    const tanabe = people.json.items.find((e: Json) => e.name === 'Aiko Tanabe');
    expect(tanabe.documents).toBe(2);
    const byName = await t.call('GET', '/api/v1/entities?q=tanabe');
    expect(byName.json.items.map((e: Json) => e.name)).toEqual(['Aiko Tanabe']);
    const one = await t.call('GET', `/api/v1/entities/${encodeURIComponent(tanabe.key)}`);
    expect(one.status).toBe(200);
    expect(one.json.coMentions.map((m: Json) => m.name)).toContain('North Korea');
    expectError(await t.call('GET', '/api/v1/entities?type=ALIEN'), 400, 'E_VALIDATION');
    expectError(await t.call('GET', '/api/v1/entities/PERSON%3Anobody'), 404, 'E_NOT_FOUND');
  });

  it('GET /quotes by speaker', async () => {
    const r = await t.call('GET', `/api/v1/quotes?speaker=${encodeURIComponent('PERSON:aiko tanabe')}`);
    expect(r.status).toBe(200);
    expect(r.json.items).toHaveLength(2);
    expect(r.json.items.every((q: Json) => q.speakerName === 'Aiko Tanabe')).toBe(true);
    expectError(await t.call('GET', '/api/v1/quotes?limit=-5'), 400, 'E_VALIDATION');
  });

  it('GET /events filters by code, actor and date', async () => {
    const all = await t.call('GET', '/api/v1/events');
    expect(all.status).toBe(200);
    expect(all.json.items).toHaveLength(5);
    const disapprove = await t.call('GET', '/api/v1/events?code=11');
    expect(disapprove.json.items.map((e: Json) => e.code)).toEqual(['111', '111']);
    const fromPrk = await t.call('GET', '/api/v1/events?source=PRK');
    expect(fromPrk.json.items).toHaveLength(1);
    const april = await t.call('GET', '/api/v1/events?from=2024-04-01&to=2024-04-30');
    expect(april.json.items.every((e: Json) => e.date.startsWith('2024-04'))).toBe(true);
    expectError(await t.call('GET', '/api/v1/events?code=abc'), 400, 'E_VALIDATION');
    expectError(await t.call('GET', '/api/v1/events?from=2024-13'), 400, 'E_VALIDATION');
  });

  it('GET /search returns hits and facets; an empty query is rejected', async () => {
    const r = await t.call('GET', '/api/v1/search?q=hotline');
    expect(r.status).toBe(200);
    expect(r.json.total).toBe(2);
    expect(r.json.facets.outlet.map((f: Json) => f.value).sort()).toEqual(['Harbour Wire', 'Pacific Ledger']);
    const narrowed = await t.call('GET', '/api/v1/search?q=hotline&outlet=Harbour%20Wire');
    expect(narrowed.json.total).toBe(1);
    expectError(await t.call('GET', '/api/v1/search'), 400, 'E_VALIDATION');
    expectError(await t.call('GET', '/api/v1/search?q=%20%20'), 400, 'E_VALIDATION');
  });

  it('GET /timeline needs an entity', async () => {
    const r = await t.call('GET', `/api/v1/timeline?entity=${encodeURIComponent('GPE:north korea')}`);
    expect(r.status).toBe(200);
    expect(r.json.items.length).toBeGreaterThanOrEqual(2);
    expect(r.json.items.filter((x: Json) => x.kind === 'event').map((x: Json) => x.code)).toEqual(
      expect.arrayContaining(['111']),
    );
    expectError(await t.call('GET', '/api/v1/timeline'), 400, 'E_VALIDATION');
  });

  it('GET /dyad counts events per period between two countries', async () => {
    const r = await t.call('GET', '/api/v1/dyad?a=JPN&b=KOR&by=month');
    expect(r.status).toBe(200);
    expect(r.json.rows.map((x: Json) => x.period)).toEqual(['2024-03', '2024-04']);
    expect(r.json.rows[1].meanGoldstein).toBeGreaterThan(0);
    expectError(await t.call('GET', '/api/v1/dyad?a=JPN'), 400, 'E_VALIDATION');
    expectError(await t.call('GET', '/api/v1/dyad?a=JPN&b=KOR&by=fortnight'), 400, 'E_VALIDATION');
  });

  it('GET /network has weighted co-mention and event edges between known nodes', async () => {
    const r = await t.call('GET', '/api/v1/network?nodes=20');
    expect(r.status).toBe(200);
    const ids = new Set(r.json.nodes.map((n: Json) => n.id));
    expect(ids.has('PERSON:aiko tanabe')).toBe(true);
    for (const e of r.json.edges) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      expect(e.weight).toBeGreaterThanOrEqual(1);
    }
    const kinds = new Set(r.json.edges.map((e: Json) => e.kind));
    expect(kinds).toEqual(new Set(['co-mention', 'event']));
    const strong = await t.call('GET', '/api/v1/network?nodes=20&minWeight=2');
    expect(strong.json.edges.every((e: Json) => e.weight >= 2)).toBe(true);
    expectError(await t.call('GET', '/api/v1/network?nodes=1'), 400, 'E_VALIDATION');
  });

  it('unknown endpoints are 404 and wrong methods 405, as JSON', async () => {
    expectError(await t.call('GET', '/api/v1/nothing-here'), 404, 'E_NOT_FOUND');
    const r = await t.call('PUT', '/api/v1/documents');
    expectError(r, 405, 'E_METHOD_NOT_ALLOWED');
    expect(r.headers.get('allow')).toContain('GET');
  });

  it('an unexpected store failure is a JSON 500 without a stack trace', async () => {
    t.store.stats = async () => {
      throw new Error('disk on fire at /secret/path');
    };
    const r = await t.call('GET', '/api/v1/stats');
    expectError(r, 500, 'E_INTERNAL');
    expect(r.text).not.toContain('/secret/path');
  });
});

describe('startServer', () => {
  it('refuses a non-loopback address without a token', async () => {
    await expect(startServer({ store: await memoryStore(), host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /ATTACHE_TOKEN/,
    );
  });

  it('serves real HTTP on loopback', async () => {
    const store = await memoryStore();
    await store.put(hotlineDoc());
    const server = await startServer({ store, host: '127.0.0.1', port: 0, analyzer: fakeAnalyzer });
    try {
      const res = await fetch(`${server.url}api/v1/documents`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Json;
      expect(body.items[0].title).toMatch(/hotline/);
    } finally {
      await server.close();
    }
  });
});
