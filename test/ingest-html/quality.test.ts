import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IngestError, ingestBytes } from '../../src/ingest/index.ts';

/**
 * Quality floors on small fixed samples of the dev sets, scored with the
 * shared scorer. Floors sit just under what was measured when they were set;
 * the full figures come from `npm run eval:extraction`.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = resolve(root, '..', 'shared', 'data', 'article-extraction');
const scorerPath = resolve(root, '..', 'shared', 'scorers', 'score-extraction.mjs');
const present = existsSync(dir) && existsSync(scorerPath);
if (!present) console.log('skipped: ../shared/data/article-extraction or its scorer is not present');

type Gt = Record<string, Record<string, unknown>>;
const load = (p: string): Gt => JSON.parse(readFileSync(join(dir, p), 'utf8'));

function predict(path: string, url: string | null) {
  try {
    const [a] = ingestBytes(gunzipSync(readFileSync(path)), { url, contentType: 'text/html' });
    return {
      articleBody: a.text,
      title: a.meta.title,
      author: a.meta.authors.join('; '),
      date: a.meta.published,
    };
  } catch (e) {
    if (e instanceof IngestError) return { articleBody: '' };
    throw e;
  }
}

/** Every k-th key in sorted order: a fixed sample spread over the set. */
function sample(gt: Gt, n: number): Gt {
  const keys = Object.keys(gt).sort();
  const step = Math.max(1, Math.floor(keys.length / n));
  const out: Gt = {};
  for (let i = 0; i < keys.length && Object.keys(out).length < n; i += step) out[keys[i]] = gt[keys[i]];
  return out;
}

describe.skipIf(!present)('extraction quality on fixed samples of the dev sets', () => {
  const scorer = present ? import(pathToFileURL(scorerPath).href) : Promise.resolve(null);

  it('zyte-aeb: body F1 on 30 pages', async () => {
    const gt = sample(load('zyte-aeb/ground-truth.json'), 30);
    const pred: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(gt))
      pred[k] = predict(join(dir, 'zyte-aeb', 'html', `${k}.html.gz`), String(v.url));
    const r = (await scorer).scoreBody(gt, pred, { bootstrap: 0 });
    console.log(
      `zyte-aeb sample: F1 ${r.f1.toFixed(3)} P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)}`,
    );
    expect(r.f1).toBeGreaterThan(FLOORS.zyteF1);
  });

  it('trafilatura-eval: snippets and metadata on 60 pages', async () => {
    const gt = sample(load('trafilatura-eval/evaldata.json'), 60);
    const pred: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(gt)) {
      pred[k] = predict(join(dir, 'trafilatura-eval', 'html', String(v.file)), /^https?:/.test(k) ? k : null);
    }
    const s = (await scorer).scoreSegments(gt, pred);
    const m = (await scorer).scoreMeta(gt, pred, ['title', 'date']);
    console.log(
      `trafilatura-eval sample: snippets F1 ${s.f1.toFixed(3)}, title ${m.title.accuracy.toFixed(3)}, date ${m.date.accuracy.toFixed(3)}`,
    );
    expect(s.f1).toBeGreaterThan(FLOORS.snippetsF1);
    expect(m.title.accuracy).toBeGreaterThan(FLOORS.title);
    expect(m.date.accuracy).toBeGreaterThan(FLOORS.trafDate);
  });

  it('htmldate-mediacloud: date accuracy on 50 pages', async () => {
    const gt = sample(load('htmldate-mediacloud/dates.json'), 50);
    const pred: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(gt))
      pred[k] = predict(join(dir, 'htmldate-mediacloud', 'html', String(v.file)), k);
    const r = (await scorer).scoreMeta(gt, pred, ['date']).date;
    console.log(`htmldate sample: date accuracy ${r.accuracy.toFixed(3)}`);
    expect(r.accuracy).toBeGreaterThan(FLOORS.date);
  });
});

// Measured at the time of writing: zyte 0.970, snippets 0.930, title 0.849, date 0.864, htmldate 0.940.
const FLOORS = { zyteF1: 0.955, snippetsF1: 0.91, title: 0.82, trafDate: 0.83, date: 0.9 };
