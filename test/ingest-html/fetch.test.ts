import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, isPrivateAddress } from '../../src/node/fetch.ts';

let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><p>Hello from the test server.</p></body></html>');
    } else if (url === '/feed') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss><channel></channel></rss>');
    } else if (url === '/redirect') {
      res.writeHead(302, { location: '/page' });
      res.end();
    } else if (url.startsWith('/loop')) {
      res.writeHead(301, { location: `/loop${url.length}` });
      res.end();
    } else if (url === '/image') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.alloc(100));
    } else if (url === '/big') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else if (url === '/slow') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>start');
      // never ends on its own; the client must time out
    } else if (url === '/missing') {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('not found');
    } else {
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
};

describe('fetchUrl', () => {
  it('refuses loopback without allowPrivate, before connecting', async () => {
    expect(await code(fetchUrl(`${base}/page`))).toBe('E_PRIVATE_ADDRESS');
    expect(await code(fetchUrl('http://localhost:9/'))).toBe('E_PRIVATE_ADDRESS');
  });

  it('fetches HTML and feeds with allowPrivate', async () => {
    const r = await fetchUrl(`${base}/page`, { allowPrivate: true });
    expect(new TextDecoder().decode(r.bytes)).toContain('Hello from the test server');
    expect(r.contentType).toMatch(/text\/html/);
    const f = await fetchUrl(`${base}/feed`, { allowPrivate: true });
    expect(f.contentType).toBe('application/rss+xml');
  });

  it('follows redirects and reports the final URL', async () => {
    const r = await fetchUrl(`${base}/redirect`, { allowPrivate: true });
    expect(r.finalUrl).toBe(`${base}/page`);
  });

  it('caps redirects', async () => {
    expect(await code(fetchUrl(`${base}/loop`, { allowPrivate: true, maxRedirects: 3 }))).toBe('E_REDIRECTS');
  });

  it('rejects non-text content types', async () => {
    expect(await code(fetchUrl(`${base}/image`, { allowPrivate: true }))).toBe('E_CONTENT_TYPE');
  });

  it('cuts a body over the size cap', async () => {
    expect(await code(fetchUrl(`${base}/big`, { allowPrivate: true, maxBytes: 256 * 1024 }))).toBe(
      'E_TOO_LARGE',
    );
  });

  it('times out', async () => {
    expect(await code(fetchUrl(`${base}/slow`, { allowPrivate: true, timeoutMs: 300 }))).toBe('E_TIMEOUT');
  });

  it('HTTP errors and bad URLs are IngestErrors', async () => {
    expect(await code(fetchUrl(`${base}/missing`, { allowPrivate: true }))).toBe('E_FETCH');
    expect(await code(fetchUrl('not a url'))).toBe('E_URL');
    expect(await code(fetchUrl('file:///etc/passwd'))).toBe('E_URL');
  });
});

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
  ])('%s is refused', (ip) => expect(isPrivateAddress(ip)).toBe(true));
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (ip) =>
    expect(isPrivateAddress(ip)).toBe(false),
  );
});
