import type { Article, Warning } from '../document/types.ts';
import { decodeBytes } from './encoding.ts';
import { looksLikeFeed, readFeed } from './feed.ts';
import { readHtml } from './html/index.ts';
import { readPlainText } from './text.ts';

/**
 * Ingestion: bytes or text from anywhere to clean Articles. This module is the
 * dispatcher (sniffs HTML, RSS/Atom feeds, plain text, binary) and stays free
 * of Node-only APIs; fetching URLs lives in src/node/fetch.ts.
 */
export interface IngestOptions {
  /** HTTP Content-Type header, when the bytes came from the web (charset and type hints). */
  contentType?: string | null;
  /** Where the bytes came from (URL or file name): a hint for type, date and outlet. */
  url?: string | null;
  /** Analyse exactly as given: no header parsing, no boilerplate removal (`text` === input). */
  raw?: boolean;
  /** Publication date override (YYYY-MM-DD). */
  published?: string | null;
  /** Title override. */
  title?: string | null;
  /** Largest input accepted, in bytes (default 50 MB). */
  maxBytes?: number;
}

/** An input that cannot become an article, with a stable code (E_EMPTY, E_BINARY, E_TOO_LARGE, …). */
export class IngestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

const MAGIC: [string, number[]][] = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['ZIP archive (or DOCX/XLSX/EPUB)', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip archive', [0x1f, 0x8b]],
  ['RIFF media (WebP/WAV/AVI)', [0x52, 0x49, 0x46, 0x46]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf]],
  ['bzip2 archive', [0x42, 0x5a, 0x68]],
  ['xz archive', [0xfd, 0x37, 0x7a, 0x58, 0x5a]],
  ['OLE document (DOC/XLS)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
  ['Ogg media', [0x4f, 0x67, 0x67, 0x53]],
  ['MP4/QuickTime media', [-1, -1, -1, -1, 0x66, 0x74, 0x79, 0x70]],
];

/** A description of binary content, or null when the bytes may be text. */
export function sniffBinary(b: Uint8Array): string | null {
  for (const [name, sig] of MAGIC) {
    if (b.length < sig.length) continue;
    let ok = true;
    for (let i = 0; i < sig.length; i++) {
      if (sig[i] >= 0 && b[i] !== sig[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return name;
  }
  // Control bytes: UTF-16 has many NULs but in a regular pattern; binary has them everywhere.
  const n = Math.min(b.length, 8192);
  if (n === 0) return null;
  const isUtf16 =
    (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || alternatingNuls(b.subarray(0, n));
  if (isUtf16) return null;
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) return 'binary file (NUL bytes)';
    if (c < 9 || (c > 13 && c < 32 && c !== 27)) ctrl++;
  }
  return ctrl > n * 0.1 ? 'binary file (control bytes)' : null;
}

function alternatingNuls(b: Uint8Array): boolean {
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < b.length; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const half = b.length / 2;
  return (odd > half * 0.3 && even < half * 0.05) || (even > half * 0.3 && odd < half * 0.05);
}

const HTML_START = /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>]|<!--)/i;
const HTML_TAGS = /<(?:p|div|br|a\s+href|h[1-6]|article|section|span|table|ul|li|img|script|style)\b[^>]*>/gi;

/** What the text is: 'feed', 'html' or 'text'. */
export function sniffType(
  text: string,
  contentType?: string | null,
  url?: string | null,
): 'feed' | 'html' | 'text' {
  const head = text.slice(0, 4096);
  if (looksLikeFeed(head)) return 'feed';
  const ct = (contentType ?? '').toLowerCase();
  if (/html/.test(ct)) return 'html';
  if (HTML_START.test(head)) return 'html';
  if (/^\s*<\?xml/i.test(head) && /<html/i.test(head)) return 'html';
  if (url && /\.x?html?(?:$|[?#])/i.test(url) && /</.test(head)) return 'html';
  // Markup-heavy text without a doctype (fragments, truncated pages).
  const tags = head.match(HTML_TAGS)?.length ?? 0;
  if (tags >= 3 && /^\s*</.test(head)) return 'html';
  if (tags >= 8) return 'html';
  return 'text';
}

/** Bytes of a file or HTTP body → one article (or one per feed item). Throws IngestError on unusable input. */
export function ingestBytes(bytes: Uint8Array, opts: IngestOptions = {}): Article[] {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > max) {
    throw new IngestError(
      'E_TOO_LARGE',
      `input is ${fmtBytes(bytes.length)}, over the ${fmtBytes(max)} limit (an article is rarely over 1 MB)`,
    );
  }
  if (bytes.length === 0) throw new IngestError('E_EMPTY', 'input is empty');
  const binary = sniffBinary(bytes);
  if (binary) throw new IngestError('E_BINARY', `input is not text: it looks like a ${binary}`);
  const decoded = decodeBytes(bytes, { contentType: opts.contentType });
  const articles = ingestText(decoded.text, opts);
  if (decoded.warnings.length) {
    const replaced = decoded.warnings.some((w) => w.code === 'W_ENCODING_REPLACED');
    for (const a of articles) {
      if (replaced) a.warnings = a.warnings.filter((w) => w.code !== 'W_REPLACEMENT_CHARS');
      a.warnings.unshift(...decoded.warnings);
    }
  }
  return articles;
}

/** Already-decoded text (plain text, or HTML when it looks like HTML) → articles. */
export function ingestText(text: string, opts: IngestOptions = {}): Article[] {
  if (typeof text !== 'string') throw new IngestError('E_EMPTY', 'input is not text');
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > max) throw new IngestError('E_TOO_LARGE', `input is over the ${fmtBytes(max)} limit`);
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  if (!text.trim()) {
    throw new IngestError('E_EMPTY', text.length ? 'input contains only whitespace' : 'input is empty');
  }
  if (opts.raw) return [readPlainText(text, opts)];
  const kind = sniffType(text, opts.contentType, opts.url);
  if (kind === 'feed') {
    const items = readFeed(text, { url: opts.url });
    if (!items.length) throw new IngestError('E_NO_CONTENT', 'the feed has no items');
    return items;
  }
  if (kind === 'html') {
    const { article } = readHtml(text, { url: opts.url, published: opts.published, title: opts.title });
    if (!article.text.trim()) {
      throw new IngestError(
        'E_NO_CONTENT',
        'no article text found in the HTML (an empty page, or content rendered by JavaScript)',
      );
    }
    return [article];
  }
  const article = readPlainText(text, opts);
  return [withInvalidCharsWarning(article)];
}

function withInvalidCharsWarning(a: Article): Article {
  const bad = a.text.indexOf('\uFFFD');
  if (bad >= 0 && !a.warnings.some((w) => w.code === 'W_ENCODING_REPLACED')) {
    const w: Warning = {
      code: 'W_REPLACEMENT_CHARS',
      message: 'the text contains U+FFFD replacement characters (bytes lost in an earlier conversion)',
      start: bad,
      end: bad + 1,
    };
    a.warnings.push(w);
  }
  return a;
}

function fmtBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${n} bytes`;
}
