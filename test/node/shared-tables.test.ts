import { describe, expect, it } from 'vitest';
import { type LexiconData, loadLexicon, looseKey } from '../../src/entities/lexicon.ts';
import { type EventsModelFile, loadEventsModel, nounLemma } from '../../src/events/model.ts';
import type { ModelLoader } from '../../src/models.ts';
import { nodeModels, toShared } from '../../src/node/models.ts';
import {
  IntDict,
  packIntDict,
  packStringDict,
  packStringList,
  packStrings,
  StringDict,
  StringList,
  StringTable,
} from '../../src/text/strings.ts';

/**
 * A loader that hands out what a worker thread gets: the structure built by the
 * host, copied into shared memory and posted across (structured clone).
 */
function workerLoader(): ModelLoader {
  return {
    json: (name) => nodeModels.json(name),
    bytes: (name) => nodeModels.bytes(name),
    has: (name) => nodeModels.has(name),
    shared: (_key, build) => structuredClone(toShared(build())),
  };
}

/** A loader without shared structures: everything is built in this thread from the files. */
const plainLoader: ModelLoader = {
  json: (name) => nodeModels.json(name),
  bytes: (name) => nodeModels.bytes(name),
  has: (name) => nodeModels.has(name),
};

/** Deterministic test strings: ASCII, accents, CJK, astral characters, the empty string, a long one. */
function sampleStrings(n: number): string[] {
  const out = new Set<string>(['', 'a', 'ä', 'über', '北京', 'x😀y', 'the', 'The', 'z'.repeat(10_000)]);
  let seed = 7;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  const alphabet = 'abcdefghijklmnopqrstuvwxyz -’éßжд';
  while (out.size < n) {
    let s = '';
    const len = 1 + (next() % 12);
    for (let i = 0; i < len; i++) s += alphabet[next() % alphabet.length];
    out.add(s);
  }
  return [...out];
}

describe('packed string tables', () => {
  const strings = sampleStrings(3000);
  const missing = ['absent', 'zzzzzzzzzzzzzzzzzzzzzzzz', 'a ', ' a', 'Ä', '北'];

  for (const [name, share] of [
    ['in this thread', false],
    ['in shared memory, posted to another thread', true],
  ] as const) {
    it(`look up exactly like Maps (${name})`, () => {
      const moved = <T>(data: T): T => (share ? structuredClone(toShared(data)) : data);
      const tableData = moved(packStrings(strings));
      if (share) expect(tableData.chars.buffer).toBeInstanceOf(SharedArrayBuffer);
      const table = new StringTable(tableData);
      expect(table.size).toBe(strings.length);
      strings.forEach((s, i) => {
        expect(table.indexOf(s)).toBe(i);
        expect(table.at(i)).toBe(s);
      });
      for (const s of missing) expect(table.indexOf(s)).toBe(-1);

      const ints = new Map(strings.map((s, i) => [s, i * 7 - 1000]));
      const intDict = new IntDict(moved(packIntDict(ints)));
      const texts = new Map(strings.map((s, i) => [s, strings[(i * 13) % 50]]));
      const textDict = new StringDict(moved(packStringDict(texts)));
      for (const s of [...strings, ...missing]) {
        expect(intDict.get(s)).toBe(ints.get(s));
        expect(intDict.has(s)).toBe(ints.has(s));
        expect(textDict.get(s)).toBe(texts.get(s));
      }
      const list = strings.map((_, i) => strings[i % 97]);
      const packedList = new StringList(moved(packStringList(list)));
      expect(packedList.length).toBe(list.length);
      list.forEach((s, i) => {
        expect(packedList.at(i)).toBe(s);
      });
    });
  }

  it('refuses duplicate strings', () => {
    expect(() => packStrings(['a', 'b', 'a'])).toThrow(/duplicate/);
  });
});

/**
 * The office held at `date`: among the periods that hold it, the latest start; without a date,
 * an open-ended period first, then the latest start (the lexicon's documented rule, written out).
 */
function codeAt(codes: [string, number, number][], date: string | null): string | null {
  const d = date ? Number(date.replace(/-/g, '')) : 0;
  let best: [string, number, number] | null = null;
  for (const c of codes) {
    const [, from, to] = c;
    if (d) {
      const holds = (!from || from <= d) && (!to || to >= d);
      if (holds && (!best || from > best[1])) best = c;
    } else if (!best || (to === 0 && best[2] !== 0) || from > best[1]) best = c;
  }
  return best ? best[0] : null;
}

describe('entity lexicon from shared tables', () => {
  const data = nodeModels.json<LexiconData>('gazetteer.json.gz');
  const plain = loadLexicon(plainLoader);
  const shared = loadLexicon(workerLoader());
  const names = [
    ...data.countries.flatMap(([, , name, names, demonyms]) => [name, ...names, ...demonyms]),
    ...Object.keys(data.places),
    ...Object.keys(data.agents),
    ...data.people.flatMap(([, aliases]) => aliases),
    ...data.orgs.flatMap(([, aliases]) => aliases),
    'Atlantis Prime',
    'foreign ministers',
    'North Koreans',
  ];

  it('gives the same answers with and without sharing, for every name in the lexicon', () => {
    const differ: string[] = [];
    for (const n of names) {
      const same =
        shared.countryOf(n) === plain.countryOf(n) &&
        shared.agentOf(n) === plain.agentOf(n) &&
        JSON.stringify(shared.org(n)) === JSON.stringify(plain.org(n)) &&
        [null, '1995-06-01', '2023-10-18'].every((d) => shared.actorOf(n, d) === plain.actorOf(n, d));
      if (!same) differ.push(n);
    }
    expect(differ).toEqual([]);
    expect(plain.countryOf('Pyongyang')).toBe('PRK');
    expect([...shared.countries]).toEqual([...plain.countries]);
    expect(shared.gaz.size).toBe(plain.gaz.size);
  });

  it('finds each person and organisation the file lists under an alias first', () => {
    const wrong: string[] = [];
    const firstPerson = new Map<string, number>();
    data.people.forEach(([, aliases], i) => {
      for (const a of aliases) if (!firstPerson.has(looseKey(a))) firstPerson.set(looseKey(a), i);
    });
    for (const [key, i] of firstPerson) {
      const [display, , codes] = data.people[i];
      for (const date of [null, '1990-01-01', '2005-07-15', '2023-10-18']) {
        const found = shared.person(key, date);
        if (found?.name !== display || found.actor !== codeAt(codes, date)) wrong.push(`${key} ${date}`);
      }
    }
    const firstOrg = new Map<string, number>();
    data.orgs.forEach(([, aliases], i) => {
      for (const a of aliases) if (!firstOrg.has(looseKey(a))) firstOrg.set(looseKey(a), i);
    });
    for (const [key, i] of firstOrg) {
      const found = shared.org(key);
      if (found?.name !== data.orgs[i][0] || found.actor !== data.orgs[i][2]) wrong.push(key);
    }
    expect(firstPerson.size).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });
});

describe('events dictionaries from shared tables', () => {
  const file = nodeModels.json<EventsModelFile>('events.json.gz');
  const plain = loadEventsModel(plainLoader);
  const shared = loadEventsModel(workerLoader());

  it('walks every actor and agent phrase to its own code', () => {
    const wrong: string[] = [];
    for (const model of [plain, shared]) {
      for (const [which, table] of [
        ['actor', file.actors],
        ['agent', file.agents],
      ] as const) {
        const trie = which === 'actor' ? model.actorTrie : model.agentTrie;
        for (const [phrase, code] of Object.entries(table)) {
          const words = phrase.split(' ');
          let node = model.lex.get(words[0])?.[which] ?? -1;
          for (let k = 1; k < words.length && node > 0; k++) {
            // a prefix that is not itself a phrase has no code
            const prefix = words.slice(0, k).join(' ');
            if (!Object.hasOwn(table, prefix) && trie.code(node) !== undefined) wrong.push(prefix);
            node = trie.child(node, words[k]);
          }
          if (node <= 0 || trie.code(node) !== code) wrong.push(phrase);
        }
        expect(trie.child(0, 'no-such-word-anywhere')).toBe(-1);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('indexes every word the same with and without sharing', () => {
    const words = new Set([
      ...Object.keys(file.forms),
      ...Object.keys(file.actors).map((p) => p.split(' ')[0]),
      ...Object.keys(file.agents).map((p) => p.split(' ')[0]),
      ...Object.keys(file.nouns).map((p) => p.split(' ')[0]),
      'the',
      'zzzz',
    ]);
    const wrong: string[] = [];
    for (const w of words) {
      const a = plain.lex.get(w);
      const b = shared.lex.get(w);
      if (JSON.stringify(a) !== JSON.stringify(b)) wrong.push(w);
      if (Object.hasOwn(file.forms, w)) {
        const lemmas = b?.forms?.map((e) => e.lemma).join(' ');
        if (lemmas !== file.forms[w].map((i) => file.verbs[i][0]).join(' ')) wrong.push(w);
        if (shared.forms.get(w) !== b?.forms) wrong.push(w);
      }
    }
    expect(words.size).toBeGreaterThan(10_000);
    expect(wrong).toEqual([]);
    expect(shared.lex.get('zzzz')).toBeUndefined();
    expect(shared.lex.get('said')?.trigger).toBe(false);
    expect(shared.blockIndex.length).toBe(file.blocks.length);
    expect(shared.demonyms).toEqual(plain.demonyms);
    expect(nounLemma('talks')).toBe('talk');
  });
});
