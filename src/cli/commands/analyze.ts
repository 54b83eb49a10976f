import { createReadStream, type Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Article, Document, Warning } from '../../document/types.ts';
import { IngestError, type IngestOptions, ingestBytes, ingestText } from '../../ingest/index.ts';
import { readPlainText } from '../../ingest/text.ts';
import { analyzeArticle } from '../../node/analyze.ts';
import { fetchUrl } from '../../node/fetch.ts';
import { formatEventsCsv, formatEventsTsv } from '../../events/gdelt.ts';
import { renderDossier } from '../dossier/index.ts';
import { CliError } from '../errors.ts';

const DEFAULT_MAX_BYTES = 50 * 2 ** 20;
/** Files a directory input contributes: article-like text, HTML and feeds. */
const ARTICLE_EXT = new Set(['.txt', '.text', '.md', '.html', '.htm', '.xhtml', '.xml', '.rss', '.atom']);

type OutputFormat = 'dossier' | 'json' | 'events-csv' | 'events-tsv';

interface AnalyzeOptions {
  json?: boolean;
  format?: OutputFormat;
  raw?: boolean;
  published?: string;
  title?: string;
  jsonl?: string;
  maxBytes: number;
  allowPrivate?: boolean;
  timeout: number;
}

const HELP_AFTER = `
Input:
  <input> is a file, a directory (every .txt/.md/.html/.xml/.rss file in it,
  in name order), an http(s) URL, or - for standard input. Plain text, HTML
  and RSS/Atom feeds are recognised; a feed gives one Document per item.

Output:
  By default a readable dossier: title, outlet, date (and where it came from),
  authors, language, counts and warnings, then the sections of each layer.
  --json prints the Document (schema attache/document@1, see README.md); when
  one input gives several Documents (a directory, a feed) they are printed one
  JSON object per line.

Batch mode (--jsonl):
  Each input line is a JSON object {"id", "text"?, "html"?, "path"?, "url"?,
  "published"?, "title"?}. A "text" record is analysed exactly as given (like
  --raw); "html", "path" and "url" records go through ingestion. The output is
  one Document per line, in input order, whose "id" is the record's id; a bad
  record gives {"id", "error": {"code", "message"}} and the batch goes on.

Event table (--format events-csv | events-tsv):
  One row per event in the GDELT 2.0 event-table layout (its 61 columns), then
  attache's own columns: evidence offsets, modality, PLOVER type and more (see
  README.md, "Events"). The header is printed once, whatever the number of inputs.

Exit codes:
  0  success (in batch mode, also when some records failed)
  1  bad input (unreadable, empty, binary, too large, not text)
  2  usage error (wrong options or arguments)

Examples:
  $ attache analyze examples/jakarta-asean-maritime-talks.txt
  $ attache analyze --json --published 2023-10-28 article.txt > article.json
  $ cat article.txt | attache analyze --raw --json -
  $ attache analyze --json examples/            # one Document per line
  $ attache analyze https://example.org/news/some-article
  $ attache analyze --jsonl batch.jsonl > documents.jsonl
  $ attache analyze --format events-csv examples/ > events.csv
`;

function parseDate(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !d || d.getUTCDate() !== +m[3] || d.getUTCMonth() !== +m[2] - 1)
    throw new InvalidArgumentError('expected a calendar date as YYYY-MM-DD');
  return v;
}

function parseSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|m|mb|g|gb)?$/i.exec(v.trim());
  if (!m) throw new InvalidArgumentError('expected a size such as 50MB, 200kb or 1048576');
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 2 ** 10 : unit === 'm' ? 2 ** 20 : unit === 'g' ? 2 ** 30 : 1;
  const n = Math.floor(Number(m[1]) * mult);
  if (n < 1) throw new InvalidArgumentError('the size must be at least 1 byte');
  return n;
}

function parseMs(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of milliseconds');
  return n;
}

/** `attache analyze`: articles to Documents (JSON) or terminal dossiers. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('analyse articles: print a dossier, or the Document as JSON')
    .argument('[input]', 'file, directory, http(s) URL, or - for standard input')
    .option('--json', 'print the Document as JSON instead of a dossier (same as --format json)')
    .addOption(
      new Option(
        '--format <format>',
        'output: a dossier, the Document as JSON, or a GDELT 2.0 event table',
      ).choices(['dossier', 'json', 'events-csv', 'events-tsv']),
    )
    .option('--raw', 'analyse the input exactly as given: no header parsing, no boilerplate removal')
    .option(
      '--published <YYYY-MM-DD>',
      'publication date, for resolving relative dates ("last Tuesday")',
      parseDate,
    )
    .option('--title <title>', 'title of the article (overrides what the reader finds)')
    .option('--jsonl <file|->', 'batch mode: analyse the JSON records of a JSONL file (or - for stdin)')
    .addOption(
      new Option('--max-bytes <size>', 'refuse inputs larger than this (e.g. 50MB, 500kb)')
        .argParser(parseSize)
        .default(DEFAULT_MAX_BYTES, '50MB'),
    )
    .option('--allow-private', 'allow fetching URLs on private or loopback addresses')
    .addOption(
      new Option('--timeout <ms>', 'time limit for fetching a URL').argParser(parseMs).default(30_000),
    )
    .addHelpText('after', HELP_AFTER)
    .action(async (input: string | undefined, opts: AnalyzeOptions) => {
      guardStdout();
      if (opts.json && opts.format && opts.format !== 'json')
        throw new CliError(`--json and --format ${opts.format} contradict each other`, 2);
      if (opts.json) opts.format = 'json';
      opts.format ??= 'dossier';
      opts.json = opts.format === 'json';
      if (opts.jsonl !== undefined) {
        if (input !== undefined) throw new CliError('give either an input or --jsonl, not both', 2);
        await runBatch(opts.jsonl, opts);
        return;
      }
      if (input === undefined)
        throw new CliError(
          'missing input',
          2,
          'usage: attache analyze [options] <file|dir|url|->  (see --help)',
        );
      await runSingle(input, opts);
    });
}

/** A closed pipe (`attache analyze … | head`) ends the program quietly. */
function guardStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
}

async function write(s: string): Promise<void> {
  if (!process.stdout.write(s)) await new Promise<void>((r) => process.stdout.once('drain', () => r()));
}

// ---------------------------------------------------------------------------
// Reading inputs

async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw new IngestError(
        'E_TOO_LARGE',
        `standard input is over the ${formatSize(maxBytes)} limit (see --max-bytes)`,
      );
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function readFileCapped(path: string, st: Stats, maxBytes: number): Promise<Uint8Array> {
  if (st.size > maxBytes)
    throw new IngestError(
      'E_TOO_LARGE',
      `the file is ${formatSize(st.size)}, over the ${formatSize(maxBytes)} limit (see --max-bytes)`,
    );
  const fh = await open(path, 'r');
  try {
    // read at most maxBytes + 1, in case the file grew since stat
    const buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let off = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, off, buf.length - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
      if (off >= buf.length) break;
    }
    if (off > maxBytes)
      throw new IngestError('E_TOO_LARGE', `the file is over the ${formatSize(maxBytes)} limit`);
    return new Uint8Array(buf.buffer, buf.byteOffset, off);
  } finally {
    await fh.close();
  }
}

function formatSize(n: number): string {
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(n % 2 ** 20 ? 1 : 0)} MB`;
  if (n >= 2 ** 10) return `${(n / 2 ** 10).toFixed(n % 2 ** 10 ? 1 : 0)} KB`;
  return `${n} bytes`;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Binary content: NUL bytes or well-known binary signatures in the first bytes. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  if (head.length >= 4) {
    const sig = (head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3];
    // PNG, GIF, PDF, ZIP, gzip, JPEG
    if (sig === (0x89504e47 | 0) || sig === 0x47494638 || sig === 0x25504446 || sig === 0x504b0304)
      return true;
    if (head[0] === 0x1f && head[1] === 0x8b) return true;
    if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return true;
  }
  // UTF-16 text has NULs too, but starts with a byte-order mark
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  return head.includes(0);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Bytes → articles: exactly as given with --raw (or a JSONL "text"), else through ingestion. */
function toArticles(bytes: Uint8Array, opts: IngestOptions): Article[] {
  if (!opts.raw) {
    const articles = ingestBytes(bytes, opts);
    // a legacy encoding is guessed silently by ingestion; say so when the bytes were not UTF-8
    if (!isUtf8(bytes)) {
      for (const a of articles) {
        if (!a.warnings.some((w) => /ENCODING|UTF8|REPLACEMENT/.test(w.code)))
          a.warnings.push({
            code: 'W_NOT_UTF8',
            message: 'the input is not valid UTF-8; its encoding was guessed, so check unusual characters',
          });
      }
    }
    return articles;
  }
  if (bytes.length === 0) throw new IngestError('E_EMPTY', 'the input is empty');
  if (looksBinary(bytes)) throw new IngestError('E_BINARY', 'the input is binary data, not text');
  let text: string;
  const warnings: Warning[] = [];
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    warnings.push({
      code: 'W_INVALID_UTF8',
      message: 'the input is not valid UTF-8; invalid bytes were replaced by U+FFFD',
    });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const article = readPlainText(text, opts);
  article.warnings.push(...warnings);
  return [article];
}

interface Source {
  /** How the input is named in messages and batch output. */
  label: string;
  load(): Promise<{ bytes: Uint8Array; url: string | null; contentType: string | null }>;
}

async function sourcesFor(
  input: string,
  opts: AnalyzeOptions,
): Promise<{ sources: Source[]; isDir: boolean }> {
  if (input === '-') {
    return {
      isDir: false,
      sources: [
        {
          label: 'stdin',
          load: async () => ({ bytes: await readStdin(opts.maxBytes), url: null, contentType: null }),
        },
      ],
    };
  }
  if (isUrl(input)) return { isDir: false, sources: [urlSource(input, opts)] };
  let st: Stats;
  try {
    st = await stat(input);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      code === 'ENOENT' ? `no such file or directory: ${input}` : `cannot read ${input}: ${code ?? err}`,
      1,
    );
  }
  if (st.isDirectory()) {
    const names = (await readdir(input, { withFileTypes: true }))
      .filter((d) => d.isFile() && !d.name.startsWith('.') && ARTICLE_EXT.has(extname(d.name).toLowerCase()))
      .map((d) => d.name)
      .sort();
    if (!names.length)
      throw new CliError(`no article files in ${input}`, 1, `looked for ${[...ARTICLE_EXT].join(' ')}`);
    return { isDir: true, sources: names.map((n) => fileSource(join(input, n), opts)) };
  }
  if (!st.isFile()) throw new CliError(`not a regular file: ${input}`, 1);
  return { isDir: false, sources: [fileSource(input, opts, st)] };
}

function fileSource(path: string, opts: AnalyzeOptions, known?: Stats): Source {
  return {
    label: path,
    load: async () => {
      const st = known ?? (await stat(path));
      return { bytes: await readFileCapped(path, st, opts.maxBytes), url: path, contentType: null };
    },
  };
}

function urlSource(url: string, opts: AnalyzeOptions): Source {
  return {
    label: url,
    load: async () => {
      const r = await fetchUrl(url, {
        allowPrivate: opts.allowPrivate,
        timeoutMs: opts.timeout,
        maxBytes: opts.maxBytes,
      });
      return { bytes: r.bytes, url: r.finalUrl, contentType: r.contentType };
    },
  };
}

function describe(err: unknown): { code: string; message: string } {
  if (err instanceof IngestError) return { code: err.code, message: err.message };
  if (err instanceof CliError) return { code: 'E_INPUT', message: err.message };
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return { code: 'E_NOT_FOUND', message: `no such file: ${e.path ?? ''}` };
  if (e?.code === 'EACCES') return { code: 'E_UNREADABLE', message: `permission denied: ${e.path ?? ''}` };
  if (e?.code === 'EISDIR') return { code: 'E_INPUT', message: 'a directory, not a file' };
  return { code: 'E_INTERNAL', message: e instanceof Error ? e.message : String(err) };
}

function analyze(article: Article): Document {
  try {
    return analyzeArticle(article);
  } catch (err) {
    throw new IngestError(
      'E_ANALYSIS',
      `analysis failed: ${err instanceof Error ? err.message : String(err)}` +
        (process.env.ATTACHE_DEBUG && err instanceof Error ? `\n${err.stack}` : ''),
    );
  }
}

// ---------------------------------------------------------------------------
// One input (file, directory, URL, stdin)

async function runSingle(input: string, opts: AnalyzeOptions): Promise<void> {
  const { sources, isDir } = await sourcesFor(input, opts);
  let ok = 0;
  let failed = 0;
  let printed = 0;
  const many = isDir;
  for (const src of sources) {
    try {
      const { bytes, url, contentType } = await src.load();
      const articles = toArticles(bytes, {
        raw: opts.raw,
        maxBytes: opts.maxBytes,
        published: opts.published ?? null,
        title: opts.title ?? null,
        url,
        contentType,
      });
      const multi = many || articles.length > 1;
      for (const article of articles) {
        let doc = analyze(article);
        if (many) doc = { ...doc, meta: { ...doc.meta, extra: { ...doc.meta.extra, input: src.label } } };
        if (isTable(opts)) await write(eventRows(doc, opts, printed === 0));
        else if (opts.json)
          await write(multi ? `${JSON.stringify(doc)}\n` : `${JSON.stringify(doc, null, 2)}\n`);
        else {
          if (printed > 0) await write(`\n${'─'.repeat(72)}\n\n`);
          if (multi && many) await write(`${src.label}\n`);
          await write(renderDossier(doc));
        }
        printed++;
      }
      ok++;
    } catch (err) {
      if (err instanceof CliError) throw err;
      const e = describe(err);
      if (!many) throw new CliError(`${src.label}: ${e.message}`, 1, hintFor(e.code));
      failed++;
      if (opts.json) await write(`${JSON.stringify({ id: src.label, error: e })}\n`);
      else process.stderr.write(`attache: ${src.label}: ${e.message} [${e.code}]\n`);
    }
  }
  if (isTable(opts) && printed === 0 && ok > 0) await write(eventRows(null, opts, true));
  if (ok === 0 && failed > 0) process.exitCode = 1;
}

function isTable(opts: AnalyzeOptions): boolean {
  return opts.format === 'events-csv' || opts.format === 'events-tsv';
}

/** Event-table lines of one Document; the header only once, before the first. */
function eventRows(doc: Document | null, opts: AnalyzeOptions, header: boolean): string {
  const csv = opts.format === 'events-csv';
  if (!doc) return csv ? formatEventsCsv([]) : formatEventsTsv([], true);
  if (csv) {
    const out = formatEventsCsv([doc]);
    return header ? out : out.slice(out.indexOf('\r\n') + 2);
  }
  return formatEventsTsv([doc], header);
}

function hintFor(code: string): string | undefined {
  switch (code) {
    case 'E_TOO_LARGE':
      return 'raise the limit with --max-bytes if this really is one article';
    case 'E_BINARY':
      return 'attache reads plain text, HTML and RSS/Atom feeds';
    case 'E_EMPTY':
      return 'the input has no text to analyse';
    case 'E_ENCODING':
    case 'E_INVALID_UTF8':
      return 'convert the file to UTF-8, or use --raw to analyse it with invalid bytes replaced';
    case 'E_PRIVATE_ADDRESS':
      return 'use --allow-private to fetch from private or loopback addresses';
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------
// Batch mode: JSONL records in, one Document (or error) per line out

interface BatchRecord {
  id?: unknown;
  text?: unknown;
  html?: unknown;
  path?: unknown;
  url?: unknown;
  published?: unknown;
  title?: unknown;
}

async function runBatch(file: string, opts: AnalyzeOptions): Promise<void> {
  let stream: NodeJS.ReadableStream;
  let base = process.cwd();
  if (file === '-') stream = process.stdin;
  else {
    try {
      const st = await stat(file);
      if (!st.isFile()) throw new CliError(`not a regular file: ${file}`, 1);
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`, 1);
    }
    stream = createReadStream(file);
    base = dirname(resolve(file));
  }
  let lineNo = 0;
  let rowsWritten = 0;
  for await (const line of cappedLines(stream, opts.maxBytes)) {
    lineNo++;
    if (line !== null && !line.trim()) continue;
    if (line === null) {
      await write(
        `${JSON.stringify({ id: null, error: { code: 'E_TOO_LARGE', message: `line ${lineNo} is over the size limit` } })}\n`,
      );
      continue;
    }
    let rec: BatchRecord;
    try {
      rec = JSON.parse(line);
    } catch {
      await write(
        `${JSON.stringify({ id: null, error: { code: 'E_BAD_JSON', message: `line ${lineNo} is not valid JSON` } })}\n`,
      );
      continue;
    }
    const id = typeof rec?.id === 'string' || typeof rec?.id === 'number' ? String(rec.id) : null;
    try {
      if (!rec || typeof rec !== 'object' || Array.isArray(rec))
        throw new IngestError('E_BAD_RECORD', `line ${lineNo} is not a JSON object`);
      const docs = await batchRecord(rec, opts, base, lineNo);
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k];
        const outId = id === null ? d.id : docs.length > 1 ? `${id}#${k + 1}` : id;
        const doc: Document = {
          ...d,
          id: outId,
          meta: { ...d.meta, extra: { ...d.meta.extra, contentId: d.id } },
        };
        if (isTable(opts)) await write(eventRows(doc, opts, rowsWritten++ === 0));
        else await write(`${JSON.stringify(doc)}\n`);
      }
    } catch (err) {
      const e = describe(err);
      if (isTable(opts))
        process.stderr.write(`attache: record ${id ?? `on line ${lineNo}`}: ${e.message} [${e.code}]\n`);
      else await write(`${JSON.stringify({ id, error: e })}\n`);
    }
  }
  if (isTable(opts) && rowsWritten === 0) await write(eventRows(null, opts, true));
}

/**
 * Lines of a stream, each at most `max` bytes: a longer line is skipped (yielded as null) without
 * being held in memory, so one huge or binary "line" cannot exhaust it.
 */
async function* cappedLines(stream: NodeJS.ReadableStream, max: number): AsyncGenerator<string | null> {
  const decoder = new TextDecoder();
  let parts: Buffer[] = [];
  let size = 0;
  let over = false;
  const finish = (): string | null => {
    const line = over ? null : decoder.decode(Buffer.concat(parts)).replace(/\r$/, '');
    parts = [];
    size = 0;
    over = false;
    return line;
  };
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = 0;
    for (let nl = buf.indexOf(10, from); nl >= 0; nl = buf.indexOf(10, from)) {
      if (!over) parts.push(buf.subarray(from, nl));
      size += nl - from;
      if (size > max) over = true;
      yield finish();
      from = nl + 1;
    }
    const rest = buf.subarray(from);
    size += rest.length;
    if (size > max) {
      over = true;
      parts = [];
    } else if (rest.length) parts.push(rest);
  }
  if (size > 0 || over) yield finish();
}

function str(x: unknown): string | null {
  return typeof x === 'string' ? x : null;
}

async function batchRecord(
  rec: BatchRecord,
  opts: AnalyzeOptions,
  base: string,
  lineNo: number,
): Promise<Document[]> {
  const warnings: Warning[] = [];
  let published: string | null = opts.published ?? null;
  if (rec.published !== undefined && rec.published !== null) {
    const p = str(rec.published);
    const m = p ? /^(\d{4}-\d{2}-\d{2})/.exec(p) : null;
    if (m) published = m[1];
    else warnings.push({ code: 'W_BAD_PUBLISHED', message: `ignored "published": expected YYYY-MM-DD` });
  }
  const title = str(rec.title) ?? opts.title ?? null;
  const common: IngestOptions = { published, title, maxBytes: opts.maxBytes };
  let articles: Article[];
  if (rec.text !== undefined) {
    const text = str(rec.text);
    if (text === null) throw new IngestError('E_BAD_RECORD', `"text" must be a string (line ${lineNo})`);
    articles = [readPlainText(text, { ...common, raw: true })];
  } else if (rec.html !== undefined) {
    const html = str(rec.html);
    if (html === null) throw new IngestError('E_BAD_RECORD', `"html" must be a string (line ${lineNo})`);
    if (html.length > opts.maxBytes)
      throw new IngestError('E_TOO_LARGE', 'the "html" is over the size limit');
    articles = ingestText(html, { ...common, contentType: 'text/html', raw: opts.raw });
  } else if (rec.path !== undefined) {
    const p = str(rec.path);
    if (!p) throw new IngestError('E_BAD_RECORD', `"path" must be a non-empty string (line ${lineNo})`);
    const full = resolve(base, p);
    const st = await stat(full);
    if (!st.isFile()) throw new IngestError('E_INPUT', `not a regular file: ${p}`);
    const bytes = await readFileCapped(full, st, opts.maxBytes);
    articles = toArticles(bytes, { ...common, url: p, raw: opts.raw });
  } else if (rec.url !== undefined) {
    const u = str(rec.url);
    if (!u || !isUrl(u))
      throw new IngestError('E_BAD_RECORD', `"url" must be an http(s) URL (line ${lineNo})`);
    const r = await fetchUrl(u, {
      allowPrivate: opts.allowPrivate,
      timeoutMs: opts.timeout,
      maxBytes: opts.maxBytes,
    });
    articles = toArticles(r.bytes, { ...common, url: r.finalUrl, contentType: r.contentType, raw: opts.raw });
  } else {
    throw new IngestError('E_BAD_RECORD', `line ${lineNo} has none of "text", "html", "path", "url"`);
  }
  return articles.map((a) => analyze(warnings.length ? { ...a, warnings: [...a.warnings, ...warnings] } : a));
}
