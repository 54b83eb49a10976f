import { describe, expect, it } from 'vitest';
import type { EntityType } from '../../src/document/types.ts';
import { loadLexicon } from '../../src/entities/lexicon.ts';
import { type Mention, resolveEntities } from '../../src/entities/resolve.ts';
import { nodeModels } from '../../src/node/models.ts';
import { tokenize } from '../../src/text/tokenize.ts';

const lexicon = loadLexicon(nodeModels);

/** Resolves hand-placed mentions: each [surface, type] is found in order in the text. */
function resolve(text: string, spec: [string, EntityType][], published: string | null = null) {
  const t = tokenize(text);
  const mentions: Mention[] = [];
  let from = 0;
  for (const [surface, type] of spec) {
    const start = text.indexOf(surface, from);
    if (start < 0) throw new Error(`no ${surface}`);
    const end = start + surface.length;
    let t0 = 0;
    while (t.starts[t0] < start) t0++;
    let t1 = t0;
    while (t1 + 1 < t.length && t.ends[t1] < end) t1++;
    mentions.push({ start, end, type, t0, t1 });
    from = end;
  }
  return resolveEntities({ text, starts: t.starts, ends: t.ends, mentions, lexicon, published });
}

describe('resolveEntities', () => {
  it('joins hyphenation/transliteration variants and surnames', () => {
    const ents = resolve('Kim Il-sung met Kim Il Sung. Later Kim Il-Sung spoke.', [
      ['Kim Il-sung', 'PERSON'],
      ['Kim Il Sung', 'PERSON'],
      ['Kim Il-Sung', 'PERSON'],
    ]);
    expect(ents).toHaveLength(1);
    expect(ents[0].mentions).toHaveLength(3);
  });

  it('keeps different people with a shared surname apart when full names differ', () => {
    const ents = resolve('John Smith met Mary Smith. Mary Smith spoke.', [
      ['John Smith', 'PERSON'],
      ['Mary Smith', 'PERSON'],
      ['Mary Smith', 'PERSON'],
    ]);
    expect(ents).toHaveLength(2);
    expect(ents[1].mentions).toHaveLength(2);
  });

  it('does not give a full name to someone whose other full name differs, through a shared bare surname', () => {
    const ents = resolve('Kim Jong-un arrived. Kim smiled. Daniel Kim, an envoy, frowned.', [
      ['Kim Jong-un', 'PERSON'],
      ['Kim', 'PERSON'],
      ['Daniel Kim', 'PERSON'],
    ]);
    expect(ents.map((e) => e.name)).toEqual(['Kim Jong-un', 'Daniel Kim']);
    expect(ents[0].mentions).toHaveLength(2);
  });

  it('still gives a full name to a bare surname seen first', () => {
    const ents = resolve('Lavrov arrived. Sergey Lavrov spoke.', [
      ['Lavrov', 'PERSON'],
      ['Sergey Lavrov', 'PERSON'],
    ]);
    expect(ents).toHaveLength(1);
    expect(ents[0].name).toBe('Sergey Lavrov');
  });

  it('joins "the Bank" and "the Commission" to the full names before them, and nothing else', () => {
    const ents = resolve(
      'The Bank of Valmora raised rates. The European Commission objected. The Bank said rates would stay high; the Commission disagreed. Apple declined to comment.',
      [
        ['Bank of Valmora', 'ORG'],
        ['European Commission', 'ORG'],
        ['Bank', 'ORG'],
        ['Commission', 'ORG'],
        ['Apple', 'ORG'],
      ],
    );
    expect(ents.map((e) => [e.name, e.mentions.length])).toEqual([
      ['Bank of Valmora', 2],
      ['European Commission', 2],
      ['Apple', 1],
    ]);
  });

  it("keeps two countries' ministries apart, and gives a bare one to the ministry named last", () => {
    const ents = resolve(
      "The Russian Foreign Ministry protested. The Chinese Foreign Ministry agreed. Russia's Foreign Ministry repeated it. The Foreign Ministry later added more.",
      [
        ['Russian', 'NORP'],
        ['Foreign Ministry', 'ORG'],
        ['Chinese', 'NORP'],
        ['Foreign Ministry', 'ORG'],
        ['Russia', 'GPE'],
        ['Foreign Ministry', 'ORG'],
        ['Foreign Ministry', 'ORG'],
      ],
    );
    const ministries = ents.filter((e) => e.type === 'ORG');
    expect(ministries.map((e) => [e.country, e.mentions.length])).toEqual([
      ['RUS', 3],
      ['CHN', 1],
    ]);
  });

  it('uses the longest proper form as the canonical name, and a stable key', () => {
    const ents = resolve(
      'Lavrov arrived. Sergey Lavrov then spoke.',
      [
        ['Lavrov', 'PERSON'],
        ['Sergey Lavrov', 'PERSON'],
      ],
      '2023-10-18',
    );
    expect(ents).toHaveLength(1);
    expect(ents[0].name).toBe('Sergey Lavrov');
    expect(ents[0].actor).toBe('RUSGOV');
    expect(ents[0].key).toBe('PERSON:sergey lavrov|RUSGOV');
    expect(ents[0].country).toBe('RUS');
  });

  it('joins a bare acronym used before its expansion by initials', () => {
    const ents = resolve('NATO said. The North Atlantic Treaty Organization added.', [
      ['NATO', 'ORG'],
      ['North Atlantic Treaty Organization', 'ORG'],
    ]);
    expect(ents).toHaveLength(1);
    expect(ents[0].name).toBe('North Atlantic Treaty Organization');
  });

  it('merges country names and gives places their country', () => {
    const ents = resolve('Russia and the Russian Federation; Pyongyang.', [
      ['Russia', 'GPE'],
      ['Russian Federation', 'GPE'],
      ['Pyongyang', 'GPE'],
    ]);
    expect(ents).toHaveLength(2);
    expect(ents[0].key).toBe('GPE:russia|RUS');
    expect(ents[1].country).toBe('PRK');
  });

  it('attaches title mentions to the role holder', () => {
    const text = 'Russian Foreign Minister Sergey Lavrov landed. The minister met officials.';
    const ents = resolve(text, [
      ['Russian', 'NORP'],
      ['Sergey Lavrov', 'PERSON'],
    ]);
    const lav = ents.find((e) => e.type === 'PERSON');
    expect(lav?.roles).toEqual(['Foreign Minister']);
    expect(lav?.country).toBe('RUS');
    expect(lav?.mentions.map((m) => text.slice(m.start, m.end))).toEqual(['Sergey Lavrov', 'The minister']);
  });

  it('derives an actor code from country and role when the person is unknown', () => {
    const ents = resolve(
      "Ruritania's Foreign Minister Jan Novak and France's Defence Minister Anne Durand met.",
      [
        ['Ruritania', 'GPE'],
        ['Jan Novak', 'PERSON'],
        ['France', 'GPE'],
        ['Anne Durand', 'PERSON'],
      ],
    );
    const durand = ents.find((e) => e.name === 'Anne Durand');
    expect(durand?.country).toBe('FRA');
    expect(durand?.actor).toBe('FRAGOV');
    expect(durand?.key).toBe('PERSON:anne durand|FRAGOV');
    const novak = ents.find((e) => e.name === 'Jan Novak');
    expect(novak?.country).toBeNull();
    expect(novak?.roles).toEqual(['Foreign Minister']);
  });
});
