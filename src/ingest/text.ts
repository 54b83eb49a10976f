import type { Article, DocumentMeta, Span, Warning } from '../document/types.ts';
import { identifyLanguage } from '../text/language.ts';
import { isBulletStart, isTurnStart, segmentParagraphs } from '../text/segment.ts';
import { type IngestOptions, IngestError } from './index.ts';
import { findDates } from './text/dates.ts';

/**
 * The plain-text reader: articles as sites and copy-paste produce them.
 *
 * A dump usually carries a header (a "28.10.2023 Author: …" or "By …" line, an
 * outlet line, the title, sometimes twice) and a trailer (an author bio,
 * "Related articles", share prompts, a copyright line). The reader removes both
 * from `text`, keeps what they tell (title, date, authors, outlet, bio) in
 * `meta`, and keeps the body exactly as written: no-break spaces, typographic
 * quotes, bullets, line breaks inside paragraphs. With `opts.raw` nothing is
 * removed and `text` is the input itself.
 */
export function readPlainText(input: string, opts: IngestOptions = {}): Article {
  if (typeof input !== 'string' || input.trim().length === 0) {
    throw new IngestError(
      'E_EMPTY',
      input?.length ? 'the input contains only whitespace' : 'the input is empty',
    );
  }
  if (opts.raw) return rawArticle(input, opts);
  return cleanArticle(input, opts);
}

function baseMeta(opts: IngestOptions): DocumentMeta {
  return {
    title: opts.title?.trim() || null,
    authors: [],
    published: opts.published ?? null,
    outlet: null,
    language: 'und',
    url: opts.url && /^https?:\/\//i.test(opts.url) ? opts.url : null,
    publishedSource: opts.published ? 'input' : null,
  };
}

function rawArticle(text: string, opts: IngestOptions): Article {
  const meta = baseMeta(opts);
  meta.language = identifyLanguage(text).language;
  return { text, meta, warnings: [] };
}

// ---------------------------------------------------------------------------
// Blocks: the paragraphs of the dump, as lists of lines

interface Block {
  /** Lines, trimmed at both ends. */
  lines: string[];
  /** The block as it goes into `text`: its lines joined by newlines. */
  text: string;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/g;
const EDGE_SPACE = /^[\s\u00a0\u2000-\u200b\u202f\u3000]+|[\s\u00a0\u2000-\u200b\u202f\u3000]+$/g;

function toBlocks(input: string): Block[] {
  const norm = input.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  const rawLines = norm.split('\n');
  const lines = rawLines.map((l) => l.replace(EDGE_SPACE, ''));
  const hasBlank = lines.some((l, i) => l === '' && i > 0 && i < lines.length - 1);
  const blocks: Block[] = [];
  let cur: string[] = [];
  const flush = () => {
    if (cur.length) blocks.push({ lines: cur, text: cur.join('\n') });
    cur = [];
  };
  for (const line of lines) {
    if (line === '') {
      flush();
      continue;
    }
    // one paragraph per line when the dump has no blank lines; bullets and transcript turns always start one
    if (!hasBlank || isBulletStart(line) || isTurnStart(line)) flush();
    cur.push(line);
  }
  flush();
  return blocks;
}

// ---------------------------------------------------------------------------
// Header lines

const OUTLET_WORD =
  /\b(?:news|times|post|herald|journal|agency|outlook|review|gazette|tribune|daily|press|magazine|monitor|diplomat|telegraph|guardian|observer|economist|chronicle|courier|express|weekly|report|dispatch|insider|wire|today|radio|tv|television|broadcasting|media|network|reuters|afp|ap|tass|xinhua|kcna|yonhap|interfax|ria novosti|bbc|cnn|dw|al jazeera|bloomberg|politico|axios|novosti)\b/i;

const AUTHOR_LABEL =
  /(?:^|[|·•;,]\s*|\s)(?:(?:(?:written|reported|text|words|story|photos?) )?by\s*:?|(?:authors?|byline|автор|autor|auteur|por)\s*:)\s+(.+)$/iu;
const OUTLET_LABEL =
  /^(?:source|outlet|publication|publisher|published (?:in|by|on)|originally published (?:in|by|on|at)|first published (?:in|by|on|at)|from|via)\s*:?\s+(.+)$/i;
const TIME_OF_DAY =
  /\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?(?:GMT|UTC|MSK|EST|EDT|CET|CEST|BST|KST|JST|PST|PDT|IST)(?:\s*[+-]\s*\d{1,2})?\)?)?/gi;
const META_WORDS =
  /\b(?:published|updated|last updated|posted|modified|edited|created|date|time|on|at|am|pm|gmt|utc|msk|est|edt|cet|cest|bst|kst|jst|reading time|min(?:ute)?s?(?: read)?|read|views?|опубликовано|обновлено|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\b/gi;
const UPDATED_BEFORE =
  /(?:updated|modified|edited|обновлено|aktualisiert|mis à jour|actualizado)\s*:?\s*(?:on\s+)?$/i;

const HEADER_JUNK = [
  /^(?:home|main|news)\s*[>»›/|].{0,120}$/i,
  /^\d+\s*(?:min(?:ute)?s?|мин\.?)\s*(?:read|to read)?\.?$/i,
  /^(?:reading time|read time)\s*:?.{0,20}$/i,
  /^(?:share|print|listen|listen to this article|email|e-mail|save|bookmark|comments?|advertisement|ad|subscribe|follow|font size|a\s*a|text size)(?:\s*[:|·•/]?\s*(?:share|print|email|facebook|twitter|x|telegram|whatsapp|linkedin|vk|reddit|copy link|\d+))*\s*$/i,
  /^(?:photo|image|picture|illustration|photograph|video|credit)\s*:.{0,200}$/i,
  /^views?\s*:?\s*[\d,. ]+$/i,
  /^[-_*=~·•#\s]{3,}$/,
];

interface HeaderFacts {
  published: string | null;
  updated: string | null;
  authors: string[];
  outlet: string | null;
}

/** Splits "Jane Doe, John Roe and Mary Major" into names; returns only plausible person names. */
function parseNames(s: string, facts: HeaderFacts): string[] {
  const names: string[] = [];
  const parts = s
    .replace(/\s*[([].*$/, '')
    .replace(/\s+(?:in|at|for|from|on|reporting from|with)\s+\p{Lu}.*$/u, '')
    .split(/\s*(?:,|;|&|\||·|•|\band\b|\bи\b|\bund\b|\bet\b|\by\b)\s*/iu)
    .map((p) => p.trim().replace(/[.:]+$/, ''))
    .filter(Boolean);
  for (const p of parts) {
    if (OUTLET_WORD.test(p) && !facts.outlet && /^\p{Lu}/u.test(p) && p.split(/\s+/).length <= 5) {
      facts.outlet = p;
      continue;
    }
    const name = personName(p);
    if (name) names.push(name);
  }
  return names;
}

const ROLE_WORD =
  /^(?:staff|writer|writers|correspondent|correspondents|reporter|reporters|editor|editors|contributor|columnist|bureau|chief|senior|special|desk|team|agencies|agency|news|newsroom|analyst|analysis|opinion|commentary|editorial|board|guest|political|foreign|diplomatic|international|world)$/i;
const PARTICLE = /^(?:de|da|del|der|den|van|von|bin|ibn|al|el|la|le|du|dos|das|di|ter|zu|y)$/i;

/** A person name of 1–5 capitalised words (particles allowed), title-cased if shouted; else null. */
function personName(s: string): string | null {
  const t = s.trim();
  if (t.length < 3 || t.length > 60 || /\d|@|https?:|www\./i.test(t)) return null;
  const words = t.split(/[\s\u00a0]+/);
  if (words.length > 5) return null;
  let capitals = 0;
  for (const w of words) {
    if (PARTICLE.test(w)) continue;
    if (!/^\p{Lu}[\p{L}'’.-]*$/u.test(w)) return null;
    capitals++;
  }
  if (capitals === 0 || words.some((w) => ROLE_WORD.test(w))) return null;
  const shouted = t === t.toUpperCase() && /\p{Lu}{3}/u.test(t);
  if (!shouted) return t;
  return words
    .map((w) => (PARTICLE.test(w) ? w.toLowerCase() : w[0] + w.slice(1).toLowerCase()))
    .join(' ')
    .replace(/([-'’])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/**
 * Reads a header line such as "28.10.2023 Author: Jane Doe", "By Jane Doe | Reuters",
 * "Published October 28, 2023 14:05 GMT" or "Source: The Outlet". Returns true when the
 * line is metadata only (and records what it says).
 */
function readMetaLine(line: string, facts: HeaderFacts): boolean {
  if (line.length > 220) return false;
  const outletLabel = OUTLET_LABEL.exec(line);
  if (outletLabel && !findDates(line).length) {
    const name = cleanOutlet(outletLabel[1]);
    if (name) {
      facts.outlet ??= name;
      return true;
    }
  }
  let rest = line;
  const dates = findDates(line);
  let published: string | null = null;
  let updated: string | null = null;
  for (const d of dates) {
    const before = line.slice(Math.max(0, d.index - 25), d.index);
    if (UPDATED_BEFORE.test(before)) updated ??= d.date;
    else published ??= d.date;
  }
  for (let k = dates.length - 1; k >= 0; k--) {
    const d = dates[k];
    rest = `${rest.slice(0, d.index)} ${rest.slice(d.index + d.length)}`;
  }
  rest = rest.replace(TIME_OF_DAY, ' ');
  let authors: string[] = [];
  let byline = false;
  const local: HeaderFacts = { published: null, updated: null, authors: [], outlet: null };
  const a = AUTHOR_LABEL.exec(rest);
  // "by" must open the line or follow only dates and labels ("Published … by Jane Doe")
  const beforeAuthor = a
    ? rest
        .slice(0, a.index)
        .replace(META_WORDS, ' ')
        .replace(/[|·•,;:()\-–—/\\\s]+/g, '')
    : '';
  if (a && !beforeAuthor) {
    // the author list runs to the next separator that is not part of a name list
    const tail = a[1].split(/\s+[|·•—–]\s+|\s+-\s+|\s+(?=(?:published|updated|posted|last updated)\b)/i)[0];
    authors = parseNames(tail, local);
    // "By Diplomatic Correspondent": a byline without a person is still a byline
    const anonymous =
      !authors.length &&
      tail.length <= 60 &&
      !/[:;.!?]/.test(tail) &&
      tail.split(/\s+/).every((w) => /^(?:\p{Lu}|and\b|our\b|the\b|a\b)/u.test(w));
    if (authors.length || local.outlet || anonymous) {
      rest = rest.slice(0, a.index) + ' ' + a[1].slice(tail.length);
      if (anonymous) byline = true;
    }
  }
  // what is left must be labels, separators and at most an outlet name
  let leftover = rest
    .replace(META_WORDS, ' ')
    .replace(/[|·•,;:()[\]\-–—/\\]+/g, ' ')
    .trim();
  if (leftover && !authors.length && !dates.length) {
    // a bare "Jane Doe | The Outlet" line is not recognisable enough; only labelled lines count
    return false;
  }
  if (leftover && looksLikeOutletLine(leftover.replace(/\s+/g, ' '))) {
    local.outlet ??= leftover.replace(/\s+/g, ' ');
    leftover = '';
  }
  if (leftover && /\p{L}/u.test(leftover)) return false;
  if (!dates.length && !authors.length && !local.outlet && !byline) return false;
  facts.published ??= published;
  facts.updated ??= updated;
  for (const n of authors) if (!facts.authors.includes(n)) facts.authors.push(n);
  facts.outlet ??= local.outlet;
  return true;
}

function cleanOutlet(s: string): string | null {
  let t = s
    .trim()
    .replace(/^[“"«‘']+|[”"»’']+$/g, '')
    .replace(/[.,;:]+$/, '')
    .trim();
  t = t.replace(/^[“"«]|[”"»]$/g, '').trim();
  if (!t || t.length > 80 || !/\p{L}/u.test(t)) return null;
  if (/^https?:\/\//i.test(t)) {
    try {
      return new URL(t).hostname.replace(/^www\./, '');
    } catch {
      return null;
    }
  }
  return t;
}

/** Whether a line reads like a title: short, no final period, some letters. */
function looksLikeTitle(t: string): boolean {
  if (t.length < 3 || t.length > 250) return false;
  if (!/\p{L}{2}/u.test(t)) return false;
  const shouted = !/\p{Ll}/u.test(t);
  if (/[:;,]$/.test(t) || (/\.$/.test(t) && !shouted && !/\b(?:[A-Z]\.){2,}$/.test(t))) return false;
  if (t.split(/\s+/).length > 30) return false;
  if (isBulletStart(t) || /^(?:question|answer|q|a)\s*:/i.test(t)) return false;
  return true;
}

/**
 * A byline without a label: "Jane Doe | Senior Fellow, Europe Program", or a bare
 * "Jane Doe" directly above a date line. Returns the name, or null.
 */
function bareByline(line: string, next: string | undefined): string | null {
  const parts = line.split(/\s+[|·•—–]\s+/);
  const name = personName(parts[0]);
  if (!name || name.split(' ').length < 2 || name.split(' ').length > 4) return null;
  if (parts.length > 1) return name;
  if (
    next &&
    findDates(next).length &&
    readMetaLine(next, { published: null, updated: null, authors: [], outlet: null })
  )
    return name;
  return null;
}

/** A short line naming an outlet in the header: "THE KOREA HERALD", "New Eastern Outlook". */
function looksLikeOutletLine(t: string): boolean {
  if (t.length > 60 || /[.!?:]$/.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 5) return false;
  if (!words.every((w) => /^(?:\p{Lu}|the\b|of\b|&)/u.test(w))) return false;
  // outlet names end in their kind ("… Times", "… Outlook") or are an agency name
  return OUTLET_WORD.test(words[words.length - 1]) && !/^(?:today|report|press|media)$/i.test(words[0]);
}

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------
// Trailer lines

const LIST_MARKER =
  /^(?:related(?:\s+(?:articles?|stories|news|posts?|content|coverage|reading|topics|links|materials))?|read (?:more|also|next)|also read|see also|more (?:on this|on the topic|from|stories|news|articles|in)\b.*|you (?:may|might) (?:also )?(?:like|be interested in|have missed)|recommended(?: for you| articles| stories)?|most (?:read|popular|viewed)|popular(?: now| articles)?|trending(?: now)?|latest (?:news|articles|stories)|further reading|other articles|читайте также|по теме|lesen sie auch|mehr zum thema|à lire aussi|lire aussi|lee también)\b\s*:?\s*(.*)$/iu;
const INLINE_PROMO =
  /^(?:(?:read (?:more|also)|also read|see also|related|читайте также|lesen sie auch|lire aussi)\s*:\s*\S.{0,200}|advertisement|advertising|story continues below(?: advertisement)?|scroll to continue(?: with content)?|continue reading(?: below)?)$/iu;
const SHARE_WORDS =
  /^(?:share|share this|share on|tweet|print|e-?mail|whatsapp|telegram|facebook|twitter|x|linkedin|vk|ok|reddit|pinterest|copy link|copy|link|flipboard|pocket|mail|sms|messenger|viber)$/i;
const TRAILER_JUNK = [
  /^(?:share(?: this(?: article| story| post| page)?)?\s*(?:[:|]|on\b|via\b|with\b|$)|tweet this|print(?: this)?(?: article| page)?\s*$|email this|send to a friend)/i,
  /^(?:you can )?share (?:this|the) (?:story|article|post|page)\b.{0,80}$/i,
  /^(?:please\s+)?(?:follow us|follow (?:him|her|them)|subscribe|sign up|join (?:us|our)|support (?:us|our)|donate|get (?:our|the) newsletter|newsletter|click here|download (?:our|the) app)\b.{0,200}$/i,
  /^(?:tags?|topics?|keywords?|categories|category|filed under|section|themes?)\s*:.{0,300}$/i,
  /^(?:©|\(c\)|copyright\b).{0,300}$/i,
  /^.{0,200}\ball rights reserved\b.{0,100}$/i,
  /^(?:\d+\s+)?(?:comments?|leave a (?:comment|reply)|add (?:a )?comment|show comments|discussion)\b.{0,40}$/i,
  /^(?:previous|next)\s+(?:article|post|story)\b.{0,200}$/i,
  /^(?:back to top|top of page|return to top)\s*$/i,
  /^(?:if you find an error|found a typo|report an error|corrections?\s*:).{0,200}$/i,
  /^(?:the )?(?:views|opinions)(?: and (?:views|opinions))? expressed\b.{0,300}$/i,
  /^disclaimer\s*:.{0,400}$/i,
  /^(?:this (?:article|story|piece) (?:was|is|has been) (?:originally |first )?(?:published|posted|republished)).{0,200}$/i,
  /^[-_*=~·•#\s]{3,}$/,
  /^(?:source|via)\s*:.{0,200}$/i,
];
const ABOUT_AUTHOR =
  /^(?:about the authors?|about the writer|author bio|об авторе|über den autor|zum autor|à propos de l'auteur)\s*:?\s*$/iu;
const BIO_CUE =
  /\bexclusively for\b|\bespecially for\b|\bis (?:the )?author of\b|\bis (?:a|an|the)\s+(?:[\p{L}-]+\s+){0,5}(?:fellow|researcher|research fellow|professor|analyst|journalist|correspondent|writer|contributor|columnist|editor|scholar|political scientist|lecturer|expert|director|reporter|historian|economist|commentator)\b|\bcandidate of [\p{L} ]+ sciences\b|\bph\.?d\b|\bfollow (?:him|her|them) on\b|\bcan be reached at\b|\bwrites (?:about|on)\b/iu;
const EXCLUSIVE_FOR =
  /\b(?:(?:exclusively|especially|written) for|(?:contributor|columnist|correspondent|writer|editor|commentator) (?:to|for|at|of)|(?:covers|writes about|reports on)\b[^.]{0,60}?\bfor) (?:the )?(?:online |weekly |daily )?(?:magazine|journal|newspaper|website|web site|portal|outlet|publication|edition|news agency|agency)?\s*(?:[“"«„]([^”"»“]{2,80})[”"»“]|((?:\p{Lu}[\p{L}’'&.-]*)(?:\s+(?:of|the|and|&|\p{Lu}[\p{L}’'&.-]*)){0,6}))/u;
const COPYRIGHT_OUTLET =
  /(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?:by\s+)?([^.|\n]*?)\s*(?:[.|]|all rights reserved|$)/i;
const DATELINE_OUTLET =
  /^\p{Lu}[\p{Lu} .'’-]{1,40}(?:,[^()\n]{1,40})?\s*(?:\(([\p{Lu}][\p{L} .&-]{1,30})\)\s*[-–—]|\/([\p{Lu}][\p{L} .&-]{1,20})\/)/u;

const DATELINE_DATE = /^\p{Lu}[\p{Lu} .'’-]{1,40},\s*([^()\n]{6,40}?)\s*(?:\(|[-–—]\s|\/)/u;
const SIGN_OFF = /^\((?:additional )?(?:reporting|writing|written|compiled) by ([^;)]+)/i;

interface Removed {
  header: string[];
  trailer: string[];
  promos: number;
}

interface HeaderScan {
  /** Index of the first body block. */
  start: number;
  facts: HeaderFacts;
  title: string | null;
  titleFromText: boolean;
  subtitle: string | null;
  kinds: string[];
}

/**
 * Reads header blocks from `from` on: metadata lines, junk, the title (possibly repeated), a
 * subtitle above a byline. Pure: returns what it found and where the body starts.
 */
function scanHeader(blocks: Block[], from: number, opts: IngestOptions): HeaderScan {
  const facts: HeaderFacts = { published: null, updated: null, authors: [], outlet: null };
  let title: string | null = opts.title?.trim() || null;
  let titleFromText = false;
  let subtitle: string | null = null;
  const found: string[] = [];
  let start = from;
  let chars = 0;
  const maxHeader = Math.min(blocks.length - 1, from + 12);
  while (start < maxHeader && chars < 2000) {
    const b = blocks[start];
    if (b.lines.length > 4 || b.text.length > 600) break;
    // classify every line of the block on a copy; commit only when the whole block is header
    const f: HeaderFacts = { ...facts, authors: [...facts.authors] };
    let t = title;
    let fromText: boolean = titleFromText;
    const kinds: string[] = [];
    for (let li = 0; li < b.lines.length; li++) {
      const line = b.lines[li];
      const nextLine = li + 1 < b.lines.length ? b.lines[li + 1] : blocks[start + 1]?.lines[0];
      let kind: string | null = null;
      let byline: string | null = null;
      if (HEADER_JUNK.some((re) => re.test(line))) kind = 'junk';
      else if (readMetaLine(line, f)) kind = 'metadata';
      else if ((byline = bareByline(line, nextLine))) {
        if (!f.authors.includes(byline)) f.authors.push(byline);
        kind = 'metadata';
      } else if (!t && /^[\p{L}&-]{2,30}$/u.test(line) && nextLine && looksLikeTitle(nextLine)) kind = 'junk';
      else if (t && norm(line) === norm(t)) kind = 'title';
      else if (!fromText && !opts.title && !f.outlet && looksLikeOutletLine(line)) {
        f.outlet = line;
        kind = 'outlet';
      } else if (!t && looksLikeTitle(line) && start + 1 < blocks.length) {
        t = line;
        fromText = true;
        kind = 'title';
      }
      if (!kind) break;
      kinds.push(kind);
    }
    if (kinds.length < b.lines.length) {
      // a subtitle between the title and a byline or date block belongs to the header
      const next = blocks[start + 1];
      if (
        t &&
        fromText &&
        b.lines.length === 1 &&
        b.text.length <= 250 &&
        !/[.!?]\s+\p{Lu}/u.test(b.text) &&
        !isBulletStart(b.text) &&
        next &&
        next.lines.length <= 4 &&
        next.lines.every((l, i) => {
          const scratch: HeaderFacts = { published: null, updated: null, authors: [], outlet: null };
          return readMetaLine(l, scratch) || bareByline(l, next.lines[i + 1]) !== null;
        })
      ) {
        subtitle = b.text;
        found.push('subtitle');
        chars += b.text.length;
        start++;
        continue;
      }
      break;
    }
    Object.assign(facts, f);
    title = t;
    titleFromText = fromText;
    found.push(...kinds);
    chars += b.text.length;
    start++;
  }
  return { start, facts, title, titleFromText, subtitle, kinds: found };
}

/** A block of running prose: long enough, mostly lower-case words, ending like a sentence. */
function isProse(b: Block): boolean {
  const t = b.text;
  if (t.length < 70) return false;
  if (t.length >= 200) return true;
  if (!/[.!?…:"”’»)]$/.test(t)) return false;
  const words = t.split(/\s+/);
  let lower = 0;
  for (const w of words) if (/^\p{Ll}/u.test(w)) lower++;
  return words.length >= 10 && lower >= 0.4 * words.length;
}

/**
 * Whole-page dumps ("select all, copy" of a web page) carry menus, teasers and footers around the
 * article. When the text looks like one — many short lines around the prose — returns the block range
 * of the densest run of prose; otherwise null (ordinary dumps are left to the header/trailer rules).
 */
function mainRegion(blocks: Block[]): [number, number] | null {
  if (blocks.length < 20) return null;
  let menu = 0;
  let proseChars = 0;
  let allChars = 0;
  const prose = blocks.map((b) => {
    const t = b.text;
    allChars += t.length;
    const turn = isTurnStart(t) || isBulletStart(t);
    const closed = /[.!?…"”»)]$/.test(t);
    // menu items, teaser labels: short, unpunctuated, not a transcript turn or a bullet
    if (t.length < 60 && !closed && !turn && !/\d\D+\d/.test(t)) menu++; // rows of figures are tables, not menus
    const p = isProse(b) || (turn && closed && t.length >= 20);
    if (p) proseChars += t.length;
    return p;
  });
  if (menu < 15 || menu < 0.4 * blocks.length || proseChars > 0.8 * allChars) return null;
  // runs of prose blocks separated by at most 5 other blocks; the run with the most prose wins
  let best: [number, number] | null = null;
  let bestChars = 0;
  let runStart = -1;
  let runEnd = -1;
  let runChars = 0;
  let gap = 0;
  let bestScore = 0;
  const close = () => {
    if (runStart < 0) return;
    // the article's run sits under its byline or date; teasers and comments do not
    let dated = false;
    for (let k = Math.max(0, runStart - 6); k < runStart && !dated; k++) {
      const scratch: HeaderFacts = { published: null, updated: null, authors: [], outlet: null };
      dated = blocks[k].lines.length <= 3 && blocks[k].lines.some((l) => readMetaLine(l, scratch));
    }
    const score = dated ? 2 * runChars : runChars;
    if (score > bestScore) {
      best = [runStart, runEnd + 1];
      bestChars = runChars;
      bestScore = score;
    }
  };
  for (let i = 0; i < blocks.length; i++) {
    if (prose[i]) {
      if (runStart < 0 || gap > 5) {
        close();
        runStart = i;
        runChars = 0;
      }
      runEnd = i;
      runChars += blocks[i].text.length;
      gap = 0;
    } else if (runStart >= 0) gap++;
  }
  close();
  if (!best || bestChars < 0.3 * proseChars) return null;
  return best;
}

function cleanArticle(input: string, opts: IngestOptions): Article {
  const warnings: Warning[] = [];
  const blocks = toBlocks(input);
  if (!blocks.length) throw new IngestError('E_EMPTY', 'the input contains only whitespace');
  const removed: Removed = { header: [], trailer: [], promos: 0 };

  // --- a whole-page dump: keep the main run of prose and the header just above it ---
  const region = mainRegion(blocks);
  let head: HeaderScan;
  let regionEnd = blocks.length;
  if (region) {
    const [s, e] = region;
    regionEnd = e;
    head = scanHeader(blocks, s, opts);
    // the title and byline usually sit right above the first paragraph
    for (let k = Math.max(0, s - 6); k < s; k++) {
      const h = scanHeader(blocks, k, opts);
      if (h.start >= s && (h.title || h.facts.published || h.facts.authors.length)) {
        head = h;
        break;
      }
    }
    removed.header.push('page navigation');
  } else head = scanHeader(blocks, 0, opts);
  const facts = head.facts;
  const title = head.title;
  const subtitle = head.subtitle;
  const start = head.start;
  removed.header.push(...head.kinds);

  // --- trailer ---
  let end = regionEnd;
  if (regionEnd < blocks.length) removed.trailer.push('page footer');
  const bioParts: string[] = [];
  // a "Related articles" / "Read more" list: a marker followed only by short items, near the end
  for (let k = Math.max(start + 1, end - 25); k < end; k++) {
    const marker = LIST_MARKER.exec(blocks[k].lines[0]);
    if (!marker || blocks[k].text.length > 250) continue;
    // after a bare heading ("Related articles:") the items are short teasers; after "Read also: …"
    // they must look like headlines too (no final period), or it was an inline link in the body
    const bare = !marker[1];
    // the items: the marker block's other lines, then the blocks after it
    const items = [...blocks[k].lines.slice(1)];
    for (let j = k + 1; j < end && items.length <= 60; j++) items.push(blocks[j].text);
    if (!bare && (!items.length || /[.!?]["”’»]?$/.test(blocks[k].lines[0]))) continue;
    let listy = items.length <= 60;
    for (const item of items) {
      if (
        item.length > 250 ||
        (!bare && /[.]["”’»]?$/.test(item) && !isShareLine(item) && !TRAILER_JUNK.some((re) => re.test(item)))
      ) {
        listy = false;
        break;
      }
    }
    if (listy) {
      removed.trailer.push('related-articles list');
      end = k;
      break;
    }
  }
  for (let guard = 0; guard < 40 && end > start + 1; guard++) {
    const b = blocks[end - 1];
    const t = b.text;
    const first = b.lines[0];
    if (isShareBlock(b) || (t.length <= 400 && b.lines.every((l) => TRAILER_JUNK.some((re) => re.test(l))))) {
      harvestOutlet(t, facts);
      removed.trailer.push(/©|copyright|all rights/i.test(t) ? 'copyright' : 'share/tags');
      end--;
      continue;
    }
    if (ABOUT_AUTHOR.test(first) && b.lines.length === 1) {
      // the heading of an author box left over after its bio was removed
      removed.trailer.push('author bio');
      end--;
      continue;
    }
    if (isBio(b, facts.authors)) {
      bioParts.unshift(t);
      harvestBio(t, facts);
      removed.trailer.push('author bio');
      end--;
      // a bio directly under an "About the author" heading
      if (end > start + 1 && ABOUT_AUTHOR.test(blocks[end - 1].text)) end--;
      continue;
    }
    if (ABOUT_AUTHOR.test(first)) {
      // heading and bio in one block
      bioParts.unshift(b.lines.slice(1).join(' '));
      harvestBio(b.lines.slice(1).join(' '), facts);
      removed.trailer.push('author bio');
      end--;
      continue;
    }
    break;
  }
  // an "About the author" heading followed by the bio blocks
  for (let k = Math.max(start + 1, end - 4); k < end; k++) {
    if (ABOUT_AUTHOR.test(blocks[k].text) && end - k <= 3) {
      const bio = blocks
        .slice(k + 1, end)
        .map((b) => b.text)
        .join('\n\n');
      if (bio) {
        bioParts.unshift(bio);
        harvestBio(bio, facts);
      }
      removed.trailer.push('author bio');
      end = k;
      break;
    }
  }

  // --- body ---
  const body: Block[] = [];
  for (let k = start; k < end; k++) {
    const b = blocks[k];
    if (b.lines.length === 1 && INLINE_PROMO.test(b.text) && k > start) {
      removed.promos++;
      continue;
    }
    body.push(b);
  }
  if (!body.length) {
    // everything looked like boilerplate: keep the input rather than return nothing
    warnings.push({
      code: 'W_CLEANING_FALLBACK',
      message: 'the text looked like boilerplate only; it is kept whole',
    });
    body.push(...blocks);
  }

  let text = '';
  const paragraphs: Span[] = [];
  for (const b of body) {
    if (text) text += '\n\n';
    const s = text.length;
    text += b.text;
    // a block may itself be several paragraphs in a one-paragraph-per-line dump; keep it whole
    paragraphs.push({ start: s, end: text.length });
  }

  // outlet from a wire dateline: "MOSCOW, Oct 28 (Reuters) -"
  if (!facts.outlet && body.length) {
    const m = DATELINE_OUTLET.exec(body[0].text);
    if (m) facts.outlet = (m[1] ?? m[2]).trim();
  }
  // a full date in a wire dateline: "KYIV, March 3, 2024 (Agency) —"
  let datelineDate: string | null = null;
  if (!facts.published && body.length) {
    const m = DATELINE_DATE.exec(body[0].text.slice(0, 120));
    if (m) datelineDate = findDates(m[1])[0]?.date ?? null;
  }
  // authors from a wire sign-off, which stays in the text: "(Reporting by Jane Doe; Editing by …)"
  if (!facts.authors.length && body.length) {
    const m = SIGN_OFF.exec(body[body.length - 1].text);
    if (m)
      facts.authors.push(...parseNames(m[1], { published: null, updated: null, authors: [], outlet: null }));
  }

  const meta = baseMeta(opts);
  meta.title = title;
  meta.authors = facts.authors;
  meta.outlet = facts.outlet;
  if (!opts.published && facts.published) {
    meta.published = facts.published;
    meta.publishedSource = 'header';
  } else if (!opts.published && facts.updated) {
    meta.published = facts.updated;
    meta.publishedSource = 'header';
  } else if (!opts.published && datelineDate) {
    meta.published = datelineDate;
    meta.publishedSource = 'dateline';
  }
  const extra: Record<string, string> = {};
  if (facts.updated) extra.updated = facts.updated;
  if (bioParts.length) extra.authorBio = bioParts.join('\n\n');
  if (subtitle) extra.subtitle = subtitle;
  if (Object.keys(extra).length) meta.extra = extra;
  meta.language = identifyLanguage(text).language;

  const parts: string[] = [];
  const count = (what: string, list: string[]) => {
    const n = list.filter((x) => x === what).length;
    return n ? `${what}${n > 1 ? ` ×${n}` : ''}` : null;
  };
  if (removed.header.includes('page navigation')) parts.push('page navigation');
  for (const w of ['metadata', 'title', 'subtitle', 'outlet', 'junk'])
    if (removed.header.includes(w)) parts.push(`header ${count(w, removed.header)}`);
  for (const w of ['author bio', 'related-articles list', 'copyright', 'share/tags', 'page footer'])
    if (removed.trailer.includes(w)) parts.push(count(w, removed.trailer) as string);
  if (removed.promos)
    parts.push(`${removed.promos} inline promo line${removed.promos > 1 ? 's' : ''} ("Read also", ads)`);
  if (parts.length)
    warnings.push({ code: 'W_BOILERPLATE_REMOVED', message: `removed from the text: ${parts.join(', ')}` });

  return { text, meta, warnings, paragraphs: paragraphs.length ? paragraphs : segmentParagraphs(text) };
}

function isShareLine(line: string): boolean {
  if (line.length > 120) return false;
  const words = line
    .split(/[\s|·•/,:]+/)
    .filter(Boolean)
    .filter((w) => !/^(?:this|on|via|article|story|post|page|us)$/i.test(w));
  return words.length > 0 && words.length <= 12 && words.every((w) => SHARE_WORDS.test(w));
}

function isShareBlock(b: Block): boolean {
  return (
    b.text.length <= 400 && b.lines.every((l) => isShareLine(l) || TRAILER_JUNK.some((re) => re.test(l)))
  );
}

function isBio(b: Block, authors: string[]): boolean {
  const t = b.text;
  if (t.length > 800) return false;
  for (const a of authors) {
    if (
      t.startsWith(a) &&
      /^[,\s—–(]|^ (?:is|was|has|works|teaches|writes|heads|served)\b/.test(t.slice(a.length))
    )
      return true;
  }
  // "Jane Doe, a political scientist, is …" / "Jane Doe is a senior fellow at …"
  const lead =
    /^(\p{Lu}[\p{L}'’.-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]+|de|van|von|al|bin)){1,3})(?:,|\s+is\b|\s+was\b)/u.exec(
      t,
    );
  // without a known author: a short block, with the cue in its first sentence
  const cue = BIO_CUE.exec(t);
  if (!lead || !cue || t.length > 450) return false;
  const firstStop = t.search(/[.!?](?:\s|$)/);
  return firstStop < 0 || cue.index < firstStop;
}

function harvestBio(t: string, facts: HeaderFacts): void {
  const ex = EXCLUSIVE_FOR.exec(t);
  if (ex && !facts.outlet) facts.outlet = cleanOutlet(ex[1] ?? ex[2] ?? '') ?? null;
  if (!facts.authors.length) {
    const lead =
      /^(\p{Lu}[\p{L}'’.-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]+|de|van|von|al|bin)){1,3})(?=,|\s+is\b|\s+was\b)/u.exec(
        t,
      );
    const name = lead ? personName(lead[1]) : null;
    if (name) facts.authors.push(name);
  }
  harvestOutlet(t, facts);
}

function harvestOutlet(t: string, facts: HeaderFacts): void {
  if (facts.outlet) return;
  const c = COPYRIGHT_OUTLET.exec(t);
  if (c) {
    const name = cleanOutlet(c[1]);
    if (name && !/^all rights/i.test(name)) {
      facts.outlet = name;
      return;
    }
  }
  const src =
    /^(?:source|via)\s*:\s*(.+)$/im.exec(t) ??
    /originally published (?:in|by|on|at) (.+?)(?:[.,]|$)/i.exec(t);
  if (src) facts.outlet = cleanOutlet(src[1]);
}
