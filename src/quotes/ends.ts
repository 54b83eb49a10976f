/**
 * Where reported content stops. The span tagger decides the end of an indirect
 * clause token by token; this re-ranks the possible ends of a content piece
 * that follows its cue (every token boundary in the sentence where the tagger
 * stopped, near that point) with a linear scorer over features of the whole
 * piece: what follows the end (", which", "in his remarks", the sentence end),
 * the last word, how many clause breaks the piece spans, how the piece began
 * ("that …") and where the tagger stopped. PolNeAR leaves trailing adjuncts of
 * the speech act ("… on its website", ", encouraging …") outside the content,
 * which a left-to-right chain sees too late.
 */
import { type DocTokens, mix, Shape } from './features.ts';
import type { LinearModelData } from './linear.ts';

/** Features per candidate end. */
export const END_F = 12;
/** Candidate ends looked at either side of the tagger's end. */
const REACH = 20;

/** Tokens a span may end with that the scorer trims anyway (punctuation and marks). */
function trimmable(sh: number): boolean {
  return (
    sh === Shape.Period ||
    sh === Shape.Comma ||
    sh === Shape.Semicolon ||
    sh === Shape.Colon ||
    sh === Shape.CloseQuote ||
    sh === Shape.OpenQuote ||
    sh === Shape.Dash
  );
}

/**
 * Whether the content piece starting at `a` of a cue ending at `ce` is one to
 * re-end: it follows the cue and does not open with a quotation mark (a
 * quotation ends at its closing mark).
 */
export function reEnds(d: DocTokens, a: number, ce: number): boolean {
  return a >= ce && d.shape[a] !== Shape.OpenQuote;
}

/** The end `e` of a piece starting at `a` with trailing punctuation and marks dropped. */
export function bareEnd(d: DocTokens, a: number, e: number): number {
  while (e > a + 1 && trimmable(d.shape[e - 1])) e--;
  return e;
}

/** First token of the next sentence (or the paragraph end) after token `t`. */
export function sentenceEnd(d: DocTokens, t: number): number {
  const pend = d.paraTok[2 * d.para[t] + 1];
  let e = t + 1;
  while (e < pend && !d.sentFirst[e]) e++;
  return e;
}

/** Where the words of the sentence ending at `sEnd` stop (only punctuation and marks follow). */
function wordsEnd(d: DocTokens, from: number, sEnd: number): number {
  let e = sEnd;
  while (e > from && (trimmable(d.shape[e - 1]) || d.shape[e - 1] === Shape.Question)) e--;
  return e;
}

function offsetBucket(x: number): number {
  if (x < -8) return -9;
  if (x > 8) return 9;
  return x;
}

/**
 * Features of ending the piece `[a, e)` (bare ends) whose tagged end is `tagged`,
 * after a cue with head stem `cueHead`, into `out[o, o + END_F)`.
 */
export function endFeatures(
  d: DocTokens,
  a: number,
  e: number,
  tagged: number,
  sEnd: number,
  cueHead: number,
  out: Int32Array,
  o: number,
  taggedAtEnd: number,
  lastWord: number,
): void {
  const { form, shape } = d;
  const EOS = 0x1b873593;
  const next = e < sEnd ? form[e] : EOS;
  const nextSh = e < sEnd ? shape[e] : 0;
  const after = e + 1 < sEnd ? form[e + 1] : EOS;
  const last = form[e - 1];
  const same = e === tagged ? 1 : 0;
  const sentEnd = e >= lastWord ? 1 : 0;
  const breaks = Math.min(3, d.commas[e] - d.commas[a]);
  out[o] = mix(200, same);
  out[o + 1] = mix(201, offsetBucket(e - tagged));
  out[o + 2] = mix(202, next, sentEnd);
  out[o + 3] = mix(203, last);
  out[o + 4] = mix(204, nextSh, after);
  out[o + 5] = mix(205, sentEnd, same);
  out[o + 6] = mix(206, breaks, sentEnd);
  out[o + 7] = mix(207, form[a], sentEnd);
  out[o + 8] = mix(208, cueHead, next);
  out[o + 9] = mix(209, same, next);
  out[o + 10] = mix(214, Math.min(5, sEnd - e), next);
  out[o + 11] = mix(215, taggedAtEnd, sentEnd, Math.sign(e - tagged));
}

/**
 * Candidate bare ends for the piece `[a, b)` — every bare end in the sentence
 * holding the piece's last token, within REACH tokens of the tagged end — into
 * `cand`, and their features into `feats` (END_F each). Returns the count.
 */
export function endCandidates(
  d: DocTokens,
  a: number,
  b: number,
  cueHead: number,
  cand: Int32Array,
  feats: Int32Array,
): number {
  const tagged = bareEnd(d, a, b);
  const sEnd = sentenceEnd(d, b - 1);
  const lastWord = wordsEnd(d, a, sEnd);
  const taggedAtEnd = tagged >= lastWord ? 1 : 0;
  let n = 0;
  for (let e = Math.max(a + 1, tagged - REACH); e <= Math.min(sEnd, tagged + REACH); e++) {
    if (e > a + 1 && trimmable(d.shape[e - 1])) continue;
    endFeatures(d, a, e, tagged, sEnd, cueHead, feats, n * END_F, taggedAtEnd, lastWord);
    cand[n++] = e;
  }
  return n;
}

/** Score of one candidate's features under the end model. */
function score(m: LinearModelData, f: Int32Array, o: number): number {
  const mask = (1 << m.bits) - 1;
  let s = 0;
  for (let k = 0; k < END_F; k++) s += m.weights[f[o + k] & mask];
  return s * (m.scale ?? 1);
}

/** Scratch buffers for `chooseEnd` (reused across calls). */
export class EndScratch {
  cand = new Int32Array(2 * REACH + 2);
  feats = new Int32Array((2 * REACH + 2) * END_F);
}

/**
 * The end of the content piece `[a, b)` after a cue with head stem `cueHead`:
 * `b` itself when the model prefers the tagger's end, else the best candidate
 * (closing quotation marks right after it are kept with it).
 */
export function chooseEnd(
  m: LinearModelData,
  d: DocTokens,
  a: number,
  b: number,
  cueHead: number,
  sc: EndScratch,
): number {
  const n = endCandidates(d, a, b, cueHead, sc.cand, sc.feats);
  const tagged = bareEnd(d, a, b);
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const s = score(m, sc.feats, i * END_F);
    // ties go to the tagger's end
    if (s > bestScore || (s === bestScore && sc.cand[i] === tagged)) {
      bestScore = s;
      best = sc.cand[i];
    }
  }
  if (best < 0 || best === tagged) return b;
  const pend = d.paraTok[2 * d.para[a] + 1];
  let e = best;
  while (e < pend && d.shape[e] === Shape.CloseQuote) e++;
  return e;
}
