/** Thin client for the attache JSON API (same origin). */

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | null | undefined>;

export function qs(params: Query): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : '';
}

const TOKEN_KEY = 'attache.token';

export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage disabled: the token lives only for this request */
  }
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const token = getToken();
  if (token && init.method && init.method !== 'GET') headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiFailure(0, 'E_NETWORK', 'the server cannot be reached');
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiFailure(res.status, e?.code ?? `E_HTTP_${res.status}`, e?.message ?? res.statusText);
  }
  return json as T;
}

export interface PageOf<T> {
  items: T[];
  limit: number;
  offset: number;
  next: number | null;
}

/** Fetches up to `max` items across pages. */
export async function fetchAll<T>(
  path: string,
  params: Query,
  max: number,
  signal?: AbortSignal,
): Promise<T[]> {
  const out: T[] = [];
  let offset = 0;
  while (out.length < max) {
    const page = await api<PageOf<T>>(
      `${path}${qs({ ...params, limit: Math.min(500, max - out.length), offset })}`,
      {
        signal,
      },
    );
    out.push(...page.items);
    if (page.next === null) break;
    offset = page.next;
  }
  return out;
}
