import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from '../../src/document/types.ts';
import { type CorpusStore, openStore, prepareDocument, StoreNotFoundError } from '../../src/store/index.ts';
import { backends } from './backends.ts';
import { corpus, makeDoc } from './fixtures.ts';

for (const backend of backends()) {
  describe.skipIf(!backend.available)(`store (${backend.name})`, () => {
    let store: CorpusStore;
    let spec: string;
    let docs: Document[];

    beforeAll(async () => {
      spec = await backend.fresh();
      store = await openStore(spec, { create: true });
      docs = corpus();
      for (const d of docs) await store.put(d);
    });

    afterAll(async () => {
      await store?.close();
      await backend.cleanup();
    });

    it('refuses to open a store that does not exist unless asked to create it', async () => {
      const other = await backend.fresh();
      await expect(openStore(other)).rejects.toBeInstanceOf(StoreNotFoundError);
    });

    it('round-trips a document exactly', async () => {
      for (const d of docs) expect(await store.get(d.id)).toEqual(d);
      expect(await store.get('0000000000nonexistent')).toBeNull();
    });

    it('skips a document it already has (idempotent by content id)', async () => {
      const again = await store.put(docs[0]);
      expect(again.status).toBe('skipped');
      const batch = await store.putMany([prepareDocument(docs[2]), prepareDocument(docs[3])]);
      expect(batch.map((r) => r.status)).toEqual(['skipped', 'skipped']);
      expect((await store.stats()).documents).toBe(4);
    });

    it('counts every layer', async () => {
      const s = await store.stats();
      expect(s).toMatchObject({ documents: 4, quotes: 3, events: 7, times: 2, clusters: 1, duplicates: 1 });
      // Lavrov, North Korea, Pyongyang, Moscow, South Korea, Lim Soo-suk, Egypt, Turkey
      expect(s.entities).toBe(8);
      expect(s.mentions).toBeGreaterThan(15);
    });

    it('files a syndicated copy under the original story and keeps other stories apart', async () => {
      const list = await store.list({ limit: 10 });
      const byId = new Map(list.map((d) => [d.id, d]));
      expect(byId.get(docs[0].id)?.cluster).toBe(docs[0].id);
      expect(byId.get(docs[1].id)?.cluster).toBe(docs[0].id);
      expect(byId.get(docs[2].id)?.cluster).toBe(docs[2].id);
      expect(byId.get(docs[3].id)?.cluster).toBe(docs[3].id);
    });

    it('merges entities across documents by key (derived from type and name when missing)', async () => {
      const lavrov = (await store.entities({ q: 'lavrov' }))[0];
      expect(lavrov).toMatchObject({
        key: 'PERSON:sergey lavrov',
        name: 'Sergey Lavrov',
        documents: 3,
        type: 'PERSON',
      });
      expect(lavrov.roles).toEqual(['foreign minister', 'minister']);
      expect(lavrov.aliases).toContain('Lavrov');
      const moscow = (await store.entities({ q: 'Moscow' }))[0];
      expect(moscow).toMatchObject({ key: 'GPE:moscow', documents: 4, actor: 'RUS' });
      const people = await store.entities({ type: 'PERSON', limit: 5 });
      expect(people.map((e) => e.name)).toEqual(['Sergey Lavrov', 'Lim Soo-suk']);
      const top = await store.entities({ limit: 2 });
      // ties on documents are broken by mentions
      expect(top.map((e) => e.key)).toEqual(['GPE:moscow', 'PERSON:sergey lavrov']);
      const detail = await store.entity('PERSON:sergey lavrov');
      expect(detail?.coMentions[0]).toMatchObject({ key: 'GPE:moscow', count: 3 });
      expect(await store.resolveEntity('sergey lavrov')).toBe('PERSON:sergey lavrov');
      expect(await store.resolveEntity('Lim')).toBe('PERSON:lim soo-suk');
      expect(await store.resolveEntity('Atlantis')).toBeNull();
    });

    it('searches full text with ranking, snippets, filters and facets', async () => {
      const r = await store.search('arms transfer');
      expect(r.total).toBe(1);
      expect(r.hits[0].documentId).toBe(docs[2].id);
      expect(r.hits[0].snippet).toMatch(/«arms» «transfer»/);
      expect(r.facets.outlet).toEqual([{ value: 'Harbour Daily', count: 1 }]);
      expect(r.facets.eventRoot.map((f) => f.value).sort()).toEqual(['11']);
      const pyongyang = await store.search('Pyongyang');
      expect(pyongyang.total).toBe(4);
      expect(pyongyang.facets.year).toEqual([
        { value: '2024', count: 1 },
        { value: '2023', count: 3 },
      ]);
      expect(pyongyang.facets.entity[0]).toEqual({ value: 'GPE:moscow', count: 4 });
      // the headline weighs more than the body
      expect(pyongyang.hits[0].documentId).toBe(docs[0].id);
      expect((await store.search('Pyongyang', { outlet: 'Northern Wire' })).total).toBe(2);
      expect((await store.search('Pyongyang', { from: '2024' })).total).toBe(1);
      expect((await store.search('Pyongyang', { entity: 'PERSON:sergey lavrov' })).total).toBe(3);
      expect((await store.search('Pyongyang -wheat')).total).toBe(3);
      expect((await store.search('"illegal arms"')).total).toBe(1);
      expect((await store.search('wheat OR sanctions')).total).toBe(2);
      // operators and punctuation never cause a syntax error
      expect((await store.search('AND ( "unclosed * NEAR/3 :')).total).toBe(0);
      expect((await store.search('   ')).total).toBe(0);
    });

    it('filters events by actor, code and date', async () => {
      const rusPrk = await store.events({ source: 'RUS', target: 'PRK' });
      expect(rusPrk.map((e) => e.code).sort()).toEqual(['042', '042', '057']);
      const consult = await store.events({
        source: 'RUS',
        target: 'PRK',
        code: '04',
        from: '2023-01-01',
        to: '2023-12-31',
      });
      expect(consult).toHaveLength(2);
      expect(consult[0]).toMatchObject({
        sourceKey: 'PERSON:sergey lavrov',
        targetKey: 'GPE:north korea',
        date: '2023-10-18',
        root: '04',
      });
      expect(consult[0].evidence).toBe('Sergey Lavrov arrived in Pyongyang on Wednesday');
      expect(await store.events({ source: 'RUSGOV' })).toHaveLength(3);
      expect(await store.events({ entity: 'PERSON:sergey lavrov' })).toHaveLength(5);
      expect(await store.events({ to: '2023-10' })).toHaveLength(4);
      expect(await store.events({ limit: 2 })).toHaveLength(2);
      expect(await store.events({ documentId: docs[3].id })).toHaveLength(1);
    });

    it('finds quotes by speaker', async () => {
      const q = await store.quotes({ speaker: 'Lavrov' });
      expect(q).toHaveLength(3);
      expect(q[0]).toMatchObject({
        text: '"baseless noise"',
        speakerKey: 'PERSON:sergey lavrov',
        published: '2023-11-02',
      });
      expect(await store.quotes({ speaker: 'Lim Soo-suk' })).toHaveLength(0);
    });

    it('builds an entity timeline in date order', async () => {
      const t = await store.timeline('Sergey Lavrov');
      expect(t.length).toBeGreaterThanOrEqual(8);
      const dates = t.map((r) => r.date ?? '9999');
      expect([...dates].sort()).toEqual(dates);
      expect(t.filter((r) => r.kind === 'event')).toHaveLength(5);
      expect(t.filter((r) => r.kind === 'quote')).toHaveLength(3);
      expect(t.find((r) => r.kind === 'event')?.code).toBeDefined();
    });

    it('aggregates a dyad per period with mean Goldstein', async () => {
      expect(await store.dyad('RUS', 'PRK', 'month')).toEqual([
        { period: '2023-10', events: 2, meanGoldstein: 1.9 },
        { period: '2024-01', events: 1, meanGoldstein: 8 },
      ]);
      expect(await store.dyad('RUS', 'PRK', 'year', { both: true })).toEqual([
        { period: '2023', events: 4, meanGoldstein: 2.65 },
        { period: '2024', events: 1, meanGoldstein: 8 },
      ]);
      expect(await store.dyad('RUS', 'PRK', 'week')).toEqual([
        { period: '2023-W42', events: 2, meanGoldstein: 1.9 },
        { period: '2024-W03', events: 1, meanGoldstein: 8 },
      ]);
    });

    it('deletes a document with its layers and entity counts', async () => {
      const extra = makeDoc({
        title: 'Harbour strike ends',
        published: '2022-05-01',
        outlet: 'Harbour Daily',
        text: 'Dock workers in Valparaiso ended a week-long strike on Sunday after a pay deal.',
        entities: [{ id: 'h1', type: 'GPE', name: 'Valparaiso', surface: ['Valparaiso'] }],
      });
      expect((await store.put(extra)).status).toBe('inserted');
      expect((await store.entities({ q: 'Valparaiso' }))[0]?.documents).toBe(1);
      expect(await store.delete(extra.id)).toBe(true);
      expect(await store.delete(extra.id)).toBe(false);
      expect(await store.get(extra.id)).toBeNull();
      expect(await store.entities({ q: 'Valparaiso' })).toEqual([]);
      expect((await store.search('Valparaiso')).total).toBe(0);
      expect((await store.stats()).documents).toBe(4);
    });

    it('pages through ids for export', async () => {
      const first = await store.idsAfter(null, 3);
      const rest = await store.idsAfter(first[2], 3);
      expect([...first, ...rest].sort()).toEqual(docs.map((d) => d.id).sort());
      expect(first).toEqual([...first].sort());
    });

    it('tolerates documents with missing or broken layers', async () => {
      const odd = makeDoc({
        title: 'Odd',
        published: 'not a date',
        outlet: 'X',
        text: 'A short odd item about nothing.',
      });
      const broken = {
        ...odd,
        entities: [{ id: 'z', type: 'ORG', name: '  ', country: null, roles: [], mentions: [] }],
        events: [
          {
            ...({} as Document['events'][number]),
            id: 'v',
            code: '010',
            goldstein: Number.NaN,
            evidence: { start: -5, end: 1e9 },
          },
        ],
        quotes: undefined,
      } as unknown as Document;
      expect((await store.put(broken)).status).toBe('inserted');
      const ev = await store.events({ documentId: odd.id });
      expect(ev).toHaveLength(1);
      expect(ev[0]).toMatchObject({ goldstein: 0, start: 0, end: odd.text.length });
      await store.delete(odd.id);
    });
  });
}
