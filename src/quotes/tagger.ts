/**
 * The statistical core: a cue tagger (B/I/O over every paragraph) and, for
 * each cue found, a source/content tagger over the cue's paragraph whose
 * features are conditioned on the cue (direction, distance, sentence and
 * clause boundaries in between, quotation flags, the cue word).
 */
import { chooseEnd, EndScratch, reEnds, sentenceEnd } from './ends.ts';
import { ChainDecoder, type LinearModelData } from './linear.ts';
import {
  CUE_F,
  type CueLexArrays,
  type CueLexicon,
  cueFeatures,
  cueLexArrays,
  type DocTokens,
  hashString,
  SPAN_F,
  Shape,
  spanFeatures,
} from './features.ts';

export const CUE_LABELS = ['O', 'B-Q', 'I-Q'];
export const SPAN_LABELS = ['O', 'B-S', 'I-S', 'B-C', 'I-C'];
/** Tokens either side of the cue the content tagger looks at (within the cue's paragraph). */
export const WINDOW = 55;
/** Sentences either side of the cue's sentence the content tagger looks at. */
export const SENT_WINDOW = 3;

export interface TaggerModels {
  cue: LinearModelData;
  span: LinearModelData;
  /** Decoding offsets tuned on dev (stored with the model). */
  cueBias?: number;
  contentBias?: number;
  /** Hashes of the word forms seen inside training cues; other tokens are never cue tokens. */
  cueForms?: Set<number> | null;
  /** Cue-precision buckets of training forms and stems (models trained with lexicon features). */
  cueLex?: CueLexicon | null;
  /** Whether the span model was trained with the lexicon features too. */
  spanLex?: boolean;
  /** Content-end scorer (see ends.ts); without it the span tagger's ends stand. */
  ends?: LinearModelData | null;
}

/**
 * Which tokens may be part of a cue: forms seen in training cues, and any
 * lower-case word of three letters or more (unseen reporting verbs).
 * Everything else (names, numbers, most punctuation) skips the cue tagger.
 */
export function cueCandidates(d: DocTokens, forms: Set<number>): Uint8Array {
  const m = new Uint8Array(d.n);
  for (let i = 0; i < d.n; i++) {
    if (forms.has(d.form[i])) m[i] = 1;
    else if (d.shape[i] === Shape.Lower && d.ends[i] - d.starts[i] >= 3) m[i] = 1;
  }
  return m;
}

/**
 * The same mask from the per-token lexicon buckets (a form with a cue bucket
 * is exactly a form seen inside a training cue), without a set look-up.
 */
export function cueCandidatesFromLex(d: DocTokens, lf: Uint8Array): Uint8Array {
  const m = new Uint8Array(d.n);
  for (let i = 0; i < d.n; i++) {
    const b = lf[i] > 7 ? lf[i] - 7 : lf[i];
    if (b >= 3 || (d.shape[i] === Shape.Lower && d.ends[i] - d.starts[i] >= 3)) m[i] = 1;
  }
  return m;
}

/** One attribution found by the taggers, in token indices (end-exclusive). */
export interface RawAttribution {
  cueStart: number;
  cueEnd: number;
  /** Content pieces (token ranges), in order; the content is their hull. */
  content: [number, number][];
  speaker: [number, number] | null;
}

/** Token window `[from, to)` the span tagger uses for a cue. */
export function cueWindow(d: DocTokens, cs: number, ce: number): [number, number] {
  const p = d.para[cs];
  let from = Math.max(d.paraTok[2 * p], cs - WINDOW);
  let to = Math.min(d.paraTok[2 * p + 1], ce + WINDOW);
  const s = d.sent[cs];
  while (from < cs && d.sent[from] < s - SENT_WINDOW) from++;
  while (to > ce && d.sent[to - 1] > s + SENT_WINDOW) to--;
  return [from, Math.max(to, ce)];
}

/**
 * The next paragraph's token range when the cue `…[ce)` ends its paragraph
 * with a colon ("Caddell continued:", "He said:" before a block quote), else null.
 */
export function leadInParagraph(d: DocTokens, ce: number): [number, number] | null {
  const p = d.para[ce - 1];
  const end = d.paraTok[2 * p + 1];
  const colon = d.shape[ce - 1] === Shape.Colon || (ce < end && d.shape[ce] === Shape.Colon);
  if (!colon || (ce < end && ce + 1 !== end) || p + 1 >= d.paraTok.length >> 1) return null;
  const from = d.paraTok[2 * p + 2];
  const to = d.paraTok[2 * p + 3];
  return to > from ? [from, to] : null;
}

const THAT = hashString('that');

/**
 * The reported clause after a speech cue the span tagger gave no content:
 * from a "that" within the next few tokens to the end of the sentence, when
 * the sentence holds no quotation mark after the cue and the clause has at
 * least three words; else null.
 */
export function clauseAfter(d: DocTokens, ce: number): [number, number] | null {
  const p = d.para[ce - 1];
  const pend = d.paraTok[2 * p + 1];
  let end = ce;
  while (end < pend && !d.sentFirst[end]) {
    const sh = d.shape[end];
    if (sh === Shape.OpenQuote || sh === Shape.CloseQuote) return null;
    end++;
  }
  let start = -1;
  for (let k = ce; k < Math.min(end, ce + 8); k++) {
    if (d.form[k] === THAT) {
      start = k;
      break;
    }
  }
  if (start < 0) return null;
  while (end > start && (d.shape[end - 1] === Shape.Period || d.shape[end - 1] === Shape.Question)) end--;
  return end - start >= 3 ? [start, end] : null;
}

const TELL = new Set(['told', 'tells', 'tell'].map(hashString));
const SUBJECT_PRONOUN = new Set(['he', 'she', 'they', 'we', 'i', 'there'].map(hashString));
const DETERMINER = new Set(
  ['the', 'a', 'an', 'his', 'her', 'its', 'their', 'this', 'these', 'those'].map(hashString),
);
const FINITE = new Set(
  [
    'was',
    'were',
    'is',
    'are',
    'had',
    'has',
    'have',
    'would',
    'will',
    'could',
    'should',
    'can',
    'may',
    'might',
    'did',
    'does',
    'must',
  ].map(hashString),
);
const BREAKS_ADDRESSEE = new Set(
  [
    ...['that', 'to', 'about', 'of', 'how', 'what', 'whether', 'why'],
    // "… told his advisers as he worked": an adjunct clause, not what was told
    ...[
      'as',
      'when',
      'while',
      'because',
      'after',
      'before',
      'if',
      'since',
      'until',
      'although',
      'though',
      'and',
      'but',
    ],
  ].map(hashString),
);

/**
 * "Petrov told reporters the deal was dead": the reported clause after the
 * addressee of "told" when no "that" introduces it. It starts at a subject
 * pronoun, or at a determiner whose noun phrase is followed within four words
 * by a finite verb, at most eight words after the cue; null when the addressee
 * stretch holds "that", "to", "about" … (other constructions), the subject
 * follows a conjunction ("… told aides as he left") or a quotation follows.
 */
export function clauseAfterAddressee(d: DocTokens, cs: number, ce: number): [number, number] | null {
  if (ce !== cs + 1 || !TELL.has(d.form[cs])) return null;
  const end = sentenceEnd(d, cs);
  for (let p = ce + 1; p < Math.min(end, ce + 9); p++) {
    const prev = d.form[p - 1];
    if (BREAKS_ADDRESSEE.has(prev) || d.shape[p - 1] === Shape.OpenQuote) return null;
    const f = d.form[p];
    let subject = SUBJECT_PRONOUN.has(f);
    if (!subject && DETERMINER.has(f)) {
      for (let k = p + 2; k < Math.min(end, p + 5); k++) {
        if (d.shape[k] === Shape.Comma) break;
        if (FINITE.has(d.form[k])) {
          subject = true;
          break;
        }
      }
    }
    if (subject) return clauseOrNull(d, p, end);
  }
  return null;
}

const SAYS = new Set(['said', 'says'].map(hashString));

/**
 * "Petrov said Tarvin, the capital, was calm": the clause right after "said"
 * when no "that" introduces it and the span tagger gave no content. It starts
 * with a subject (a pronoun, a determiner or a capitalised word) followed within
 * eight tokens by a finite verb; null when a quotation follows.
 */
export function clauseRightAfter(d: DocTokens, cs: number, ce: number): [number, number] | null {
  if (ce !== cs + 1 || !SAYS.has(d.form[cs]) || ce >= d.n) return null;
  const f = d.form[ce];
  if (!SUBJECT_PRONOUN.has(f) && !DETERMINER.has(f) && d.shape[ce] !== Shape.Cap) return null;
  const end = sentenceEnd(d, cs);
  for (let k = ce + 1; k < Math.min(end, ce + 9); k++) {
    if (BREAKS_ADDRESSEE.has(d.form[k]) || d.shape[k] === Shape.OpenQuote) return null;
    if (FINITE.has(d.form[k])) return clauseOrNull(d, ce, end);
  }
  return null;
}

/** `[s, e)` without trailing sentence punctuation, or null when fewer than three tokens remain. */
function clauseOrNull(d: DocTokens, s: number, e: number): [number, number] | null {
  while (e > s && (d.shape[e - 1] === Shape.Period || d.shape[e - 1] === Shape.Question)) e--;
  for (let k = s; k < e; k++)
    if (d.shape[k] === Shape.OpenQuote || d.shape[k] === Shape.CloseQuote) return null;
  return e - s >= 3 ? [s, e] : null;
}

/**
 * The clause after a cue that opens its sentence and whose source ends at a
 * comma ("According to police, officers saw …"): from the comma to the end of
 * the sentence; else null.
 */
export function clauseAfterOpening(d: DocTokens, cs: number, ce: number): [number, number] | null {
  if (!d.sentFirst[cs]) return null;
  const end = sentenceEnd(d, cs);
  for (let k = ce; k < Math.min(end, ce + 10); k++) {
    const sh = d.shape[k];
    if (sh === Shape.Comma) return clauseOrNull(d, k + 1, end);
    if (sh === Shape.OpenQuote || sh === Shape.CloseQuote || sh === Shape.Period) return null;
  }
  return null;
}

/**
 * The clause before a sentence-final attribution ("Lenox was a juggernaut, Mr.
 * Clarke said, until …", "… this week, said Brian Baker"): from the sentence
 * start to the comma a few words before the cue; else null.
 */
export function clauseBefore(d: DocTokens, cs: number): [number, number] | null {
  const s = d.sent[cs];
  for (let k = cs - 1; k >= 0 && k >= cs - 8 && d.sent[k] === s; k--) {
    const sh = d.shape[k];
    if (sh === Shape.Comma) {
      let start = k;
      while (start > 0 && d.sent[start - 1] === s && d.para[start - 1] === d.para[k]) start--;
      return clauseOrNull(d, start, k);
    }
    if (sh === Shape.OpenQuote || sh === Shape.CloseQuote || sh === Shape.Period) return null;
  }
  return null;
}

/** Whether any token of `[a, b)` is quoted or a quotation mark. */
function holdsQuote(d: DocTokens, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (d.inQuote[i] || d.shape[i] === Shape.OpenQuote) return true;
  return false;
}

/**
 * A quotation that opens before its cue goes on after the cue only to take in
 * more quoted words (“…,” she said, “…”); unquoted words after a mid-sentence
 * attribution (“…,” she said, and soon …) are not part of it. Pieces that run
 * through the cue are cut there first. Works in place.
 */
export function dropUnquotedTail(d: DocTokens, content: [number, number][], cs: number, ce: number): void {
  if (!content.length) return;
  const first = content[0];
  if (first[0] >= cs || d.shape[first[0]] !== Shape.OpenQuote) return;
  if (first[1] > ce) {
    content.splice(1, 0, [ce, first[1]]);
    // the quotation ends at its closing mark: words between it and the cue are the speaker's
    let e = cs;
    while (e > first[0] + 1 && d.shape[e - 1] !== Shape.CloseQuote) e--;
    first[1] = e > first[0] + 1 ? e : cs;
  }
  for (let i = 1; i < content.length; i++) {
    if (content[i][0] >= ce && !holdsQuote(d, content[i][0], content[i][1])) {
      content.length = i;
      return;
    }
  }
}

/** How far past the window a cut quotation is followed (tokens), which bounds the work per cue. */
const REACH = 600;

/**
 * The span tagger only sees `WINDOW` tokens either side of its cue, so a long
 * quotation that the window edge cuts (“… sixty words …,” she said) comes out
 * cut somewhere near that edge. Content that starts inside a quotation whose
 * opening mark lies before the window is taken back to that mark, and content
 * that ends inside a quotation whose closing mark lies after the window is
 * taken on to that mark (within the paragraph), unless another cue stands in
 * the added stretch (it is that cue's quotation then). Works in place.
 */
export function extendCutQuotation(
  d: DocTokens,
  content: [number, number][],
  from: number,
  to: number,
  prefix: Int32Array,
): void {
  if (!content.length) return;
  const first = content[0];
  const p0 = d.paraTok[2 * d.para[from]];
  if (d.inQuote[first[0]] && first[0] > p0) {
    let k = first[0];
    const lo = Math.max(p0, from - REACH);
    while (k > lo && d.inQuote[k - 1]) k--;
    if (k < from && d.shape[k] === Shape.OpenQuote && prefix[from] === prefix[k]) first[0] = k;
  }
  const last = content[content.length - 1];
  const p1 = d.paraTok[2 * d.para[to - 1] + 1];
  if (d.inQuote[last[1] - 1] && last[1] < p1) {
    let k = last[1];
    const hi = Math.min(p1, to + REACH);
    while (k < hi && d.inQuote[k]) k++;
    if (k > to && d.shape[k - 1] === Shape.CloseQuote && prefix[k] === prefix[to]) last[1] = k;
  }
}

/** Prefix count of cue starts: `out[i]` = number of cues starting at tokens `< i`. */
export function cuePrefix(n: number, cues: Int32Array): Int32Array {
  const mark = new Uint8Array(n);
  for (let k = 0; k < cues.length; k += 2) mark[cues[k]] = 1;
  const out = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) out[i + 1] = out[i] + mark[i];
  return out;
}

/**
 * Token ranges (flat pairs, by start, one per start token) of the tokens each
 * character span overlaps; empty spans and spans over no token are left out.
 */
export function tokenRanges(d: DocTokens, spans: readonly { start: number; end: number }[]): Int32Array {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: number[] = [];
  let i = 0;
  for (const { start, end } of sorted) {
    if (!(end > start)) continue;
    // starts are sorted, so the first token ending after `start` only moves forward
    while (i < d.n && d.ends[i] <= start) i++;
    let j = i;
    while (j < d.n && d.starts[j] < end) j++;
    if (j > i && (out.length === 0 || out[out.length - 2] !== i)) out.push(i, j);
  }
  return Int32Array.from(out);
}

/** Content and speaker pieces (absolute token ranges) of a decoded span-tagger path over `[from, from + len)`. */
export function spanPieces(
  path: Int32Array,
  len: number,
  from: number,
): { content: [number, number][]; speakers: [number, number][] } {
  const content: [number, number][] = [];
  const speakers: [number, number][] = [];
  let open = -1;
  let kind = 0;
  for (let t = 0; t <= len; t++) {
    const y = t < len ? path[t] : 0;
    const isInside = y === 2 || y === 4;
    if (open >= 0 && !(isInside && ((kind === 1 && y === 2) || (kind === 3 && y === 4)))) {
      (kind === 1 ? speakers : content).push([from + open, from + t]);
      open = -1;
    }
    if (y === 1 || y === 3) {
      open = t;
      kind = y;
    }
  }
  return { content, speakers };
}

export class QuoteTagger {
  private readonly cueDec: ChainDecoder;
  private readonly spanDec: ChainDecoder;
  private feats = new Int32Array(0);
  private readonly cueForms: Set<number> | null;
  private readonly cueLex: CueLexicon | null;
  private readonly spanLex: boolean;
  private readonly ends: LinearModelData | null;
  private readonly endScratch = new EndScratch();

  constructor(models: TaggerModels, opts: { cueBias?: number; contentBias?: number } = {}) {
    this.cueDec = new ChainDecoder(models.cue);
    this.spanDec = new ChainDecoder(models.span);
    this.cueForms = models.cueForms ?? null;
    this.cueLex = models.cueLex ?? null;
    this.spanLex = !!models.spanLex && !!this.cueLex;
    this.ends = models.ends ?? null;
    const cb = opts.cueBias ?? models.cueBias ?? 0;
    if (cb) this.cueDec.bias = Float32Array.from([0, cb, cb * 0.5]);
    const sb = opts.contentBias ?? models.contentBias ?? 0;
    if (sb) this.spanDec.bias = Float32Array.from([0, sb, sb * 0.5, sb, sb * 0.5]);
  }

  private buf(n: number): Int32Array {
    if (this.feats.length < n) this.feats = new Int32Array(Math.max(n, this.feats.length * 2));
    return this.feats;
  }

  /** The per-document lexicon arrays, or null for models without lexicon features. */
  lexArrays(d: DocTokens): CueLexArrays | null {
    return this.cueLex ? cueLexArrays(d, this.cueLex) : null;
  }

  /** Cue token ranges as flat pairs [start, end, start, end, …]. */
  cues(d: DocTokens, lexArrays: CueLexArrays | null = null): Int32Array {
    const out: number[] = [];
    const lx = lexArrays ?? this.lexArrays(d);
    const mask = this.cueForms
      ? lx
        ? cueCandidatesFromLex(d, lx.lf)
        : cueCandidates(d, this.cueForms)
      : null;
    const np = d.paraTok.length >> 1;
    for (let p = 0; p < np; p++) {
      const from = d.paraTok[2 * p];
      const to = d.paraTok[2 * p + 1];
      // very long paragraphs are decoded in overlapping-free chunks at sentence starts
      let s = from;
      while (s < to) {
        let e = Math.min(to, s + 400);
        if (e < to) {
          let k = e;
          while (k > s + 200 && !d.sentFirst[k]) k--;
          if (k > s + 200) e = k;
        }
        const len = e - s;
        const f = this.buf(len * CUE_F);
        cueFeatures(d, s, e, f, mask, lx);
        const path = this.cueDec.decode(f, len, CUE_F, mask, s);
        let open = -1;
        for (let t = 0; t <= len; t++) {
          const y = t < len ? path[t] : 0;
          if (open >= 0 && y !== 2) {
            out.push(s + open, s + t);
            open = -1;
          }
          if (y === 1) open = t;
        }
        s = e;
      }
    }
    return Int32Array.from(out);
  }

  /** Source and content for each cue. */
  spans(d: DocTokens, cues: Int32Array, lx: CueLexArrays | null = null): RawAttribution[] {
    const prefix = cuePrefix(d.n, cues);
    const out: RawAttribution[] = [];
    for (let k = 0; k < cues.length; k += 2) {
      const cs = cues[k];
      const ce = cues[k + 1];
      const [from, to] = cueWindow(d, cs, ce);
      const len = to - from;
      if (len <= 0) continue;
      const f = this.buf(len * SPAN_F);
      spanFeatures(d, from, to, cs, ce, prefix, f, this.spanLex ? lx : null);
      const path = this.spanDec.decode(f, len, SPAN_F);
      const { content, speakers } = spanPieces(path, len, from);
      extendCutQuotation(d, content, from, to, prefix);
      dropUnquotedTail(d, content, cs, ce);
      const last = content.length ? content[content.length - 1] : null;
      if (this.ends && last && reEnds(d, last[0], ce))
        last[1] = chooseEnd(this.ends, d, last[0], last[1], d.stem[cs], this.endScratch);
      const told = clauseAfterAddressee(d, cs, ce);
      // the tagger's content may start inside that clause ("… the deal [was dead]")
      if (told && content.length && content[0][0] > told[0] && content[0][0] <= told[0] + 4)
        content[0][0] = told[0];
      if (!content.length) {
        // "He added:" closing its paragraph introduces the next paragraph; "X said (…) that …"
        // with no tagged content takes the rest of its sentence; an attribution opening or
        // closing its sentence takes the clause on the other side of its comma
        const lead =
          told ??
          leadInParagraph(d, ce) ??
          clauseAfter(d, ce) ??
          clauseRightAfter(d, cs, ce) ??
          clauseAfterOpening(d, cs, ce) ??
          clauseBefore(d, cs);
        if (!lead) continue;
        content.push(lead);
      }
      let speaker: [number, number] | null = null;
      let bestDist = Number.POSITIVE_INFINITY;
      for (const sp of speakers) {
        const dist = sp[1] <= cs ? cs - sp[1] : sp[0] - ce;
        if (dist < bestDist) {
          bestDist = dist;
          speaker = sp;
        }
      }
      out.push({ cueStart: cs, cueEnd: ce, content, speaker });
    }
    return out;
  }
}
