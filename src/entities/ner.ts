/**
 * The NER tagger: a greedy left-to-right averaged perceptron over BILOU labels
 * (Ratinov & Roth 2009 style) with hashed features, word clusters computed from
 * news text, gazetteer features from the actor dictionaries, and non-local
 * document memory (the type given earlier in the document to the same word, and how
 * often the document has given it each type so far).
 *
 * Everything works on packed token offsets; features are 32-bit hashes folded
 * into a fixed-size weight table, so tagging allocates per document, not per token.
 * The same code path serves training (scripts/train/ner.ts) and inference.
 */
import { hashLower, hashRange, IntMap, lowerCode, mix, seqHash } from './hash.ts';
import { GAZ_MAX_LEN } from './lexicon.ts';

export const NER_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NerType = (typeof NER_TYPES)[number];
/** Labels: 0 = O, then for type t: B = 1+4t, I = 2+4t, L = 3+4t, U = 4+4t. */
export const N_LABELS = 1 + 4 * NER_TYPES.length;
export const MAX_FEATURES = 128;

export const labelType = (l: number): number => (l === 0 ? -1 : (l - 1) >> 2);
export const labelPos = (l: number): number => (l === 0 ? -1 : (l - 1) & 3); // 0 B, 1 I, 2 L, 3 U

/** Whether label `b` may follow label `a` in BILOU. */
export function allowed(a: number, b: number): boolean {
  const pa = labelPos(a);
  const pb = labelPos(b);
  const open = pa === 0 || pa === 1;
  if (open) return (pb === 1 || pb === 2) && labelType(a) === labelType(b);
  return b === 0 || pb === 0 || pb === 3;
}

/** A tokenised document as the tagger sees it. */
export interface TokenSeq {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  length: number;
  /** 1 where a sentence starts. */
  sentStart: Uint8Array;
}

/** What the tagger needs beyond its weights: cluster paths and the gazetteer. */
export interface TaggerResources {
  clusters: IntMap | null;
  /** A second, independent clustering (16-way × 3 levels), optional. */
  clusters2?: IntMap | null;
  /** A third clustering (4-way × 6 levels), optional. */
  clusters3?: IntMap | null;
  gaz: IntMap | null;
}

/** Reads `models/clusters.bin.gz` bytes (uint32 pairs: word hash, path). */
export function clustersFromBytes(bytes: Uint8Array): IntMap {
  const u = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const m = new IntMap(u.length / 2);
  for (let i = 0; i < u.length; i += 2) m.set(u[i], u[i + 1]);
  return m;
}

/** Whether a token starting with this code unit can start a name (upper-case letters, other scripts). */
export function startsName(c: number): boolean {
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return lowerCode(c) !== c || (c >= 0x0370 && lowerCode(c) === c && c > 0x2fff);
}

/** Per-document token properties computed once before decoding. */
export class DocFeatures {
  hE: Int32Array;
  hL: Int32Array;
  shape: Int32Array;
  cls: Int32Array;
  gaz: Int32Array;
  flags: Uint8Array; // bit0 sentence start, bit1 all-caps sentence, bit2 sentence end, bit3 numeric-heavy sentence, bit4 numeric-heavy document, bit5 starts like a name
  cls2: Int32Array;
  cls3: Int32Array;
  caseP: Uint8Array; // case profile from the cluster file (0 unseen, 1 lower, 2 mixed, 3 capitalised)
  constructor(n: number) {
    this.caseP = new Uint8Array(n);
    this.cls2 = new Int32Array(n);
    this.cls3 = new Int32Array(n);
    this.hE = new Int32Array(n);
    this.hL = new Int32Array(n);
    this.shape = new Int32Array(n);
    this.cls = new Int32Array(n);
    this.gaz = new Int32Array(n);
    this.flags = new Uint8Array(n);
  }
}

function shapeHash(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  let prev = -1;
  let run = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    let k: number;
    if (c >= 65 && c <= 90) k = 88;
    else if (c >= 97 && c <= 122) k = 120;
    else if (c >= 48 && c <= 57) k = 100;
    else if (c > 127) k = lowerCode(c) !== c ? 88 : 120;
    else k = c;
    if (k === prev) {
      if (++run >= 2) continue;
    } else run = 0;
    prev = k;
    h ^= k;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** FNV-1a of `text[start, end)` with the first code unit kept and the rest lower-cased ("NICE" → "Nice"). */
function hashTitle(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= i === start ? text.charCodeAt(i) : lowerCode(text.charCodeAt(i));
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function prepare(seq: TokenSeq, res: TaggerResources): DocFeatures {
  const n = seq.length;
  const f = new DocFeatures(n);
  const { text, starts, ends } = seq;
  for (let i = 0; i < n; i++) {
    const s = starts[i];
    const e = ends[i];
    f.hE[i] = hashRange(text, s, e) | 0;
    f.hL[i] = hashLower(text, s, e) | 0;
    f.shape[i] = shapeHash(text, s, e);
    if (startsName(text.charCodeAt(s))) f.flags[i] = 32;
  }
  // sentence flags: start, all-caps sentence (headlines), end
  let sStart = 0;
  for (let i = 0; i <= n; i++) {
    if (i === n || (i > sStart && seq.sentStart[i])) {
      let letters = 0;
      let upper = 0;
      for (let j = sStart; j < i; j++) {
        const c0 = text.charCodeAt(starts[j]);
        if ((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122)) {
          letters++;
          const c1 = ends[j] - starts[j] > 1 ? text.charCodeAt(starts[j] + 1) : c0;
          if (c0 <= 90 && c1 >= 65 && c1 <= 90) upper++;
        }
      }
      const caps = letters >= 2 && upper * 10 >= letters * 6 ? 2 : 0;
      // numeric-heavy sentence (results tables, scores): at least a third of tokens start with a digit
      let digits = 0;
      for (let j = sStart; j < i; j++) {
        const c0 = text.charCodeAt(starts[j]);
        if (c0 >= 48 && c0 <= 57) digits++;
      }
      const num = i - sStart >= 3 && digits * 3 >= i - sStart ? 8 : 0;
      for (let j = sStart; j < i; j++) f.flags[j] |= caps | num;
      if (sStart < n) f.flags[sStart] |= 1;
      if (i > 0) f.flags[i - 1] |= 4;
      sStart = i;
    }
  }
  // word clusters: exact form, then (in all-caps headlines) the title-case form, then lower case
  for (let i = 0; i < n; i++) {
    let c = -1;
    if (res.clusters) {
      if (f.flags[i] & 2) c = res.clusters.get(hashTitle(text, starts[i], ends[i]));
      if (c < 0) c = res.clusters.get(f.hE[i] >>> 0);
      if (c < 0) c = res.clusters.get(f.hL[i] >>> 0);
    }
    f.cls[i] = c < 0 ? -1 : c & 0xfff;
    f.caseP[i] = c < 0 ? 0 : (c >> 12) & 3;
    if (res.clusters2) {
      let c2 = res.clusters2.get(f.hE[i] >>> 0);
      if (c2 < 0) c2 = res.clusters2.get(f.hL[i] >>> 0);
      f.cls2[i] = c2 < 0 ? -1 : c2 & 0xfff;
    } else f.cls2[i] = -1;
    if (res.clusters3) {
      let c3 = res.clusters3.get(f.hE[i] >>> 0);
      if (c3 < 0) c3 = res.clusters3.get(f.hL[i] >>> 0);
      f.cls3[i] = c3 < 0 ? -1 : c3 & 0xfff;
    } else f.cls3[i] = -1;
  }
  // numeric-heavy document (sports results, market tables): a quarter of its sentences are
  let numSents = 0;
  let sents = 0;
  for (let i = 0; i < n; i++)
    if (f.flags[i] & 1) {
      sents++;
      if (f.flags[i] & 8) numSents++;
    }
  if (sents > 0 && numSents * 4 >= sents) for (let i = 0; i < n; i++) f.flags[i] |= 16;
  // gazetteer matches (all lengths up to GAZ_MAX_LEN, within a sentence): per token, category×position bits
  if (res.gaz) {
    for (let i = 0; i < n; i++) {
      // phrases are matched case-insensitively but only from tokens that can start a name
      if (!startsName(text.charCodeAt(starts[i]))) continue;
      let h = 0;
      for (let len = 1; len <= GAZ_MAX_LEN && i + len <= n; len++) {
        const j = i + len - 1;
        if (len > 1 && f.flags[j] & 1) break;
        h = seqHash(h, f.hL[j] >>> 0);
        const bits = res.gaz.get(h);
        if (bits <= 0) continue;
        for (let b = 0; b < 8; b++) {
          if (!(bits & (1 << b))) continue;
          if (len === 1) f.gaz[i] |= 1 << (b * 4 + 3);
          else {
            f.gaz[i] |= 1 << (b * 4);
            for (let k = i + 1; k < j; k++) f.gaz[k] |= 1 << (b * 4 + 1);
            f.gaz[j] |= 1 << (b * 4 + 2);
          }
        }
      }
    }
  }
  return f;
}

let MASK = 0;
/** Feature bucket of (template, value). */
function fm(t: number, v: number): number {
  return mix(t, v | 0) & MASK;
}

/**
 * Features of an additional (12-bit) clustering: the word's path at three depths and
 * its neighbours' coarse paths, as templates t … t+4. Returns the new feature count.
 */
function extraClusterFeatures(
  out: Uint32Array,
  k: number,
  cls: Int32Array,
  i: number,
  hasPrev: boolean,
  hasNext: boolean,
  t: number,
): number {
  const c = cls[i];
  if (c >= 0) {
    out[k++] = fm(t, c >> 8);
    out[k++] = fm(t + 1, c >> 4);
    out[k++] = fm(t + 2, c);
  }
  const m1 = hasPrev ? cls[i - 1] : -2;
  const p1 = hasNext ? cls[i + 1] : -2;
  out[k++] = fm(t + 3, m1 < 0 ? m1 : m1 >> 4);
  out[k++] = fm(t + 4, p1 < 0 ? p1 : p1 >> 4);
  return k;
}

const BOS = 0x1234567;
const EOS = 0x7654321;

/**
 * Writes the feature buckets of token `i` that do not depend on the labels decoded so far
 * into `out`, returns how many. `historyFeatures` adds the rest.
 */
function staticFeatures(
  seq: TokenSeq,
  f: DocFeatures,
  i: number,
  out: Uint32Array,
  aux: Int32Array | null,
): number {
  const { text, starts, ends } = seq;
  const n = seq.length;
  let k = 0;
  const first = (f.flags[i] & 1) !== 0;
  const last = (f.flags[i] & 4) !== 0;
  const hasPrev = !first && i > 0;
  const hasPrev2 = hasPrev && !(f.flags[i - 1] & 1) && i > 1;
  const hasNext = !last && i + 1 < n;
  const hasNext2 = hasNext && !(f.flags[i + 1] & 4) && i + 2 < n;
  const wm1 = hasPrev ? f.hL[i - 1] : BOS;
  const wm2 = hasPrev2 ? f.hL[i - 2] : BOS;
  const wp1 = hasNext ? f.hL[i + 1] : EOS;
  const wp2 = hasNext2 ? f.hL[i + 2] : EOS;
  const sh = f.shape[i];
  const shm1 = hasPrev ? f.shape[i - 1] : BOS;
  const shp1 = hasNext ? f.shape[i + 1] : EOS;
  const caps = f.flags[i] & 2;

  out[k++] = fm(1, 0);
  out[k++] = fm(2, f.hL[i]);
  out[k++] = fm(3, f.hE[i]);
  out[k++] = fm(4, wm1);
  out[k++] = fm(5, wp1);
  out[k++] = fm(6, wm2);
  out[k++] = fm(7, wp2);
  out[k++] = fm(8, mix(wm1, f.hL[i]));
  out[k++] = fm(9, mix(f.hL[i], wp1));
  // affixes of the lower-cased word
  const s = starts[i];
  const e = ends[i];
  let hp = 0x811c9dc5;
  for (let j = 0; j < 4 && s + j < e; j++) {
    hp = Math.imul(hp ^ lowerCode(text.charCodeAt(s + j)), 0x01000193);
    out[k++] = fm(10 + j, hp);
  }
  let hs = 0x811c9dc5;
  for (let j = 0; j < 4 && e - 1 - j >= s; j++) {
    hs = Math.imul(hs ^ lowerCode(text.charCodeAt(e - 1 - j)), 0x01000193);
    out[k++] = fm(14 + j, hs);
  }
  out[k++] = fm(18, sh);
  out[k++] = fm(19, shm1);
  out[k++] = fm(20, shp1);
  out[k++] = fm(21, mix(shm1, sh));
  out[k++] = fm(22, mix(sh, shp1));
  out[k++] = fm(23, mix(sh, caps | (first ? 1 : 0)));
  // clusters
  const c = f.cls[i];
  if (c >= 0) {
    out[k++] = fm(28, c >> 9);
    out[k++] = fm(29, c >> 6);
    out[k++] = fm(30, c >> 3);
    out[k++] = fm(31, c);
    out[k++] = fm(32, mix(c >> 6, caps));
  } else out[k++] = fm(28, -1);
  const cm1 = hasPrev ? f.cls[i - 1] : -2;
  const cp1 = hasNext ? f.cls[i + 1] : -2;
  out[k++] = fm(33, cm1 < 0 ? cm1 : cm1 >> 6);
  out[k++] = fm(34, cm1);
  out[k++] = fm(35, cp1 < 0 ? cp1 : cp1 >> 6);
  out[k++] = fm(36, cp1);
  // gazetteer bits of this token, and of the neighbours
  const g = f.gaz[i];
  if (g) {
    for (let b = 0; b < 32; b++) if (g & (1 << b)) out[k++] = fm(37, b);
    out[k++] = fm(38, mix(g, caps));
  }
  if (hasPrev && f.gaz[i - 1]) out[k++] = fm(39, f.gaz[i - 1]);
  if (hasNext && f.gaz[i + 1]) out[k++] = fm(40, f.gaz[i + 1]);
  out[k++] = fm(46, mix(sh, wm1));
  out[k++] = fm(47, mix(sh, wp1));
  const cm2 = hasPrev2 ? f.cls[i - 2] : -2;
  const cp2 = hasNext2 ? f.cls[i + 2] : -2;
  out[k++] = fm(59, cm2 < 0 ? cm2 : cm2 >> 6);
  out[k++] = fm(60, cp2 < 0 ? cp2 : cp2 >> 6);
  out[k++] = fm(61, mix(cm1 < 0 ? cm1 : cm1 >> 3, c < 0 ? -1 : c >> 3));
  out[k++] = fm(62, mix(c < 0 ? -1 : c >> 3, cp1 < 0 ? cp1 : cp1 >> 3));
  out[k++] = fm(63, mix(hasPrev2 ? f.shape[i - 2] : BOS, hasNext2 ? f.shape[i + 2] : EOS));
  k = extraClusterFeatures(out, k, f.cls2, i, hasPrev, hasNext, 64);
  k = extraClusterFeatures(out, k, f.cls3, i, hasPrev, hasNext, 70);
  out[k++] = fm(69, (hasPrev ? 1 : 0) | (hasNext ? 2 : 0) | (hasPrev2 ? 4 : 0) | (hasNext2 ? 8 : 0));
  const cp = f.caseP[i];
  out[k++] = fm(48, cp * 8 + caps + (first ? 1 : 0) * 4);
  out[k++] = fm(49, mix(cp, sh));
  out[k++] = fm(58, (hasPrev ? f.caseP[i - 1] : 7) * 8 + (hasNext ? f.caseP[i + 1] : 7));
  {
    // conjunctions: word × next/previous shape, word × sentence context (headline, initial, table)
    const ctx = caps | (first ? 1 : 0) | (f.flags[i] & 8);
    out[k++] = fm(75, mix(f.hL[i], shp1));
    out[k++] = fm(76, mix(f.hL[i], shm1));
    out[k++] = fm(77, mix(f.hE[i], ctx));
    out[k++] = fm(78, mix(c < 0 ? -1 : c >> 3, ctx));
    out[k++] = fm(79, mix(sh, ctx | (hasNext ? 16 : 0)));
    if (g) out[k++] = fm(80, mix(g, ctx | (f.flags[i] & 16)));
    out[k++] = fm(81, mix(c < 0 ? -1 : c >> 6, f.flags[i] & 24));
  }
  if (aux) {
    // second pass: what the first pass said here, next door, and for this word across the document
    const a = aux[i];
    const y1 = a & 31;
    const maj = (a >> 5) & 7;
    const majL = (a >> 8) & 7;
    out[k++] = fm(50, y1);
    out[k++] = fm(51, (hasPrev ? aux[i - 1] & 31 : 99) * 128 + (hasNext ? aux[i + 1] & 31 : 99));
    out[k++] = fm(52, maj);
    out[k++] = fm(53, mix(maj, sh));
    out[k++] = fm(54, majL * 8 + maj);
    out[k++] = fm(55, mix(maj, y1));
    out[k++] = fm(56, (a >> 11) & 7);
  }
  return k;
}

/**
 * Writes the feature buckets of token `i` that depend on the decoded history (the previous
 * two labels `ym1`, `ym2`, 99 outside the sentence) and on the document memory, from `out[k]`;
 * returns the new count.
 */
function historyFeatures(
  f: DocFeatures,
  i: number,
  n: number,
  ym1: number,
  ym2: number,
  mem: DocMemory,
  out: Uint32Array,
  k: number,
  aux: Int32Array | null,
): number {
  const hasPrev = ym1 !== 99;
  const hasNext = !(f.flags[i] & 4) && i + 1 < n;
  const sh = f.shape[i];
  out[k++] = fm(24, ym1);
  out[k++] = fm(25, ym2 * 32 + ym1);
  out[k++] = fm(26, mix(ym1, f.hL[i]));
  out[k++] = fm(27, mix(ym1, sh));
  // document memory: the entity type this exact word got earlier in the document
  const m = mem.last.get(f.hE[i]);
  if (m !== undefined) {
    out[k++] = fm(41, m);
    out[k++] = fm(42, mix(m, sh));
  } else out[k++] = fm(41, -1);
  if (hasNext) {
    const mn = mem.last.get(f.hE[i + 1]);
    if (mn !== undefined) out[k++] = fm(43, mn);
  }
  if (hasPrev) {
    const mp = mem.last.get(f.hE[i - 1]);
    if (mp !== undefined) out[k++] = fm(44, mp * 32 + ym1);
  }
  {
    // extended prediction history: how the document has labelled this word so far
    const mc = mem.counts.get(f.hL[i]);
    if (mc !== undefined) {
      let total = 0;
      let maj = 0;
      let majN = 0;
      for (let t = 0; t < 5; t++) {
        const x = (mc >>> (t * 6)) & 63;
        total += x;
        if (x > majN) {
          majN = x;
          maj = t;
        }
      }
      out[k++] = fm(85, maj * 2 + (majN === total ? 1 : 0));
      out[k++] = fm(87, mix(maj, sh));
      for (let t = 0; t < 5; t++) {
        const x = (mc >>> (t * 6)) & 63;
        if (x > 0)
          out[k++] = fm(86, t * 4 + (x === total ? 3 : x * 3 >= total * 2 ? 2 : x * 3 >= total ? 1 : 0));
      }
    } else out[k++] = fm(85, -1);
  }
  // cluster × previous label
  const c = f.cls[i];
  out[k++] = fm(45, mix(ym1, c < 0 ? -1 : c >> 6));
  if (aux) out[k++] = fm(57, mix(aux[i] & 31, ym1));
  return k;
}

export interface WeightTable {
  /** log2 of the number of feature buckets. */
  bits: number;
  /** N_LABELS weights per bucket. */
  w: Float32Array | Int16Array;
}

const scores = new Float64Array(N_LABELS);
const iscores = new Int32Array(N_LABELS);

function scoreInt(w: Int16Array, feats: Uint32Array, nf: number): void {
  iscores.fill(0);
  for (let j = 0; j < nf; j++) {
    const base = feats[j] * N_LABELS;
    for (let l = 0; l < N_LABELS; l++) iscores[l] += w[base + l];
  }
  for (let l = 0; l < N_LABELS; l++) scores[l] = iscores[l];
}

function scoreFloat(w: Float32Array, feats: Uint32Array, nf: number): void {
  scores.fill(0);
  for (let j = 0; j < nf; j++) {
    const base = feats[j] * N_LABELS;
    for (let l = 0; l < N_LABELS; l++) scores[l] += w[base + l];
  }
}
/** ALLOWED[a * N_LABELS + b] = 1 when b may follow a; CLOSES[b] = 1 when b can end a sentence. */
const ALLOWED = new Uint8Array(N_LABELS * N_LABELS);
const CLOSES = new Uint8Array(N_LABELS);
for (let a = 0; a < N_LABELS; a++) {
  for (let b = 0; b < N_LABELS; b++) ALLOWED[a * N_LABELS + b] = allowed(a, b) ? 1 : 0;
  const p = labelPos(a);
  CLOSES[a] = p === 0 || p === 1 ? 0 : 1;
}

/**
 * Greedy BILOU decoding of a document. When `train` is given, perceptron updates
 * are made against `gold` as the decoder goes (learning on its own predictions).
 */
export function decode(
  seq: TokenSeq,
  res: TaggerResources,
  table: WeightTable,
  train?: {
    gold: Uint8Array;
    update: (feats: Uint32Array, n: number, good: number, bad: number) => void;
    /** Feed gold labels (true) or the model's own predictions (false) to later features. */
    forcing: boolean;
    /** Score every label against gold, not only those BILOU allows after the previous one. */
    free?: boolean;
  },
  aux: Int32Array | null = null,
  prepared?: DocFeatures,
  keep?: { y: Uint8Array; skip: Uint8Array },
): Uint8Array {
  const n = seq.length;
  const f = prepared ?? prepare(seq, res);
  const y = new Uint8Array(n);
  const mem = new DocMemory();
  const feats = new Uint32Array(MAX_FEATURES);
  MASK = (1 << table.bits) - 1;
  const w = table.w;
  const text = seq.text;
  for (let i = 0; i < n; i++) {
    if (keep?.skip[i]) {
      // a sentence the caller leaves as it was (selective second pass): copy, keep the memory current
      y[i] = keep.y[i];
      remember(y, i, f, mem);
      continue;
    }
    const prev = f.flags[i] & 1 ? 0 : i > 0 ? y[i - 1] : 0;
    const pp = labelPos(prev);
    if (!train && pp !== 0 && pp !== 1 && !startsName(text.charCodeAt(seq.starts[i]))) {
      // outside an entity, a token that starts with a lower-case letter, a digit or
      // punctuation does not start a name: O without scoring (at inference only; training
      // sees every token, which keeps the weights better calibrated)
      y[i] = 0;
      continue;
    }
    const first = (f.flags[i] & 1) !== 0 || i === 0;
    const ym1 = first ? 99 : y[i - 1];
    const ym2 = first || f.flags[i - 1] & 1 || i < 2 ? 99 : y[i - 2];
    const nfS = staticFeatures(seq, f, i, feats, aux);
    const nf = historyFeatures(f, i, n, ym1, ym2, mem, feats, nfS, aux);
    if (w instanceof Int16Array) scoreInt(w, feats, nf);
    else scoreFloat(w, feats, nf);
    const endsHere = (f.flags[i] & 4) !== 0 || i === n - 1;
    let best = -1;
    let bestS = -Infinity;
    const row = prev * N_LABELS;
    for (let l = 0; l < N_LABELS; l++) {
      if (ALLOWED[row + l] === 0 || (endsHere && CLOSES[l] === 0)) continue;
      if (scores[l] > bestS) {
        bestS = scores[l];
        best = l;
      }
    }
    if (!train && (pp === 0 || pp === 1) && !startsName(text.charCodeAt(seq.starts[i]))) {
      // An open name would be forced on over a lower-case word, a number or punctuation. The
      // model is trained against every label (see `free`), so when it prefers one that cannot
      // continue the name, the name ends at i-1 (B → U, I → L) and token i is decoded again.
      let freeS = -Infinity;
      for (let l = 0; l < N_LABELS; l++) {
        const p = labelPos(l);
        if (p !== 1 && p !== 2 && !(endsHere && CLOSES[l] === 0) && scores[l] > freeS) freeS = scores[l];
      }
      if (freeS > bestS) {
        y[i - 1] = pp === 0 ? prev + 3 : prev + 1;
        remember(y, i - 1, f, mem);
        const ym2 = f.flags[i - 1] & 1 || i < 2 ? 99 : y[i - 2];
        const nf2 = historyFeatures(f, i, n, y[i - 1], ym2, mem, feats, nfS, aux);
        if (w instanceof Int16Array) scoreInt(w, feats, nf2);
        else scoreFloat(w, feats, nf2);
        const row2 = y[i - 1] * N_LABELS;
        best = -1;
        bestS = -Infinity;
        for (let l = 0; l < N_LABELS; l++) {
          if (ALLOWED[row2 + l] === 0 || (endsHere && CLOSES[l] === 0)) continue;
          if (scores[l] > bestS) {
            bestS = scores[l];
            best = l;
          }
        }
      }
    }
    if (train) {
      const g = train.gold[i];
      let guess = best;
      if (train.free) {
        // the update compares gold with the best of all labels, so labels BILOU rules out
        // here also learn low scores (which makes scores comparable across histories)
        let topS = -Infinity;
        for (let l = 0; l < N_LABELS; l++)
          if (scores[l] > topS) {
            topS = scores[l];
            guess = l;
          }
      }
      if (g !== guess) train.update(feats, nf, g, guess);
      y[i] = train.forcing ? g : best;
    } else y[i] = best;
    remember(y, i, f, mem);
  }
  return y;
}

/** What the decoder has said so far in the document about each word. */
class DocMemory {
  /** Exact word → the entity type it last got. */
  last = new Map<number, number>();
  /** Lower-cased word → how often it got O (when capitalised) and each type: 5 × 6-bit counts. */
  counts = new Map<number, number>();
  bump(h: number, slot: number): void {
    const c = this.counts.get(h) ?? 0;
    if (((c >>> (slot * 6)) & 63) < 63) this.counts.set(h, c + (1 << (slot * 6)));
  }
}

/** Document memory update at entity ends: every word of the entity gets its type. */
function remember(y: Uint8Array, i: number, f: DocFeatures, mem: DocMemory): void {
  const p = labelPos(y[i]);
  if (p === 2 || p === 3) {
    const t = labelType(y[i]);
    let j = i;
    while (j > 0 && labelPos(y[j]) !== 0 && labelPos(y[j]) !== 3) j--;
    for (let q = j; q <= i; q++) {
      mem.last.set(f.hE[q], t);
      mem.bump(f.hL[q], t + 1);
    }
  } else if (y[i] === 0 && f.flags[i] & 32) mem.bump(f.hL[i], 0);
}

/**
 * Which tokens the second pass may leave alone: 1 for every token of a sentence where no
 * name-like token is in doubt. A token is in doubt when the document disagrees with its
 * first-pass label: the same word got another type elsewhere, or is sometimes inside a
 * name and sometimes not. Returns the skip mask and how many tokens are to be re-decoded.
 */
export function settledSentences(
  seq: TokenSeq,
  y1: Uint8Array,
  aux: Int32Array,
): { skip: Uint8Array; open: number } {
  const n = seq.length;
  const skip = new Uint8Array(n);
  let open = 0;
  let s = 0;
  while (s < n) {
    let e = s + 1;
    while (e < n && !seq.sentStart[e]) e++;
    let doubt = false;
    for (let i = s; i < e && !doubt; i++) {
      const a = aux[i];
      const majE = (a >> 5) & 7;
      const majL = (a >> 8) & 7;
      const ratio = (a >> 11) & 7;
      if (majE === 0 && majL === 0) continue;
      const t1 = labelType(y1[i]) + 1;
      if (majE !== t1 || majL !== majE || ratio === 1 || ratio === 2) doubt = true;
    }
    if (doubt) open += e - s;
    else skip.fill(1, s, e);
    s = e;
  }
  return { skip, open };
}

/**
 * Document-level summary of a first-pass labelling, one packed int per token:
 * bits 0-4 first-pass label; 5-7 majority entity type (+1, 0 = never an entity) of
 * the same exact word across the whole document; 8-10 the same for the lower-cased
 * word; 11-13 how often the word is inside an entity (0 none, 1 some, 2 most, 3 all).
 */
export function summarise(seq: TokenSeq, y1: Uint8Array, prepared?: DocFeatures): Int32Array {
  const n = seq.length;
  const slotE = new Map<number, number>();
  const slotL = new Map<number, number>();
  const idxE = new Int32Array(n);
  const idxL = new Int32Array(n);
  const counts = new Int32Array(n * 10); // per token-slot: 5 counts for exact, 5 for lower-case
  for (let i = 0; i < n; i++) {
    const he = prepared ? prepared.hE[i] : hashRange(seq.text, seq.starts[i], seq.ends[i]) | 0;
    const hl = prepared ? prepared.hL[i] : hashLower(seq.text, seq.starts[i], seq.ends[i]) | 0;
    let e = slotE.get(he);
    if (e === undefined) {
      e = i;
      slotE.set(he, i);
    }
    let l = slotL.get(hl);
    if (l === undefined) {
      l = i;
      slotL.set(hl, i);
    }
    idxE[i] = e;
    idxL[i] = l;
    const t = labelType(y1[i]);
    const slot = t < 0 ? 4 : t;
    counts[e * 10 + slot]++;
    counts[l * 10 + 5 + slot]++;
  }
  const majority = (base: number): number => {
    let best = -1;
    let bestN = 0;
    for (let t = 0; t < 4; t++)
      if (counts[base + t] > bestN) {
        bestN = counts[base + t];
        best = t;
      }
    return best + 1;
  };
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const b = idxE[i] * 10;
    const ent = counts[b] + counts[b + 1] + counts[b + 2] + counts[b + 3];
    const tot = ent + counts[b + 4];
    const ratio = ent === 0 ? 0 : ent === tot ? 3 : ent * 2 >= tot ? 2 : 1;
    out[i] = y1[i] | (majority(b) << 5) | (majority(idxL[i] * 10 + 5) << 8) | (ratio << 11);
  }
  return out;
}

/** Converts BIO tags (B-PER, I-PER, O) into BILOU label ids. */
export function bioToBilou(tags: string[]): Uint8Array {
  const n = tags.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = tags[i];
    if (!t || t === 'O') continue;
    const type = NER_TYPES.indexOf(t.slice(2) as NerType);
    if (type < 0) continue;
    const begins = t[0] === 'B' || i === 0 || tags[i - 1] === 'O' || tags[i - 1].slice(2) !== t.slice(2);
    const next = i + 1 < n ? tags[i + 1] : 'O';
    const continues = next !== 'O' && next[0] === 'I' && next.slice(2) === t.slice(2);
    const pos = begins ? (continues ? 0 : 3) : continues ? 1 : 2;
    out[i] = 1 + type * 4 + pos;
  }
  return out;
}

/** Entity spans (token indices, end-exclusive) from BILOU labels. */
export function bilouSpans(y: Uint8Array): { start: number; end: number; type: number }[] {
  const out: { start: number; end: number; type: number }[] = [];
  let open = -1;
  for (let i = 0; i < y.length; i++) {
    const p = labelPos(y[i]);
    if (p === 3) {
      out.push({ start: i, end: i + 1, type: labelType(y[i]) });
      open = -1;
    } else if (p === 0) open = i;
    else if (p === 2 && open >= 0) {
      out.push({ start: open, end: i + 1, type: labelType(y[i]) });
      open = -1;
    } else if (p === -1) open = -1;
  }
  return out;
}

/** Serialises an averaged weight table as int16 with a scale header. */
export function packWeights(w: Float32Array, bits: number): Uint8Array {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]));
  const scale = max > 0 ? 32767 / max : 1;
  const out = new Uint8Array(16 + w.length * 2);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x4e455231, true); // "NER1"
  dv.setUint32(4, bits, true);
  dv.setUint32(8, N_LABELS, true);
  dv.setFloat32(12, scale, true);
  const q = new Int16Array(out.buffer, 16, w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i] * scale);
  return out;
}

export function unpackWeights(bytes: Uint8Array): WeightTable {
  const copy = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
  const dv = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  if (dv.getUint32(0, true) !== 0x4e455231) throw new Error('not an attache NER weight file');
  const bits = dv.getUint32(4, true);
  const labels = dv.getUint32(8, true);
  if (labels !== N_LABELS) throw new Error(`NER weight file has ${labels} labels, expected ${N_LABELS}`);
  const w = new Int16Array(copy.buffer, copy.byteOffset + 16, (1 << bits) * N_LABELS);
  return { bits, w };
}
