import { createHash, timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';
import type { z } from 'zod';
import type { Store } from '../store/types.ts';
import { type Analyzer, createAnalyzer, Limiter } from './analyze.ts';
import { ApiError, errorBody } from './errors.ts';
import { buildNetwork, type Network } from './network.ts';
import { buildOpenApi, type RouteDoc } from './openapi.ts';
import {
  AnalyzeBody,
  DocumentsQuery,
  DyadQuery,
  EntitiesQuery,
  EventsQuery,
  issueList,
  NetworkQuery,
  QuotesQuery,
  SearchQuery,
  TimelineQuery,
} from './schemas.ts';
import { createStaticHandler } from './static.ts';

export const API_VERSION = '0.1.0';

export interface ServerLimits {
  /** Largest request body (bytes). */
  bodyBytes: number;
  /** Longest time a request may take (ms). */
  requestMs: number;
  /** Analyses running at once. */
  analyses: number;
  /** Analyses waiting for a slot before new ones get E_BUSY. */
  analysisQueue: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyBytes: 6 * 1024 * 1024,
  requestMs: 30_000,
  analyses: 2,
  analysisQueue: 8,
};

export interface AppOptions {
  store: Store;
  /** How analysis requests become Documents (default: ingestion + the default pipeline). */
  analyzer?: Analyzer;
  /** When set, write endpoints (POST/DELETE /documents) require `Authorization: Bearer <token>`. */
  token?: string | null;
  /** Directory of the built web UI (web/dist); null serves the API only. */
  webDir?: string | null;
  limits?: Partial<ServerLimits>;
  /**
   * How long a GET response may be served from memory (ms; 0 disables). Writes
   * through this server clear it at once; writes by other processes (CLI
   * ingest into the same store) show up after at most this long.
   */
  cacheMs?: number;
  /** Called with unexpected errors (default: console.error). */
  onError?: (err: unknown) => void;
}

/** Content-Security-Policy of every response: scripts and styles only from this origin, nothing inline. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

type Handler = (c: Context) => Promise<Response>;

interface Route extends RouteDoc {
  handler: Handler;
  /** Not served from the response cache. */
  live?: boolean;
}

interface Cached {
  status: number;
  /** Encoded once, so cache hits do no JSON or UTF-8 work. */
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

function parse<S extends z.ZodType>(schema: S, data: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (!r.success) {
    const issues = issueList(r.error);
    const first = issues[0];
    const message = first
      ? `${where}: ${first.path ? `${first.path}: ` : ''}${first.message}`
      : `invalid ${where}`;
    throw new ApiError('E_VALIDATION', message, 400, issues);
  }
  return r.data;
}

async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ApiError('E_UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json', 415);
  }
  try {
    return await c.req.json();
  } catch {
    throw new ApiError('E_BAD_JSON', 'the request body is not valid JSON', 400);
  }
}

function pathParam(c: Context, name: string): string {
  const v = c.req.param(name);
  if (!v) throw new ApiError('E_VALIDATION', `missing path parameter ${name}`, 400);
  return v;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Pages of `limit` items: fetch limit+1 to know whether there is a next page. */
function paged<T>(rows: T[], limit: number, offset: number) {
  const more = rows.length > limit;
  return { items: more ? rows.slice(0, limit) : rows, limit, offset, next: more ? offset + limit : null };
}

/** The API and UI as a Hono app (no network: `startServer` binds it). */
export function createApp(opts: AppOptions): Hono {
  const { store } = opts;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const analyzer = opts.analyzer ?? createAnalyzer({ workers: limits.analyses, timeoutMs: limits.requestMs });
  const limiter = new Limiter(limits.analyses, limits.analysisQueue);
  const tokenDigest = opts.token ? digest(opts.token) : null;
  const logError = opts.onError ?? ((err: unknown) => console.error('attache serve:', err));

  // Network graphs are costly to build: cache them until a write or for a minute.
  let generation = 0;
  const networkCache = new Map<string, { at: number; gen: number; value: Network }>();

  const requireToken = (c: Context) => {
    if (!tokenDigest) return;
    const auth = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(.+)$/i.exec(auth);
    const given = m ? m[1].trim() : (c.req.header('x-attache-token') ?? '');
    if (!given || !timingSafeEqual(digest(given), tokenDigest)) {
      throw new ApiError(
        'E_UNAUTHORIZED',
        'this endpoint needs the server token (Authorization: Bearer …)',
        401,
      );
    }
  };

  const analyze = async (c: Context) => {
    const input = parse(AnalyzeBody, await jsonBody(c), 'body');
    return limiter.run(() => analyzer(input));
  };

  const routes: Route[] = [
    {
      method: 'get',
      path: '/health',
      summary: 'Liveness and store kind',
      tag: 'meta',
      live: true,
      response: 'Health',
      handler: async (c) => c.json({ ok: true, version: API_VERSION, store: store.kind }),
    },
    {
      method: 'get',
      path: '/stats',
      summary: 'Corpus counts',
      tag: 'meta',
      response: 'Stats',
      handler: async (c) => c.json(await store.stats()),
    },
    {
      method: 'get',
      path: '/documents',
      summary: 'List stored documents (newest first)',
      tag: 'documents',
      query: DocumentsQuery,
      response: 'DocumentPage',
      handler: async (c) => {
        const q = parse(DocumentsQuery, c.req.query(), 'query');
        const rows = await store.list({ ...q, limit: q.limit + 1 });
        return c.json(paged(rows, q.limit, q.offset));
      },
    },
    {
      method: 'post',
      path: '/documents',
      summary: 'Analyse an article and store it (requires the token when one is configured)',
      tag: 'documents',
      write: true,
      body: AnalyzeBody,
      status: 201,
      response: 'PutResult',
      handler: async (c) => {
        requireToken(c);
        const doc = await analyze(c);
        const put = await store.put(doc);
        generation++;
        return c.json({ ...put, title: doc.meta.title }, put.status === 'inserted' ? 201 : 200);
      },
    },
    {
      method: 'get',
      path: '/documents/{id}',
      summary: 'One stored document with all its layers',
      tag: 'documents',
      params: ['id'],
      response: 'Document',
      handler: async (c) => {
        const id = pathParam(c, 'id');
        const doc = await store.get(id);
        if (!doc) throw new ApiError('E_NOT_FOUND', `no document ${id}`, 404);
        return c.json(doc);
      },
    },
    {
      method: 'delete',
      path: '/documents/{id}',
      summary: 'Delete a stored document (requires the token when one is configured)',
      tag: 'documents',
      write: true,
      params: ['id'],
      response: 'Deleted',
      handler: async (c) => {
        requireToken(c);
        const id = pathParam(c, 'id');
        if (!(await store.delete(id))) throw new ApiError('E_NOT_FOUND', `no document ${id}`, 404);
        generation++;
        return c.json({ id, deleted: true });
      },
    },
    {
      method: 'post',
      path: '/analyze',
      summary: 'Analyse text, HTML or a public URL and return the Document (nothing is stored)',
      tag: 'analysis',
      body: AnalyzeBody,
      response: 'Document',
      handler: async (c) => c.json(await analyze(c)),
    },
    {
      method: 'get',
      path: '/entities',
      summary: 'Entities across the corpus',
      tag: 'corpus',
      query: EntitiesQuery,
      response: 'EntityPage',
      handler: async (c) => {
        const q = parse(EntitiesQuery, c.req.query(), 'query');
        const rows = await store.entities({ ...q, limit: q.limit + 1 });
        return c.json(paged(rows, q.limit, q.offset));
      },
    },
    {
      method: 'get',
      path: '/entities/{key}',
      summary: 'One entity: roles, aliases, country and co-mentioned entities',
      tag: 'corpus',
      params: ['key'],
      response: 'EntityDetail',
      handler: async (c) => {
        const key = pathParam(c, 'key');
        const e = await store.entity(key);
        if (!e) throw new ApiError('E_NOT_FOUND', `no entity ${key}`, 404);
        return c.json(e);
      },
    },
    {
      method: 'get',
      path: '/quotes',
      summary: 'Quotes, optionally by speaker or document',
      tag: 'corpus',
      query: QuotesQuery,
      response: 'QuotePage',
      handler: async (c) => {
        const q = parse(QuotesQuery, c.req.query(), 'query');
        const rows = await store.quotes({ ...q, limit: q.limit + 1 });
        return c.json(paged(rows, q.limit, q.offset));
      },
    },
    {
      method: 'get',
      path: '/events',
      summary: 'Political events (CAMEO/PLOVER) with filters',
      tag: 'corpus',
      query: EventsQuery,
      response: 'EventPage',
      handler: async (c) => {
        const q = parse(EventsQuery, c.req.query(), 'query');
        const rows = await store.events({ ...q, limit: q.limit + 1 });
        return c.json(paged(rows, q.limit, q.offset));
      },
    },
    {
      method: 'get',
      path: '/search',
      summary: 'Full-text search with facets (outlet, year, entity, event root)',
      tag: 'corpus',
      query: SearchQuery,
      response: 'SearchResult',
      handler: async (c) => {
        const q = parse(SearchQuery, c.req.query(), 'query');
        const { q: text, ...page } = q;
        const r = await store.search(text, page);
        return c.json({ ...r, limit: q.limit, offset: q.offset });
      },
    },
    {
      method: 'get',
      path: '/timeline',
      summary: "An entity's timeline: events, quotes and mentions by date",
      tag: 'corpus',
      query: TimelineQuery,
      response: 'TimelinePage',
      handler: async (c) => {
        const q = parse(TimelineQuery, c.req.query(), 'query');
        const rows = await store.timeline(q.entity, { limit: q.limit + 1, offset: q.offset });
        return c.json(paged(rows, q.limit, q.offset));
      },
    },
    {
      method: 'get',
      path: '/dyad',
      summary: 'Events between two actors per period, with mean Goldstein score',
      tag: 'corpus',
      query: DyadQuery,
      response: 'Dyad',
      handler: async (c) => {
        const q = parse(DyadQuery, c.req.query(), 'query');
        return c.json({ ...q, rows: await store.dyad(q.a, q.b, q.by) });
      },
    },
    {
      method: 'get',
      path: '/network',
      summary: 'Actor network: co-mention and event edges between the most-mentioned entities',
      tag: 'corpus',
      query: NetworkQuery,
      response: 'Network',
      handler: async (c) => {
        const q = parse(NetworkQuery, c.req.query(), 'query');
        const key = JSON.stringify(q);
        const hit = networkCache.get(key);
        if (hit && hit.gen === generation && Date.now() - hit.at < 60_000) return c.json(hit.value);
        const value = await buildNetwork(store, q);
        if (networkCache.size > 50) networkCache.clear();
        networkCache.set(key, { at: Date.now(), gen: generation, value });
        return c.json(value);
      },
    },
  ];

  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    if (c.req.path.startsWith('/api/') || c.req.path === '/openapi.json')
      c.header('Cache-Control', 'no-store');
  });

  app.use(
    '/api/*',
    timeout(limits.requestMs, () => new HTTPException(504, { message: 'request timed out' })),
  );
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: limits.bodyBytes,
      onError: (c) => c.json(errorBody('E_TOO_LARGE', `request body exceeds ${limits.bodyBytes} bytes`), 413),
    }),
  );

  const patterns: { method: string; re: RegExp }[] = [];
  // Micro-cache of GET responses with single-flight: under many concurrent
  // readers each distinct URL costs one store query per `cacheMs`.
  const cacheMs = opts.cacheMs ?? 2000;
  const cache = new Map<string, { at: number; gen: number; value: Cached }>();
  const inflight = new Map<string, Promise<Cached>>();
  const respond = (v: Cached) =>
    new Response(v.body, { status: v.status, headers: { 'Content-Type': v.type } });
  const cached =
    (handler: Handler): Handler =>
    async (c) => {
      const key = c.req.url;
      const now = Date.now();
      const hit = cache.get(key);
      if (hit && hit.gen === generation && now - hit.at < cacheMs) return respond(hit.value);
      let p = inflight.get(key);
      if (!p) {
        const gen = generation;
        p = (async () => {
          const res = await handler(c);
          const value = {
            status: res.status,
            body: new Uint8Array(await res.arrayBuffer()),
            type: res.headers.get('content-type') ?? 'application/json',
          };
          if (value.status === 200 && gen === generation) {
            if (cache.size >= 2000) cache.clear();
            cache.set(key, { at: Date.now(), gen, value });
          }
          return value;
        })();
        inflight.set(key, p);
        const clear = () => inflight.delete(key);
        p.then(clear, clear);
      }
      return respond(await p);
    };

  for (const r of routes) {
    const honoPath = `/api/v1${r.path.replace(/\{(\w+)\}/g, ':$1')}`;
    const handler = r.method === 'get' && !r.live && cacheMs > 0 ? cached(r.handler) : r.handler;
    app.on(r.method.toUpperCase(), honoPath, (c) => handler(c));
    patterns.push({
      method: r.method.toUpperCase(),
      re: new RegExp(`^/api/v1${r.path.replace(/\{\w+\}/g, '[^/]+')}$`),
    });
  }

  const openapi = buildOpenApi(routes, { version: API_VERSION, tokenRequired: Boolean(opts.token) });
  app.get('/openapi.json', (c) => c.json(openapi));

  app.all('/api/*', (c) => {
    const path = c.req.path.replace(/\/+$/, '');
    const allowed = patterns.filter((p) => p.re.test(path)).map((p) => p.method);
    if (allowed.length) {
      c.header('Allow', allowed.join(', '));
      return c.json(errorBody('E_METHOD_NOT_ALLOWED', `${c.req.method} is not allowed here`), 405);
    }
    return c.json(errorBody('E_NOT_FOUND', `no such endpoint: ${c.req.method} ${c.req.path}`), 404);
  });

  if (opts.webDir) app.get('*', createStaticHandler(opts.webDir));

  app.notFound((c) => c.json(errorBody('E_NOT_FOUND', `not found: ${c.req.path}`), 404));

  app.onError((err, c) => {
    if (err instanceof ApiError) {
      return c.json(errorBody(err.code, err.message, err.details), err.status as 400);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 504 ? 'E_TIMEOUT' : status === 413 ? 'E_TOO_LARGE' : 'E_BAD_REQUEST';
      return c.json(errorBody(code, err.message || 'bad request'), status);
    }
    logError(err);
    return c.json(errorBody('E_INTERNAL', 'internal error; see the server log'), 500);
  });

  return app;
}
