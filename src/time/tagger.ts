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
  index: number;
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
 * Words at the core of a time expression (a month, a digit, a temporal noun…).
 * Parsers run at core words and at the prefix words before them ("the",
 * "early", "more than", "two"), but a prefix word is only tried when a core
 * word follows within a few words, which keeps the scan fast.
 */
const CORE_WORDS =
  "\\d|'\\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|" +
  'today|yesterday|tomorrow|tonight|overnight|now|current|present|nowaday|recent|lately|soon|future|past|' +
  'year|month|week|day|decade|centur|quarter|half|hour|minute|second|fortnight|period|term|night|morning|' +
  'afternoon|evening|dawn|dusk|noon|midnight|midday|spring|summer|fall|autumn|winter|christmas|thanksgiving|' +
  'easter|halloween|independence|valentine|new year|daily|weekly|monthly|yearly|quarterly|hourly|nightly|biweekly|' +
  'biannually|semiannually|q[1-4]|[1-4]q|h[12]|fy|nineteen|eighteen|thousand|twenties|thirties|forties|fifties|' +
  'sixties|seventies|eighties|nineties|millenni';
const PREFIX_WORDS =
  'the|a|an|this|that|last|next|coming|early|earlier|late|later|mid|middle|end|beginning|start|fiscal|calendar|' +
  'first|third|fourth|final|latest|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|' +
  'fourteen|fifteen|sixteen|seventeen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|' +
  'several|some|few|many|couple|numerous|every|each|per|nearly|almost|about|around|approximately|roughly|over|' +
  'more|less|fewer|under|up|at|no|just|within|between|from|right|same|prior|following|previous|these|other|' +
  'close|turn|rest|remainder|balance|corresponding|comparable|full|long|straight';
const TRIGGER = new RegExp(`(?<![A-Za-z0-9])(?:(${CORE_WORDS})|(?:${PREFIX_WORDS})(?![a-z]))`, 'gi');
const CORE = new RegExp(`(?<![A-Za-z0-9])(?:${CORE_WORDS})`, 'gi');
/** How far after a prefix word a core word may start (e.g. "the first nine months"). */
const PREFIX_REACH = 40;

export class Scanner {
  readonly text: string;
  readonly dct: YMD | null;
  last: LastDate | null = null;
  /** Quarter of the most recent quarter expression (financial reports): "a year earlier" follows it. */
  lastQuarter: { y: number; q: number; index: number; pos: number } | null = null;
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
    for (const p of PARSERS) {
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
    if (c.type === 'DURATION' || c.type === 'SET') return;
    if (c.y !== undefined && !c.derived) {
      this.last = { y: c.y, m: c.m ?? null, d: c.d ?? null, yKnown: c.yKnown ?? true, index };
    }
    const q = /^(\d{4})-Q([1-4])$/.exec(c.value);
    if (q && !c.derived) this.lastQuarter = { y: Number(q[1]), q: Number(q[2]), index, pos: c.start };
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
  const trig = new RegExp(TRIGGER.source, TRIGGER.flags);
  const core = new RegExp(CORE.source, CORE.flags);
  let nextCore = -1;
  for (let t = trig.exec(text); t; t = trig.exec(text)) {
    if (t[1] === undefined) {
      // a prefix word: only worth parsing when a core word follows closely
      if (nextCore <= t.index) {
        core.lastIndex = t.index + 1;
        const cm = core.exec(text);
        nextCore = cm ? cm.index : Number.MAX_SAFE_INTEGER;
      }
      if (nextCore - t.index > PREFIX_REACH) continue;
    }
    let c = s.parseAt(t.index);
    if (!c) continue;
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
        continue;
      }
    }
    out.push(c);
    anchors.push(c.anchor === 'last' ? lastIndex : null);
    s.note(c, out.length - 1);
    trig.lastIndex = Math.max(c.end, t.index + 1);
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
