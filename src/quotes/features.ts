/**
 * Token-level features for the cue tagger and the cue-conditioned
 * source/content tagger. Everything is computed once per document into packed
 * typed arrays (hashes of token forms, shapes, quote flags, sentence indices,
 * prefix counts); feature hashes are combined with integer mixing, so building
 * features allocates no strings on the hot path.
 */
import type { Span } from '../document/types.ts';
import { tokenize } from '../text/tokenize.ts';
import type { QuoteRegion } from './marks.ts';

/** Shape classes of a token. */
export enum Shape {
  Lower = 1,
  Cap = 2,
  Upper = 3,
  Digit = 4,
  Mixed = 5,
  OpenQuote = 6,
  CloseQuote = 7,
  Comma = 8,
  Period = 9,
  Colon = 10,
  Dash = 11,
  Paren = 12,
  OtherPunct = 13,
  Semicolon = 14,
  Question = 15,
}

export interface DocTokens {
  text: string;
  n: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Hash of the lower-cased form (’ folded to '). */
  form: Int32Array;
  /** Hash of a crude stem (-s, -es, -ed, -ing, -ly stripped). */
  stem: Int32Array;
  /** Hash of the last three characters. */
  suf: Int32Array;
  shape: Uint8Array;
  /** 1 when the token lies inside a top-level quotation (marks excluded), 2 for nested. */
  inQuote: Uint8Array;
  /** Sentence index of each token. */
  sent: Int32Array;
  /** Paragraph index of each token. */
  para: Int32Array;
  /** 1 on the first token of a sentence. */
  sentFirst: Uint8Array;
  /** Prefix count of commas/dashes/semicolons: `commas[i]` = number among tokens `< i`. */
  commas: Int32Array;
  /** Token range of each paragraph: [first, last) as pairs. */
  paraTok: Int32Array;
}

const FNV = 0x811c9dc5;

function fold(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c === 0x2019 || c === 0x2018) return 39;
  if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0xab || c === 0xbb) return 34;
  if (c === 0x2014 || c === 0x2013) return 45;
  if (c >= 0xc0 && c < 0x250) {
    // Latin-1 / Latin Extended-A capitals to lower case where the offset is 32 or 1
    if (c >= 0xc0 && c <= 0xde && c !== 0xd7) return c + 32;
  }
  return c;
}

/** FNV-1a of the folded characters `text[s, e)`; never 0. */
export function hashRange(text: string, s: number, e: number): number {
  let h = FNV;
  for (let i = s; i < e; i++) {
    h ^= fold(text.charCodeAt(i));
    h = Math.imul(h, 0x01000193);
  }
  return h | 1;
}

/** FNV-1a of a string (folded); matches `hashRange` on the same characters. */
export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/** Combines a template id and up to three values into one feature hash (never 0). */
export function mix(t: number, a: number, b = 0, c = 0): number {
  let h = Math.imul(t ^ 0x9e3779b9, 0x85ebca6b);
  h ^= a;
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35);
  h ^= b;
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f);
  h ^= c;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= h >>> 13;
  return h | 1;
}

function shapeOf(text: string, s: number, e: number): Shape {
  const c = text.charCodeAt(s);
  if (e - s === 1) {
    switch (c) {
      case 0x201c:
      case 0x201e:
      case 0xab:
      case 0x2018:
        return Shape.OpenQuote;
      case 0x201d:
      case 0xbb:
      case 0x2019:
        return Shape.CloseQuote;
      case 0x22:
      case 0x27: {
        const prev = s > 0 ? text.charCodeAt(s - 1) : 32;
        return prev === 32 || prev === 10 || prev === 40 ? Shape.OpenQuote : Shape.CloseQuote;
      }
      case 44:
        return Shape.Comma;
      case 46:
      case 33:
        return Shape.Period;
      case 63:
        return Shape.Question;
      case 58:
        return Shape.Colon;
      case 59:
        return Shape.Semicolon;
      case 45:
      case 0x2014:
      case 0x2013:
        return Shape.Dash;
      case 40:
      case 41:
      case 91:
      case 93:
        return Shape.Paren;
    }
  }
  let upper = 0;
  let lower = 0;
  let digit = 0;
  for (let i = s; i < e; i++) {
    const k = text.charCodeAt(i);
    if (k >= 48 && k <= 57) digit++;
    else if (k >= 65 && k <= 90) upper++;
    else if (k >= 97 && k <= 122) lower++;
    else if (k > 127) {
      const ch = text[i];
      if (ch !== ch.toLowerCase()) upper++;
      else if (ch !== ch.toUpperCase()) lower++;
    }
  }
  if (upper + lower + digit === 0) return e - s === 1 && c === 46 ? Shape.Period : Shape.OtherPunct;
  if (digit && !upper && !lower) return Shape.Digit;
  if (upper && !lower) return Shape.Upper;
  if (upper && lower) {
    const first = text.charCodeAt(s);
    return (first >= 65 && first <= 90) || (first > 127 && text[s] !== text[s].toLowerCase())
      ? Shape.Cap
      : Shape.Mixed;
  }
  if (lower) return Shape.Lower;
  return Shape.Mixed;
}

/** Lower-cased code unit `i` places before `e` (ASCII letters only). */
function lcAt(text: string, e: number, i: number): number {
  return text.charCodeAt(e - i) | 32;
}

function stemEnd(text: string, s: number, e: number): number {
  const len = e - s;
  if (len > 5 && lcAt(text, e, 3) === 105 && lcAt(text, e, 2) === 110 && lcAt(text, e, 1) === 103)
    return e - 3; // -ing
  if (len > 4 && lcAt(text, e, 2) === 101 && lcAt(text, e, 1) === 100) return e - 2; // -ed
  if (len > 4 && lcAt(text, e, 2) === 101 && lcAt(text, e, 1) === 115) return e - 2; // -es
  if (len > 4 && lcAt(text, e, 2) === 108 && lcAt(text, e, 1) === 121) return e - 2; // -ly
  if (len > 3 && lcAt(text, e, 1) === 115 && lcAt(text, e, 2) !== 115) return e - 1; // -s
  if (len > 4 && lcAt(text, e, 1) === 101) return e - 1; // -e (say/said … note/noted)
  return e;
}

/** Tokenises the text and computes the per-token arrays used by both taggers. */
export function prepareTokens(
  text: string,
  paragraphs: Span[],
  sentences: Span[],
  regions: QuoteRegion[],
): DocTokens {
  const tk = tokenize(text);
  const n = tk.length;
  const { starts, ends } = tk;
  const form = new Int32Array(n);
  const stem = new Int32Array(n);
  const suf = new Int32Array(n);
  const shape = new Uint8Array(n);
  const inQuote = new Uint8Array(n);
  const sent = new Int32Array(n);
  const para = new Int32Array(n);
  const sentFirst = new Uint8Array(n);
  const commas = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const s = starts[i];
    const e = ends[i];
    const se = stemEnd(text, s, e);
    let h = FNV;
    let hs = FNV;
    for (let k = s; k < e; k++) {
      if (k === se) hs = h;
      h ^= fold(text.charCodeAt(k));
      h = Math.imul(h, 0x01000193);
    }
    form[i] = h | 1;
    stem[i] = se === e ? form[i] : hs | 1;
    suf[i] = e - s <= 3 ? form[i] ^ 0x2545f491 : hashRange(text, e - 3, e);
    shape[i] = shapeOf(text, s, e);
    const sh = shape[i];
    commas[i + 1] = commas[i] + (sh === Shape.Comma || sh === Shape.Dash || sh === Shape.Semicolon ? 1 : 0);
  }
  // quote flags: mark tokens inside regions (regions are sorted by start)
  for (const r of regions) {
    let lo = lowerBound(starts, r.start);
    for (; lo < n && starts[lo] < r.end; lo++) {
      const v = r.depth === 0 ? 1 : 2;
      if (inQuote[lo] < v) inQuote[lo] = v;
    }
  }
  // sentence and paragraph indices
  let si = 0;
  for (let i = 0; i < n; i++) {
    while (si + 1 < sentences.length && sentences[si].end <= starts[i]) si++;
    sent[i] = si;
    if (i === 0 || sent[i - 1] !== si) sentFirst[i] = 1;
  }
  const paraTok = new Int32Array(paragraphs.length * 2);
  let pi = 0;
  for (let i = 0; i < n; i++) {
    while (pi + 1 < paragraphs.length && paragraphs[pi].end <= starts[i]) pi++;
    para[i] = pi;
  }
  for (let p = 0; p < paragraphs.length; p++) {
    paraTok[2 * p] = lowerBound(starts, paragraphs[p].start);
    paraTok[2 * p + 1] = lowerBound(starts, paragraphs[p].end);
  }
  return { text, n, starts, ends, form, stem, suf, shape, inQuote, sent, para, sentFirst, commas, paraTok };
}

/** First index whose value is ≥ x. */
export function lowerBound(arr: Int32Array, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Base cue features per token. */
export const CUE_F_BASE = 19;
/** Extra cue features when cue-lexicon statistics are given (see `CueLexicon`), with the sentence context. */
export const CUE_F_LEX = 20;
/** Cue features per token (the lexicon slots stay 0 for models trained without them). */
export const CUE_F = CUE_F_BASE + CUE_F_LEX;

/**
 * How often each training word form (and crude stem) was part of a gold cue:
 * a bucket of its cue precision and frequency, built at training time. A
 * feature on these buckets lets rare or unseen inflections of cue words
 * borrow strength from the frequent ones.
 */
export interface CueLexicon {
  form: BucketLookup;
  stem: BucketLookup;
}

/** Hash → bucket look-up (a `BucketTable` at run time; 0 or undefined when absent). */
export interface BucketLookup {
  get(hash: number): number | undefined;
}

/** Bucket of a (cue count, total count) pair: 0 unseen, 1–6 by precision, +7 when seen ≥ 5 times. */
export function lexBucket(cue: number, total: number): number {
  if (total <= 0) return 0;
  const p = cue / total;
  const b = cue === 0 ? (total < 10 ? 1 : 2) : p < 0.05 ? 3 : p < 0.2 ? 4 : p < 0.5 ? 5 : 6;
  return total >= 5 ? b + 7 : b;
}

/**
 * Per-document arrays for the lexicon features: form/stem buckets per token,
 * quote flag per sentence, and the sentence context of each token (see
 * `sentenceContext`).
 */
export interface CueLexArrays {
  lf: Uint8Array;
  ls: Uint8Array;
  sentQ: Uint8Array;
  ctx: SentenceContext;
  /** Prefix count of strong cue words (`strong[i]` = number among tokens `< i`). */
  strong: Int32Array;
  /** Token range [first, last) of each sentence, as pairs. */
  sentTok: Int32Array;
}

/** Token range of each sentence index of `d` as [first, last) pairs. */
export function sentenceTokens(d: DocTokens): Int32Array {
  const ns = d.n ? d.sent[d.n - 1] + 1 : 0;
  const out = new Int32Array(2 * ns);
  for (let i = 0; i < d.n; i++) {
    const s = d.sent[i];
    if (d.sentFirst[i] || i === 0) out[2 * s] = i;
    out[2 * s + 1] = i + 1;
  }
  return out;
}

/** Prefix count of tokens whose form bucket marks a frequent, mostly-cue word. */
export function strongPrefix(lf: Uint8Array): Int32Array {
  const out = new Int32Array(lf.length + 1);
  for (let i = 0; i < lf.length; i++) out[i + 1] = out[i] + (lf[i] >= 13 ? 1 : 0);
  return out;
}

/**
 * Where each token stands in its sentence, as small buckets: how far the next
 * "that", the next opening quotation mark or colon, and the previous closing
 * quotation mark are (within the sentence), and how far the sentence start and
 * end are. A reporting verb is typically followed by a that-clause, a quotation
 * or a colon, or follows a closing quotation ("…,” she said).
 */
export interface SentenceContext {
  thatAfter: Uint8Array;
  openAfter: Uint8Array;
  closeBefore: Uint8Array;
  /** Sentence-start distance bucket × 8 + sentence-end distance bucket. */
  pos: Uint8Array;
  /** 1 on names and subject pronouns (a likely speaker before a cue). */
  subjLike: Uint8Array;
}

function nearBucket(dist: number): number {
  return dist <= 0 ? 0 : dist === 1 ? 1 : dist <= 3 ? 2 : dist <= 8 ? 3 : 4;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'you', 'it', 'who', 'officials'].map(hashString));
const THAT = hashString('that');

/** Computes the sentence context of every token in two passes over the document. */
export function sentenceContext(d: DocTokens): SentenceContext {
  const { n, sent, shape, form } = d;
  const thatAfter = new Uint8Array(n);
  const openAfter = new Uint8Array(n);
  const closeBefore = new Uint8Array(n);
  const pos = new Uint8Array(n);
  const subjLike = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const sh = shape[i];
    if (sh === Shape.Cap || sh === Shape.Upper || PRONOUNS.has(form[i])) subjLike[i] = 1;
  }
  let lastThat = -1;
  let lastOpen = -1;
  let sentEnd = n;
  for (let i = n - 1; i >= 0; i--) {
    if (i + 1 < n && sent[i + 1] !== sent[i]) {
      lastThat = -1;
      lastOpen = -1;
      sentEnd = i + 1;
    }
    thatAfter[i] = lastThat >= 0 ? nearBucket(lastThat - i) : 0;
    openAfter[i] = lastOpen >= 0 ? nearBucket(lastOpen - i) : 0;
    pos[i] = nearBucket(sentEnd - 1 - i);
    if (form[i] === THAT) lastThat = i;
    const sh = shape[i];
    if (sh === Shape.OpenQuote || sh === Shape.Colon) lastOpen = i;
  }
  let lastClose = -1;
  let sentStart = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && sent[i - 1] !== sent[i]) {
      lastClose = -1;
      sentStart = i;
    }
    closeBefore[i] = lastClose >= 0 ? nearBucket(i - lastClose) : 0;
    pos[i] += nearBucket(i - sentStart) * 8;
    if (shape[i] === Shape.CloseQuote) lastClose = i;
  }
  return { thatAfter, openAfter, closeBefore, pos, subjLike };
}

/** The typed arrays of a `BucketTable` (structured-cloneable, so they can be shared between threads). */
export interface BucketTableData {
  keys: Int32Array;
  vals: Uint8Array;
}

/** Packs hash → bucket pairs into an open-addressing table (key 0 cannot be stored). */
export function packBuckets(m: ReadonlyMap<number, number>): BucketTableData {
  let cap = 16;
  while (cap < m.size * 2) cap <<= 1;
  const keys = new Int32Array(cap);
  const vals = new Uint8Array(cap);
  const mask = cap - 1;
  for (const [k, v] of m) {
    if (k === 0) continue;
    let i = Math.imul(k, 0x9e3779b1) >>> 0;
    for (i &= mask; keys[i] !== 0 && keys[i] !== k; i = (i + 1) & mask);
    keys[i] = k;
    vals[i] = v;
  }
  return { keys, vals };
}

/** An open-addressing hash → bucket table (faster than a Map for per-token look-ups). */
export class BucketTable {
  private readonly keys: Int32Array;
  private readonly vals: Uint8Array;
  private readonly mask: number;

  constructor(data: BucketTableData) {
    this.keys = data.keys;
    this.vals = data.vals;
    this.mask = data.keys.length - 1;
  }

  get(k: number): number {
    let i = (Math.imul(k, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const x = this.keys[i];
      if (x === k) return this.vals[i];
      if (x === 0) return 0;
      i = (i + 1) & this.mask;
    }
  }
}

export function cueLexArrays(d: DocTokens, t: CueLexicon): CueLexArrays {
  const lf = new Uint8Array(d.n);
  const ls = new Uint8Array(d.n);
  const ns = d.n ? d.sent[d.n - 1] + 1 : 0;
  const sentQ = new Uint8Array(ns);
  for (let i = 0; i < d.n; i++) {
    lf[i] = t.form.get(d.form[i]) ?? 0;
    ls[i] = t.stem.get(d.stem[i]) ?? 0;
    const sh = d.shape[i];
    if (sh === Shape.OpenQuote || sh === Shape.CloseQuote || d.inQuote[i]) sentQ[d.sent[i]] = 1;
  }
  return { lf, ls, sentQ, ctx: sentenceContext(d), strong: strongPrefix(lf), sentTok: sentenceTokens(d) };
}

/** Cue-tagger features for tokens `[from, to)` into `out` (row-major, CUE_F per token). */
export function cueFeatures(
  d: DocTokens,
  from: number,
  to: number,
  out: Int32Array,
  mask: Uint8Array | null = null,
  lx: CueLexArrays | null = null,
): void {
  const { form, stem, suf, shape, inQuote } = d;
  const BOS = 0x5bd1e995;
  const EOS = 0x1b873593;
  for (let i = from; i < to; i++) {
    const o = (i - from) * CUE_F;
    if (mask && !mask[i]) {
      out.fill(0, o, o + CUE_F);
      continue;
    }
    if (lx) {
      const lf = lx.lf[i];
      const ls = lx.ls[i];
      const lfm1 = i - 1 >= from ? lx.lf[i - 1] : 15;
      const lfp1 = i + 1 < to ? lx.lf[i + 1] : 15;
      const wp1 = i + 1 < to ? form[i + 1] : EOS;
      // a name or pronoun just before (a likely subject)
      const c = lx.ctx;
      let subj = 0;
      for (let k = Math.max(from, i - 3); k < i; k++) if (c.subjLike[k]) subj = k === i - 1 ? 2 : 1;
      const sq = lx.sentQ[d.sent[i]];
      const b = o + CUE_F_BASE;
      out[b] = mix(40, lf);
      out[b + 1] = mix(41, ls);
      out[b + 2] = mix(42, lf, wp1);
      out[b + 3] = mix(43, lf, subj, inQuote[i]);
      out[b + 4] = mix(44, lf, sq, inQuote[i]);
      out[b + 5] = mix(45, ls, i + 1 < to ? shape[i + 1] : 0, i - 1 >= from ? shape[i - 1] : 0);
      out[b + 6] = mix(46, lf, lfm1);
      out[b + 7] = mix(47, lf, lfp1);
      out[b + 8] = mix(48, ls, subj, sq);
      const s0 = stem[i];
      const that = c.thatAfter[i];
      const open = c.openAfter[i];
      const close = c.closeBefore[i];
      out[b + 9] = mix(50, lf, that, open);
      out[b + 10] = mix(51, s0, that);
      out[b + 11] = mix(52, s0, open);
      out[b + 12] = mix(53, s0, close);
      out[b + 13] = mix(54, lf, close, subj);
      out[b + 14] = mix(55, s0, c.pos[i]);
      out[b + 15] = mix(56, s0, subj);
      out[b + 16] = mix(57, lf, c.pos[i], inQuote[i]);
      // the nearest frequent, likely cue word up to four tokens back: continues a multi-word
      // cue ("said in a phone interview", "was quoted as saying")
      let anchor = -1;
      for (let k = i - 1; k >= from && k >= i - 4; k--) {
        if (lx.lf[k] >= 12) {
          anchor = k;
          break;
        }
      }
      out[b + 17] = anchor >= 0 ? mix(58, form[i], stem[anchor], i - anchor) : mix(58, 0);
      out[b + 18] = anchor >= 0 ? mix(59, lf, lx.lf[anchor], i - anchor) : mix(59, lf);
      // other frequent cue words in the sentence, before and after: a sentence rarely holds
      // many attributions, and a doubtful cue word next to a sure one is less likely one
      const st = lx.strong;
      const si = d.sent[i];
      const before = Math.min(2, st[i] - st[lx.sentTok[2 * si]]);
      const after = Math.min(2, st[lx.sentTok[2 * si + 1]] - st[i + 1]);
      out[b + 19] = mix(63, lf, before, after);
    } else out.fill(0, o + CUE_F_BASE, o + CUE_F);
    const w0 = form[i];
    const wm1 = i - 1 >= from ? form[i - 1] : BOS;
    const wm2 = i - 2 >= from ? form[i - 2] : BOS;
    const wp1 = i + 1 < to ? form[i + 1] : EOS;
    const wp2 = i + 2 < to ? form[i + 2] : EOS;
    const s0 = stem[i];
    const shm1 = i - 1 >= from ? shape[i - 1] : 0;
    const shp1 = i + 1 < to ? shape[i + 1] : 0;
    const q = inQuote[i];
    out[o] = mix(1, 0);
    out[o + 1] = mix(2, w0);
    out[o + 2] = mix(3, wm1);
    out[o + 3] = mix(4, wp1);
    out[o + 4] = mix(5, wm2);
    out[o + 5] = mix(6, wp2);
    out[o + 6] = mix(8, suf[i]);
    out[o + 7] = mix(9, shape[i]);
    out[o + 8] = mix(10, wm1, w0);
    out[o + 9] = mix(14, s0, shp1);
    out[o + 10] = mix(16, i - 1 >= from ? stem[i - 1] : BOS);
    out[o + 11] = mix(17, wm2, wm1, w0);
    out[o + 12] = mix(19, q, shape[i], shm1);
    out[o + 13] = mix(20, shm1, shape[i], shp1);
    out[o + 14] = mix(22, q, i - 1 >= from ? inQuote[i - 1] : 9, i + 1 < to ? inQuote[i + 1] : 9);
    out[o + 15] = mix(23, shape[i], wp1);
    out[o + 16] = mix(24, suf[i], wp1);
    out[o + 17] = mix(26, wm1, suf[i]);
    // a quotation mark within three tokens either side
    let near = 0;
    for (let k = Math.max(from, i - 3); k < Math.min(to, i + 4); k++) {
      const sk = shape[k];
      if (sk === Shape.OpenQuote || sk === Shape.CloseQuote) near |= k < i ? 1 : k > i ? 2 : 0;
    }
    out[o + 18] = mix(27, near, s0);
  }
}

/** Base span features per token. */
export const SPAN_F_BASE = 26;
/** Extra span features from the cue-lexicon statistics (0 for models trained without them). */
export const SPAN_F_LEX = 6;
export const SPAN_F = SPAN_F_BASE + SPAN_F_LEX;

function distBucket(d: number): number {
  if (d <= 4) return d;
  if (d <= 6) return 5;
  if (d <= 10) return 6;
  if (d <= 20) return 7;
  if (d <= 40) return 8;
  return 9;
}

/**
 * Source/content features for tokens `[from, to)` relative to the cue
 * `[cs, ce)` (token indices). `cueStarts` is a prefix count of other cues'
 * first tokens (`cueStarts[i]` = cues starting before token i), used to see
 * whether another cue lies between a token and this one.
 */
export function spanFeatures(
  d: DocTokens,
  from: number,
  to: number,
  cs: number,
  ce: number,
  cueStarts: Int32Array,
  out: Int32Array,
  lx: CueLexArrays | null = null,
): void {
  const { form, stem, shape, inQuote, sent, sentFirst, commas } = d;
  const BOS = 0x5bd1e995;
  const EOS = 0x1b873593;
  const cueHead = stem[cs];
  const cueLast = form[ce - 1];
  const cueSent = sent[cs];
  const cueQ = inQuote[cs];
  const afterCue = ce < d.n ? form[ce] : EOS;
  const beforeCue = cs > 0 ? form[cs - 1] : BOS;
  for (let i = from; i < to; i++) {
    const o = (i - from) * SPAN_F;
    const dir = i < cs ? 0 : i >= ce ? 2 : 1;
    const dist = dir === 0 ? cs - i : dir === 2 ? i - ce + 1 : 0;
    const db = distBucket(dist);
    const sd = Math.min(3, Math.abs(sent[i] - cueSent));
    const cm = dir === 0 ? commas[cs] - commas[i + 1] : dir === 2 ? commas[i] - commas[ce] : 0;
    const cmb = Math.min(cm, 3);
    const between =
      dir === 0 ? cueStarts[cs] - cueStarts[i + 1] : dir === 2 ? cueStarts[i] - cueStarts[ce] : 0;
    const ob = between > 0 ? 1 : 0;
    const w0 = form[i];
    const wm1 = i - 1 >= from ? form[i - 1] : BOS;
    const wp1 = i + 1 < to ? form[i + 1] : EOS;
    const q = inQuote[i];
    const sh = shape[i];
    out[o] = mix(101, dir);
    out[o + 1] = mix(102, dir, db);
    out[o + 2] = mix(103, dir, sd);
    out[o + 3] = mix(104, dir, w0);
    out[o + 4] = mix(105, dir, stem[i], sd);
    out[o + 5] = mix(106, dir, sh, db);
    out[o + 6] = mix(107, dir, wm1);
    out[o + 7] = mix(108, dir, wp1);
    out[o + 8] = mix(109, dir, q * 4 + cueQ, sd);
    out[o + 9] = mix(110, dir, cueHead, sd);
    out[o + 10] = mix(111, dir, cueHead, db);
    out[o + 11] = dist <= 3 ? mix(112, dir, db, w0) : 0;
    out[o + 12] = mix(113, dir, cmb, sd);
    out[o + 13] = mix(114, dir, ob, sd);
    out[o + 14] = dist <= 4 ? mix(115, dir, w0, cueHead) : 0;
    out[o + 15] = mix(116, dir, sh, q);
    out[o + 16] = mix(117, dir, i - 1 >= from ? shape[i - 1] : 0, sh);
    out[o + 17] = mix(118, dir, sentFirst[i], sd);
    out[o + 18] = mix(119, dir, afterCue, sd);
    out[o + 19] = mix(120, dir, beforeCue, sd);
    out[o + 20] = mix(121, dir, cueLast, db);
    out[o + 21] = mix(122, dir, db, ob * 8 + cmb * 2 + (sd > 0 ? 1 : 0));
    out[o + 22] = mix(123, dir, sh, i + 1 < to ? shape[i + 1] : 0);
    out[o + 23] = mix(124, dir, afterCue, db);
    out[o + 24] = mix(125, dir, cueHead, q * 4 + cueQ);
    out[o + 25] = mix(126, dir, wm1, w0);
    if (lx) {
      const b = o + SPAN_F_BASE;
      const lf = lx.lf;
      const cueLf = lf[cs];
      out[b] = mix(130, dir, cueLf, db);
      out[b + 1] = mix(131, dir, lf[i], sd);
      out[b + 2] = mix(132, dir, cueLf, q * 4 + cueQ);
      out[b + 3] = mix(133, dir, lf[i], i + 1 < to ? lf[i + 1] : 15);
      // how far the end of the token's sentence is (indirect content usually runs to a clause or sentence end)
      const endB = lx.ctx.pos[i] & 7;
      out[b + 4] = mix(134, dir, sd, endB);
      out[b + 5] = mix(135, dir, cmb, endB);
    } else out.fill(0, o + SPAN_F_BASE, o + SPAN_F);
  }
}
