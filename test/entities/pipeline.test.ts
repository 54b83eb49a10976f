import { describe, expect, it } from 'vitest';
import { entityAt } from '../../src/entities/index.ts';
import { byMention, entitiesOf, fixture, surfaces } from './helpers.ts';

describe('entities stage on a summit article (own fixture)', () => {
  const { doc } = entitiesOf(fixture('summit-article.txt'), '2023-06-13');

  it('emits ids in order of first mention, mentions sorted and inside the text', () => {
    doc.entities.forEach((e, i) => {
      expect(e.id).toBe(`e${i + 1}`);
      for (let k = 1; k < e.mentions.length; k++)
        expect(e.mentions[k].start).toBeGreaterThanOrEqual(e.mentions[k - 1].start);
      for (const m of e.mentions) expect(m.end).toBeLessThanOrEqual(doc.text.length);
    });
    for (let i = 1; i < doc.entities.length; i++)
      expect(doc.entities[i].mentions[0].start).toBeGreaterThanOrEqual(doc.entities[i - 1].mentions[0].start);
  });

  it('clusters full name, surname, honorific and title mentions of one person', () => {
    const e = byMention(doc, 'Annalena Baerbock');
    expect(e?.type).toBe('PERSON');
    const s = surfaces(doc, e!);
    expect(s.filter((x) => x === 'Baerbock').length).toBeGreaterThanOrEqual(2);
    expect(s).toContain('The foreign minister');
    expect(e?.roles).toContain('Foreign Minister');
    expect(e?.country).toBe('DEU');
  });

  it('reads roles and countries from pre-modifiers and appositions', () => {
    const ryabkov = byMention(doc, 'Sergei Ryabkov');
    expect(ryabkov?.roles).toContain('Deputy Foreign Minister');
    expect(ryabkov?.country).toBe('RUS');
    expect(ryabkov?.actor).toBe('RUSGOV');
    const kirby = byMention(doc, 'John Kirby');
    expect(kirby?.roles.some((r) => r.startsWith('Coordinator for Strategic Communications'))).toBe(true);
    const grossi = byMention(doc, 'Rafael Grossi');
    expect(grossi?.roles.some((r) => /Director General/.test(r))).toBe(true);
  });

  it('joins an acronym introduced in parentheses and its later bare uses', () => {
    const iaea = byMention(doc, 'International Atomic Energy Agency');
    expect(iaea?.type).toBe('ORG');
    expect(surfaces(doc, iaea!).filter((x) => x === 'IAEA').length).toBeGreaterThanOrEqual(2);
    expect(iaea?.aliases).toContain('IAEA');
  });

  it('treats Russia and the Russian Federation as one state with a country key', () => {
    const ru = byMention(doc, 'Russia');
    expect(ru?.type).toBe('GPE');
    expect(surfaces(doc, ru!).some((x) => /Russian Federation/.test(x))).toBe(true);
    expect(ru?.country).toBe('RUS');
    expect(ru?.key).toBe('GPE:russia|RUS');
    const iran = byMention(doc, 'Iran');
    expect(surfaces(doc, iran!)).toContain('Islamic Republic of Iran');
  });

  it('gives cities their country and nationalities the NORP type', () => {
    expect(byMention(doc, 'Tehran')?.country).toBe('IRN');
    expect(byMention(doc, 'Moscow')?.country).toBe('RUS');
    const norp = byMention(doc, 'Austrian');
    expect(norp?.type).toBe('NORP');
    expect(norp?.country).toBe('AUT');
  });

  it('finds the country of an organisation from the nationality in front of it', () => {
    const ministry = doc.entities.find((e) => e.type === 'ORG' && /Foreign Ministry/.test(e.name));
    expect(ministry?.country).toBe('IRN');
    expect(surfaces(doc, ministry!)).toContain('the ministry');
  });

  it('entityAt finds the entity under an offset', () => {
    const at = doc.text.indexOf('Sergei Ryabkov') + 3;
    expect(entityAt(doc, at)?.entity.name).toBe('Sergei Ryabkov');
    expect(entityAt(doc, 0)?.entity.type ?? null).not.toBe('PERSON');
  });
});

describe('entities stage on a ministry briefing (own fixture)', () => {
  const { doc } = entitiesOf(fixture('ministry-briefing.txt'));

  it('joins transliteration and hyphenation variants of a name', () => {
    const choe = byMention(doc, 'Choe Son-hui');
    expect(choe?.type).toBe('PERSON');
    expect(surfaces(doc, choe!)).toContain('Choe Son Hui');
    expect(choe?.country).toBe('PRK');
  });

  it('joins an acronym with its expansion and later bare uses', () => {
    const kcna = byMention(doc, 'KCNA');
    expect(kcna?.type).toBe('ORG');
    expect(kcna?.name).toBe('Korean Central News Agency');
    expect(surfaces(doc, kcna!).filter((x) => x === 'KCNA').length).toBe(2);
  });

  it('keeps the full country name as one GPE with the DPRK', () => {
    const prk = byMention(doc, "Democratic People's Republic of Korea");
    expect(prk?.type).toBe('GPE');
    expect(prk?.country).toBe('PRK');
    expect(surfaces(doc, prk!)).toContain('DPRK');
  });

  it('reads role and country from a demonym pre-modifier', () => {
    const b = byMention(doc, 'Batmunkh Battsetseg');
    expect(b?.roles).toContain('Foreign Minister');
    expect(b?.country).toBe('MNG');
    expect(surfaces(doc, b!)).toContain('Battsetseg');
  });
});

describe('entities stage on a markets story with a results table (own fixture)', () => {
  const { doc } = entitiesOf(fixture('markets-and-results.txt'), '2024-03-04');

  it('types the teams of a results table as organisations, also after a score', () => {
    for (const team of ['Brann', 'Molde', 'Rosenborg', 'Viking', 'Lillestrom', 'Odd'])
      expect(byMention(doc, team)?.type, team).toBe('ORG');
    // the team named in the table and again in the prose is one entity
    expect(surfaces(doc, byMention(doc, 'Molde')!)).toEqual(['Molde', 'Molde']);
  });

  it('keeps a company, its short name and its chief executive apart', () => {
    const company = byMention(doc, 'Norvik Kabel');
    expect(surfaces(doc, company!).filter((x) => x === 'Norvik').length).toBe(2);
    const ceo = byMention(doc, 'Ingrid Solberg');
    expect(ceo?.type).toBe('PERSON');
    expect(surfaces(doc, ceo!)).toContain('Solberg');
    expect(ceo).not.toBe(company);
  });

  it('finds the countries and the town named in the story', () => {
    expect(byMention(doc, 'Estonia')?.country).toBe('EST');
    expect(byMention(doc, 'Finland')?.country).toBe('FIN');
    expect(byMention(doc, 'Halden')?.type).toBe('GPE');
    expect(byMention(doc, 'Norwegian')?.type).toBe('NORP');
  });
});

describe('entities stage robustness', () => {
  it('handles empty and odd input without throwing', () => {
    expect(entitiesOf('').entities).toEqual([]);
    expect(() => entitiesOf('!!! ??? 😀😀 “” — 12,000.5 \n\n\n ...')).not.toThrow();
    expect(() => entitiesOf('A'.repeat(5000))).not.toThrow();
    expect(() => entitiesOf('“Lavrov”, he said. (NATO) [EU] {UN}')).not.toThrow();
  });
});
