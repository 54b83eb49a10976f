import { dateFromUrl, parseDate } from './dates.ts';

/**
 * Article metadata from an HTML page: title (without the " | Outlet" suffix),
 * authors (without "By"), publication date with the source that won,
 * outlet, canonical URL and language. Sources, strongest first:
 * JSON-LD → meta tags (Open Graph, Dublin Core, CMS idioms) → microdata /
 * <time> → URL → dateline text near the top of the article.
 */

export interface HtmlMeta {
  title: string | null;
  authors: string[];
  published: string | null;
  publishedSource: string | null;
  modified: string | null;
  outlet: string | null;
  url: string | null;
  language: string | null;
  description: string | null;
  section: string | null;
}

/** The few DOM members metadata needs (linkedom and browser DOMs both provide them). */
type El = Element;

interface LdArticle {
  headline?: string;
  datePublished?: string;
  dateCreated?: string;
  dateModified?: string;
  authors: string[];
  publisher?: string;
  language?: string;
  url?: string;
  articleish: boolean;
}

const ARTICLE_TYPES =
  /^(?:news|reportagenews|analysisnews|opinionnews|reviewnews|backgroundnews|)article$|^(?:blogposting|posting|socialmediaposting|liveblogposting|report|webpage|scholarlyarticle|techarticle|newsarticle|discussionforumposting|creativework)$/i;

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object' && '@value' in (v as Record<string, unknown>))
    return str((v as Record<string, unknown>)['@value']);
  return undefined;
}

function names(v: unknown, out: string[], depth = 0): void {
  if (depth > 4 || v == null) return;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s && !/^https?:\/\//i.test(s)) out.push(s);
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v.slice(0, 20)) names(x, out, depth + 1);
    return;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const n = str(o.name) ?? ([str(o.givenName), str(o.familyName)].filter(Boolean).join(' ') || undefined);
    if (n) out.push(n);
  }
}

function typeOf(o: Record<string, unknown>): string[] {
  const t = o['@type'];
  return Array.isArray(t) ? t.map(String) : t ? [String(t)] : [];
}

/** Walks JSON-LD (arrays, @graph, mainEntity) for article-like objects, iteratively. */
function readJsonLd(blocks: string[]): LdArticle | null {
  let best: LdArticle | null = null;
  const publishers = new Map<string, string>();
  for (const raw of blocks.slice(0, 20)) {
    let data: unknown;
    try {
      data = JSON.parse(raw.trim().replace(/^<!\[CDATA\[|\]\]>$/g, ''));
    } catch {
      continue;
    }
    const queue: unknown[] = [data];
    let steps = 0;
    while (queue.length && steps++ < 500) {
      const v = queue.shift();
      if (Array.isArray(v)) {
        queue.push(...v.slice(0, 50));
        continue;
      }
      if (!v || typeof v !== 'object') continue;
      const o = v as Record<string, unknown>;
      if (o['@graph']) queue.push(o['@graph']);
      if (o.mainEntity && typeof o.mainEntity === 'object') queue.push(o.mainEntity);
      const types = typeOf(o);
      if (types.some((t) => /^(organization|newsmediaorganization|corporation)$/i.test(t)) && str(o.name)) {
        const id = str(o['@id']);
        if (id) publishers.set(id, str(o.name)!);
      }
      if (!types.some((t) => ARTICLE_TYPES.test(t))) continue;
      const authors: string[] = [];
      names(o.author ?? o.creator, authors);
      const pub = o.publisher as Record<string, unknown> | undefined;
      const a: LdArticle = {
        headline: str(o.headline) ?? str(o.name),
        datePublished: str(o.datePublished),
        dateCreated: str(o.dateCreated) ?? str(o.uploadDate),
        dateModified: str(o.dateModified),
        authors,
        publisher: pub && typeof pub === 'object' ? (str(pub.name) ?? str(pub['@id'])) : str(pub),
        language: str(o.inLanguage),
        url: str(o.url) ?? str((o.mainEntityOfPage as Record<string, unknown> | undefined)?.['@id']),
        articleish: types.some((t) => !/^(webpage|creativework|event|recipe|review|videoobject)$/i.test(t)),
      };
      if (!best || (a.articleish && !best.articleish) || (!best.datePublished && a.datePublished)) {
        if (!best || a.articleish || !best.articleish) best = a;
      }
    }
  }
  if (best?.publisher && publishers.has(best.publisher)) best.publisher = publishers.get(best.publisher);
  if (best?.publisher && /^https?:|^#/.test(best.publisher)) best.publisher = undefined;
  return best;
}

function attr(el: El | null | undefined, name: string): string | null {
  const v = el?.getAttribute(name);
  return v?.trim() ? v.trim() : null;
}

const clean = (s: string | null | undefined): string => (s ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').trim();

/** Meta tags keyed by lower-cased name/property/itemprop/http-equiv (first occurrence wins). */
function metaMap(doc: Document): Map<string, string> {
  const m = new Map<string, string>();
  const metas = doc.querySelectorAll('meta');
  for (let i = 0; i < metas.length && i < 500; i++) {
    const el = metas[i];
    const content = attr(el, 'content');
    if (!content) continue;
    for (const k of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = attr(el, k)?.toLowerCase();
      if (key && !m.has(key)) m.set(key, content);
    }
  }
  return m;
}

const DATE_META = [
  'article:published_time',
  'og:article:published_time',
  'article.published',
  'published_time',
  'publish-date',
  'publish_date',
  'publishdate',
  'pubdate',
  'publication_date',
  'date_published',
  'datepublished',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date.created',
  'dcterms.created',
  'dc.date',
  'dcterms.date',
  'date',
  'sailthru.date',
  'parsely-pub-date',
  'article_date_original',
  'original-publish-date',
  'cxenseparse:recs:publishtime',
  'rnews:datepublished',
  'og:pubdate',
  'datecreated',
  'created',
  'citation_publication_date',
  'citation_date',
  'dc.created',
];
const MODIFIED_META = [
  'article:modified_time',
  'og:updated_time',
  'dateModified',
  'last-modified',
  'dcterms.modified',
];
const AUTHOR_META = [
  'author',
  'article:author',
  'dc.creator',
  'dcterms.creator',
  'sailthru.author',
  'parsely-author',
  'byl',
  'citation_author',
];

const SEPARATORS = /\s+[|–—·•:»«-]\s+|\s+::\s+|\s*\|\s*/;

/** Removes a leading or trailing site name from a title ("Headline | Outlet", "Outlet - Headline"). */
export function stripSiteName(
  title: string,
  outlet: string | null,
  host: string | null,
  h1: string | null,
): string {
  const t = clean(title);
  const parts = t.split(SEPARATORS).filter((p) => p.trim());
  if (parts.length < 2) return t;
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  if (h1) {
    const h = norm(h1);
    if (h && norm(t) !== h) {
      for (const p of parts) if (norm(p) === h) return clean(p);
      if (norm(t).startsWith(h) || norm(t).endsWith(h)) return clean(h1);
    }
  }
  const site = [outlet, host?.replace(/^www\./, '').replace(/\.[a-z]+$/, '')]
    .filter(Boolean)
    .map((s) => norm(s!));
  const hostLabels = (host ?? '')
    .toLowerCase()
    .split('.')
    .slice(0, -1)
    .filter((l) => l.length >= 4 && l !== 'www');
  const isSite = (p: string) => {
    const np = norm(p);
    if (!np) return false;
    if (site.some((s) => s && (np === s || s.includes(np) || np.includes(s)))) return true;
    return np.length <= 40 && hostLabels.some((l) => np.includes(norm(l)));
  };
  const last = parts[parts.length - 1];
  const first = parts[0];
  // Split on the last separator for a trailing site name, the first for a leading one.
  const trailing = lastSeparator(t);
  if (trailing && isSite(last)) return clean(t.slice(0, trailing.index));
  const leading = SEPARATORS.exec(t);
  if (leading && isSite(first)) return clean(t.slice(leading.index + leading[0].length));
  // Unknown site name: a short final segment after a pipe is almost always one.
  if (trailing && /\|/.test(trailing[0]) && last.split(/\s+/).length <= 4)
    return clean(t.slice(0, trailing.index));
  return t;
}

function lastSeparator(t: string): RegExpExecArray | null {
  const re = new RegExp(SEPARATORS.source, 'g');
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | null = null;
  while ((m = re.exec(t))) last = m;
  return last;
}

function splitAuthors(raw: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    const s = clean(r)
      .replace(
        /^(?:(?:view|see) all posts by|posted by|written by|geschrieben von|autor(?:in)?:?|author:?)\s+/i,
        '',
      )
      .replace(/^(?:by|von|par|por|di|door|av|от|автор:?)\s+/i, '')
      .replace(/^@/, '');
    if (!s || s.length > 80 || /^https?:/i.test(s)) continue;
    for (const p of s.split(/\s*(?:,|;|\band\b|\bund\b|\bet\b|&|\by\b|\be\b)\s*/)) {
      const name = p.trim();
      if (name.length < 2 || name.split(/\s+/).length > 6) continue;
      const k = name.toLowerCase();
      if (!seen.has(k)) {
        seen.add(k);
        out.push(name);
      }
    }
  }
  return out;
}

const LANG_RE = /^([a-z]{2,3})(?:[-_][a-z0-9]+)*$/i;
function langCode(v: string | null | undefined): string | null {
  if (!v) return null;
  const m = LANG_RE.exec(v.trim());
  if (!m) return null;
  const c = m[1].toLowerCase();
  return c.length === 2 ? c : null;
}

const DATE_HINT =
  /date|time|publi|posted|created|byline|dateline|meta|info|artikel-?datum|fecha|data|datum|fecha|zeit/i;

/** Reads all metadata from a parsed page. `url` is where it came from (for dates in the URL and the outlet). */
export function readMetadata(doc: Document, jsonLd: string[], url: string | null): HtmlMeta {
  const meta = metaMap(doc);
  const ld = readJsonLd(jsonLd);
  const canonical =
    attr(doc.querySelector('link[rel="canonical"]'), 'href') ?? meta.get('og:url') ?? ld?.url ?? null;
  const pageUrl = absolute(canonical, url) ?? url ?? null;
  let host: string | null = null;
  try {
    host = pageUrl ? new URL(pageUrl).hostname : null;
  } catch {
    host = null;
  }

  const outlet =
    clean(
      meta.get('og:site_name') ?? ld?.publisher ?? meta.get('application-name') ?? meta.get('publisher'),
    ) || (host ? host.replace(/^www\./, '') : null);

  const h1s = doc.querySelectorAll('h1');
  const h1El = h1s.length ? h1s[0] : null;
  const h1 = h1El ? clean(h1El.textContent) : null;
  // The page's single visible headline is the title as readers see it; og:title and <title>
  // are often SEO variants or the site name.
  const soleH1 =
    h1s.length === 1 && h1 && h1.length >= 6 && h1.length <= 300 && !isSiteName(h1, outlet, host) ? h1 : null;
  const declared = meta.get('og:title') ?? meta.get('twitter:title') ?? ld?.headline ?? null;
  let headline = soleH1;
  if (headline && declared) {
    // "KickerHeadline": an h1 whose text runs a kicker into the declared headline.
    const d = stripSiteName(declared, outlet, host, null);
    const nd = normKey(d);
    const nh = normKey(headline);
    if (nd.length >= 10 && nh !== nd && nh.endsWith(nd)) headline = d;
  }
  const rawTitle =
    headline ??
    meta.get('og:title') ??
    meta.get('twitter:title') ??
    ld?.headline ??
    (clean(doc.querySelector('title')?.textContent) || null) ??
    h1 ??
    null;
  const title = rawTitle
    ? stripSiteName(rawTitle, outlet, host, h1 && h1.length < 300 ? h1 : null) || null
    : null;

  // Authors.
  const authorRaw: string[] = [];
  if (ld?.authors.length) authorRaw.push(...ld.authors);
  if (!authorRaw.length) {
    for (const k of AUTHOR_META) {
      const v = meta.get(k);
      if (v && !/^https?:/i.test(v)) {
        authorRaw.push(v);
        break;
      }
    }
  }
  if (!authorRaw.length) {
    const candidates = doc.querySelectorAll(
      '[itemprop="author"] [itemprop="name"], [itemprop="author"], [rel="author"], .byline .author, .author-name, ' +
        '.byline__name, .author .fn, .vcard .fn, .author a, a.author, .entry-author, .post-author, .article-author, .byline, .author',
    );
    for (let i = 0; i < candidates.length && i < 30; i++) {
      const el = candidates[i];
      const t = clean(el.getAttribute('content') ?? el.textContent);
      if (t && t.length < 80 && !/\d{3}/.test(t)) {
        authorRaw.push(t);
        break;
      }
    }
  }
  const authors = splitAuthors(authorRaw).filter((a) => !isSiteName(a, outlet, host));

  // Publication date, with its source.
  let published: string | null = null;
  let publishedSource: string | null = null;
  const set = (v: string | null, src: string) => {
    if (!published && v) {
      published = v;
      publishedSource = src;
    }
  };
  set(parseDate(ld?.datePublished ?? ld?.dateCreated), 'json-ld');
  for (const k of DATE_META) {
    if (published) break;
    set(parseDate(meta.get(k)), 'meta');
  }
  if (!published) {
    const el = doc.querySelector('[itemprop="datePublished"], [itemprop="dateCreated"]');
    if (el) set(parseDate(attr(el, 'content') ?? attr(el, 'datetime') ?? el.textContent), 'meta');
  }
  if (!published) {
    const times = doc.querySelectorAll('time');
    let firstTime: string | null = null;
    for (let i = 0; i < times.length && i < 50; i++) {
      const t = times[i];
      const v = parseDate(attr(t, 'datetime') ?? t.textContent);
      if (!v) continue;
      const hint = `${t.getAttribute('class') ?? ''} ${t.getAttribute('itemprop') ?? ''} ${t.parentElement?.getAttribute('class') ?? ''}`;
      if (t.hasAttribute('pubdate') || /publi|posted|entry-date|created/i.test(hint)) {
        set(v, 'time');
        break;
      }
      firstTime ??= v;
    }
    set(firstTime, 'time');
  }
  if (!published) set(epochDate(doc), 'time');
  set(dateFromUrl(pageUrl), 'url');
  if (!published && url && url !== pageUrl) set(dateFromUrl(url), 'url');
  if (!published) set(datelineDate(doc), 'dateline');
  if (!published) set(parseDate(meta.get('last-modified')), 'meta');

  let modified: string | null = parseDate(ld?.dateModified);
  for (const k of MODIFIED_META) modified ??= parseDate(meta.get(k.toLowerCase()));

  const language =
    langCode(attr(doc.documentElement, 'lang') ?? attr(doc.documentElement, 'xml:lang')) ??
    langCode(meta.get('content-language')) ??
    langCode(meta.get('og:locale')) ??
    langCode(meta.get('language')) ??
    langCode(ld?.language) ??
    null;

  return {
    title,
    authors,
    published,
    publishedSource,
    modified,
    outlet: outlet || null,
    url: pageUrl,
    language,
    description: clean(meta.get('og:description') ?? meta.get('description')) || null,
    section: clean(meta.get('article:section')) || null,
  };
}

/** A date in elements whose class or id suggests a date or byline, in document order. */
function datelineDate(doc: Document): string | null {
  const els = doc.querySelectorAll('[class], [id]');
  let checked = 0;
  for (let i = 0; i < els.length && checked < 80; i++) {
    const el = els[i];
    const hint = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (!DATE_HINT.test(hint) || /comment|related|footer|sidebar|widget|archive|calendar/i.test(hint))
      continue;
    const text = el.textContent ?? '';
    if (text.length > 300) continue;
    checked++;
    const d = parseDate(text);
    if (d) return d;
  }
  return null;
}

function absolute(href: string | null | undefined, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return null;
  }
}

/** Last resort: the first date written in a text (the article's opening, then the whole page). */
export function textDate(text: string): string | null {
  // Scan in windows so the earliest date wins over later ones of another format.
  for (let i = 0; i < text.length; i += 200) {
    const d = parseDate(text.slice(i, i + 260));
    if (d) return d;
  }
  return null;
}

function isSiteName(text: string, outlet: string | null, host: string | null): boolean {
  const n = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const t = n(text);
  if (outlet && n(outlet) === t) return true;
  const label = host?.replace(/^www\./, '').split('.')[0];
  return !!label && n(label) === t;
}

const EPOCH_ATTRS = ['data-time', 'data-timestamp', 'data-time-ms', 'data-utime', 'data-published', 'time'];

/** A UNIX timestamp (seconds or milliseconds) on a timestamp element, as a UTC date. */
function epochDate(doc: Document): string | null {
  const els = doc.querySelectorAll(
    '[data-time], [data-timestamp], [data-time-ms], [data-utime], [data-published], dateformat[time]',
  );
  for (let i = 0; i < els.length && i < 20; i++) {
    for (const a of EPOCH_ATTRS) {
      const v = els[i].getAttribute(a);
      if (!v || !/^\d{10}(?:\d{3})?$/.test(v)) continue;
      const ms = v.length === 13 ? Number(v) : Number(v) * 1000;
      const d = parseDate(new Date(ms).toISOString());
      if (d) return d;
    }
  }
  return null;
}

function normKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
