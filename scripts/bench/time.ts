/**
 * Time tagging throughput on corpus-news: attache's tagger beside chrono-node,
 * both given each article's publication date as the reference.
 */
import * as chrono from 'chrono-node';
import { tagTimes } from '../../src/time/index.ts';
import type { BenchArticle, BenchRow, BenchSuite } from './types.ts';

function refDate(published: string | null): Date {
  const m = published ? /^(\d{4})-(\d{2})-(\d{2})/.exec(published) : null;
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12) : new Date(2024, 0, 1, 12);
}

/**
 * Throughput per core: the process's CPU time (this suite is single-threaded), so that a machine shared
 * with other jobs does not distort the figure; the wall-clock rate is given in the note.
 */
function measure(
  task: string,
  system: string,
  articles: BenchArticle[],
  run: (a: BenchArticle) => number,
): BenchRow {
  // warm up the JIT on a slice, then time the whole set
  for (const a of articles.slice(0, Math.min(50, articles.length))) run(a);
  let bytes = 0;
  let found = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const a of articles) {
    found += run(a);
    bytes += Buffer.byteLength(a.text);
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const seconds = (cpu.user + cpu.system) / 1e6 || wall;
  const note = `CPU time; wall ${(bytes / wall / 1e6).toFixed(2)} MB/s; ${found.toLocaleString('en-US')} expressions`;
  return { task, system, docs: articles.length, bytes, seconds, note };
}

const suite: BenchSuite = async (corpus, ctx) => {
  const rows: BenchRow[] = [];
  rows.push(
    measure(
      'time tagging',
      'attache',
      corpus.articles,
      (a) => tagTimes(a.text, { published: a.published }).length,
    ),
  );
  // chrono-node is much slower; a slice keeps the bench bounded
  const slice = corpus.articles.slice(0, ctx.quick ? 300 : 2000);
  rows.push(
    measure('time tagging', 'chrono-node', slice, (a) => chrono.parse(a.text, refDate(a.published)).length),
  );
  return rows;
};

export default suite;
