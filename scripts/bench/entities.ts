/**
 * `npm run bench -- entities`: NER + within-document resolution throughput on corpus-news,
 * beside compromise (people/organizations/places) and wink-nlp (readDoc + entities) on the
 * same articles. The peers are much slower, so they get a slice of the corpus (noted).
 */
import nlp from 'compromise';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { createEntitiesStage } from '../../src/entities/index.ts';
import { nodeModels } from '../../src/node/models.ts';
import { createDocument } from '../../src/pipeline.ts';
import { tokenize } from '../../src/text/tokenize.ts';
import type { BenchArticle, BenchRow, BenchSuite } from './types.ts';

const PEER_DOCS = 400;

function bytesOf(list: BenchArticle[]): number {
  let b = 0;
  for (const a of list) b += Buffer.byteLength(a.text);
  return b;
}

const suite: BenchSuite = async (corpus) => {
  const rows: BenchRow[] = [];
  const task = 'NER + resolution';
  const stage = createEntitiesStage(nodeModels);
  const docs = corpus.articles.map((a) =>
    createDocument({
      text: a.text,
      meta: { title: null, authors: [], published: a.published, outlet: a.source, language: 'en', url: null },
      warnings: [],
    }),
  );
  let tokens = 0;
  for (const d of docs) tokens += tokenize(d.text).length;
  // load + warm-up outside the timing
  for (const d of docs.slice(0, 50)) stage.run(d);
  let entities = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const d of docs) entities += stage.run(d).entities.length;
  const sec = (performance.now() - t0) / 1000;
  const cpuSec = process.cpuUsage(cpu0).user / 1e6;
  rows.push({
    task,
    system: 'attache',
    docs: docs.length,
    bytes: corpus.bytes,
    seconds: sec,
    tokens,
    note: `${(entities / docs.length).toFixed(1)} entities/doc; ${(corpus.bytes / 1e6 / cpuSec).toFixed(2)} MB per CPU-second`,
  });

  const slice = corpus.articles.slice(0, Math.min(PEER_DOCS, corpus.articles.length));
  const sliceBytes = bytesOf(slice);
  let sliceTokens = 0;
  for (const a of slice) sliceTokens += tokenize(a.text).length;
  {
    for (const a of slice.slice(0, 10)) nlp(a.text).people();
    const t = performance.now();
    for (const a of slice) {
      const doc = nlp(a.text);
      doc.people().out('array');
      doc.organizations().out('array');
      doc.places().out('array');
    }
    rows.push({
      task,
      system: 'compromise',
      docs: slice.length,
      bytes: sliceBytes,
      seconds: (performance.now() - t) / 1000,
      tokens: sliceTokens,
      note: `first ${slice.length} articles; no resolution`,
    });
  }
  {
    const wink = winkNLP(model);
    const its = wink.its;
    for (const a of slice.slice(0, 10)) wink.readDoc(a.text);
    const t = performance.now();
    for (const a of slice) {
      const doc = wink.readDoc(a.text);
      doc.entities().out(its.detail);
      doc.tokens().out(its.pos);
    }
    rows.push({
      task,
      system: 'wink-nlp',
      docs: slice.length,
      bytes: sliceBytes,
      seconds: (performance.now() - t) / 1000,
      tokens: sliceTokens,
      note: `first ${slice.length} articles; POS + its entity types (no PER/ORG/LOC)`,
    });
  }
  return rows;
};

export default suite;
