import { describe, expect, it } from 'vitest';
import { koreanNames } from '../../src/entities/korean.ts';
import { tokenize } from '../../src/text/tokenize.ts';
import { byMention, entitiesOf } from './helpers.ts';

function names(text: string): string[] {
  const t = tokenize(text);
  return koreanNames(text, t.starts, t.ends).map((m) => text.slice(m.start, m.end));
}

describe('Korean names', () => {
  it('reads a family name with a hyphenated given name as one name', () => {
    expect(names('Deputy spokesperson Kim Ha-eun and Park Ji-won met Ban Ki-moon.')).toEqual([
      'Kim Ha-eun',
      'Park Ji-won',
      'Ban Ki-moon',
    ]);
  });

  it('leaves places, English words and other hyphenated words alone', () => {
    expect(names('Flights to Jeju-do resumed. No Man-made dam failed. Kim Wall-Street said so.')).toEqual([]);
    expect(names('The Yongsan-gu office and Lee Gyeonggi-do.')).toEqual([]);
  });

  it('keeps two Kims apart in the entities layer', () => {
    const { doc } = entitiesOf(
      'North Korean leader Kim Jong-un met the delegation on Monday, and Kim praised the talks. ' +
        'Ministry spokesperson Kim Ha-eun said Seoul would respond. Park Ji-won, a lawmaker, called the visit staged.',
    );
    const leader = byMention(doc, 'Kim Jong-un');
    const spokesperson = byMention(doc, 'Kim Ha-eun');
    expect(spokesperson?.type).toBe('PERSON');
    expect(spokesperson?.id).not.toBe(leader?.id);
    expect(byMention(doc, 'Park Ji-won')?.type).toBe('PERSON');
  });
});

describe('middle initials', () => {
  it('keeps a name with a middle initial whole, and the surname a person', () => {
    const { doc } = entitiesOf(
      'Harriet K. Okonjo, the head of the division, told reporters that sales rose. Later Okonjo met Paul T. Brennan.',
    );
    const e = byMention(doc, 'Harriet K. Okonjo');
    expect(e?.type).toBe('PERSON');
    expect(byMention(doc, 'Okonjo')?.id).toBe(e?.id);
    expect(byMention(doc, 'Paul T. Brennan')?.type).toBe('PERSON');
  });
});

describe('titles tagged apart from their names', () => {
  it('reads "Valmoran Energy Minister Okafor" as a person with a role, and "he" then finds him', () => {
    const text =
      'Oil supplies could be adjusted to meet demand, Valmoran Energy Minister Okafor said on Monday.\n\nHe made no reference to the blockade.';
    const { doc } = entitiesOf(text);
    const names = doc.entities.map((e) => `${e.type} ${e.name}`);
    const person = doc.entities.find((e) => e.type === 'PERSON');
    // whatever the tagger makes of the name alone, the title in front of it makes it a person
    expect(person?.name).toBe('Okafor');
    expect(person?.roles.join(' ')).toMatch(/Minister/);
    expect(names).not.toContain('ORG Valmoran Energy Minister');
  });
});
