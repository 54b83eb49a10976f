import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { IngestError } from '../ingest/index.ts';

/**
 * Fetches a URL for ingestion, defensively:
 * - only http(s); the host is resolved first and every address is checked,
 *   refusing private, loopback, link-local, multicast, unspecified and other
 *   special-purpose IPv4/IPv6 ranges (IPv4-mapped IPv6 included) unless
 *   `allowPrivate`; the connection is pinned to the checked address, so a DNS
 *   answer cannot change between the check and the connect;
 * - redirects are followed by hand (each hop checked again), up to a cap;
 * - one overall timeout; the body is streamed and cut at `maxBytes`;
 * - the Content-Type must be HTML, XML/RSS/Atom or text.
 * Every failure is an IngestError with a stable code (E_FETCH, E_PRIVATE_ADDRESS,
 * E_CONTENT_TYPE, E_TOO_LARGE, E_TIMEOUT, E_REDIRECTS, E_URL).
 */

export interface FetchOptions {
  allowPrivate?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

export interface FetchResult {
  bytes: Uint8Array;
  contentType: string | null;
  finalUrl: string;
}

const ACCEPTED_TYPE =
  /^(?:text\/[\w.+-]+|application\/(?:xhtml\+xml|xml|rss\+xml|atom\+xml|rdf\+xml|x-rss\+xml))\b/i;

function ipv4Parts(ip: string): number[] | null {
  const p = ip.split('.').map(Number);
  return p.length === 4 && p.every((x) => Number.isInteger(x) && x >= 0 && x <= 255) ? p : null;
}

function privateV4(p: number[]): boolean {
  const [a, b] = p;
  return (
    a === 0 || // this network / unspecified
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && p[2] === 0) || // IETF protocol assignments
    (a === 192 && b === 0 && p[2] === 2) || // TEST-NET-1
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51 && p[2] === 100) || // TEST-NET-2
    (a === 203 && b === 0 && p[2] === 113) || // TEST-NET-3
    a >= 224 // multicast, reserved, broadcast
  );
}

/** Expands an IPv6 address into eight 16-bit groups (null when malformed). */
function ipv6Groups(ip: string): number[] | null {
  let s = ip.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = ipv4Parts(s.slice(lastColon + 1));
    if (!v4) return null;
    tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h ? h.split(':').map((x) => Number.parseInt(x, 16)) : []);
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const fill = 8 - head.length - rest.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  const g = [...head, ...new Array(fill).fill(0), ...rest];
  if (tail.length) {
    g[6] = tail[0];
    g[7] = tail[1];
  }
  return g.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffff) ? g : null;
}

/** True for addresses a fetch must not reach without `allowPrivate`. */
export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) return privateV4(ipv4Parts(ip)!);
  if (v !== 6) return true; // not an IP address at all: refuse
  const g = ipv6Groups(ip);
  if (!g) return true;
  if (g.every((x) => x === 0)) return true; // ::
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return true; // ::1
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96): judge the IPv4 part.
  const v4 = [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff];
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return privateV4(v4);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return privateV4(v4);
  const first = g[0];
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((first & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((first & 0xff00) === 0xff00) return true; // multicast
  if (first === 0x2001 && g[1] === 0x0db8) return true; // documentation
  if (first === 0x2002) return privateV4([g[1] >> 8, g[1] & 0xff, g[2] >> 8, g[2] & 0xff]); // 6to4
  if (first === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return true; // discard-only
  return false;
}

async function resolveChecked(
  host: string,
  allowPrivate: boolean,
): Promise<{ address: string; family: number }> {
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  let addrs: { address: string; family: number }[];
  if (isIP(bare)) addrs = [{ address: bare, family: isIP(bare) }];
  else {
    try {
      addrs = await lookup(bare, { all: true, verbatim: true });
    } catch (e) {
      throw new IngestError(
        'E_FETCH',
        `cannot resolve ${bare}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
  }
  if (!addrs.length) throw new IngestError('E_FETCH', `cannot resolve ${bare}`);
  if (!allowPrivate) {
    const bad = addrs.find((a) => isPrivateAddress(a.address));
    if (bad) {
      throw new IngestError(
        'E_PRIVATE_ADDRESS',
        `refusing to fetch ${bare}: it resolves to ${bad.address}, a private, loopback or reserved address (use --allow-private to allow)`,
      );
    }
  }
  return addrs[0];
}

interface Hop {
  status: number;
  location: string | null;
  contentType: string | null;
  bytes: Uint8Array | null;
}

function request(
  url: URL,
  addr: { address: string; family: number },
  maxBytes: number,
  signal: AbortSignal,
): Promise<Hop> {
  return new Promise((resolvePromise, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    const req = mod.request(
      url,
      {
        method: 'GET',
        signal,
        headers: {
          'user-agent': 'attache/0.1 (+news article reader)',
          accept:
            'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/*;q=0.8',
          'accept-encoding': 'identity',
        },
        // Connect to the address that was checked, not to a fresh DNS answer.
        lookup: (_host, opts, cb) => {
          if ((opts as { all?: boolean }).all) {
            (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [addr]);
          } else cb(null, addr.address, addr.family);
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const contentType = (res.headers['content-type'] as string | undefined) ?? null;
        if (status >= 300 && status < 400) {
          res.resume();
          resolvePromise({
            status,
            location: (res.headers.location as string | undefined) ?? null,
            contentType,
            bytes: null,
          });
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          reject(new IngestError('E_FETCH', `HTTP ${status} from ${url.href}`));
          return;
        }
        if (contentType && !ACCEPTED_TYPE.test(contentType.trim())) {
          res.destroy();
          reject(
            new IngestError(
              'E_CONTENT_TYPE',
              `${url.href} is ${contentType.split(';')[0]}, not an HTML page, feed or text`,
            ),
          );
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          res.destroy();
          reject(
            new IngestError(
              'E_TOO_LARGE',
              `${url.href} is ${declared} bytes, over the ${maxBytes}-byte limit`,
            ),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            res.destroy();
            reject(new IngestError('E_TOO_LARGE', `${url.href} is over the ${maxBytes}-byte limit`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolvePromise({
            status,
            location: null,
            contentType,
            bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.length),
          });
        });
        res.on('error', (e) => reject(e));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Fetches `url` under the limits above; resolves with the body bytes, Content-Type and final URL. */
export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = opts.maxRedirects ?? 5;
  const allowPrivate = opts.allowPrivate ?? false;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    clearTimeout(timer);
    throw new IngestError('E_URL', `not a valid URL: ${url}`);
  }
  try {
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        throw new IngestError('E_URL', `only http and https URLs can be fetched, not ${current.protocol}`);
      }
      if (current.username || current.password) {
        throw new IngestError('E_URL', 'URLs with credentials are not fetched');
      }
      const addr = await resolveChecked(current.hostname, allowPrivate);
      let res: Hop;
      try {
        res = await request(current, addr, maxBytes, controller.signal);
      } catch (e) {
        if (e instanceof IngestError) throw e;
        if (controller.signal.aborted) {
          throw new IngestError('E_TIMEOUT', `fetching ${current.href} took longer than ${timeoutMs} ms`);
        }
        throw new IngestError(
          'E_FETCH',
          `cannot fetch ${current.href}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        );
      }
      if (res.bytes) return { bytes: res.bytes, contentType: res.contentType, finalUrl: current.href };
      if (!res.location)
        throw new IngestError('E_FETCH', `HTTP ${res.status} without a Location from ${current.href}`);
      if (hop >= maxRedirects) {
        throw new IngestError('E_REDIRECTS', `more than ${maxRedirects} redirects starting at ${url}`);
      }
      try {
        current = new URL(res.location, current);
      } catch {
        throw new IngestError('E_FETCH', `invalid redirect Location: ${res.location}`);
      }
    }
  } finally {
    clearTimeout(timer);
  }
}
