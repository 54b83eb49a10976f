import type { Article, Document } from '../document/types.ts';
import { IngestError, type IngestOptions, ingestBytes, ingestText } from '../ingest/index.ts';
import { analyzeArticle } from '../node/analyze.ts';
import { type FetchResult, fetchUrl } from '../node/fetch.ts';
import { ApiError } from './errors.ts';
import type { AnalyzeInput } from './schemas.ts';
import { AnalysisPool } from './pool.ts';
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
  /** Worker threads for ingestion + analysis (default 2); 0 runs them on the calling thread. */
  workers?: number;
  /** Longest time one analysis may take before its worker is replaced (ms). */
  timeoutMs?: number;
}

/** What a worker thread is asked to do: ingest text or bytes, then run the pipeline. */
export type AnalysisJob =
  | { kind: 'text'; text: string; opts: IngestOptions }
  | { kind: 'bytes'; bytes: Uint8Array; opts: IngestOptions };

/** Ingestion + the default pipeline, synchronously (runs inside a worker thread, or inline). */
export function runJob(job: AnalysisJob): Document {
  let article: Article;
  try {
    article = firstArticle(
      job.kind === 'text' ? ingestText(job.text, job.opts) : ingestBytes(job.bytes, job.opts),
    );
  } catch (err) {
    fromIngestError(err);
  }
  return analyzeArticle(article);
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

/** The default analyzer: URL fetching here, ingestion + the default pipeline in worker threads. */
export function createAnalyzer(opts: AnalyzerOptions = {}): Analyzer {
  const timeoutMs = opts.fetchTimeoutMs ?? 15_000;
  const maxBytes = opts.maxFetchBytes ?? 5_000_000;
  const fetcher = opts.fetch ?? fetchUrl;
  const workers = opts.workers ?? 2;
  let pool: AnalysisPool | null = null;
  const execute = (job: AnalysisJob): Promise<Document> => {
    if (workers <= 0) return Promise.resolve().then(() => runJob(job));
    pool ??= new AnalysisPool(workers, opts.timeoutMs ?? 60_000);
    return pool.run(job);
  };
  return async (input) => {
    const ingestOpts: IngestOptions = { published: input.published ?? null, title: input.title ?? null };
    if (input.text !== undefined) {
      if (!input.text.trim()) throw new ApiError('E_EMPTY', '"text" is empty', 422);
      return execute({ kind: 'text', text: input.text, opts: ingestOpts });
    }
    if (input.html !== undefined) {
      if (!input.html.trim()) throw new ApiError('E_EMPTY', '"html" is empty', 422);
      return execute({
        kind: 'bytes',
        bytes: new TextEncoder().encode(input.html),
        opts: { ...ingestOpts, contentType: 'text/html; charset=utf-8' },
      });
    }
    const url = await assertPublicUrl(input.url ?? '', opts.resolve);
    let got: FetchResult;
    try {
      got = await fetcher(url.href, { allowPrivate: false, timeoutMs, maxBytes });
    } catch (err) {
      fromIngestError(err);
    }
    return execute({
      kind: 'bytes',
      bytes: got.bytes,
      opts: { ...ingestOpts, contentType: got.contentType, url: got.finalUrl },
    });
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
