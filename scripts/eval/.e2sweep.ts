import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Document } from '../../src/document/types.ts';
import { createEntitiesStage } from '../../src/entities/index.ts';
import { nodeModels, MODELS_DIR } from '../../src/node/models.ts';
import { createDocument, runStages, type Stage } from '../../src/pipeline.ts';
import { extractQuotes } from '../../src/quotes/extract.ts';
import { loadTagger, loadLexicon } from '../../src/quotes/model.ts';
import { verbSet } from '../../src/quotes/rules.ts';
import type { ModelLoader } from '../../src/models.ts';
import { QuoteTagger } from '../../src/quotes/tagger.ts';

const dir = process.argv[2] ? resolve(process.argv[2]) : MODELS_DIR;
const loader: ModelLoader = {
  json<T>(name: string): T {
    const p = existsSync(join(dir, name)) ? join(dir, name) : join(MODELS_DIR, name);
    const raw = readFileSync(p);
    return JSON.parse(new TextDecoder().decode(name.endsWith('.gz') ? gunzipSync(raw) : raw)) as T;
  },
  bytes: (n) => nodeModels.bytes(n),
  has: (n) => existsSync(join(dir, n)) || existsSync(join(MODELS_DIR, n)),
};
const gold = resolve(MODELS_DIR, '..', '..', 'shared', 'data', 'quotes-polnear', 'polnear-dev.jsonl');
const scorer = resolve(MODELS_DIR, '..', '..', 'shared', 'scorers', 'score-quotes.mjs');
const cacheF = '/tmp/e2/devdocs.json';
let docs: { id: string; doc: Document }[];
if (existsSync(cacheF)) docs = JSON.parse(readFileSync(cacheF, 'utf8'));
else {
  const ent = createEntitiesStage(nodeModels) as Stage;
  docs = readFileSync(gold, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const g = JSON.parse(l);
    const d = createDocument({ text: g.text, meta: { title: null, authors: [], published: g.meta?.publication_date ?? null, outlet: null, language: 'en', url: null }, warnings: [] });
    return { id: g.id, doc: runStages(d, [ent]) };
  });
  writeFileSync(cacheF, JSON.stringify(docs));
}
const { tagger } = loadTagger(loader);
const verbs = verbSet(loadLexicon(loader));
const cbs = (process.env.CB ?? '').split(',').filter(Boolean).map(Number);
const sbs = (process.env.SB ?? '').split(',').filter(Boolean).map(Number);
const base = tagger as unknown as { cueDec: { bias: Float32Array | null }; spanDec: { bias: Float32Array | null } };
for (const cb of cbs.length ? cbs : [Number.NaN]) for (const sb of sbs.length ? sbs : [Number.NaN]) {
  if (!Number.isNaN(cb)) base.cueDec.bias = Float32Array.from([0, cb, cb * 0.5]);
  if (!Number.isNaN(sb)) base.spanDec.bias = Float32Array.from([0, sb, sb * 0.5, sb, sb * 0.5]);
  const t = process.cpuUsage();
  const lines = docs.map(({ id, doc }) => JSON.stringify({ id, quotes: extractQuotes(doc, tagger as QuoteTagger, verbs).quotes }));
  const u = process.cpuUsage(t);
  writeFileSync('/tmp/e2/pred.jsonl', `${lines.join('\n')}\n`);
  const s = JSON.parse(execFileSync(process.execPath, [scorer, gold, '/tmp/e2/pred.jsonl', '--json'], { encoding: 'utf8' }));
  const f = (x: { p: number; r: number; f1: number }) => `${x.f1.toFixed(1)}(${x.p.toFixed(1)}/${x.r.toFixed(1)})`;
  console.log(`cb=${cb} sb=${sb} content ${f(s.contentExact)} ov ${f(s.contentOverlap)} src ${f(s.source)} cue ${f(s.cue)} attr ${s.attribution.toFixed(1)} cpu ${((u.user + u.system) / 1e6).toFixed(2)}s`);
}
