import { parseHTML } from 'linkedom';
import type { Article, Span, Warning } from '../../document/types.ts';
import { detectLanguage } from './language.ts';
import { parseDate } from './dates.ts';
import { extractContent } from './extract.ts';
import { type HtmlMeta, readMetadata, textDate } from './metadata.ts';
import { MAX_DEPTH, prepareHtml } from './prepass.ts';

export { extractContent } from './extract.ts';
export { readMetadata, stripSiteName } from './metadata.ts';

export interface HtmlReadOptions {
  url?: string | null;
  published?: string | null;
  title?: string | null;
}

export interface HtmlResult {
  article: Article;
  meta: HtmlMeta;
}

/** Paragraph spans of text whose paragraphs are separated by blank lines. */
export function blankLineParagraphs(text: string): Span[] {
  const spans: Span[] = [];
  const re = /\n[ \t]*\n\s*/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > start) spans.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}

/** Parses a page once (after the depth-capping pre-pass) and returns its body text and metadata. */
export function readHtml(html: string, opts: HtmlReadOptions = {}): HtmlResult {
  const warnings: Warning[] = [];
  const prep = prepareHtml(html);
  if (prep.droppedForDepth > 0) {
    warnings.push({
      code: 'W_HTML_TOO_DEEP',
      message: `HTML nested deeper than ${MAX_DEPTH} levels; ${prep.droppedForDepth} inner tags were flattened`,
    });
  }
  if (prep.truncated) {
    warnings.push({
      code: 'W_HTML_TRUNCATED',
      message: 'the HTML ends inside a tag, comment or script; read up to there',
    });
  }
  let doc: Document;
  try {
    doc = parseHTML(prep.html).document as unknown as Document;
  } catch (e) {
    // linkedom is tolerant; this is a last resort for input it cannot take at all.
    warnings.push({
      code: 'W_HTML_PARSE',
      message: `HTML could not be parsed (${(e as Error).message}); tags stripped`,
    });
    const text = prep.html
      .replace(/<[^>]*>/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .trim();
    doc = parseHTML(`<html><body><p>${text.replace(/</g, '&lt;')}</p></body></html>`)
      .document as unknown as Document;
  }
  const meta = readMetadata(doc, prep.jsonLd, opts.url ?? null);
  const extracted = extractContent(doc, { title: meta.title });
  let text = extracted.text;
  if (!text.trim() && meta.description) {
    text = meta.description;
    warnings.push({
      code: 'W_DESCRIPTION_ONLY',
      message: 'no article text found in the page; its meta description is used as the text',
    });
  }
  if (!meta.published) {
    // A dateline in the article's opening lines, else the first date anywhere on the page.
    const fromArticle = parseDate(extracted.dateline) ?? textDate(text.slice(0, 400));
    const fromPage = fromArticle ? null : textDate((doc.body?.textContent ?? '').slice(0, 30000));
    // Timestamps in the markup itself (scripts, attributes): "2020/04/17 01:43".
    const fromMarkup = fromArticle || fromPage ? null : markupDate(html);
    meta.published = fromArticle ?? fromPage ?? fromMarkup;
    meta.publishedSource = fromArticle ? 'dateline' : fromPage ? 'text' : fromMarkup ? 'markup' : null;
  }
  const language = meta.language ?? detectLanguage(text);
  const published = opts.published ?? meta.published;
  const extra: Record<string, string> = {};
  if (meta.description) extra.description = meta.description;
  if (meta.section) extra.section = meta.section;
  if (meta.modified) extra.modified = meta.modified;
  const article: Article = {
    text,
    meta: {
      title: opts.title ?? meta.title,
      authors: meta.authors,
      published,
      outlet: meta.outlet,
      language,
      url: meta.url ?? opts.url ?? null,
      publishedSource: opts.published ? 'input' : meta.publishedSource,
      ...(Object.keys(extra).length ? { extra } : {}),
    },
    warnings,
    paragraphs: blankLineParagraphs(text),
  };
  return { article, meta };
}

const MARKUP_TIMESTAMP = /(?<!\d)((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)[ T]\d\d:\d\d/g;

/** The first full timestamp written anywhere in the page source (first 300,000 characters). */
function markupDate(html: string): string | null {
  const src = html.length > 300_000 ? html.slice(0, 300_000) : html;
  MARKUP_TIMESTAMP.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARKUP_TIMESTAMP.exec(src))) {
    const d = parseDate(`${m[1]}-${m[2]}-${m[3]}`);
    if (d) return d;
  }
  return null;
}
