import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/document/types.ts';
import { analyze, entity, quoteWith, slice } from './helpers.ts';

/** The quote whose speaker mention reads exactly `mention`. */
const spokenBy = (doc: Document, mention: string) =>
  doc.quotes.find((q) => q.speakerSpan && slice(doc, q.speakerSpan) === mention);

const ARTICLE = [
  'Foreign Minister Irena Kostova arrived in Tarvin on Monday for two days of talks.',
  'Kostova said that the two governments would resume talks on the harbour next month.',
  'She added that a joint commission would meet in April.',
  '“Nobody expects a quick deal,” the minister told reporters.',
  'The Foreign Ministry denied that it had received a formal note from Tarvin.',
  'The ministry later said that the note had been lost in the post.',
  '“We have seen the reports,” the White House said in a statement.',
].join('\n\n');

function entities(text: string) {
  return [
    entity(text, 'e1', 'PERSON', 'Irena Kostova', ['Irena Kostova', 'Kostova'], ['Foreign Minister']),
    entity(text, 'e2', 'GPE', 'Tarvin', ['Tarvin']),
    entity(text, 'e3', 'ORG', 'Foreign Ministry', ['Foreign Ministry']),
    entity(text, 'e4', 'ORG', 'White House', ['White House']),
  ];
}

describe('speaker resolution through the entities layer', () => {
  const doc = analyze(ARTICLE, entities(ARTICLE));

  it('resolves a name to its entity', () => {
    const q = quoteWith(doc, 'resume talks');
    expect(slice(doc, q?.speakerSpan)).toBe('Kostova');
    expect(q?.speaker).toBe('e1');
    expect(q?.speakerName).toBe('Irena Kostova');
  });

  it('resolves a pronoun to the person speaking before it', () => {
    const q = quoteWith(doc, 'joint commission');
    expect(slice(doc, q?.speakerSpan)).toBe('She');
    expect(q?.speaker).toBe('e1');
  });

  it('resolves "the minister" through the roles of a person', () => {
    const q = quoteWith(doc, 'quick deal');
    expect(slice(doc, q?.speakerSpan)).toBe('the minister');
    expect(q?.speaker).toBe('e1');
    expect(q?.speakerName).toBe('Irena Kostova');
  });

  it('resolves "the ministry" to the organisation', () => {
    const q = quoteWith(doc, 'lost in the post');
    expect(slice(doc, q?.speakerSpan)).toBe('The ministry');
    expect(q?.speaker).toBe('e3');
  });

  it('resolves an institution named by its building', () => {
    const q = quoteWith(doc, 'seen the reports');
    expect(slice(doc, q?.speakerSpan)).toBe('the White House');
    expect(q?.speaker).toBe('e4');
    expect(q?.speakerName).toBe('White House');
  });

  it('falls back to the mention text when the entities layer is empty', () => {
    const bare = analyze(ARTICLE);
    const q = quoteWith(bare, 'quick deal');
    expect(q?.speaker).toBeNull();
    expect(q?.speakerName).toBe('the minister');
    const q2 = quoteWith(bare, 'resume talks');
    expect(q2?.speakerName).toBe('Kostova');
  });

  it('numbers quotes in text order', () => {
    expect(doc.quotes.map((q) => q.id)).toEqual(doc.quotes.map((_, i) => `q${i + 1}`));
    for (let i = 1; i < doc.quotes.length; i++)
      expect(doc.quotes[i].start).toBeGreaterThanOrEqual(doc.quotes[i - 1].start);
  });

  it('keeps every span inside the text', () => {
    for (const q of doc.quotes) {
      for (const s of [q, q.speakerSpan, q.cue, ...(q.fragments ?? [])]) {
        if (!s) continue;
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(doc.text.length);
        expect(s.end).toBeGreaterThan(s.start);
      }
    }
  });
});

describe('speakers with an apposition, in the first person, or none at all', () => {
  it('names the head of an apposition, not a place inside it', () => {
    const text = 'Dorota Wilk, an economist in Gdansk, said the port would lose trade this winter.';
    const doc = analyze(text, [entity(text, 'e1', 'GPE', 'Gdansk', ['Gdansk'])]);
    const q = quoteWith(doc, 'lose trade');
    expect(slice(doc, q?.speakerSpan)).toBe('Dorota Wilk, an economist in Gdansk,');
    expect(q?.speaker).toBeNull();
    expect(q?.speakerName).toBe('Dorota Wilk');
  });

  it('still finds the person after a place that opens the mention', () => {
    const text = 'Tarvin, Valmora, Mayor Ana Petrov said the bridge would reopen in May.';
    const doc = analyze(text, [
      entity(text, 'e1', 'GPE', 'Tarvin', ['Tarvin']),
      entity(text, 'e2', 'PERSON', 'Ana Petrov', ['Ana Petrov']),
    ]);
    const q = quoteWith(doc, 'bridge would reopen');
    expect(q?.speaker).toBe('e2');
  });

  it('gives "I" inside an answer to the one answering', () => {
    const text = [
      'Question: Will the region back the plan?',
      'Irena Kostova: We discussed this at length with our partners. I believe that the whole region will support this plan in the end.',
    ].join('\n\n');
    const doc = analyze(text, [entity(text, 'e1', 'PERSON', 'Irena Kostova', ['Irena Kostova'])]);
    const inner = spokenBy(doc, 'I');
    expect(inner).toBeDefined();
    expect(inner?.speaker).toBe('e1');
    expect(inner?.speakerName).toBe('Irena Kostova');
  });

  it('gives "we" inside an answer to the one answering, not to the place named before', () => {
    const text = [
      'Foreign Minister Ana Petrov spoke in Tarvin on Friday.',
      'Question: Will the port reopen this month?',
      'Ana Petrov: We expect it to reopen within two weeks.',
    ].join('\n\n');
    const doc = analyze(text, [
      entity(text, 'e1', 'PERSON', 'Ana Petrov', ['Ana Petrov']),
      entity(text, 'e2', 'GPE', 'Tarvin', ['Tarvin']),
    ]);
    const inner = spokenBy(doc, 'We');
    expect(inner).toBeDefined();
    expect(inner?.speaker).toBe('e1');
    // outside any quotation "we" still goes to the group named before it
    const plain = 'The Tarvin port board met on Monday. We expect the port to reopen soon, the board said.';
    const d2 = analyze(plain, [entity(plain, 'o1', 'ORG', 'Tarvin port board', ['Tarvin port board'])]);
    const we = spokenBy(d2, 'We');
    expect(we?.speaker).toBe('o1');
  });

  it('resolves "the board" and "the authority" to the organisation of that name before them', () => {
    const text =
      'The Tarvin Port Board met the Valmoran Maritime Authority on Monday. The port would reopen in May, the board said. The authority said repairs were on schedule.';
    const doc = analyze(text, [
      entity(text, 'o1', 'ORG', 'Tarvin Port Board', ['Tarvin Port Board']),
      entity(text, 'o2', 'ORG', 'Valmoran Maritime Authority', ['Valmoran Maritime Authority']),
    ]);
    expect(quoteWith(doc, 'would reopen in May')?.speaker).toBe('o1');
    expect(quoteWith(doc, 'repairs were on schedule')?.speaker).toBe('o2');
  });

  it('reads "As reported by X, …" as X reporting the rest of the sentence', () => {
    const text =
      'The talks ran late. As reported by the Telegram channel of the Foreign Ministry, the two ministers also discussed fisheries.';
    const doc = analyze(text, [
      entity(text, 'e1', 'ORG', 'Telegram', ['Telegram']),
      entity(text, 'e2', 'ORG', 'Foreign Ministry', ['Foreign Ministry']),
    ]);
    expect(doc.quotes).toHaveLength(1);
    const q = doc.quotes[0];
    expect(slice(doc, q)).toBe('the two ministers also discussed fisheries');
    expect(slice(doc, q.speakerSpan)).toBe('the Telegram channel of the Foreign Ministry');
    expect(slice(doc, q.cue)).toBe('reported');
    expect(q.speaker).toBe('e2');
  });
});

describe('"As X reports, …"', () => {
  it.each([
    ['As RBN reports, the navy has increased patrols near the harbour.', 'RBN', 'reports'],
    [
      'As the Harbour Review noted on Monday, the navy has increased patrols near the harbour.',
      'the Harbour Review',
      'noted',
    ],
  ])('reads %s as the outlet reporting the rest of the sentence', (text, speaker, cue) => {
    const doc = analyze(text);
    expect(doc.quotes.map((q) => [slice(doc, q), slice(doc, q.speakerSpan), slice(doc, q.cue)])).toEqual([
      [text.slice(text.indexOf('the navy'), -1), speaker, cue],
    ]);
  });

  it('leaves "As Tarvin grows, …" and "As I said, …" alone', () => {
    expect(analyze('As Tarvin grows, the harbour becomes busier every year.').quotes).toEqual([]);
    // the author's own "As I said" is not a source for the rest of the sentence
    expect(
      quoteWith(analyze('As I said before, the harbour is the heart of the city.'), 'heart'),
    ).toBeUndefined();
  });
});

describe('relative pronouns as speakers', () => {
  it('resolves "who" to the person named just before it', () => {
    const text =
      'The plan was drafted by Ana Petrov, who said that the bridge would reopen in May, and by the city council.';
    const doc = analyze(text, [
      entity(text, 'e1', 'PERSON', 'Ana Petrov', ['Ana Petrov']),
      entity(text, 'e2', 'ORG', 'city council', ['city council']),
    ]);
    const q = quoteWith(doc, 'bridge would reopen');
    expect(slice(doc, q?.speakerSpan)).toBe('who');
    expect(q?.speaker).toBe('e1');
    expect(q?.speakerName).toBe('Ana Petrov');
  });
});

describe('"the company"', () => {
  it('is the organisation the story is about, not the partner named last', () => {
    const text = [
      'Valmora Steel cut its forecast on Monday. Valmora Steel blamed weak demand in Europe.',
      'Valmora Steel also signed a supply deal with Tarvin Motors.',
      'The company said that prices would recover next year.',
    ].join('\n\n');
    const doc = analyze(text, [
      entity(text, 'e1', 'ORG', 'Valmora Steel', ['Valmora Steel']),
      entity(text, 'e2', 'ORG', 'Tarvin Motors', ['Tarvin Motors']),
    ]);
    const q = quoteWith(doc, 'prices would recover');
    expect(slice(doc, q?.speakerSpan)).toBe('The company');
    expect(q?.speaker).toBe('e1');
  });
});

describe('unnamed speakers', () => {
  it('carries an unnamed speaker on to the "he" of the next quote', () => {
    const text =
      '“The queue at the border has doubled since Monday,” a customs spokesman said.\n\n“We have asked for more staff, but nobody has answered,” he said.';
    const doc = analyze(text, [entity(text, 'e1', 'ORG', 'customs', ['customs'])]);
    const q = quoteWith(doc, 'more staff');
    expect(slice(doc, q?.speakerSpan)).toBe('he');
    expect(q?.speakerName).toBeTruthy();
    expect(q?.speakerName).not.toBe('he');
    expect(q?.speakerName).toBe(quoteWith(doc, 'queue at the border')?.speakerName);
  });

  it('does not make a country of "one large U.S. miller", but lets "U.S. officials" speak for it', () => {
    const text =
      '“The quota has no teeth,” one large U.S. miller said on Tuesday.\n\n“We will watch the shipments closely,” U.S. officials said.';
    const doc = analyze(text, [entity(text, 'e1', 'GPE', 'United States', ['U.S.'])]);
    const miller = quoteWith(doc, 'no teeth');
    expect(miller?.speaker).toBeNull();
    expect(miller?.speakerName).toBe('one large U.S. miller');
    expect(quoteWith(doc, 'shipments closely')?.speaker).toBe('e1');
  });
});

describe('a country inside a speaker mention', () => {
  it('gives "the Valmoran Foreign Ministry" to the ministry, and "The Valmoran Republic" to the state', () => {
    const text = [
      'The Valmoran Foreign Ministry said that the talks would resume in May.',
      'The Valmoran Republic, on the other hand, declared that it would not attend.',
    ].join('\n\n');
    const doc = analyze(text, [
      entity(text, 'e1', 'NORP', 'Valmoran', ['Valmoran']),
      entity(text, 'e2', 'ORG', 'Foreign Ministry', ['Foreign Ministry']),
      entity(text, 'e3', 'GPE', 'Valmoran Republic', ['Valmoran Republic']),
    ]);
    expect(quoteWith(doc, 'talks would resume')?.speaker).toBe('e2');
    expect(quoteWith(doc, 'not attend')?.speaker).toBe('e3');
  });
});

describe('a full name that does not fit the person its surname points to', () => {
  it('keeps "Daniel Kim" apart from Kim Jong-un when the entities layer merged the surname', () => {
    const text =
      'Kim Jong-un met the envoy on Monday.\n\nDaniel Kim, a US envoy for the region, said that the talks were troubling.\n\nKim said that the talks went well.';
    const kimAt = text.indexOf('Kim,');
    const leader = entity(text, 'e1', 'PERSON', 'Kim Jong-un', ['Kim Jong-un']);
    // the tagger saw only "Kim" in "Daniel Kim" and the resolver joined it to the leader
    leader.mentions.push(
      { start: kimAt, end: kimAt + 3 },
      { start: text.lastIndexOf('Kim'), end: text.lastIndexOf('Kim') + 3 },
    );
    leader.mentions.sort((a, b) => a.start - b.start);
    const doc = analyze(text, [leader]);
    const envoy = quoteWith(doc, 'troubling');
    expect(envoy?.speaker).toBeNull();
    expect(envoy?.speakerName).toBe('Daniel Kim');
    expect(quoteWith(doc, 'went well')?.speaker).toBe('e1');
  });
});

describe('places and employers inside speaker mentions', () => {
  const text = [
    'The Tarvin-based weekly Harbour Review said that freight rates would rise.',
    'Valmora’s Minister for Trade Negotiations said that the tariff would stay.',
    'Pekao’s Okonjo said that the bank would cut rates.',
    'The Valmoran Republic said that it would not attend.',
  ].join('\n\n');
  const doc = analyze(text, [
    entity(text, 'e1', 'GPE', 'Tarvin', ['Tarvin']),
    entity(text, 'e2', 'GPE', 'Valmora', ['Valmora']),
    entity(text, 'e3', 'ORG', 'Trade Negotiations', ['Trade Negotiations']),
    entity(text, 'e4', 'ORG', 'Pekao', ['Pekao']),
    entity(text, 'e5', 'PERSON', 'Irena Okonjo', ['Irena Okonjo', 'Okonjo']),
    entity(text, 'e6', 'GPE', 'Valmoran Republic', ['Valmoran Republic']),
  ]);

  it('does not give a paper to the city it is based in', () => {
    const q = quoteWith(doc, 'freight rates');
    expect(q?.speaker).toBeNull();
    expect(q?.speakerName).toMatch(/Harbour Review$/);
  });

  it('does not give a minister to the organisation named in the title', () => {
    expect(quoteWith(doc, 'tariff would stay')?.speaker).not.toBe('e3');
  });

  it('gives "Pekao’s Okonjo" to the person, not the employer', () => {
    expect(quoteWith(doc, 'cut rates')?.speaker).toBe('e5');
  });

  it('gives a state named in full to the state', () => {
    expect(quoteWith(doc, 'not attend')?.speaker).toBe('e6');
  });
});

describe('a possessive before the speaker', () => {
  const text =
    "Valmora's Trade Minister Daniel Okafor on Tuesday expressed support for the new port agreement.";
  const okafor = entity(text, 'e2', 'PERSON', 'Daniel Okafor', ['Daniel Okafor'], ['Trade Minister']);

  it.each([
    ['a country', 'GPE'],
    // an invented country the tagger took for a person's name
    ['a name the tagger took for a person', 'PERSON'],
  ] as const)('gives the words to the person named after %s', (_, type) => {
    const doc = analyze(text, [entity(text, 'e1', type, 'Valmora', ['Valmora']), okafor]);
    const q = quoteWith(doc, 'port agreement');
    expect(slice(doc, q?.speakerSpan)).toBe("Valmora's Trade Minister Daniel Okafor");
    expect(q?.speaker).toBe('e2');
  });

  it.each(['GPE', 'PERSON'] as const)(
    'gives the words to the person in the apposition after "Tarvin’s envoy" (Tarvin a %s)',
    (type) => {
      const text =
        '“There is no blockade,” Tarvin’s envoy to the United Nations, Daniel Okafor, told the council.';
      const doc = analyze(text, [
        entity(text, 'e1', type, 'Tarvin', ['Tarvin']),
        entity(text, 'e2', 'PERSON', 'Daniel Okafor', ['Daniel Okafor']),
        entity(text, 'e3', 'ORG', 'United Nations', ['United Nations']),
      ]);
      expect(quoteWith(doc, 'no blockade')?.speaker).toBe('e2');
    },
  );
});
