/**
 * Event coding throughput for `npm run bench`: the events stage on its own
 * (text → sentences → CAMEO/PLOVER events, no NER), on corpus-news, next to a
 * lower bound that only tokenises the same sentences (the floor any
 * dictionary coder pays).
 */
import { createEventsStage } from '../../src/events/index.ts';
import { nodeModels } from '../../src/node/models.ts';
import { createDocument } from '../../src/pipeline.ts';
import { tokenize } from '../../src/text/tokenize.ts';
import type { BenchRow, BenchSuite } from './types.ts';
import { toArticle } from './article.ts';

const suite: BenchSuite = async (corpus) => {
  const stage = createEventsStage(nodeModels);
  const docs = corpus.articles.map((a) => createDocument(toArticle(a)));
  // warm-up: load the model and JIT the hot paths
  for (const d of docs.slice(0, 300)) stage.run(d);

  let events = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const d of docs) events += stage.run(d).events.length;
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU time of this process: on a shared machine wall time understates per-core speed
  const cpuMbs = corpus.bytes / ((cpu.user + cpu.system) / 1e6) / 1e6;

  let tokens = 0;
  const t1 = performance.now();
  for (const d of docs) for (const s of d.sentences) tokens += tokenize(d.text, s.start, s.end).length;
  const tokSeconds = (performance.now() - t1) / 1000;

  const rows: BenchRow[] = [
    {
      task: 'event coding (CAMEO/PLOVER)',
      system: 'attache',
      docs: docs.length,
      bytes: corpus.bytes,
      seconds,
      tokens,
      note: `${events.toLocaleString('en-US')} events; ${cpuMbs.toFixed(2)} MB per CPU-second; target ≥ 1.5 MB/s per core`,
    },
    {
      task: 'event coding (CAMEO/PLOVER)',
      system: 'tokenise only (lower bound)',
      docs: docs.length,
      bytes: corpus.bytes,
      seconds: tokSeconds,
      tokens,
    },
  ];
  return rows;
};

export default suite;
