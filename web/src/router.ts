import { useEffect, useState } from 'preact/hooks';

/** Hash routes (#/doc/ID?x=y): work from any static host and need no server routing. */
export interface Route {
  parts: string[];
  query: URLSearchParams;
}

function parse(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const query = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { parts, query };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const on = () => setRoute(parse(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function href(
  parts: string[],
  query: Record<string, string | number | null | undefined> = {},
): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${s ? `?${s}` : ''}`;
}

export function navigate(to: string): void {
  location.hash = to.replace(/^#/, '');
}

export const links = {
  home: () => href([]),
  doc: (id: string, focus?: string) => href(['doc', id], { focus }),
  entity: (key: string) => href(['entity', key]),
  search: (q: Record<string, string | undefined>) => href(['search'], q),
  timeline: (q: Record<string, string | undefined> = {}) => href(['timeline'], q),
  network: () => href(['network']),
  dyad: (a?: string, b?: string) => href(['dyad'], { a, b }),
  analyze: () => href(['analyze']),
};
