import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/document/types.ts';
import { runIngest } from '../../src/node/ingest/run.ts';
import { nodeModels, shareModelData, sharedModelData } from '../../src/node/models.ts';
import { createDocument, runStages } from '../../src/pipeline.ts';
import { defaultStages } from '../../src/stages.ts';
import { openStore } from '../../src/store/index.ts';
import { dumpSqlite } from '../corpus-cli/run.ts';
import { syntheticArticles, writeJsonl } from '../corpus-cli/synthetic.ts';

const ARTICLE: Article = {
  text:
    'The trade minister of Valdora, Anton Verlis, met envoys from Kestrel Bay on Tuesday. ' +
    '“We will not accept new tariffs,” Verlis told reporters after the talks. ' +
    'Officials said the two governments agreed to resume negotiations in March.',
  meta: {
    title: 'Valdora and Kestrel Bay resume trade talks',
    authors: [],
    published: '2023-05-16',
    outlet: null,
    language: 'en',
    url: null,
    publishedSource: 'input',
  },
  warnings: [],
};

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('model data shared between threads', () => {
  it('analyses the same with weight tables and dictionaries in shared memory as without', () => {
    const plain = runStages(createDocument(ARTICLE), defaultStages(nodeModels));
    expect(plain.entities.length).toBeGreaterThan(0);
    expect(plain.quotes.length).toBeGreaterThan(0);

    shareModelData();
    // a loader object of its own: stages cache what they built per loader, and nothing built above was shared
    const host = { ...nodeModels };
    const shared = runStages(createDocument(ARTICLE), defaultStages(host));
    const data = sharedModelData();
    expect(Object.keys(data)).toEqual(
      expect.arrayContaining([
        'bytes:ner.bin.gz',
        'quotes:taggers',
        'entities:lexicon',
        'entities:clusters:clusters.bin.gz',
        'events:model',
      ]),
    );
    // the dictionaries are typed arrays in shared memory, not objects a worker would copy
    const lexicon = data['entities:lexicon'] as { personByAlias: { keys: { chars: Uint16Array } } };
    expect(lexicon.personByAlias.keys.chars.buffer).toBeInstanceOf(SharedArrayBuffer);
    const events = data['events:model'] as { actorTrie: { childNode: Int32Array } };
    expect(events.actorTrie.childNode.buffer).toBeInstanceOf(SharedArrayBuffer);
    const ner = nodeModels.bytes('ner.bin.gz');
    expect(ner.buffer).toBeInstanceOf(SharedArrayBuffer);
    // a plain Uint8Array, not a Buffer built with the deprecated `new Buffer(…)`
    expect(ner.constructor).toBe(Uint8Array);
    // built once: asking again gives the same memory, not a new copy
    expect(nodeModels.bytes('ner.bin.gz')).toBe(ner);
    const taggers = data['quotes:taggers'] as {
      cue: { weights: Int16Array };
      cueLex: { form: { keys: Int32Array } };
    };
    expect(taggers.cue.weights.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(taggers.cueLex.form.keys.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared).toEqual(plain);
  });

  // two jobs: one worker posts analysed documents and this thread makes the rows; three: the workers make them
  it('stores exactly the same corpus with worker threads (shared models) as with one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attache-shared-'));
    dirs.push(dir);
    const input = join(dir, 'in.jsonl');
    writeJsonl(input, syntheticArticles(24, 11));
    const dumps = [];
    for (const jobs of [1, 2, 3]) {
      const db = join(dir, `jobs${jobs}.db`);
      const store = await openStore(db, { create: true });
      try {
        const s = await runIngest({ inputs: [input], store, db, jobs, batch: 8 });
        expect(s.failed).toBe(0);
        expect(s.inserted).toBeGreaterThan(20);
      } finally {
        await store.close();
      }
      dumps.push(dumpSqlite(db));
    }
    expect(dumps[1]).toEqual(dumps[0]);
    expect(dumps[2]).toEqual(dumps[0]);
  }, 120_000);
});
