/**
 * `npm run train:quotes`: trains the quotation taggers on PolNeAR train
 * (../shared/data/quotes-polnear/polnear-train.jsonl) and writes
 *
 *   models/quotes-cue.json.gz    cue tagger (B/I/O), averaged perceptron, hashed features
 *   models/quotes-span.json.gz   cue-conditioned source/content tagger
 *   models/quotes-end.json.gz    re-ranker of the end of content that follows its cue,
 *                                trained on the output of span taggers that did not see the article
 *                                (four folds of the training articles)
 *   models/quotes-lexicon.json   reporting-cue lexicon derived from the training cues, and the
 *                                cue statistics of training forms and stems (cue-precision buckets,
 *                                a feature of the cue tagger; `--no-lex` trains without them)
 *
 * Deterministic: fixed seed for the example order, fixed epochs, no clock or
 * randomness elsewhere. Runs in a few minutes on one core:
 *   nice npm run train:quotes [-- --epochs-cue 10 --epochs-span 15 --bits-cue 20 --bits-span 18 --margin-cue 1 --margin-span 0 --epochs-end 10 --out-dir models]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Span } from '../../src/document/types.ts';
import { createDocument } from '../../src/pipeline.ts';
import {
  CUE_F,
  type CueLexArrays,
  cueFeatures,
  type DocTokens,
  lexBucket,
  prepareTokens,
  SPAN_F,
  sentenceContext,
  sentenceTokens,
  Shape,
  strongPrefix,
  spanFeatures,
} from '../../src/quotes/features.ts';
import { bareEnd, END_F, endCandidates, reEnds } from '../../src/quotes/ends.ts';
import {
  ChainDecoder,
  encodeModel,
  type LinearModelData,
  PerceptronTrainer,
} from '../../src/quotes/linear.ts';
import { pairQuoteMarks } from '../../src/quotes/marks.ts';
import {
  CUE_LABELS,
  cueCandidates,
  cuePrefix,
  cueWindow,
  SPAN_LABELS,
  spanPieces,
} from '../../src/quotes/tagger.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = resolve(root, '..', 'shared', 'data', 'quotes-polnear');

export interface PolnearQuote {
  start: number;
  end: number;
  kind: string;
  speaker: string | null;
  speaker_start: number | null;
  speaker_end: number | null;
  cue: string | null;
  cue_start: number | null;
  cue_end: number | null;
  fragments?: [number, number, string][];
}
export interface PolnearDoc {
  id: string;
  text: string;
  quotes: PolnearQuote[];
  meta: Record<string, unknown>;
}

export function readPolnear(file: string): PolnearDoc[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PolnearDoc);
}

/** Token range overlapping the character span, or null. */
function tokRange(d: DocTokens, s: number, e: number): [number, number] | null {
  let a = -1;
  let b = -1;
  // linear scans are fine at training time
  for (let i = 0; i < d.n; i++) {
    if (d.ends[i] <= s) continue;
    if (d.starts[i] >= e) break;
    if (a < 0) a = i;
    b = i + 1;
  }
  return a < 0 ? null : [a, b];
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function shuffle<T>(arr: T[], rand: () => number): void {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
}

interface Example {
  feats: Int32Array;
  gold: Int32Array;
  n: number;
  mask?: Uint8Array;
  /** Span examples: the document, window start and cue. */
  at?: { d: DocTokens; from: number; cs: number; ce: number; fold: number };
}

/** One content piece to re-end: candidate features and the index of the gold end among them. */
interface EndExample {
  feats: Int32Array;
  n: number;
  gold: number;
}

/**
 * Content-end examples: the trained span tagger's content pieces that follow their
 * cue and start where the gold piece starts, with the gold end among the candidates.
 */
function endExamples(span: LinearModelData, spanEx: Example[], fold: number): EndExample[] {
  const dec = new ChainDecoder(span);
  const cand = new Int32Array(128);
  const feats = new Int32Array(128 * END_F);
  const out: EndExample[] = [];
  for (const ex of spanEx) {
    if (!ex.at || (fold >= 0 && ex.at.fold !== fold)) continue;
    const { d, from, cs, ce } = ex.at;
    const path = dec.decode(ex.feats, ex.n, SPAN_F);
    const pred = spanPieces(path, ex.n, from).content;
    const last = pred[pred.length - 1];
    if (!last || !reEnds(d, last[0], ce)) continue;
    const [a, b] = last;
    const g = spanPieces(ex.gold, ex.n, from).content.find((p) => p[0] === a);
    if (!g) continue;
    const goldEnd = bareEnd(d, a, g[1]);
    const n = endCandidates(d, a, b, d.stem[cs], cand, feats);
    const gi = cand.subarray(0, n).indexOf(goldEnd);
    if (gi >= 0) out.push({ feats: feats.slice(0, n * END_F), n, gold: gi });
  }
  return out;
}

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) || dflt : dflt;
}

function argFloat(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) ? v : dflt;
}

export function prepare(doc: PolnearDoc) {
  const d0 = createDocument({
    text: doc.text,
    meta: {
      title: null,
      authors: [],
      published: null,
      outlet: null,
      language: 'en',
      url: null,
    },
    warnings: [],
  });
  const regions = pairQuoteMarks(doc.text, d0.paragraphs);
  const d = prepareTokens(doc.text, d0.paragraphs, d0.sentences, regions);
  return { doc: d0, tokens: d, regions };
}

/** Averaged ranking perceptron over candidates with `F` hashed features each (one weight per feature). */
function trainRanker(
  ex: EndExample[],
  F: number,
  bits: number,
  epochs: number,
  rand: () => number,
  name: string,
): LinearModelData {
  const mask = (1 << bits) - 1;
  const w = new Float32Array(1 << bits);
  const u = new Float64Array(1 << bits);
  let c = 1;
  const add = (f: Int32Array, i: number, v: number) => {
    for (let k = i * F; k < (i + 1) * F; k++) {
      w[f[k] & mask] += v;
      u[f[k] & mask] += c * v;
    }
  };
  for (let ep = 0; ep < epochs; ep++) {
    shuffle(ex, rand);
    let wrong = 0;
    for (const e of ex) {
      let best = 0;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < e.n; i++) {
        let sc = 0;
        for (let k = i * F; k < (i + 1) * F; k++) sc += w[e.feats[k] & mask];
        if (sc > bestScore) {
          bestScore = sc;
          best = i;
        }
      }
      if (best !== e.gold) {
        wrong++;
        add(e.feats, e.gold, 1);
        add(e.feats, best, -1);
      }
      c++;
    }
    console.log(`  ${name} epoch ${ep + 1}/${epochs}: wrong ${((100 * wrong) / ex.length).toFixed(2)}%`);
  }
  const avg = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) avg[i] = w[i] - u[i] / c;
  return { labels: [name], bits, weights: avg, trans: new Float32Array(2) };
}

/** Folds of the training articles for the content-end examples. */
const END_FOLDS = 4;

function main(): void {
  const trainFile = join(dataDir, 'polnear-train.jsonl');
  if (!existsSync(trainFile)) {
    console.error(`train:quotes: ${trainFile} is missing (expected ../shared/data/quotes-polnear).`);
    process.exit(1);
  }
  const epochsCue = arg('--epochs-cue', 10);
  const epochsSpan = arg('--epochs-span', 15);
  // the span table is smaller: at 2^18 rows it scores the same and decodes faster (fewer cache misses)
  const bitsCue = arg('--bits-cue', arg('--bits', 20));
  const bitsSpan = arg('--bits-span', arg('--bits', 18));
  // margins of cost-augmented decoding while training (0: the plain perceptron)
  const marginCue = argFloat('--margin-cue', 1);
  const marginSpan = argFloat('--margin-span', 0);
  const useLex = !process.argv.includes('--no-lex');
  const docs = readPolnear(trainFile);
  console.log(`train:quotes: ${docs.length} articles`);
  const cueEx: Example[] = [];
  const spanEx: Example[] = [];
  const cueCounts = new Map<string, number>();
  const cueForms = new Set<number>();
  const cueSeqs: { d: DocTokens; s: number; e: number; gold: Int32Array }[] = [];
  const docCue = new Map<DocTokens, Int32Array>();
  const spanPending: {
    d: DocTokens;
    from: number;
    to: number;
    cs: number;
    ce: number;
    prefix: Int32Array;
    gold: Int32Array;
    fold: number;
  }[] = [];
  for (const [docIndex, doc] of docs.entries()) {
    const { tokens: d } = prepare(doc);
    const cueLab = new Int32Array(d.n);
    const cueList: number[] = [];
    const withCue: { q: PolnearQuote; cs: number; ce: number }[] = [];
    for (const q of doc.quotes) {
      if (q.cue_start == null || q.cue_end == null) continue;
      const r = tokRange(d, q.cue_start, q.cue_end);
      if (!r) continue;
      cueLab[r[0]] = 1;
      for (let i = r[0] + 1; i < r[1]; i++) cueLab[i] = 2;
      for (let i = r[0]; i < r[1]; i++) cueForms.add(d.form[i]);
      cueList.push(r[0], r[1]);
      withCue.push({ q, cs: r[0], ce: r[1] });
      const c = doc.text.slice(q.cue_start, q.cue_end).toLowerCase().trim();
      cueCounts.set(c, (cueCounts.get(c) ?? 0) + 1);
    }
    docCue.set(d, cueLab);
    const np = d.paraTok.length >> 1;
    for (let p = 0; p < np; p++) {
      const from = d.paraTok[2 * p];
      const to = d.paraTok[2 * p + 1];
      for (let s = from; s < to; ) {
        let e = Math.min(to, s + 400);
        if (e < to) {
          let k = e;
          while (k > s + 200 && !d.sentFirst[k]) k--;
          if (k > s + 200) e = k;
        }
        cueSeqs.push({ d, s, e, gold: cueLab.slice(s, e) });
        s = e;
      }
    }
    const prefix = cuePrefix(d.n, Int32Array.from(cueList));
    for (const { q, cs, ce } of withCue) {
      const [from, to] = cueWindow(d, cs, ce);
      const n = to - from;
      const gold = new Int32Array(n);
      const pieces: Span[] = q.fragments?.length
        ? q.fragments.map(([s, e]) => ({ start: s, end: e }))
        : [{ start: q.start, end: q.end }];
      for (const pc of pieces) {
        const r = tokRange(d, pc.start, pc.end);
        if (!r) continue;
        for (let i = Math.max(r[0], from); i < Math.min(r[1], to); i++) gold[i - from] = i === r[0] ? 3 : 4;
      }
      if (q.speaker_start != null && q.speaker_end != null) {
        const r = tokRange(d, q.speaker_start, q.speaker_end);
        if (r)
          for (let i = Math.max(r[0], from); i < Math.min(r[1], to); i++)
            gold[i - from] = i === Math.max(r[0], from) ? 1 : 2;
      }
      for (let i = Math.max(cs, from); i < Math.min(ce, to); i++) gold[i - from] = 0;
      // repair I- labels left without a B- (window edges, overwritten tokens)
      for (let i = 0; i < n; i++) {
        const y = gold[i];
        if ((y === 2 || y === 4) && (i === 0 || (gold[i - 1] !== y && gold[i - 1] !== y - 1)))
          gold[i] = y - 1;
      }
      spanPending.push({ d, from, to, cs, ce, prefix, gold, fold: docIndex % END_FOLDS });
    }
  }
  // cue-lexicon statistics: how often each form / stem is (part of) a gold cue
  const stats = { form: new Map<number, [number, number]>(), stem: new Map<number, [number, number]>() };
  const count = (m: Map<number, [number, number]>, h: number, cue: number, k: number) => {
    const v = m.get(h);
    if (v) {
      v[0] += cue * k;
      v[1] += k;
    } else m.set(h, [cue * k, k]);
  };
  for (const [d, lab] of docCue)
    for (let i = 0; i < d.n; i++) {
      const c = lab[i] ? 1 : 0;
      count(stats.form, d.form[i], c, 1);
      count(stats.stem, d.stem[i], c, 1);
    }
  // training features see the statistics without their own article (leave-one-article-out),
  // so a form seen once, in one cue, does not look like a certain cue
  const lexArrays = (d: DocTokens): CueLexArrays => {
    const lab = docCue.get(d) as Int32Array;
    const own = { form: new Map<number, [number, number]>(), stem: new Map<number, [number, number]>() };
    for (let i = 0; i < d.n; i++) {
      const c = lab[i] ? 1 : 0;
      count(own.form, d.form[i], c, 1);
      count(own.stem, d.stem[i], c, 1);
    }
    const bucket = (m: Map<number, [number, number]>, o: Map<number, [number, number]>, h: number) => {
      const g = m.get(h) as [number, number];
      const x = o.get(h) as [number, number];
      return lexBucket(g[0] - x[0], g[1] - x[1]);
    };
    const lf = new Uint8Array(d.n);
    const ls = new Uint8Array(d.n);
    const sentQ = new Uint8Array(d.n ? d.sent[d.n - 1] + 1 : 0);
    for (let i = 0; i < d.n; i++) {
      lf[i] = bucket(stats.form, own.form, d.form[i]);
      ls[i] = bucket(stats.stem, own.stem, d.stem[i]);
      const sh = d.shape[i];
      if (sh === Shape.OpenQuote || sh === Shape.CloseQuote || d.inQuote[i]) sentQ[d.sent[i]] = 1;
    }
    return { lf, ls, sentQ, ctx: sentenceContext(d), strong: strongPrefix(lf), sentTok: sentenceTokens(d) };
  };
  // cue sequences: tokens that cannot be cue tokens (see cueCandidates) are masked, as at run time
  let lastDoc: DocTokens | null = null;
  let mask: Uint8Array = new Uint8Array(0);
  let lx: CueLexArrays | null = null;
  for (const { d, s, e, gold } of cueSeqs) {
    if (d !== lastDoc) {
      mask = cueCandidates(d, cueForms);
      lx = useLex ? lexArrays(d) : null;
      lastDoc = d;
    }
    const n = e - s;
    const feats = new Int32Array(n * CUE_F);
    cueFeatures(d, s, e, feats, mask, lx);
    cueEx.push({ feats, gold, n, mask: mask.slice(s, e) });
  }
  cueSeqs.length = 0;
  // span examples (with the lexicon features unless --no-span-lex)
  const spanLex = useLex && !process.argv.includes('--no-span-lex');
  for (const { d, from, to, cs, ce, prefix, gold, fold } of spanPending) {
    if (d !== lastDoc) {
      lx = spanLex ? lexArrays(d) : null;
      lastDoc = d;
    }
    const n = to - from;
    const feats = new Int32Array(n * SPAN_F);
    spanFeatures(d, from, to, cs, ce, prefix, feats, lx);
    spanEx.push({ feats, gold, n, at: { d, from, cs, ce, fold } });
  }
  spanPending.length = 0;
  console.log(`  cue sequences ${cueEx.length}, span examples ${spanEx.length}, cue forms ${cueForms.size}`);
  const rand = rng(20231018);
  const trainOne = (
    labels: string[],
    ex: Example[],
    F: number,
    epochs: number,
    name: string,
    bits: number,
    margin: number,
  ) => {
    const tr = new PerceptronTrainer(labels, bits);
    for (let ep = 0; ep < epochs; ep++) {
      shuffle(ex, rand);
      let err = 0;
      let tot = 0;
      for (const e of ex) {
        err += tr.train(e.feats, e.n, F, e.gold, e.mask ?? null, margin);
        tot += e.n;
      }
      console.log(`  ${name} epoch ${ep + 1}/${epochs}: token error ${((100 * err) / tot).toFixed(2)}%`);
    }
    return tr.averaged();
  };
  const cue = trainOne(CUE_LABELS, cueEx, CUE_F, epochsCue, 'cue', bitsCue, marginCue);
  // --cue-only: leave the span model as it is (for experiments on the cue tagger)
  const cueOnly = process.argv.includes('--cue-only');
  const span = cueOnly
    ? null
    : trainOne(SPAN_LABELS, spanEx, SPAN_F, epochsSpan, 'span', bitsSpan, marginSpan);
  // content ends re-ranked over the span tagger's own output on the training cues
  const epochsEnd = arg('--epochs-end', 10);
  const bitsEnd = arg('--bits-end', 16);
  const endFolds = !process.argv.includes('--no-end-folds');
  let ends: LinearModelData | null = null;
  if (span && epochsEnd > 0) {
    // the span tagger's errors on its own training data are rarer than on new text, so the
    // examples come from span taggers trained without the article's fold (jackknife)
    const ex: EndExample[] = [];
    if (endFolds) {
      for (let k = 0; k < END_FOLDS; k++) {
        const rest = spanEx.filter((e) => e.at?.fold !== k);
        const m = trainOne(
          SPAN_LABELS,
          rest,
          SPAN_F,
          epochsSpan,
          `span (fold ${k + 1})`,
          bitsSpan,
          marginSpan,
        );
        ex.push(...endExamples(m, spanEx, k));
      }
    } else ex.push(...endExamples(span, spanEx, -1));
    console.log(`  end examples ${ex.length}`);
    ends = trainRanker(ex, END_F, bitsEnd, epochsEnd, rand, 'end');
  }
  const outIdx = process.argv.indexOf('--out-dir');
  const modelsDir = outIdx >= 0 ? resolve(process.argv[outIdx + 1]) : join(root, 'models');
  mkdirSync(modelsDir, { recursive: true });
  const meta = {
    trainedOn: 'quotes-polnear/polnear-train.jsonl',
    seed: 20231018,
    epochsCue,
    epochsSpan,
    marginCue,
    marginSpan,
  };
  for (const [name, m] of [
    ['quotes-cue.json.gz', cue],
    ['quotes-span.json.gz', span],
  ] as const) {
    if (!m) continue;
    const lex = name === 'quotes-span.json.gz' ? spanLex : useLex;
    const json = JSON.stringify({ version: 1, ...meta, lex, model: encodeModel(m) });
    const gz = gzipSync(Buffer.from(json), { level: 9 });
    writeFileSync(join(modelsDir, name), gz);
    console.log(`  wrote models/${name} (${(gz.length / 1e6).toFixed(1)} MB)`);
  }
  if (ends) {
    const json = JSON.stringify({
      version: 1,
      ...meta,
      epochsEnd,
      model: encodeModel(ends),
    });
    writeFileSync(join(modelsDir, 'quotes-end.json.gz'), gzipSync(Buffer.from(json), { level: 9 }));
    console.log('  wrote models/quotes-end.json.gz');
  }
  // reporting cues seen at least 4 times, single words and short phrases
  const lexicon = [...cueCounts.entries()]
    .filter(([c, n]) => n >= 4 && /^[a-z][a-z' -]*[a-z]$/.test(c) && c.split(' ').length <= 3)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([c]) => c);
  // cue statistics for forms / stems seen at least twice or inside a cue (flat [hash, bucket] pairs)
  const flat = (m: Map<number, [number, number]>) => {
    const out: number[] = [];
    for (const h of [...m.keys()].sort((a, b) => a - b)) {
      const [c, t] = m.get(h) as [number, number];
      if (c > 0 || t >= 2) out.push(h, lexBucket(c, t));
    }
    return out;
  };
  const cueStats = useLex ? { form: flat(stats.form), stem: flat(stats.stem) } : undefined;
  writeFileSync(
    join(modelsDir, 'quotes-lexicon.json'),
    `${JSON.stringify({ version: 1, source: meta.trainedOn, cues: lexicon, cueForms: [...cueForms].sort((a, b) => a - b), cueStats }, null, 0)}\n`,
  );
  console.log(`  wrote models/quotes-lexicon.json (${lexicon.length} cues)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
