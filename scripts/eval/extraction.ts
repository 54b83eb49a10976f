/**
 * `npm run eval:extraction`: scores attache's HTML ingestion on
 * ../shared/data/article-extraction with ../shared/scorers/score-extraction.mjs,
 * with @mozilla/readability on linkedom scored beside it in the same run.
 *
 *   zyte-aeb             body text, 4-token-shingle P/R/F1 (macro over pages)
 *   trafilatura-eval     with/without snippets (segments), title/author/date (meta)
 *   htmldate-mediacloud  publication date (meta --fields date)
 *
 * Dev half: ../shared holds one half of each set (split by sha1 of the item key,
 * see its SOURCE.md); that shared half is the dev half and is what this script
 * scores. The other half is held out and scored by the maintainers with the same
 * scorer. Predictions are written as JSON (scorer input format) to
 * `.tmp/eval-extraction/` so the scorer can be re-run by hand:
 *   node ../shared/scorers/score-extraction.mjs body --gt <gt> --pred .tmp/eval-extraction/zyte-attache.json
 *
 *   npm run eval:extraction                  all three sets
 *   npm run eval:extraction -- --limit 30    the first 30 pages of each set (quick check)
 *   npm run eval:extraction -- --no-readability
 *   npm run eval:extraction -- --set zyte    one set (zyte, trafilatura or htmldate)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeBytes } from '../../src/ingest/encoding.ts';
import { IngestError, ingestBytes } from '../../src/ingest/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(root, '..', 'shared');
const dataDir = join(shared, 'data', 'article-extraction');
const scorerPath = join(shared, 'scorers', 'score-extraction.mjs');
const outDir = join(root, '.tmp', 'eval-extraction');

interface Pred {
  articleBody: string;
  title?: string | null;
  author?: string | null;
  date?: string | null;
}

type Scorer = {
  scoreBody: (gt: unknown, pred: unknown, o?: { bootstrap?: number }) => Record<string, number>;
  scoreSegments: (gt: unknown, pred: unknown) => Record<string, number>;
  scoreMeta: (gt: unknown, pred: unknown, fields: string[]) => Record<string, Record<string, number>>;
};

export function attachePredict(bytes: Uint8Array, url: string | null): Pred {
  try {
    const [a] = ingestBytes(bytes, { url, contentType: 'text/html' });
    return {
      articleBody: a.text,
      title: a.meta.title,
      author: a.meta.authors.join('; ') || null,
      date: a.meta.published,
    };
  } catch (e) {
    if (e instanceof IngestError) return { articleBody: '' };
    throw e;
  }
}

export function readabilityPredict(bytes: Uint8Array): Pred {
  const html = decodeBytes(bytes, { contentType: 'text/html' }).text;
  try {
    const { document } = parseHTML(html);
    const r = new Readability(document as unknown as Document).parse();
    return {
      articleBody: r?.textContent ?? '',
      title: r?.title ?? null,
      author: r?.byline ?? null,
      date: r?.publishedTime ?? null,
    };
  } catch {
    return { articleBody: '' };
  }
}

function urlOf(key: string, item: { url?: string }): string | null {
  const u = item.url ?? key;
  return /^https?:\/\//.test(u) ? u : null;
}

interface SetRun {
  name: string;
  gt: Record<string, Record<string, unknown>>;
  file: (key: string, item: Record<string, unknown>) => string;
}

function runSet(set: SetRun, limit: number, withReadability: boolean) {
  const keys = Object.keys(set.gt).slice(0, limit);
  const gt: Record<string, unknown> = {};
  const att: Record<string, Pred> = {};
  const rdb: Record<string, Pred> = {};
  let attMs = 0;
  let rdbMs = 0;
  let bytesTotal = 0;
  for (const k of keys) {
    const item = set.gt[k];
    gt[k] = item;
    const path = set.file(k, item);
    if (!existsSync(path)) continue;
    const bytes = gunzipSync(readFileSync(path));
    bytesTotal += bytes.length;
    const url = urlOf(k, item as { url?: string });
    let t = performance.now();
    att[k] = attachePredict(bytes, url);
    attMs += performance.now() - t;
    if (withReadability) {
      t = performance.now();
      rdb[k] = readabilityPredict(bytes);
      rdbMs += performance.now() - t;
    }
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${set.name}-attache.json`), JSON.stringify(att));
  if (withReadability)
    writeFileSync(join(outDir, `${set.name}-readability-linkedom.json`), JSON.stringify(rdb));
  return { gt, att, rdb, attMs, rdbMs, bytesTotal, n: keys.length };
}

const f3 = (x: number | undefined) => (x === undefined ? '  –  ' : x.toFixed(3));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const li = args.indexOf('--limit');
  const limit = li >= 0 ? Number(args[li + 1]) : Number.POSITIVE_INFINITY;
  const withReadability = !args.includes('--no-readability');
  const si = args.indexOf('--set');
  const only = si >= 0 ? args[si + 1] : null;
  if (!existsSync(dataDir) || !existsSync(scorerPath)) {
    console.log(
      'eval:extraction: ../shared/data/article-extraction or the scorer is not present; nothing to score.',
    );
    return;
  }
  const scorer = (await import(pathToFileURL(scorerPath).href)) as Scorer;
  const load = (p: string) => JSON.parse(readFileSync(join(dataDir, p), 'utf8'));
  console.log('attache eval:extraction — dev half (the shared half of each set; see SOURCE.md)\n');
  const rows: string[][] = [];
  const timing: string[] = [];

  // zyte-aeb: body F1.
  if (!only || only === 'zyte') {
    const gtAll = load('zyte-aeb/ground-truth.json');
    const r = runSet(
      { name: 'zyte', gt: gtAll, file: (k) => join(dataDir, 'zyte-aeb', 'html', `${k}.html.gz`) },
      limit,
      withReadability,
    );
    const a = scorer.scoreBody(r.gt, r.att, { bootstrap: 200 });
    rows.push([
      'zyte-aeb body F1',
      String(r.n),
      `${f3(a.f1)} ±${f3(a.f1_std)}`,
      `P ${f3(a.precision)} R ${f3(a.recall)}`,
    ]);
    if (withReadability) {
      const b = scorer.scoreBody(r.gt, r.rdb, { bootstrap: 200 });
      rows[rows.length - 1].push(`${f3(b.f1)} ±${f3(b.f1_std)}`, `P ${f3(b.precision)} R ${f3(b.recall)}`);
    }
    rows[rows.length - 1].push('≥ 0.970 (trafilatura 0.958, rs_trafilatura 0.970)');
    timing.push(
      `zyte-aeb: ${(r.bytesTotal / 1e6).toFixed(1)} MB; attache ${(r.attMs / 1000).toFixed(1)} s, readability ${(r.rdbMs / 1000).toFixed(1)} s`,
    );
  }

  // trafilatura-eval: segments + meta.
  if (!only || only === 'trafilatura') {
    const gtAll = load('trafilatura-eval/evaldata.json');
    const r = runSet(
      {
        name: 'trafilatura',
        gt: gtAll,
        file: (_k, item) => join(dataDir, 'trafilatura-eval', 'html', String(item.file)),
      },
      limit,
      withReadability,
    );
    const a = scorer.scoreSegments(r.gt, r.att);
    const b = withReadability ? scorer.scoreSegments(r.gt, r.rdb) : null;
    rows.push([
      'trafilatura-eval snippets F1',
      String(r.n),
      f3(a.f1),
      `P ${f3(a.precision)} R ${f3(a.recall)}`,
      ...(b ? [f3(b.f1), `P ${f3(b.precision)} R ${f3(b.recall)}`] : []),
      '(trafilatura 0.924, readability-lxml 0.826 on all 990)',
    ]);
    const ma = scorer.scoreMeta(r.gt, r.att, ['title', 'author', 'date']);
    const mb = withReadability ? scorer.scoreMeta(r.gt, r.rdb, ['title', 'author', 'date']) : null;
    for (const f of ['title', 'author', 'date']) {
      rows.push([
        `trafilatura-eval ${f} accuracy`,
        String(ma[f].n),
        f3(ma[f].accuracy),
        `P ${f3(ma[f].precision)} R ${f3(ma[f].recall)}`,
        ...(mb ? [f3(mb[f].accuracy), `P ${f3(mb[f].precision)} R ${f3(mb[f].recall)}`] : []),
        '',
      ]);
    }
    timing.push(
      `trafilatura-eval: ${(r.bytesTotal / 1e6).toFixed(1)} MB; attache ${(r.attMs / 1000).toFixed(1)} s, readability ${(r.rdbMs / 1000).toFixed(1)} s`,
    );
  }

  // htmldate-mediacloud: dates.
  if (!only || only === 'htmldate') {
    const gtAll = load('htmldate-mediacloud/dates.json');
    const r = runSet(
      {
        name: 'htmldate',
        gt: gtAll,
        file: (_k, item) => join(dataDir, 'htmldate-mediacloud', 'html', String(item.file)),
      },
      limit,
      withReadability,
    );
    const a = scorer.scoreMeta(r.gt, r.att, ['date']).date;
    const b = withReadability ? scorer.scoreMeta(r.gt, r.rdb, ['date']).date : null;
    rows.push([
      'htmldate-mediacloud date accuracy',
      String(a.n),
      f3(a.accuracy),
      `P ${f3(a.precision)} R ${f3(a.recall)}`,
      ...(b ? [f3(b.accuracy), `P ${f3(b.precision)} R ${f3(b.recall)}`] : []),
      '≥ 0.920 (htmldate extensive 0.903)',
    ]);
  }

  const head = [
    'measure',
    'n',
    'attache',
    '',
    ...(withReadability ? ['readability+linkedom', ''] : []),
    'target',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log(`\n${timing.join('\n')}`);
  console.log(`predictions: ${outDir}`);
}

await main();
