/**
 * A first-order linear-chain model over hashed features (structured
 * perceptron): emission weights in a Float32Array indexed by
 * `(featureHash & mask) * labels + label`, a transition matrix, and Viterbi
 * decoding with forbidden transitions (BIO constraints). Training keeps
 * averaged weights (Collins 2002) and is deterministic.
 */

export interface LinearModelData {
  labels: string[];
  /** log2 of the number of hash buckets. */
  bits: number;
  /**
   * Emission weights, `2^bits × labels`: floats while training, or the
   * quantised int16 values of a stored model (multiplied by `scale` when
   * scored), which halves the table and the cache misses of decoding.
   */
  weights: Float32Array | Int16Array;
  /** Multiplier of integer weights (1 for float weights). */
  scale?: number;
  /** Transition weights, `(labels + 1) × labels`; the last row is the start state. */
  trans: Float32Array;
}

/** Which label pairs may follow each other: I-X only after B-X or I-X. */
export function allowedTransitions(labels: string[]): Uint8Array {
  const L = labels.length;
  const ok = new Uint8Array((L + 1) * L);
  for (let p = 0; p <= L; p++) {
    for (let y = 0; y < L; y++) {
      const lab = labels[y];
      if (lab.startsWith('I-')) {
        const x = lab.slice(2);
        ok[p * L + y] = p < L && (labels[p] === `B-${x}` || labels[p] === `I-${x}`) ? 1 : 0;
      } else ok[p * L + y] = 1;
    }
  }
  return ok;
}

/** Emission scores for `n` positions with `F` feature hashes each (0 = absent). */
export function emissions(
  model: LinearModelData,
  feats: Int32Array,
  n: number,
  F: number,
  out: Float32Array,
): Float32Array {
  const L = model.labels.length;
  const mask = (1 << model.bits) - 1;
  const w = model.weights;
  const sc = model.scale ?? 1;
  out.fill(0, 0, n * L);
  if (L === 3 || L === 5) {
    // unrolled for the two label sets the quote taggers use
    const five = L === 5;
    for (let t = 0; t < n; t++) {
      const base = t * F;
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      let e = 0;
      for (let k = 0; k < F; k++) {
        const h = feats[base + k];
        if (h === 0) continue;
        const wi = (h & mask) * L;
        a += w[wi];
        b += w[wi + 1];
        c += w[wi + 2];
        if (five) {
          d += w[wi + 3];
          e += w[wi + 4];
        }
      }
      const o = t * L;
      out[o] = a * sc;
      out[o + 1] = b * sc;
      out[o + 2] = c * sc;
      if (five) {
        out[o + 3] = d * sc;
        out[o + 4] = e * sc;
      }
    }
    return out;
  }
  for (let t = 0; t < n; t++) {
    const base = t * F;
    const o = t * L;
    for (let k = 0; k < F; k++) {
      const h = feats[base + k];
      if (h === 0) continue;
      const wi = (h & mask) * L;
      for (let y = 0; y < L; y++) out[o + y] += w[wi + y];
    }
    if (sc !== 1) for (let y = 0; y < L; y++) out[o + y] *= sc;
  }
  return out;
}

/** Viterbi best path over precomputed emissions; writes label indices into `path`. */
export function viterbi(
  em: Float32Array,
  n: number,
  L: number,
  trans: Float32Array,
  allowed: Uint8Array,
  path: Int32Array,
  delta: Float64Array,
  back: Int32Array,
): void {
  if (n === 0) return;
  for (let y = 0; y < L; y++) delta[y] = allowed[L * L + y] ? em[y] + trans[L * L + y] : -1e30;
  for (let t = 1; t < n; t++) {
    const prev = (t - 1) * L;
    const cur = t * L;
    for (let y = 0; y < L; y++) {
      let best = -1e30;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowed[p * L + y]) continue;
        const s = delta[prev + p] + trans[p * L + y];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      delta[cur + y] = best + em[cur + y];
      back[cur + y] = arg;
    }
  }
  let best = -1e30;
  let arg = 0;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) {
    if (delta[last + y] > best) {
      best = delta[last + y];
      arg = y;
    }
  }
  path[n - 1] = arg;
  for (let t = n - 1; t > 0; t--) path[t - 1] = back[t * L + path[t]];
}

/** A decoder with scratch buffers sized on demand (one per model, reused across calls). */
export class ChainDecoder {
  readonly L: number;
  private readonly allowed: Uint8Array;
  private em = new Float32Array(0);
  private delta = new Float64Array(0);
  private back = new Int32Array(0);
  path = new Int32Array(0);
  /** Optional per-label offsets added to every emission (recall/precision trade-off). */
  bias: Float32Array | null = null;

  constructor(readonly model: LinearModelData) {
    this.L = model.labels.length;
    this.allowed = allowedTransitions(model.labels);
  }

  private ensure(n: number): void {
    if (this.path.length >= n) return;
    const cap = Math.max(n, this.path.length * 2, 64);
    this.em = new Float32Array(cap * this.L);
    this.delta = new Float64Array(cap * this.L);
    this.back = new Int32Array(cap * this.L);
    this.path = new Int32Array(cap);
  }

  /** Decodes one sequence; the result is in `this.path[0..n)`. */
  /**
   * Decodes one sequence; the result is in `this.path[0..n)`. Positions whose
   * `mask` entry is 0 can only take label 0 (their features are not scored).
   */
  decode(
    feats: Int32Array,
    n: number,
    F: number,
    mask: Uint8Array | null = null,
    maskOffset = 0,
    cost: { gold: Int32Array; margin: number } | null = null,
  ): Int32Array {
    this.ensure(n);
    emissions(this.model, feats, n, F, this.em);
    const b = this.bias;
    if (b) for (let t = 0, o = 0; t < n; t++) for (let y = 0; y < this.L; y++, o++) this.em[o] += b[y];
    // cost-augmented decoding (training): every wrong label gets a head start, so updates
    // continue until the gold path wins by a margin
    if (cost)
      for (let t = 0, o = 0; t < n; t++)
        for (let y = 0; y < this.L; y++, o++) if (y !== cost.gold[t]) this.em[o] += cost.margin;
    if (mask) {
      for (let t = 0; t < n; t++) {
        if (mask[maskOffset + t]) continue;
        const o = t * this.L;
        this.em[o] = 0;
        for (let y = 1; y < this.L; y++) this.em[o + y] = -1e9;
      }
    }
    viterbi(this.em, n, this.L, this.model.trans, this.allowed, this.path, this.delta, this.back);
    return this.path;
  }
}

/** Averaged structured perceptron trainer (training scripts only). */
export class PerceptronTrainer {
  readonly L: number;
  readonly w: Float32Array;
  readonly u: Float64Array;
  readonly tw: Float32Array;
  readonly tu: Float64Array;
  private c = 1;
  private readonly mask: number;
  private readonly decoder: ChainDecoder;
  readonly model: LinearModelData;

  constructor(
    readonly labels: string[],
    readonly bits: number,
  ) {
    this.L = labels.length;
    this.mask = (1 << bits) - 1;
    this.w = new Float32Array((1 << bits) * this.L);
    this.u = new Float64Array((1 << bits) * this.L);
    this.tw = new Float32Array((this.L + 1) * this.L);
    this.tu = new Float64Array((this.L + 1) * this.L);
    this.model = { labels, bits, weights: this.w, trans: this.tw };
    this.decoder = new ChainDecoder(this.model);
  }

  private upd(t: number, feats: Int32Array, F: number, y: number, v: number): void {
    const base = t * F;
    for (let k = 0; k < F; k++) {
      const h = feats[base + k];
      if (h === 0) continue;
      const i = (h & this.mask) * this.L + y;
      this.w[i] += v;
      this.u[i] += this.c * v;
    }
  }

  private updT(p: number, y: number, v: number): void {
    const i = p * this.L + y;
    this.tw[i] += v;
    this.tu[i] += this.c * v;
  }

  /**
   * One training example; returns the number of positions decoded wrongly.
   * With `margin` > 0 the decoding is cost-augmented (a margin perceptron).
   */
  train(
    feats: Int32Array,
    n: number,
    F: number,
    gold: Int32Array,
    mask: Uint8Array | null = null,
    margin = 0,
  ): number {
    const path = this.decoder.decode(feats, n, F, mask, 0, margin > 0 ? { gold, margin } : null);
    let errors = 0;
    for (let t = 0; t < n; t++) {
      const g = gold[t];
      const p = path[t];
      const gp = t ? gold[t - 1] : this.L;
      const pp = t ? path[t - 1] : this.L;
      if (g !== p) {
        errors++;
        this.upd(t, feats, F, g, 1);
        this.upd(t, feats, F, p, -1);
      }
      if (g !== p || gp !== pp) {
        this.updT(gp, g, 1);
        this.updT(pp, p, -1);
      }
    }
    this.c++;
    return errors;
  }

  /** The averaged model (w − u/c). */
  averaged(): LinearModelData {
    const w = new Float32Array(this.w.length);
    for (let i = 0; i < w.length; i++) w[i] = this.w[i] - this.u[i] / this.c;
    const t = new Float32Array(this.tw.length);
    for (let i = 0; i < t.length; i++) t[i] = this.tw[i] - this.tu[i] / this.c;
    return { labels: this.labels, bits: this.bits, weights: w, trans: t };
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INV = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    chunk +=
      B64[(n >> 18) & 63] +
      B64[(n >> 12) & 63] +
      (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') +
      (i + 2 < bytes.length ? B64[n & 63] : '=');
    if (chunk.length > 65536) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

export function base64ToBytes(s: string): Uint8Array {
  let len = (s.length / 4) * 3;
  if (s.endsWith('==')) len -= 2;
  else if (s.endsWith('=')) len -= 1;
  const out = new Uint8Array(len);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const n =
      (B64_INV[s.charCodeAt(i)] << 18) |
      (B64_INV[s.charCodeAt(i + 1)] << 12) |
      ((B64_INV[s.charCodeAt(i + 2)] & 63) << 6) |
      (B64_INV[s.charCodeAt(i + 3)] & 63);
    if (o < len) out[o++] = (n >> 16) & 255;
    if (o < len) out[o++] = (n >> 8) & 255;
    if (o < len) out[o++] = n & 255;
  }
  return out;
}

/** Serialised form stored in `models/`: weights quantised to int16 with a per-model scale. */
export interface LinearModelJson {
  labels: string[];
  bits: number;
  scale: number;
  weights: string;
  trans: number[];
}

export function encodeModel(m: LinearModelData): LinearModelJson {
  let max = 0;
  for (let i = 0; i < m.weights.length; i++) max = Math.max(max, Math.abs(m.weights[i]));
  const scale = max > 0 ? max / 32767 : 1;
  const q = new Int16Array(m.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(m.weights[i] / scale);
  return {
    labels: m.labels,
    bits: m.bits,
    scale,
    weights: bytesToBase64(new Uint8Array(q.buffer)),
    trans: Array.from(m.trans, (x) => Math.round(x * 1e4) / 1e4),
  };
}

/** The stored model with its weights kept as int16 (scored times `scale`). */
export function decodeModel(j: LinearModelJson): LinearModelData {
  const bytes = base64ToBytes(j.weights);
  const q = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
  if (q.length !== (1 << j.bits) * j.labels.length)
    throw new Error('quotes model: weight table has the wrong size');
  return { labels: j.labels, bits: j.bits, weights: q, scale: j.scale, trans: Float32Array.from(j.trans) };
}
