/**
 * Quote extraction throughput on corpus-news: the quotes stage alone (on
 * Documents already segmented, entities layer empty), beside a quote-mark
 * regex that only pairs “…” / "…" (the cheapest possible peer).
 */
import { createDocument } from '../../src/pipeline.ts';
import { nodeModels } from '../../src/node/models.ts';
import { createQuotesStage } from '../../src/quotes/index.ts';
import type { Document } from '../../src/document/types.ts';
import type { BenchRow, BenchSuite } from './types.ts';
import { toArticle } from './article.ts';

const suite: BenchSuite = async (corpus) => {
  const docs: Document[] = corpus.articles.map((a) => createDocument(toArticle(a)));
  const stage = createQuotesStage(nodeModels);
  // warm-up on a slice so the JIT has compiled the hot loops
  for (let i = 0; i < Math.min(200, docs.length); i++) stage.run(docs[i]);
  let quotes = 0;
  let peak = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i++) {
    quotes += stage.run(docs[i]).quotes.length;
    if (i % 500 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU time of this process: the per-core rate even when other work shares the machine
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const re = /“[^”\n]{1,2000}”|"[^"\n]{1,2000}"/g;
  let found = 0;
  const t1 = performance.now();
  for (const d of docs) {
    re.lastIndex = 0;
    for (let m = re.exec(d.text); m; m = re.exec(d.text)) found++;
  }
  const regexSeconds = (performance.now() - t1) / 1000;
  const rows: BenchRow[] = [
    {
      task: 'quote extraction (one core)',
      system: 'attache',
      docs: docs.length,
      bytes: corpus.bytes,
      seconds,
      peakRss: peak,
      note: `${quotes.toLocaleString('en-US')} quotes; ${(corpus.bytes / 1e6 / cpuSeconds).toFixed(2)} MB per CPU-second`,
    },
    {
      task: 'quote extraction (one core)',
      system: 'quote-mark regex',
      docs: docs.length,
      bytes: corpus.bytes,
      seconds: regexSeconds,
      note: `${found.toLocaleString('en-US')} quoted spans, no attribution`,
    },
  ];
  return rows;
};

export default suite;
