/**
 * The whole analysis (segmentation, entities, time, quotes, events) streamed
 * over corpus-news, with a per-stage breakdown of where the time goes.
 */
import { getStages } from '../../src/node/analyze.ts';
import { createDocument } from '../../src/pipeline.ts';
import type { BenchRow, BenchSuite } from './types.ts';
import { toArticle } from './article.ts';

const suite: BenchSuite = async (corpus) => {
  const stages = getStages();
  const perStage = new Map<string, number>();
  let segmentation = 0;
  let peak = process.memoryUsage().rss;
  const t0 = performance.now();
  let n = 0;
  for (const a of corpus.articles) {
    const article = toArticle(a);
    let t = performance.now();
    let doc = createDocument(article);
    segmentation += performance.now() - t;
    for (const stage of stages) {
      t = performance.now();
      const { warnings: _w, ...layers } = stage.run(doc);
      doc = { ...doc, ...layers };
      perStage.set(stage.name, (perStage.get(stage.name) ?? 0) + performance.now() - t);
    }
    if (++n % 500 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t0) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  const rows: BenchRow[] = [
    {
      task: 'full analysis (one core)',
      system: 'attache',
      docs: corpus.articles.length,
      bytes: corpus.bytes,
      seconds,
      peakRss: peak,
    },
  ];
  const share = (ms: number) => `${((ms / 1000 / seconds) * 100).toFixed(0)}%`;
  const breakdown = [
    `segmentation ${share(segmentation)}`,
    ...[...perStage].map(([k, v]) => `${k} ${share(v)}`),
  ];
  rows.push({
    task: 'full analysis (one core)',
    system: 'breakdown',
    docs: corpus.articles.length,
    bytes: corpus.bytes,
    seconds,
    note: `time spent: ${breakdown.join(', ')}`,
  });
  return rows;
};

export default suite;
