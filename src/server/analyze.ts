import type { Article, Document } from '../document/types.ts';
import { IngestError, ingestBytes, ingestText } from '../ingest/index.ts';
import { analyzeArticle } from '../node/analyze.ts';
import { type FetchResult, fetchUrl } from '../node/fetch.ts';
import { ApiError } from './errors.ts';
import type { AnalyzeInput } from './schemas.ts';
import { assertPublicUrl, type Resolver } from './ssrf.ts';

/** Turns an analysis request ({text} | {html} | {url}) into a Document. */
export type Analyzer = (input: AnalyzeInput) => Promise<Document>;

export interface AnalyzerOptions {
  /** Fetch timeout for URL analysis (ms). */
  fetchTimeoutMs?: number;
  /** Largest response body fetched for URL analysis (bytes). */
  maxFetchBytes?: number;
  /** The fetcher (default: src/node/fetch.ts, which re-checks every address and redirect). */
  fetch?: (
    url: string,
    opts: { allowPrivate: false; timeoutMs: number; maxBytes: number },
  ) => Promise<FetchResult>;
  /** DNS resolution for the up-front address check (default: the system resolver). */
  resolve?: Resolver;
}

/** Ingest/fetch error codes → API code and status. */
const INGEST_ERRORS: Record<string, [string, number]> = {
  E_EMPTY: ['E_EMPTY', 422],
  E_BINARY: ['E_UNSUPPORTED_MEDIA_TYPE', 415],
  E_CONTENT_TYPE: ['E_UNSUPPORTED_MEDIA_TYPE', 415],
  E_TOO_LARGE: ['E_TOO_LARGE', 413],
  E_NOT_IMPLEMENTED: ['E_NOT_IMPLEMENTED', 501],
  E_PRIVATE_ADDRESS: ['E_URL_FORBIDDEN', 400],
  E_URL: ['E_VALIDATION', 400],
  E_FETCH: ['E_FETCH_FAILED', 502],
  E_REDIRECTS: ['E_FETCH_FAILED', 502],
  E_TIMEOUT: ['E_FETCH_FAILED', 504],
};

function fromIngestError(err: unknown): never {
  if (err instanceof IngestError) {
    const [code, status] = INGEST_ERRORS[err.code] ?? [err.code, 422];
    throw new ApiError(code, err.message, status);
  }
  throw err;
}

function firstArticle(articles: Article[]): Article {
  const a = articles[0];
  if (!a) throw new ApiError('E_EMPTY', 'the input contains no article text', 422);
  return a;
}

/** The default analyzer: ingestion (src/ingest) + the full default pipeline. */
export function createAnalyzer(opts: AnalyzerOptions = {}): Analyzer {
  const timeoutMs = opts.fetchTimeoutMs ?? 15_000;
  const maxBytes = opts.maxFetchBytes ?? 5_000_000;
  const fetcher = opts.fetch ?? fetchUrl;
  return async (input) => {
    const ingestOpts = { published: input.published ?? null, title: input.title ?? null };
    let article: Article;
    try {
      if (input.text !== undefined) {
        if (!input.text.trim()) throw new ApiError('E_EMPTY', '"text" is empty', 422);
        article = firstArticle(ingestText(input.text, ingestOpts));
      } else if (input.html !== undefined) {
        if (!input.html.trim()) throw new ApiError('E_EMPTY', '"html" is empty', 422);
        article = firstArticle(
          ingestBytes(new TextEncoder().encode(input.html), {
            ...ingestOpts,
            contentType: 'text/html; charset=utf-8',
          }),
        );
      } else {
        const url = await assertPublicUrl(input.url ?? '', opts.resolve);
        const got = await fetcher(url.href, { allowPrivate: false, timeoutMs, maxBytes });
        article = firstArticle(
          ingestBytes(got.bytes, { ...ingestOpts, contentType: got.contentType, url: got.finalUrl }),
        );
      }
    } catch (err) {
      fromIngestError(err);
    }
    return analyzeArticle(article);
  };
}

/**
 * Bounds concurrent analyses: at most `max` run at once and at most `queue`
 * wait; beyond that callers get E_BUSY (503) straight away.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly max: number,
    readonly queue: number,
  ) {}

  get running(): number {
    return this.active;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.max) this.active++;
    else {
      if (this.waiting.length >= this.queue) {
        throw new ApiError('E_BUSY', 'too many analyses in progress; retry shortly', 503);
      }
      // the slot is handed over by the finishing call, so `active` stays as it is
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
