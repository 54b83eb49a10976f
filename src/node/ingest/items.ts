/**
 * Ingest inputs → a lazy stream of work items. Files, directories (walked in
 * sorted order), URLs, and JSONL (.jsonl, .jsonl.gz, .ndjson) whose records
 * are streamed line by line, so memory does not grow with the input.
 */
import { createReadStream, type Dirent } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** One JSONL record: the corpus shape {id,title,published,source,text} or the batch shape {id,text|html|path|url,…}. */
export interface InputRecord {
  id?: unknown;
  title?: unknown;
  published?: unknown;
  source?: unknown;
  outlet?: unknown;
  language?: unknown;
  text?: unknown;
  html?: unknown;
  path?: unknown;
  url?: unknown;
}

export type IngestItem =
  | { kind: 'record'; label: string; record: InputRecord; base?: string }
  | { kind: 'file'; label: string; path: string }
  | { kind: 'url'; label: string; url: string }
  | { kind: 'bytes'; label: string; name: string; base64: string }
  /** An input that failed before analysis (unreadable file, bad JSON line): reported, never analysed. */
  | { kind: 'error'; label: string; code: string; message: string };

const JSONL = /\.(jsonl|ndjson)(\.gz)?$/i;
const SKIP_EXT =
  /\.(png|jpe?g|gif|webp|svg|ico|mp3|mp4|avi|mov|zip|tar|tgz|7z|rar|exe|dll|so|dylib|woff2?|ttf|otf|db|db-wal|db-shm|sqlite)$/i;

export function isUrl(x: string): boolean {
  return /^https?:\/\//i.test(x);
}

export function isJsonl(path: string): boolean {
  return JSONL.test(path);
}

/** Progress of reading the inputs, in bytes (compressed bytes for .gz). */
export class InputProgress {
  total = 0;
  done = 0;
  private current = 0;
  advance(bytes: number): void {
    this.done += bytes;
  }
  setCurrent(bytes: number): void {
    this.current = bytes;
  }
  get read(): number {
    return this.done + this.current;
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  let entries: Dirent[] = [];
  try {
    const d = await opendir(dir);
    for await (const e of d) entries.push(e);
  } catch {
    entries = [];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && !SKIP_EXT.test(e.name)) yield p;
  }
}

/** Total bytes of the inputs (for percentage and ETA); URLs count as unknown. */
export async function measureInputs(inputs: string[]): Promise<number> {
  let total = 0;
  for (const input of inputs) {
    if (isUrl(input) || input === '-') continue;
    try {
      const s = await stat(input);
      if (s.isDirectory()) {
        for await (const p of walk(input)) total += (await stat(p).catch(() => ({ size: 0 }))).size;
      } else total += s.size;
    } catch {
      // reported when the item is read
    }
  }
  return total;
}

async function* jsonlRecords(path: string, progress: InputProgress): AsyncGenerator<IngestItem> {
  const raw: NodeJS.ReadableStream = path === '-' ? process.stdin : createReadStream(path);
  const name = path === '-' ? 'stdin' : basename(path);
  const counter = raw as { bytesRead?: number };
  let failed: Error | null = null;
  raw.on('error', (err: Error) => {
    failed = err;
  });
  const stream: NodeJS.ReadableStream = /\.gz$/i.test(path) ? raw.pipe(createGunzip()) : raw;
  stream.on('error', (err: Error) => {
    failed = err;
    (stream as unknown as { destroy?: () => void }).destroy?.();
  });
  const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of rl) {
      line++;
      progress.setCurrent(counter.bytesRead ?? 0);
      if (!text.trim()) continue;
      const label = `${name}:${line}`;
      let rec: unknown;
      try {
        rec = JSON.parse(text);
      } catch (err) {
        yield {
          kind: 'error',
          label,
          code: 'E_BAD_JSON',
          message: `not valid JSON (${(err as Error).message})`,
        };
        continue;
      }
      if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
        yield { kind: 'error', label, code: 'E_BAD_RECORD', message: 'a JSONL line must be an object' };
        continue;
      }
      const r = rec as InputRecord;
      yield {
        kind: 'record',
        label: typeof r.id === 'string' || typeof r.id === 'number' ? `${label} (${r.id})` : label,
        record: r,
        base: path === '-' ? undefined : path,
      };
    }
  } catch (err) {
    failed ??= err as Error;
  }
  if (failed) {
    yield {
      kind: 'error',
      label: `${name}:${line + 1}`,
      code: 'E_READ',
      message: `reading stopped: ${(failed as Error).message}`,
    };
  }
  progress.setCurrent(0);
}

/** Expands inputs into items, lazily and in a stable order. */
export async function* expandInputs(inputs: string[], progress: InputProgress): AsyncGenerator<IngestItem> {
  for (const input of inputs) {
    if (isUrl(input)) {
      yield { kind: 'url', label: input, url: input };
      continue;
    }
    if (input === '-') {
      yield* jsonlRecords('-', progress);
      continue;
    }
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(input);
    } catch {
      yield { kind: 'error', label: input, code: 'E_NOT_FOUND', message: 'no such file or directory' };
      continue;
    }
    const files = s.isDirectory() ? walk(input) : single(input);
    for await (const path of files) {
      const size = (await stat(path).catch(() => ({ size: 0 }))).size;
      if (isJsonl(path)) {
        yield* jsonlRecords(path, progress);
      } else {
        yield { kind: 'file', label: path, path };
      }
      progress.advance(size);
    }
  }
}

async function* single(path: string): AsyncGenerator<string> {
  yield path;
}
