/**
 * Builds `models/clusters.bin.gz`: hierarchical word clusters for the NER tagger,
 * computed from ../shared/data/corpus-news (plus the CoNLL-2003 *train* tokens).
 *
 *   npx tsx scripts/build/entities-clusters.ts
 *   npx tsx scripts/build/entities-clusters.ts --branch 16 --depth 3 --seed 7 --out clusters-b.bin.gz
 *
 * Method (deterministic, seed 20231018):
 *  1. Tokenise the corpus with src/text/tokenize.ts; vocabulary = word forms seen ≥ 3 times (≤ 120k).
 *  2. Each word gets a sparse context vector: positive PMI (context-distribution smoothing
 *     0.75) with the neighbours at −2, −1, +1, +2 that are among the 6,000 most frequent
 *     forms (24,000 dimensions), L2-normalised.
 *  3. Spherical k-means (sparse rows, dense centroids, k-means++ seeds), 8-way, applied recursively 4 levels deep → 4,096 leaves. A word's
 *     cluster path is 12 bits (3 per level), so prefixes of 3/6/9/12 bits act like Brown
 *     cluster prefixes.
 *  4. Output: little-endian uint32 pairs (FNV-1a hash of the word form, value): value bits
 *     0-11 are the path, bits 12-13 the form's case profile away from sentence starts
 *     (0 unseen, 1 mostly lower-case, 2 mixed, 3 mostly capitalised). Upper-case and
 *     lower-case variants of each form are added when not present themselves, so headline
 *     capitals find the cluster of their ordinary spelling. No word strings are stored.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { hashString } from '../../src/entities/hash.ts';
import { tokenize } from '../../src/text/tokenize.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = resolve(root, '..', 'shared', 'data');
const argv = process.argv.slice(2);
const arg = (name: string, d: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : d;
};
/** Branching and depth (bits per level × depth must be 12); `--branch 16 --depth 3` builds the second clustering. */
const BRANCH = Number(arg('--branch', '8'));
const DEPTH = Number(arg('--depth', '4'));
const BITS = Math.log2(BRANCH);
const OUT = arg('--out', 'clusters.bin.gz');
const MIN_COUNT = 3;
const MAX_VOCAB = 120_000;
const N_CONTEXT = 6000;

let seed = Number(arg('--seed', '20231018'));
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function loadSentences(): string[][] {
  const out: string[][] = [];
  const news = join(data, 'corpus-news', 'news-en.jsonl.gz');
  if (!existsSync(news)) throw new Error('../shared/data/corpus-news is missing');
  for (const line of gunzipSync(readFileSync(news)).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const { text, title } = JSON.parse(line) as { text: string; title: string | null };
    for (const t of [title ?? '', text]) {
      const toks = tokenize(t);
      const words: string[] = [];
      for (let i = 0; i < toks.length; i++) words.push(t.slice(toks.starts[i], toks.ends[i]));
      out.push(words);
    }
  }
  const conll = join(data, 'conll2003', 'train.jsonl');
  if (existsSync(conll)) {
    for (const line of readFileSync(conll, 'utf8').split('\n')) {
      if (line.trim()) out.push((JSON.parse(line) as { tokens: string[] }).tokens);
    }
  }
  return out;
}

function main(): void {
  const t0 = Date.now();
  const sents = loadSentences();
  const counts = new Map<string, number>();
  let total = 0;
  for (const s of sents)
    for (const w of s) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
      total++;
    }
  const byFreq = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const vocab = byFreq.filter(([, c]) => c >= MIN_COUNT).slice(0, MAX_VOCAB);
  const vid = new Map<string, number>(vocab.map(([w], i) => [w, i]));
  const ctxN = Math.min(N_CONTEXT, vocab.length);
  console.log(`${sents.length} sentences, ${total} tokens, vocab ${vocab.length}, contexts ${ctxN}`);
  // random vectors per (position, context word)
  const V = vocab.length;
  const C4 = 4 * ctxN;
  const pair = new Map<number, number>();
  const ctxTotal = new Float64Array(C4);
  const wTotal = new Float64Array(V);
  let nPairs = 0;
  const ids = new Int32Array(4096);
  for (const s of sents) {
    const n = s.length;
    const idArr = n <= ids.length ? ids : new Int32Array(n);
    for (let i = 0; i < n; i++) idArr[i] = vid.get(s[i]) ?? -1;
    for (let i = 0; i < n; i++) {
      const w = idArr[i];
      if (w < 0) continue;
      for (let p = 0; p < 4; p++) {
        const j = i + (p < 2 ? p - 2 : p - 1);
        if (j < 0 || j >= n) continue;
        const c = idArr[j];
        if (c < 0 || c >= ctxN) continue;
        const key = w * C4 + p * ctxN + c;
        pair.set(key, (pair.get(key) ?? 0) + 1);
        ctxTotal[p * ctxN + c]++;
        wTotal[w]++;
        nPairs++;
      }
    }
  }
  // PPMI with context-distribution smoothing (alpha 0.75), as L2-normalised sparse rows (CSR)
  let ctxSmooth = 0;
  for (let c = 0; c < C4; c++) ctxSmooth += ctxTotal[c] ** 0.75;
  const keys = Float64Array.from(pair.keys()).sort();
  const rowStart = new Int32Array(V + 1);
  const colIdx = new Int32Array(keys.length);
  const val = new Float32Array(keys.length);
  let nnz = 0;
  for (let k = 0, w = 0; k < keys.length; k++) {
    const key = keys[k];
    const ww = Math.floor(key / C4);
    while (w < ww) rowStart[++w] = nnz;
    const c = key - ww * C4;
    const pmi = Math.log(((pair.get(key) ?? 0) * ctxSmooth) / (wTotal[ww] * ctxTotal[c] ** 0.75));
    if (pmi <= 0) continue;
    colIdx[nnz] = c;
    val[nnz++] = pmi;
  }
  for (let w = Math.floor(keys[keys.length - 1] / C4); w < V; ) rowStart[++w] = nnz;
  for (let w = 0; w < V; w++) {
    let s = 0;
    for (let j = rowStart[w]; j < rowStart[w + 1]; j++) s += val[j] * val[j];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = rowStart[w]; j < rowStart[w + 1]; j++) val[j] *= inv;
  }
  console.log(`${nnz} positive PPMI entries from ${nPairs} context pairs`);
  const D = C4;
  const dot = (w: number, cent: Float32Array, cb: number): number => {
    let s = 0;
    for (let j = rowStart[w]; j < rowStart[w + 1]; j++) s += val[j] * cent[cb + colIdx[j]];
    return s;
  };
  const addTo = (w: number, cent: Float32Array, cb: number): void => {
    for (let j = rowStart[w]; j < rowStart[w + 1]; j++) cent[cb + colIdx[j]] += val[j];
  };
  console.log(`vectors in ${((Date.now() - t0) / 1000).toFixed(1)}s`);

  const path = new Uint16Array(V);
  const split = (members: Int32Array, level: number, prefix: number): void => {
    if (level === DEPTH) return;
    const k = BRANCH;
    const m = members.length;
    const assign = new Uint8Array(m);
    if (m <= k) {
      for (let i = 0; i < m; i++) {
        path[members[i]] = ((prefix << BITS) | i) << (BITS * (DEPTH - level - 1));
      }
      return;
    }
    // init: k-means++ over (at most) the 4,000 most frequent members, seeded PRNG
    const cent = new Float32Array(k * D);
    const poolN = Math.min(m, 4000);
    const dist = new Float64Array(poolN).fill(2);
    let pick = members[Math.floor(rand() * poolN)];
    for (let c = 0; c < k; c++) {
      addTo(pick, cent, c * D);
      let total = 0;
      for (let i = 0; i < poolN; i++) {
        const d = 1 - dot(members[i], cent, c * D);
        if (d < dist[i]) dist[i] = Math.max(0, d);
        total += dist[i] * dist[i];
      }
      let r = rand() * total;
      let j = 0;
      for (; j < poolN - 1; j++) {
        r -= dist[j] * dist[j];
        if (r <= 0) break;
      }
      pick = members[j];
    }
    for (let it = 0; it < 10; it++) {
      for (let i = 0; i < m; i++) {
        let best = 0;
        let bestS = -Infinity;
        for (let c = 0; c < k; c++) {
          const s = dot(members[i], cent, c * D);
          if (s > bestS) {
            bestS = s;
            best = c;
          }
        }
        assign[i] = best;
      }
      cent.fill(0);
      const sizes = new Int32Array(k);
      for (let i = 0; i < m; i++) {
        sizes[assign[i]]++;
        addTo(members[i], cent, assign[i] * D);
      }
      for (let c = 0; c < k; c++) {
        if (sizes[c] === 0) {
          addTo(members[Math.floor(rand() * m)], cent, c * D);
          continue;
        }
        let s = 0;
        for (let d = 0; d < D; d++) s += cent[c * D + d] ** 2;
        const inv = 1 / Math.sqrt(s || 1);
        for (let d = 0; d < D; d++) cent[c * D + d] *= inv;
      }
    }
    for (let c = 0; c < k; c++) {
      const sub: number[] = [];
      for (let i = 0; i < m; i++) if (assign[i] === c) sub.push(members[i]);
      const code = (prefix << BITS) | c;
      for (const w of sub) path[w] = code << (BITS * (DEPTH - level - 1));
      split(Int32Array.from(sub), level + 1, code);
    }
  };
  const all = new Int32Array(V);
  for (let i = 0; i < V; i++) all[i] = i;
  split(all, 0, 0);
  console.log(`clusters in ${((Date.now() - t0) / 1000).toFixed(1)}s`);

  // case profile of each lower-cased form, away from sentence starts: 1 mostly lower-case,
  // 2 mixed, 3 mostly capitalised (a strong cue for names in all-caps headlines)
  const capN = new Map<string, number>();
  const lowN = new Map<string, number>();
  for (const s of sents) {
    for (let i = 1; i < s.length; i++) {
      const prev = s[i - 1];
      if (/^[.!?:"“”'‘’(\-–—]+$/.test(prev)) continue;
      const w = s[i];
      const c0 = w.charCodeAt(0);
      const l = w.toLowerCase();
      if (c0 >= 65 && c0 <= 90) {
        if (w.length > 1 && w === w.toUpperCase()) continue; // all-caps says nothing
        capN.set(l, (capN.get(l) ?? 0) + 1);
      } else if (c0 >= 97 && c0 <= 122) lowN.set(l, (lowN.get(l) ?? 0) + 1);
    }
  }
  const caseBucket = (form: string): number => {
    const l = form.toLowerCase();
    const c = capN.get(l) ?? 0;
    const lo = lowN.get(l) ?? 0;
    if (c + lo < 2) return 0;
    const r = c / (c + lo);
    return r < 0.1 ? 1 : r > 0.9 ? 3 : 2;
  };
  const table = new Map<number, number>();
  for (let w = 0; w < V; w++) table.set(hashString(vocab[w][0]), path[w] | (caseBucket(vocab[w][0]) << 12));
  for (let w = 0; w < V; w++) {
    for (const variant of [vocab[w][0].toLowerCase(), vocab[w][0].toUpperCase()]) {
      const h = hashString(variant);
      if (!table.has(h)) table.set(h, path[w] | (caseBucket(variant) << 12));
    }
  }
  const buf = new Uint32Array(table.size * 2);
  let i = 0;
  for (const [h, p] of table) {
    buf[i++] = h;
    buf[i++] = p;
  }
  const out = join(root, 'models', OUT);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, gzipSync(Buffer.from(buf.buffer), { level: 9 }));
  console.log(`wrote ${out} (${table.size} forms) in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

main();
