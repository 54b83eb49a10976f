/**
 * `npm run bench`: throughput and memory on ../shared/data/corpus-news, with
 * each capability measured side by side with its peers in the same run.
 *
 *   npm run bench                 all suites on the whole corpus
 *   npm run bench -- --quick      a 1,000-article slice
 *   npm run bench -- time quotes  only the named suites
 *   npm run bench -- store --pairs=3   three alternated 1-job/2-job ingest runs, median ratio
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { BenchArticle, BenchContext, BenchCorpus, BenchRow, BenchSuite } from './types.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = resolve(root, '..', 'shared', 'data');
const SUITES = ['pipeline', 'extraction', 'entities', 'time', 'quotes', 'events', 'store', 'server'];

function loadCorpus(quick: boolean): BenchCorpus {
  const file = join(data, 'corpus-news', 'news-en.jsonl.gz');
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const articles: BenchArticle[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    articles.push(JSON.parse(line) as BenchArticle);
    if (quick && articles.length >= 1000) break;
  }
  let bytes = 0;
  let chars = 0;
  for (const a of articles) {
    bytes += Buffer.byteLength(a.text);
    chars += a.text.length;
  }
  return { articles, bytes, chars };
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function printRows(rows: BenchRow[]): void {
  const byTask = new Map<string, BenchRow[]>();
  for (const r of rows) byTask.set(r.task, [...(byTask.get(r.task) ?? []), r]);
  for (const [task, group] of byTask) {
    const ref = group.find((r) => r.system === 'attache') ?? group[0];
    const refRate = ref.bytes / ref.seconds;
    console.log(`\n  ${task}`);
    console.log(
      `    ${'system'.padEnd(26)} ${'MB/s'.padStart(9)} ${'docs/s'.padStart(10)} ${'tokens/s'.padStart(11)} ${'peak RSS'.padStart(10)}  ratio`,
    );
    for (const r of group) {
      if (r.system === 'breakdown') {
        console.log(`    ${''.padEnd(26)} ${r.note ?? ''}`);
        continue;
      }
      const mbs = r.bytes / r.seconds / 1e6;
      const ratio = r === ref ? '1.00×' : `attache ${fmt(refRate / (r.bytes / r.seconds), 2)}×`;
      console.log(
        `    ${r.system.padEnd(26)} ${fmt(mbs, 2).padStart(9)} ${fmt(r.docs / r.seconds).padStart(10)} ${(r.tokens ? fmt(r.tokens / r.seconds, 0) : '–').padStart(11)} ${(r.peakRss ? `${fmt(r.peakRss / 2 ** 20, 0)} MB` : '–').padStart(10)}  ${ratio}${r.note ? `  (${r.note})` : ''}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.filter((a) => !a.startsWith('--'));
  const pairsArg = args.find((a) => a.startsWith('--pairs'));
  const pairs = pairsArg ? Number(pairsArg.split('=')[1]) : 1;
  if (!Number.isInteger(pairs) || pairs < 1 || pairs > 10) {
    console.error('bench: --pairs takes a whole number from 1 to 10, as in --pairs=3');
    process.exitCode = 2;
    return;
  }
  if (!existsSync(join(data, 'corpus-news'))) {
    console.log('bench: ../shared/data/corpus-news is not present; nothing to measure.');
    return;
  }
  const corpus = loadCorpus(quick);
  console.log(
    `attache bench — corpus-news: ${corpus.articles.length.toLocaleString()} articles, ${fmt(corpus.bytes / 1e6)} MB` +
      ` (node ${process.version}, 1 core per measurement unless noted)`,
  );
  const ctx: BenchContext = { root, data, quick, pairs };
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  timer.unref();
  for (const name of SUITES) {
    if (only.length && !only.includes(name)) continue;
    const file = join(root, 'scripts', 'bench', `${name}.ts`);
    if (!existsSync(file)) continue;
    const mod = (await import(pathToFileURL(file).href)) as { default: BenchSuite };
    const rows = await mod.default(corpus, ctx);
    printRows(rows);
  }
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`\n  peak RSS of the bench process: ${fmt(peak / 2 ** 20, 0)} MB`);
}

await main();
