import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ApiError } from './errors.ts';

/**
 * Server-side request forgery guard for URL analysis: only http(s) URLs whose
 * host resolves exclusively to public unicast addresses are fetched.
 */

function ipv4ToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

const V4_BLOCKS: [string, number][] = [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved + broadcast
];
const V4_MASKS = V4_BLOCKS.map(([base, bits]) => {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { net: (ipv4ToInt(base) & mask) >>> 0, mask };
});

function isPrivateV4(ip: string): boolean {
  const n = ipv4ToInt(ip);
  return V4_MASKS.some(({ net, mask }) => (n & mask) >>> 0 === net);
}

/** Expands an IPv6 address into 8 16-bit groups (handles `::` and embedded IPv4). */
function ipv6Groups(ip: string): number[] {
  let s = ip.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  const tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    const n = ipv4ToInt(last);
    tail.push(n >>> 16, n & 0xffff);
    s = s.slice(0, lastColon + 1);
    if (!s.endsWith('::')) s = s.slice(0, -1);
  }
  const [head, rest] = s.includes('::') ? s.split('::') : [s, null];
  const h = head ? head.split(':').filter(Boolean) : [];
  const r = rest ? rest.split(':').filter(Boolean) : [];
  const fill = 8 - tail.length - h.length - r.length;
  const groups = [...h.map((g) => Number.parseInt(g, 16))];
  if (rest !== null) for (let i = 0; i < fill; i++) groups.push(0);
  groups.push(...r.map((g) => Number.parseInt(g, 16)), ...tail);
  return groups;
}

function isPrivateV6(ip: string): boolean {
  const g = ipv6Groups(ip);
  if (g.length !== 8 || g.some((x) => Number.isNaN(x))) return true;
  const allZeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (allZeroUpTo(7) && (g[7] === 0 || g[7] === 1)) return true; // :: and ::1
  if (allZeroUpTo(5) && g[5] === 0xffff) {
    // IPv4-mapped
    return isPrivateV4(`${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`);
  }
  if (g[0] === 0x64 && g[1] === 0xff9b) {
    // NAT64 well-known prefix: judge the embedded IPv4
    return isPrivateV4(`${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`);
  }
  if ((g[0] & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return true; // link-local
  if ((g[0] & 0xff00) === 0xff00) return true; // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return true; // documentation
  if (g[0] === 0x2002) {
    // 6to4: judge the embedded IPv4
    return isPrivateV4(`${g[1] >> 8}.${g[1] & 255}.${g[2] >> 8}.${g[2] & 255}`);
  }
  return false;
}

/** Whether an IP literal is loopback, private, link-local, reserved or otherwise not public. */
export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) return isPrivateV4(ip);
  if (v === 6) return isPrivateV6(ip);
  return true;
}

/** Whether a host name or address is the local machine (used to decide if a token is required). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const v = isIP(h);
  if (v === 4) return h.startsWith('127.');
  if (v === 6) {
    const g = ipv6Groups(h);
    return g.slice(0, 7).every((x) => x === 0) && g[7] === 1;
  }
  return false;
}

export type Resolver = (host: string) => Promise<string[]>;

const dnsResolver: Resolver = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/**
 * Parses and vets a URL for fetching: http(s) only, no credentials, and every
 * address the host resolves to must be public. Throws ApiError E_URL_FORBIDDEN
 * (or E_VALIDATION for a malformed URL).
 */
export async function assertPublicUrl(raw: string, resolve: Resolver = dnsResolver): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ApiError('E_VALIDATION', `not a valid URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiError('E_URL_FORBIDDEN', `only http and https URLs can be analysed (got ${url.protocol})`);
  }
  if (url.username || url.password) {
    throw new ApiError('E_URL_FORBIDDEN', 'URLs with credentials are not fetched');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isLoopbackHost(host))
    throw new ApiError('E_URL_FORBIDDEN', `refusing to fetch a local address (${host})`);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new ApiError('E_FETCH_FAILED', `cannot resolve host ${host}`);
    }
  }
  if (addresses.length === 0) throw new ApiError('E_FETCH_FAILED', `cannot resolve host ${host}`);
  const bad = addresses.find(isPrivateAddress);
  if (bad) throw new ApiError('E_URL_FORBIDDEN', `refusing to fetch a private address (${host} → ${bad})`);
  return url;
}
