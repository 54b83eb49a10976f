/**
 * One work item → analysed, store-ready documents. Runs inside ingest worker
 * threads and queue workers. Every failure becomes a per-item error with a
 * stable code; nothing here throws.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { contentId } from '../../document/hash.ts';
import { type Article, DOCUMENT_SCHEMA, type Document } from '../../document/types.ts';
import { IngestError, type IngestOptions, ingestBytes, ingestText } from '../../ingest/index.ts';
import { type PreparedDoc, prepareDocument } from '../../store/rows.ts';
import { analyzeArticle } from '../analyze.ts';
import type { IngestItem, InputRecord } from './items.ts';

export interface ItemError {
  label: string;
  code: string;
  message: string;
}

export interface ItemResult<D = PreparedDoc> {
  /** Store-ready rows (or, from `analyseItem`, the analysed documents). */
  docs: D[];
  /** Ids of documents skipped because the store already has them. */
  known: string[];
  errors: ItemError[];
}

/** Answers whether a document id is already stored (so its analysis can be skipped). */
export type KnownCheck = (id: string) => boolean | Promise<boolean>;

const MAX_BYTES = 50 * 2 ** 20;
const FETCH_TIMEOUT_MS = 30_000;
const DAY = /^\d{4}-\d{2}-\d{2}/;

function strOf(x: unknown): string | null {
  return typeof x === 'string' && x.trim() ? x.trim() : typeof x === 'number' ? String(x) : null;
}

function dayOf(x: unknown): string | null {
  const s = strOf(x);
  return s && DAY.test(s) ? s.slice(0, 10) : null;
}

async function fetchBytes(url: string): Promise<{ bytes: Uint8Array; contentType: string | null }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  if (!res.ok) throw new IngestError('E_HTTP', `HTTP ${res.status} ${res.statusText}`);
  const len = Number(res.headers.get('content-length') ?? 0);
  if (len > MAX_BYTES) throw new IngestError('E_TOO_LARGE', `the response is ${len} bytes`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_BYTES) throw new IngestError('E_TOO_LARGE', `the response is ${bytes.length} bytes`);
  return { bytes, contentType: res.headers.get('content-type') };
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    const b = await readFile(path);
    if (b.length > MAX_BYTES) throw new IngestError('E_TOO_LARGE', `the file is ${b.length} bytes`);
    return b;
  } catch (err) {
    if (err instanceof IngestError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new IngestError(
      code === 'ENOENT' ? 'E_NOT_FOUND' : code === 'EISDIR' ? 'E_IS_DIRECTORY' : 'E_READ',
      (err as Error).message,
    );
  }
}

function applyRecordMeta(articles: Article[], rec: InputRecord): Article[] {
  const outlet = strOf(rec.source) ?? strOf(rec.outlet);
  const inputId = strOf(rec.id);
  const language = strOf(rec.language);
  return articles.map((a) => ({
    ...a,
    meta: {
      ...a.meta,
      outlet: a.meta.outlet ?? outlet,
      language: language ?? a.meta.language,
      extra: inputId ? { ...a.meta.extra, inputId } : a.meta.extra,
    },
  }));
}

function rawText(text: string, opts: IngestOptions): Article[] {
  try {
    return ingestText(text, { ...opts, raw: true });
  } catch (err) {
    // Before the readers land, the dispatcher may refuse; records with text are analysed as given.
    if (!(err instanceof IngestError) || err.code !== 'E_NOT_IMPLEMENTED') throw err;
    if (!text.trim()) throw new IngestError('E_EMPTY', 'the text is empty');
    return [
      {
        text,
        meta: {
          title: opts.title ?? null,
          authors: [],
          published: opts.published ?? null,
          outlet: null,
          language: 'en',
          url: opts.url ?? null,
          publishedSource: opts.published ? 'input' : null,
        },
        warnings: [],
      },
    ];
  }
}

/** An item → articles (before analysis). Throws IngestError. */
export async function itemArticles(item: IngestItem): Promise<Article[]> {
  switch (item.kind) {
    case 'error':
      throw new IngestError(item.code, item.message);
    case 'file':
      return ingestBytes(await readBytes(item.path), { url: item.path });
    case 'bytes':
      return ingestBytes(Buffer.from(item.base64, 'base64'), { url: item.name });
    case 'url': {
      const { bytes, contentType } = await fetchBytes(item.url);
      return ingestBytes(bytes, { url: item.url, contentType });
    }
    case 'record': {
      const r = item.record;
      const opts: IngestOptions = {
        title: strOf(r.title),
        published: dayOf(r.published),
        url: strOf(r.url),
      };
      let articles: Article[];
      if (typeof r.text === 'string') articles = rawText(r.text, opts);
      else if (typeof r.html === 'string') articles = ingestText(r.html, opts);
      else if (typeof r.path === 'string') {
        const p = item.base ? resolve(dirname(item.base), r.path) : r.path;
        articles = ingestBytes(await readBytes(p), { ...opts, url: opts.url ?? p });
      } else if (typeof r.url === 'string' && /^https?:\/\//i.test(r.url)) {
        const { bytes, contentType } = await fetchBytes(r.url);
        articles = ingestBytes(bytes, { ...opts, url: r.url, contentType });
      } else {
        throw new IngestError('E_BAD_RECORD', 'the record has none of text, html, path or url');
      }
      return applyRecordMeta(articles, r);
    }
  }
}

function errorOf(label: string, err: unknown, stage: 'ingest' | 'analyze'): ItemError {
  if (err instanceof IngestError) return { label, code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { label, code: stage === 'ingest' ? 'E_INGEST' : 'E_ANALYZE', message };
}

/** An exported Document (attache export --format jsonl), stored as it is. */
function isExportedDocument(item: IngestItem): item is Extract<IngestItem, { kind: 'record' }> {
  return item.kind === 'record' && (item.record as { schema?: unknown }).schema === DOCUMENT_SCHEMA;
}

/** An item → analysed documents; documents the store already has are skipped before analysis. */
export async function processItem(item: IngestItem, known?: KnownCheck): Promise<ItemResult> {
  const out = await analyseItem(item, known);
  const docs: PreparedDoc[] = [];
  for (const doc of out.docs) {
    try {
      docs.push(prepareDocument(doc));
    } catch (err) {
      out.errors.push(errorOf(item.label, err, isExportedDocument(item) ? 'ingest' : 'analyze'));
    }
  }
  return { ...out, docs };
}

/** An item → analysed documents, before they become store rows. */
export async function analyseItem(item: IngestItem, known?: KnownCheck): Promise<ItemResult<Document>> {
  const out: ItemResult<Document> = { docs: [], known: [], errors: [] };
  if (isExportedDocument(item)) {
    // an exported Document (attache export --format jsonl): stored as it is, without analysing it again
    const doc = item.record as unknown as Document;
    if (
      typeof doc.id !== 'string' ||
      typeof doc.text !== 'string' ||
      !doc.meta ||
      typeof doc.meta !== 'object'
    ) {
      out.errors.push({
        label: item.label,
        code: 'E_BAD_DOCUMENT',
        message: 'a Document needs id, meta and text',
      });
    } else if (known && (await known(doc.id))) out.known.push(doc.id);
    else out.docs.push(doc);
    return out;
  }
  let articles: Article[];
  try {
    articles = await itemArticles(item);
  } catch (err) {
    out.errors.push(errorOf(item.label, err, 'ingest'));
    return out;
  }
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i];
    const label = articles.length > 1 ? `${item.label}#${i + 1}` : item.label;
    try {
      const id = contentId(a.meta.title, a.text);
      if (known && (await known(id))) {
        out.known.push(id);
        continue;
      }
      out.docs.push(analyzeArticle(a, id));
    } catch (err) {
      out.errors.push(errorOf(label, err, 'analyze'));
    }
  }
  return out;
}
