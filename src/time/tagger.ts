/**
 * The time tagger: finds DATE, TIME, DURATION and SET expressions in a text
 * and normalises them to TIMEX3 values.
 *
 * How it runs (chrono/HeidelTime style, built for speed):
 *  1. one global trigger regex finds the words a time expression can start
 *     with (month and weekday names, digits, temporal nouns, modifiers);
 *  2. at each trigger every parser (a sticky regex plus a normaliser, see
 *     `parsers.ts`) is tried at that position and the longest accepted match
 *     wins, so the text is scanned once, left to right;
 *  3. refiners run inline: ranges ("18–19 October", "between March and May")
 *     become one interval, and each resolved date becomes the narrative anchor
 *     for "the following day", "two days later" and the like.
 *
 * Relative expressions resolve against the publication date (`dct`), with the
 * tense of the surrounding clause choosing past or future for bare months and
 * weekdays; without a publication date, unknown parts stay as X.
 */
import type { Span, TimeExpression, TimeType } from '../document/types.ts';
import { isValidDate, type YMD } from './calendar.ts';
import { firstChars } from './first-chars.ts';
import { PARSERS } from './parsers.ts';
import { buildTense, type Tense } from './tense.ts';

/** A candidate expression, before ids and anchors are assigned. */
export interface Cand {
  start: number;
  end: number;
  type: TimeType;
  value: string;
  precision: string;
  mod?: string | null;
  stated: string[];
  inferred: string[];
  /** 'published' (the document date), 'last' (the narrative anchor) or null (absolute). */
  anchor: 'published' | 'last' | null;
  /** Calendar parts of a point date, for range year-filling and narrative anchoring. */
  y?: number;
  m?: number;
  d?: number;
  /** Whether y was known (stated, or inferred from a known anchor). */
  yKnown?: boolean;
  /** Set on values derived from another time (a year-ago quarter): they do not become anchors. */
  derived?: boolean;
}

export interface Parser {
  name: string;
  re: RegExp;
  /** Returns the candidate (start/end may be adjusted) or null to reject the match. */
  fn: (m: RegExpExecArray, s: Scanner) => Cand | null;
}

/** The narrative anchor: the most recently mentioned date. */
export interface LastDate {
  y: number;
  m: number | null;
  d: number | null;
  yKnown: boolean;
  /** Whether the year was written out ("7 August 1998"), not inferred. */
  yStated: boolean;
  index: number;
  /** Where the expression starts and ends in the text. */
  pos: number;
  end: number;
}

export interface TagOptions {
  /** Publication date YYYY-MM-DD (or a longer ISO string), or null. */
  published?: string | null;
  /** Sentence spans, for tense; computed from punctuation when absent. */
  sentences?: Span[];
  /**
   * 'merge' (default): "from 1990 to 1995" is one interval expression 1990/1995.
   * 'split': each endpoint is its own expression, the TimeML annotation convention.
   */
  ranges?: 'merge' | 'split';
}

/**
 * Words at the core of a time expression (a month, a digit, a temporal noun…),
 * matched as word prefixes. Parsers run at core words and at the prefix words
 * that can precede them ("the", "early", "more than", "two"), but a prefix word
 * is only tried when a core word follows within a few words. Both lists are
 * looked up by the first three letters of a word, with no allocation per word.
 */
const CORE_WORDS = (
  'jan feb mar apr may jun jul aug sep oct nov dec mon tue wed thu fri sat sun today yesterday tomorrow tonight ' +
  'overnight now current present nowaday recent lately soon future later past year month week day decade centur quarter ' +
  'half hour minute second fortnight period term night morning afternoon evening dawn dusk noon midnight midday ' +
  'spring summer fall autumn winter christmas thanksgiving easter halloween independence valentine election labor ' +
  'labour memorial daily weekly ' +
  'monthly yearly annually quarterly hourly nightly biweekly biannually semiannually nineteen eighteen thousand ' +
  'twenties thirties forties fifties sixties seventies eighties nineties millenni q1 q2 q3 q4 h1 h2 fy'
).split(' ');
const PREFIX_WORDS = (
  'the a an this that last next coming early earlier late later mid middle end beginning start fiscal calendar ' +
  'first third fourth final latest one two three four five six seven eight nine ten eleven twelve thirteen ' +
  'fourteen fifteen sixteen seventeen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen ' +
  'several some few many couple numerous every each per nearly almost about around approximately roughly over ' +
  'more less fewer under up at no just within between from right same prior following previous these other ' +
  'close turn rest remainder balance corresponding comparable full long straight new'
).split(' ');
/** How far after a prefix word a core word may start (e.g. "the first nine months"). */
const PREFIX_REACH = 40;

function lower(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function key3(text: string, i: number, len: number): number {
  let k = 0;
  for (let x = 0; x < 3; x++) k = (k << 8) | (x < len ? lower(text.charCodeAt(i + x)) & 0xff : 0);
  return k;
}

function bucket(words: string[], prefixLen: (w: string) => number): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const w of words) {
    const k = key3(w, 0, prefixLen(w));
    const list = m.get(k);
    if (list) list.push(w);
    else m.set(k, [w]);
  }
  return m;
}

/** Core words by their first three letters (two-letter ones like "q3" by both). */
const CORE_INDEX = bucket(CORE_WORDS, (w) => Math.min(3, w.length));
const PREFIX_INDEX = bucket(PREFIX_WORDS, (w) => Math.min(3, w.length));

/** Quick rejection: which three-letter starts (a-z only) have any word in either index. */
const START_TABLE = new Uint8Array(27 * 27 * 27);

function letterIndex(code: number): number {
  const c = lower(code);
  return c >= 97 && c <= 122 ? c - 96 : c >= 48 && c <= 57 ? 0 : -1;
}

function startSlot(text: string, i: number, len: number): number {
  let slot = 0;
  for (let x = 0; x < 3; x++) {
    const li = x < len ? letterIndex(text.charCodeAt(i + x)) : 0;
    if (li < 0) return -1;
    slot = slot * 27 + li;
  }
  return slot;
}

for (const w of [...CORE_WORDS, ...PREFIX_WORDS]) {
  const slot = startSlot(w, 0, Math.min(3, w.length));
  if (slot >= 0) START_TABLE[slot] = 1;
}

function sameLower(text: string, i: number, w: string): boolean {
  for (let x = 0; x < w.length; x++) if (lower(text.charCodeAt(i + x)) !== w.charCodeAt(x)) return false;
  return true;
}

const NONE = 0;
const CORE = 1;
const PREFIX = 2;

/** Whether the word text[i, j) is a core word, a prefix word, or neither. */
function classify(text: string, i: number, j: number): number {
  const c0 = text.charCodeAt(i);
  if (c0 >= 48 && c0 <= 57) return CORE;
  const len = j - i;
  const slot = startSlot(text, i, Math.min(3, len));
  const slot2 = len > 3 ? startSlot(text, i, 2) : -1;
  if ((slot < 0 || START_TABLE[slot] === 0) && (slot2 < 0 || START_TABLE[slot2] === 0)) return NONE;
  const core = CORE_INDEX.get(key3(text, i, Math.min(3, len)));
  if (core) for (const w of core) if (len >= w.length && sameLower(text, i, w)) return CORE;
  if (len > 3) {
    // core words shorter than three letters are indexed by their own length
    const short = CORE_INDEX.get(key3(text, i, 2));
    if (short) for (const w of short) if (w.length === 2 && sameLower(text, i, w)) return CORE;
  }
  const pre = PREFIX_INDEX.get(key3(text, i, Math.min(3, len)));
  if (pre) for (const w of pre) if (len === w.length && sameLower(text, i, w)) return PREFIX;
  return NONE;
}

/** End of the word starting at i (ASCII letters and digits; other letters join the word too). */
function wordEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (!(isAlnum(c) || (c >= 0xc0 && c !== 0x2019 && c !== 0x2018 && c < 0x2000))) break;
    j++;
  }
  return j;
}

/** Start of the next core word at or after `from`, or text.length. */
function nextCoreFrom(text: string, from: number): number {
  let i = from;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isAlnum(c)) {
      if (c === 39 && i + 1 < n && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) return i;
      i++;
      continue;
    }
    const j = wordEnd(text, i);
    if ((i === 0 || !isAlnum(text.charCodeAt(i - 1))) && classify(text, i, j) === CORE) return i;
    i = j;
  }
  return n;
}

/** The parsers whose patterns can start with each ASCII character (in PARSERS order), and with any other. */
const FIRST = PARSERS.map((p) => firstChars(p.re));
const PARSERS_BY_CHAR: Parser[][] = Array.from({ length: 128 }, (_, c) =>
  PARSERS.filter((_p, k) => FIRST[k].ascii[c] === 1),
);
const PARSERS_NON_ASCII: Parser[] = PARSERS.filter((_p, k) => FIRST[k].other);

export class Scanner {
  readonly text: string;
  readonly dct: YMD | null;
  last: LastDate | null = null;
  /** Quarter of the most recent quarter expression (financial reports): "a year earlier" follows it. */
  lastQuarter: { y: number; q: number; index: number; pos: number } | null = null;
  /**
   * A longer reporting span read after that quarter ("the first nine months", "the year ended
   * Sept. 30"): comparisons that follow it ("a year earlier", "the 1988 period") are about its year.
   */
  lastSpan: { y: number; pos: number } | null = null;
  private tense: Tense;
  private count = 0;

  constructor(text: string, dct: YMD | null, sentences: Span[] | undefined) {
    this.text = text;
    this.dct = dct;
    this.tense = buildTense(text, sentences);
  }

  /** Tense of the clause around [start, end): -1 past, 1 future, 0 unknown. */
  tenseAt(start: number, end: number): -1 | 0 | 1 {
    return this.tense(start, end);
  }

  /** Runs every parser at `pos`, returns the longest accepted candidate. */
  parseAt(pos: number, exclude?: string): Cand | null {
    let hits: { p: Parser; m: RegExpExecArray }[] | null = null;
    const text = this.text;
    const code = text.charCodeAt(pos);
    for (const p of code < 128 ? PARSERS_BY_CHAR[code] : PARSERS_NON_ASCII) {
      if (p.name === exclude) continue;
      p.re.lastIndex = pos;
      const m = p.re.exec(text);
      if (m && m[0].length > 0) {
        if (hits === null) hits = [];
        hits.push({ p, m });
      }
    }
    if (hits === null) return null;
    if (hits.length > 1) hits.sort((a, b) => b.m[0].length - a.m[0].length);
    for (const h of hits) {
      const c = h.p.fn(h.m, this);
      if (c) return c;
    }
    return null;
  }

  /** Records an accepted candidate as the narrative anchor (when it is a point date). */
  note(c: Cand, index: number): void {
    this.count = index;
    if (
      c.type === 'DURATION' &&
      /^P(?:9M|6M|1Y)$/.test(c.value) &&
      /^the\s/i.test(this.text.slice(c.start, c.end)) &&
      (this.lastQuarter || this.dct)
    )
      this.lastSpan = { y: this.lastQuarter?.y ?? (this.dct as YMD).y, pos: c.start };
    if (c.type === 'DURATION' || c.type === 'SET') return;
    if (c.y !== undefined && !c.derived) {
      this.last = {
        y: c.y,
        m: c.m ?? null,
        d: c.d ?? null,
        yKnown: c.yKnown ?? true,
        yStated: c.stated.includes('year'),
        index,
        pos: c.start,
        end: c.end,
      };
    }
    const q = /^(\d{4})-Q([1-4])$/.exec(c.value);
    // a quarter still ahead ("losses through the third quarter of 1990", "the trend will continue
    // into the fourth quarter") is a forecast, not the reported quarter that "the year-ago period"
    // and "a year earlier" compare with
    const gap =
      q && this.dct ? (Number(q[1]) - this.dct.y) * 4 + Number(q[2]) - Math.ceil(this.dct.m / 3) : -1;
    const ahead = gap > 0 || (gap === 0 && this.tenseAt(c.start, c.end) > 0);
    if (q && !c.derived && !ahead)
      this.lastQuarter = { y: Number(q[1]), q: Number(q[2]), index, pos: c.start };
  }

  get index(): number {
    return this.count;
  }
}

const CONNECT = /\s*(?:-|–|—|to|through|thru|until|till|and)\s*/iy;
const OPENER = /(?:between|from)\s+$/i;

/**
 * Joins two adjacent dates into one interval ("2024–2025", "from March to May",
 * "between 1990 and 1995") when the connector and the first date's context allow it.
 */
function tryRange(s: Scanner, a: Cand): Cand | null {
  if (a.type !== 'DATE' || a.value.includes('/') || /REF$/.test(a.value)) return null;
  CONNECT.lastIndex = a.end;
  const c = CONNECT.exec(s.text);
  if (!c) return null;
  const conn = c[0].trim().toLowerCase();
  const before = s.text.slice(Math.max(0, a.start - 10), a.start);
  const opener = OPENER.exec(before);
  const dash = conn === '-' || conn === '–' || conn === '—';
  if (!dash && !opener) return null;
  if (conn === 'and' && !(opener && /between/i.test(opener[0]))) return null;
  if (dash && c[0] !== conn && !/\s/.test(c[0][0]) !== !/\s/.test(c[0][c[0].length - 1])) return null;
  const b = s.parseAt(a.end + c[0].length);
  if (b?.type !== 'DATE' || b.value.includes('/') || /REF$/.test(b.value)) return null;
  if (b.precision !== a.precision && !(a.precision === 'month' && b.precision === 'day')) return null;
  let av = a.value;
  // "March to May 2024": the first part takes the year of the second
  if (a.anchor && !b.anchor && a.m !== undefined && b.y !== undefined && a.precision === b.precision) {
    av = av.replace(/^(\d{4}|XXXX)/, String(b.y).padStart(4, '0'));
  }
  let bv = b.value;
  // "from May to July": the second part follows the first, not the publication date
  if (
    b.anchor &&
    b.inferred.includes('year') &&
    a.y !== undefined &&
    b.m !== undefined &&
    !av.startsWith('X')
  ) {
    const ay = Number(av.slice(0, 4));
    const am = a.m ?? 1;
    const by = b.m >= am ? ay : ay + 1;
    bv = bv.replace(/^\d{4}/, String(by).padStart(4, '0'));
  }
  if (av >= bv && !av.startsWith('X')) return null;
  const start = opener ? a.start - opener[0].length : a.start;
  return {
    ...b,
    start,
    end: b.end,
    value: `${av}/${bv}`,
    stated: [...new Set([...a.stated, ...b.stated])],
    inferred: [...new Set([...a.inferred, ...b.inferred])].filter((p) => !a.stated.includes(p) || false),
    anchor: a.anchor ?? b.anchor,
  };
}

/**
 * ABC's "This Week", CBS's ''60 Minutes'', NBC's "Today": a capitalised relative
 * expression or duration that opens a quotation running only over capitalised
 * words is a programme or book title, not a time.
 */
function isTitle(text: string, c: Cand): boolean {
  const q = text.charCodeAt(c.start - 1);
  const pq = text.charCodeAt(c.start - 2);
  const quoted = q === 34 || q === 0x201c || ((q === 39 || q === 96) && pq === q);
  if (!quoted) return false;
  if (c.anchor !== 'published' && c.type !== 'DURATION') return false;
  if (!/^[\p{Lu}\d]\S*(?:\s+\p{Lu}\S*)+$|^\p{Lu}\S*$/u.test(text.slice(c.start, c.end))) return false;
  // the quotation closes after capitalised words only: the whole quotation is the name
  return /^(?:\s+(?:\p{Lu}\S*|of|the|and|with|in|on|at|for))*[,.!?]?(?:["”]|''|'(?!\w))/u.test(
    text.slice(c.end, c.end + 80),
  );
}

/** Parses `published` (YYYY-MM-DD, or a longer ISO timestamp) to a calendar date. */
export function parseDct(published: string | null | undefined): YMD | null {
  if (!published) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isValidDate(y, mo, d) ? { y, m: mo, d } : null;
}

/** Tags the time expressions of `text`. */
export function tagTimes(text: string, options: TagOptions = {}): TimeExpression[] {
  const dct = parseDct(options.published ?? null);
  const s = new Scanner(text, dct, options.sentences);
  const out: Cand[] = [];
  const anchors: (number | null)[] = [];
  const n = text.length;
  let nextCore = -1;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    let kind = NONE;
    let j = i + 1;
    if (isAlnum(code)) {
      j = wordEnd(text, i);
      if (i === 0 || !isAlnum(text.charCodeAt(i - 1))) kind = classify(text, i, j);
    } else if (code === 39 && i + 1 < n && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) {
      kind = CORE; // '90s
    }
    if (kind === PREFIX) {
      // a prefix word: only worth parsing when a core word follows closely
      if (nextCore <= i) nextCore = nextCoreFrom(text, i + 1);
      if (nextCore - i > PREFIX_REACH) kind = NONE;
    }
    if (kind === NONE) {
      i = j;
      continue;
    }
    let c = s.parseAt(i);
    if (!c || isTitle(text, c)) {
      i = j;
      continue;
    }
    const r = options.ranges === 'split' ? null : tryRange(s, c);
    if (r) c = r;
    const lastIndex = s.last?.index ?? null;
    // drop candidates overlapping the previous one (an earlier, longer match wins)
    const prev = out[out.length - 1];
    if (prev && c.start < prev.end) {
      if (c.end - c.start > prev.end - prev.start && c.start >= prev.start) {
        out.pop();
        anchors.pop();
      } else {
        i = j;
        continue;
      }
    }
    out.push(c);
    anchors.push(c.anchor === 'last' ? lastIndex : null);
    s.note(c, out.length - 1);
    i = Math.max(c.end, i + 1);
  }
  return out.map((c, i) => {
    const te: TimeExpression = {
      id: `t${i + 1}`,
      start: c.start,
      end: c.end,
      type: c.type,
      value: c.value,
      precision: c.precision,
      mod: c.mod ?? null,
      stated: c.stated,
      inferred: c.inferred,
      anchor:
        c.anchor === 'published'
          ? dct
            ? 'published'
            : null
          : c.anchor === 'last'
            ? anchors[i] !== null && anchors[i] !== undefined
              ? `t${(anchors[i] as number) + 1}`
              : dct
                ? 'published'
                : null
            : null,
    };
    return te;
  });
}
