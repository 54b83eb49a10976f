/**
 * `npm run train:ner`: trains the NER perceptron on ../shared/data/conll2003/train.jsonl
 * and writes `models/ner.bin.gz`.
 *
 *   npm run train:ner                     # defaults: 2^19 buckets, 8 epochs, seed 20231018, 6 seeds averaged
 *   npm run train:ner -- --epochs 10 --bits 20 --seeds 1
 *   npm run train:ner -- --pass2          # also the document-level second pass (5-fold jackknife)
 *   npm run train:ner -- --out ner-try.bin.gz --out2 ner-try2.bin.gz   # experiments beside the shipped model
 *
 * `--seeds N` trains N averaged perceptrons on differently shuffled epochs (seed, seed+1000, …)
 * and sums their weights: one weight table, so tagging costs the same as a single model.
 *
 * Prerequisites (built from ../shared/data, deterministic):
 *   npx tsx scripts/build/entities-lexicon.ts    → models/gazetteer.json.gz
 *   npx tsx scripts/build/entities-clusters.ts   → models/clusters.bin.gz
 *   npx tsx scripts/build/entities-clusters.ts --branch 16 --depth 3 --seed 7 --out clusters-b.bin.gz
 *   npx tsx scripts/build/entities-clusters.ts --branch 4 --depth 6 --seed 11 --out clusters-c.bin.gz
 *
 * Training: greedy BILOU averaged perceptron, documents shuffled each epoch with a
 * fixed-seed PRNG, the model's own predictions fed to the history features. Each update
 * compares the gold label with the best of all labels, also those BILOU rules out after the
 * previous prediction (`--constrained`: only the allowed ones, the earlier recipe); decoding
 * stays constrained. The dev set
 * (valid.jsonl) is only scored after each epoch for monitoring; it is never trained on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadTaggerResources } from '../../src/entities/index.ts';
import {
  bilouSpans,
  bioToBilou,
  type DocFeatures,
  decode,
  N_LABELS,
  NER_TYPES,
  packWeights,
  prepare,
  summarise,
  type TaggerResources,
  type TokenSeq,
} from '../../src/entities/ner.ts';
import { nodeModels } from '../../src/node/models.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const conll = resolve(root, '..', 'shared', 'data', 'conll2003');

export interface ConllDoc {
  id: string;
  seq: TokenSeq;
  gold: Uint8Array;
  /** Sentence ids and their first token index. */
  sentences: { id: string; start: number; end: number }[];
}

/** Reads a CoNLL jsonl split into documents (sentence ids are `<split>-<doc>-<sent>`). */
export function readConll(file: string): ConllDoc[] {
  const docs = new Map<string, { sents: { id: string; tokens: string[]; tags: string[] }[] }>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string; tokens: string[]; tags: string[] };
    const docId = r.id.split('-').slice(0, 2).join('-');
    let d = docs.get(docId);
    if (!d) {
      d = { sents: [] };
      docs.set(docId, d);
    }
    d.sents.push(r);
  }
  const out: ConllDoc[] = [];
  for (const [id, d] of docs) {
    const n = d.sents.reduce((a, s) => a + s.tokens.length, 0);
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const sentStart = new Uint8Array(n);
    const gold = new Uint8Array(n);
    const parts: string[] = [];
    const sentences: ConllDoc['sentences'] = [];
    let pos = 0;
    let k = 0;
    for (const s of d.sents) {
      sentences.push({ id: s.id, start: k, end: k + s.tokens.length });
      const g = bioToBilou(s.tags);
      for (let i = 0; i < s.tokens.length; i++) {
        if (i === 0) sentStart[k] = 1;
        starts[k] = pos;
        ends[k] = pos + s.tokens[i].length;
        gold[k] = g[i];
        parts.push(s.tokens[i]);
        pos += s.tokens[i].length + 1;
        k++;
      }
    }
    out.push({ id, seq: { text: parts.join(' '), starts, ends, length: n, sentStart }, gold, sentences });
  }
  return out;
}

/** Entity-level micro F1 over PER/ORG/LOC (MISC gold spans neither rewarded nor penalised). */
export function quickF1(docs: ConllDoc[], preds: Uint8Array[]): { p: number; r: number; f: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const MISC = NER_TYPES.indexOf('MISC');
  docs.forEach((d, i) => {
    const g = bilouSpans(d.gold);
    const p = bilouSpans(preds[i]);
    const gold = new Set(g.filter((s) => s.type !== MISC).map((s) => `${s.start}:${s.end}:${s.type}`));
    const drop = new Set(g.filter((s) => s.type === MISC).map((s) => `${s.start}:${s.end}`));
    for (const s of p) {
      if (s.type === MISC || drop.has(`${s.start}:${s.end}`)) continue;
      if (gold.has(`${s.start}:${s.end}:${s.type}`)) tp++;
      else fp++;
    }
    fn += gold.size;
  });
  fn -= tp;
  const p = tp / Math.max(1, tp + fp);
  const r = tp / Math.max(1, tp + fn);
  return { p: 100 * p, r: 100 * r, f: (200 * p * r) / Math.max(1e-9, p + r) };
}

export function loadResources(): TaggerResources {
  return loadTaggerResources(nodeModels);
}

interface TrainOptions {
  epochs: number;
  bits: number;
  forcing: boolean;
  /** Perceptron updates over all labels, not only those BILOU allows after the previous one. */
  free: boolean;
  seed: number;
  /** Called after even epochs with the averaged weights (for dev monitoring). */
  monitor?: (epoch: number, w: Float32Array) => void;
}

/** Trains one averaged perceptron over `docs` (with optional second-pass summaries). */
function trainModel(
  docs: ConllDoc[],
  prepared: DocFeatures[],
  auxs: (Int32Array | null)[] | null,
  res: TaggerResources,
  o: TrainOptions,
): Float32Array {
  const size = (1 << o.bits) * N_LABELS;
  const w = new Float32Array(size);
  const u = new Float64Array(size);
  let c = 1;
  const update = (feats: Uint32Array, nf: number, good: number, bad: number) => {
    for (let j = 0; j < nf; j++) {
      const b = feats[j] * N_LABELS;
      w[b + good] += 1;
      u[b + good] += c;
      if (bad >= 0) {
        w[b + bad] -= 1;
        u[b + bad] -= c;
      }
    }
  };
  const averaged = () => {
    const a = new Float32Array(size);
    for (let i = 0; i < size; i++) a[i] = w[i] - u[i] / c;
    return a;
  };
  let seed = o.seed;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = docs.map((_, i) => i);
  for (let ep = 1; ep <= o.epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const di of order) {
      const d = docs[di];
      decode(
        d.seq,
        res,
        { bits: o.bits, w },
        { gold: d.gold, update, forcing: o.forcing, free: o.free },
        auxs ? auxs[di] : null,
        prepared[di],
      );
      c += d.seq.length;
    }
    if (o.monitor && (ep % 2 === 0 || ep === o.epochs)) o.monitor(ep, averaged());
  }
  return averaged();
}

function writeModel(name: string, w: Float32Array, bits: number): void {
  const gz = gzipSync(packWeights(w, bits), { level: 9 });
  writeFileSync(join(root, 'models', name), gz);
  console.log(`wrote models/${name} (${(gz.length / 1e6).toFixed(1)} MB)`);
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string, d: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : d;
  };
  const epochs = opt('--epochs', 8);
  const seedArg = opt('--seed', 20231018);
  const seeds = opt('--seeds', 6);
  const bits = opt('--bits', 19);
  const folds = opt('--folds', 5);
  const pass2 = args.includes('--pass2');
  const forcing = args.includes('--forcing');
  if (!existsSync(join(conll, 'train.jsonl'))) {
    console.error('train:ner: ../shared/data/conll2003/train.jsonl is missing');
    process.exit(1);
  }
  const t0 = Date.now();
  const secs = () => `${((Date.now() - t0) / 1000).toFixed(0)}s`;
  const train = readConll(join(conll, 'train.jsonl'));
  const dev = existsSync(join(conll, 'valid.jsonl')) ? readConll(join(conll, 'valid.jsonl')) : [];
  const res = loadResources();
  const prepTrain = train.map((d) => prepare(d.seq, res));
  const prepDev = dev.map((d) => prepare(d.seq, res));
  console.log(
    `train ${train.length} docs, dev ${dev.length} docs; bits ${bits}, epochs ${epochs}, folds ${folds}`,
  );
  const base = { epochs, bits, forcing, free: !args.includes('--constrained'), seed: seedArg };
  const devScore = (label: string, w: Float32Array, auxs: Int32Array[] | null) => {
    const preds = dev.map((d, i) =>
      decode(d.seq, res, { bits, w }, undefined, auxs ? auxs[i] : null, prepDev[i]),
    );
    const s = quickF1(dev, preds);
    console.log(`${label}: dev P ${s.p.toFixed(2)} R ${s.r.toFixed(2)} F1 ${s.f.toFixed(2)}  (${secs()})`);
    return preds;
  };
  // pass 1 on all of train
  const w1 = trainModel(train, prepTrain, null, res, {
    ...base,
    monitor: dev.length ? (ep, w) => devScore(`pass 1 epoch ${ep}`, w, null) : undefined,
  });
  // weight averaging over extra shuffling seeds: the same tagging cost as one model
  for (let r = 1; r < seeds; r++) {
    const wr = trainModel(train, prepTrain, null, res, { ...base, seed: base.seed + 1000 * r });
    for (let i = 0; i < w1.length; i++) w1[i] += wr[i];
    if (dev.length) devScore(`pass 1, ${r + 1} seeds averaged`, w1, null);
  }
  const outName = args.includes('--out') ? args[args.indexOf('--out') + 1] : 'ner.bin.gz';
  writeModel(outName, w1, bits);
  if (!pass2) {
    console.log(`done in ${secs()} (first pass only; --pass2 adds the document-level second pass)`);
    return;
  }
  // jackknifed first-pass labels for the training documents
  const auxTrain: Int32Array[] = new Array(train.length);
  for (let k = 0; k < folds; k++) {
    const inFold = (i: number) => i % folds === k;
    const idx = train.map((_, i) => i).filter((i) => !inFold(i));
    const wk = trainModel(
      idx.map((i) => train[i]),
      idx.map((i) => prepTrain[i]),
      null,
      res,
      { ...base, seed: base.seed + k + 1 },
    );
    train.forEach((d, i) => {
      if (inFold(i))
        auxTrain[i] = summarise(d.seq, decode(d.seq, res, { bits, w: wk }, undefined, null, prepTrain[i]));
    });
    console.log(`fold ${k + 1}/${folds} (${secs()})`);
  }
  const auxDev = dev.map((d, i) =>
    summarise(d.seq, decode(d.seq, res, { bits, w: w1 }, undefined, null, prepDev[i])),
  );
  const w2 = trainModel(train, prepTrain, auxTrain, res, {
    ...base,
    seed: base.seed + 100,
    monitor: dev.length ? (ep, w) => devScore(`pass 2 epoch ${ep}`, w, auxDev) : undefined,
  });
  writeModel(args.includes('--out2') ? args[args.indexOf('--out2') + 1] : 'ner-pass2.bin.gz', w2, bits);
  console.log(`done in ${secs()}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
