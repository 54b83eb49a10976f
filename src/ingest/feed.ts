import type { Article, Warning } from '../document/types.ts';
import { blankLineParagraphs, readHtml } from './html/index.ts';
import { detectLanguage } from './html/language.ts';
import { parseDate } from './html/dates.ts';

/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item becomes an Article with its
 * link, date and title. When the item carries full HTML (content:encoded,
 * Atom <content type="html">, yandex:full-text) it is run through the HTML
 * extractor; otherwise the description/summary is the text.
 *
 * The scanner is a linear regex pass over the XML (feeds are flat and
 * regular), so a 10,000-item feed costs one pass plus the per-item work,
 * and the number of items is capped.
 */

export const MAX_FEED_ITEMS = 20_000;

export interface FeedOptions {
  url?: string | null;
  maxItems?: number;
}

const ITEM = /<(item|entry)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi;
const CHANNEL_TITLE = /<(?:channel|feed)\b[^>]*>[\s\S]*?<title\b[^>]*>([\s\S]*?)<\/title>/i;
const CHANNEL_LANG =
  /<(?:language|dc:language)\b[^>]*>([\s\S]*?)<\/(?:language|dc:language)>|<feed\b[^>]*xml:lang\s*=\s*["']([^"']+)/i;

/** True when the text looks like an RSS/RDF/Atom document. */
export function looksLikeFeed(head: string): boolean {
  const h = head.slice(0, 2048).replace(/^\uFEFF/, '');
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<\?[^>]*>\s*)*<(?:rss|feed|rdf:RDF|rss:rss)\b/i.test(
    h,
  );
}

function field(xml: string, names: string[]): string | null {
  for (const name of names) {
    const re = new RegExp(`<${name}\\b([^>]*)>([\\s\\S]*?)</${name}\\s*>`, 'i');
    const m = re.exec(xml);
    if (m) return m[2];
  }
  return null;
}

function attrOf(xml: string, tag: string, attr: string, where?: RegExp): string | null {
  const re = new RegExp(`<${tag}\\b([^>]*)/?>`, 'gi');
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (where && !where.test(m[1])) continue;
    const a = new RegExp(`${attr}\\s*=\\s*["']([^"']*)["']`, 'i').exec(m[1]);
    if (a) return decodeEntities(a[1]);
  }
  return null;
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  mdash: '—',
  ndash: '–',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  ldquo: '“',
  rdquo: '”',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    return NAMED[e.toLowerCase()] ?? all;
  });
}

/** Character data of an element: CDATA unwrapped, or entities decoded (giving HTML when escaped). */
function xmlText(raw: string | null): string | null {
  if (raw == null) return null;
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  if (cdata) return cdata[1];
  return decodeEntities(raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1'));
}

function htmlToText(html: string): string {
  if (!/<[a-z!/]/i.test(html)) {
    return html
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]+/g, ' ')
      .replace(/\n\s*\n\s*/g, '\n\n')
      .trim();
  }
  return readHtml(`<html><body><article>${html}</article></body></html>`).article.text;
}

/** Parses a feed into one article per item (at most `maxItems`, default 20,000). */
export function readFeed(xml: string, opts: FeedOptions = {}): Article[] {
  const max = opts.maxItems ?? MAX_FEED_ITEMS;
  const channelTitle = xmlText(CHANNEL_TITLE.exec(xml.slice(0, 20000))?.[1] ?? null)?.trim() || null;
  const lm = CHANNEL_LANG.exec(xml.slice(0, 20000));
  const channelLang = (lm?.[1] ?? lm?.[2] ?? '').trim().slice(0, 2).toLowerCase() || null;
  let outlet: string | null = channelTitle;
  if (!outlet && opts.url) {
    try {
      outlet = new URL(opts.url).hostname.replace(/^www\./, '');
    } catch {
      outlet = null;
    }
  }
  const articles: Article[] = [];
  let skipped = 0;
  ITEM.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ITEM.exec(xml))) {
    if (articles.length >= max) {
      skipped++;
      continue;
    }
    const body = m[2];
    const warnings: Warning[] = [];
    const title = xmlText(field(body, ['title']))
      ?.replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    let link = xmlText(field(body, ['link']))?.trim() || null;
    if (!link) link = attrOf(body, 'link', 'href', /rel\s*=\s*["']alternate|^(?![\s\S]*rel\s*=)/i);
    if (!link) link = xmlText(field(body, ['guid']))?.trim() || null;
    const dateRaw = xmlText(field(body, ['pubDate', 'dc:date', 'published', 'updated', 'issued', 'created']));
    const published = dateRaw ? isoFromFeedDate(dateRaw.trim()) : null;
    const full = xmlText(field(body, ['content:encoded', 'yandex:full-text', 'content']));
    const summary = xmlText(field(body, ['description', 'summary', 'dc:description']));
    const author =
      xmlText(field(body, ['dc:creator', 'author']))
        ?.replace(/<(?:email|uri)>[\s\S]*?<\/(?:email|uri)>/gi, '')
        .replace(/<[^>]+>/g, '')
        .replace(/^\S+@\S+\s*\(([^)]+)\)$/, '$1')
        .trim() || null;
    let text = '';
    if (full?.trim()) text = htmlToText(full);
    if (!text && summary?.trim()) {
      text = htmlToText(summary);
      warnings.push({
        code: 'W_FEED_SUMMARY_ONLY',
        message: 'the feed item carries only a summary, not the full text',
      });
    }
    if (!text && !title) continue;
    articles.push({
      text,
      meta: {
        title: title || null,
        authors: author ? [author] : [],
        published,
        publishedSource: published ? 'feed' : null,
        outlet,
        language:
          channelLang && /^[a-z]{2}$/.test(channelLang) ? channelLang : detectLanguage(`${title} ${text}`),
        url: link,
      },
      warnings,
      paragraphs: blankLineParagraphs(text),
    });
  }
  if (skipped > 0 && articles.length) {
    articles[0].warnings.push({
      code: 'W_FEED_TRUNCATED',
      message: `the feed has more than ${max} items; ${skipped} were not read`,
    });
  }
  return articles;
}

/** RFC 822 (RSS) and ISO 8601 (Atom, Dublin Core) dates → YYYY-MM-DD (in the date's own time zone). */
function isoFromFeedDate(s: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (iso) return parseDate(iso[0]);
  return parseDate(s, true);
}
