import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, Limiter } from '../../src/server/analyze.ts';
import { assertPublicUrl, isLoopbackHost, isPrivateAddress } from '../../src/server/ssrf.ts';
import { createStaticHandler } from '../../src/server/static.ts';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.8',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::a00:1',
    '2002:c0a8:101::1',
    'not-an-ip',
  ])('%s is not public', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (ip) => {
      expect(isPrivateAddress(ip)).toBe(false);
    },
  );

  it('recognises loopback host names', () => {
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(isLoopbackHost('example.org')).toBe(false);
  });
});

describe('assertPublicUrl', () => {
  it('refuses a host name that resolves to a private address (DNS rebinding style)', async () => {
    const resolver = async () => ['93.184.216.34', '10.0.0.5'];
    await expect(assertPublicUrl('https://news.example/story', resolver)).rejects.toMatchObject({
      code: 'E_URL_FORBIDDEN',
    });
  });
  it('accepts a host name that resolves only to public addresses', async () => {
    const url = await assertPublicUrl('https://news.example/story?id=1', async () => ['93.184.216.34']);
    expect(url.hostname).toBe('news.example');
  });
  it('refuses credentials and non-http schemes', async () => {
    await expect(
      assertPublicUrl('https://u:p@news.example/', async () => ['93.184.216.34']),
    ).rejects.toMatchObject({
      code: 'E_URL_FORBIDDEN',
    });
    await expect(assertPublicUrl('ftp://news.example/')).rejects.toMatchObject({ code: 'E_URL_FORBIDDEN' });
    await expect(assertPublicUrl('javascript:alert(1)')).rejects.toMatchObject({ code: 'E_URL_FORBIDDEN' });
  });
});

describe('Limiter', () => {
  it('never runs more than `max` at once and hands slots over in order', async () => {
    const l = new Limiter(2, 10);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (i: number) =>
      l.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        order.push(i);
        running--;
      });
    await Promise.all([0, 1, 2, 3, 4, 5].map(job));
    expect(peak).toBe(2);
    expect(order).toHaveLength(6);
    expect(l.running).toBe(0);
  });
});

describe('static handler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attache-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
  const app = new Hono();
  app.get('*', createStaticHandler(dir));

  it('serves index.html, assets with long caching, and refuses to leave its folder', async () => {
    const index = await app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    const js = await app.request('/assets/app-1.js');
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    // paths outside the folder never reach the file system: extension-less ones get the app shell
    for (const path of [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
    ]) {
      const r = await app.request(path);
      expect(await r.text()).toBe('<!doctype html><title>t</title>');
    }
    expect((await app.request('/%2e%2e/%2e%2e/etc/hosts.txt')).status).toBe(404);
    expect((await app.request('/%E0%A4%A')).status).toBe(400);
  });
});

describe('analysis in worker threads', { timeout: 180_000 }, () => {
  const text =
    'Port talks resume in Valletta\n\nVALLETTA — Maltese and Italian port officials met in Valletta on ' +
    'Thursday to agree a shared inspection regime, a spokesman said.';

  it('gives the same Document as analysing on the calling thread', async () => {
    const inline = await createAnalyzer({ workers: 0 })({ text, published: '2024-06-06' });
    const threaded = await createAnalyzer({ workers: 1 })({ text, published: '2024-06-06' });
    expect(threaded.id).toBe(inline.id);
    expect(threaded.text).toBe(inline.text);
    expect(threaded.entities).toEqual(inline.entities);
    expect(threaded.events).toEqual(inline.events);
  });

  it('replaces a worker whose analysis overruns its time limit (E_TIMEOUT)', async () => {
    const analyzer = createAnalyzer({ workers: 1, timeoutMs: 1 });
    await expect(analyzer({ text })).rejects.toMatchObject({ code: 'E_TIMEOUT', status: 504 });
  });

  it('reports ingestion errors from the worker with their API codes', async () => {
    await expect(createAnalyzer({ workers: 1 })({ text: '   ' })).rejects.toMatchObject({ code: 'E_EMPTY' });
    await expect(
      createAnalyzer({ workers: 1 })({ html: '<html><body><script>1</script></body></html>' }),
    ).rejects.toMatchObject({ code: 'E_NO_CONTENT', status: 422 });
  });
});
