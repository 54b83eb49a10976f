import { describe, expect, it } from 'vitest';
import type { Quote } from '../../src/document/types.ts';
import type { ModelLoader } from '../../src/models.ts';
import { createDocument, runStages } from '../../src/pipeline.ts';
import { dropNonSpeakers } from '../../src/quotes/rules.ts';
import { analyze, quoteWith, quotesStage, slice } from './helpers.ts';

describe('direct quotes', () => {
  it.each([
    ['“”', '“We will never accept these terms,” Kim Jong-un emphasized.'],
    ['""', '"We will never accept these terms," Kim Jong-un emphasized.'],
    ['‘’', '‘We will never accept these terms,’ Kim Jong-un emphasized.'],
    ['«»', '«We will never accept these terms,» Kim Jong-un emphasized.'],
    ['„“', '„We will never accept these terms,“ Kim Jong-un emphasized.'],
  ])('finds a %s quote with its speaker named after it', (_marks, text) => {
    const doc = analyze(text);
    expect(doc.quotes).toHaveLength(1);
    const q = doc.quotes[0];
    expect(q.id).toBe('q1');
    expect(q.kind).toBe('direct');
    expect(slice(doc, q)).toBe(text.slice(0, text.indexOf(' Kim')));
    expect(slice(doc, q.speakerSpan)).toBe('Kim Jong-un');
    expect(slice(doc, q.cue)).toBe('emphasized');
    expect(q.speakerName).toBe('Kim Jong-un');
  });

  it('keeps a multi-sentence quote whole', () => {
    const text =
      'Holm was asked about the budget. “The deficit is shrinking. Exports are up. We are on track,” she said.';
    const q = quoteWith(analyze(text), 'deficit');
    expect(q).toBeDefined();
    expect(analyze(text).text.slice(q!.start, q!.end)).toBe(
      '“The deficit is shrinking. Exports are up. We are on track,”',
    );
  });

  it('keeps a quotation longer than the tagger window whole', () => {
    // about 70 words before the cue: the span tagger sees only 55 tokens on each side of it
    const said =
      '“After our talks in the spring, the ties between our two nations are warmer than they have been for a generation; the mood in both capitals is good, and our people follow every step of these talks with great attention. It’s a real pleasure that I’m able to welcome you here at such a moment, and I hope that you’ll carry our greetings home to your government and your people, Mr Envoy,“';
    const text = `The envoy was received at the palace on Tuesday. ${said} the president stressed.`;
    const doc = analyze(text);
    const q = quoteWith(doc, 'pleasure');
    expect(q?.kind).toBe('direct');
    expect(slice(doc, q)).toBe(said);
    expect(slice(doc, q?.cue)).toBe('stressed');
  });

  it('joins a quote interrupted by its attribution into one quote with fragments', () => {
    const text =
      '“We are not going to give up a single metre of the coast,” Kostova told reporters, “but we are ready to listen.”';
    const doc = analyze(text);
    expect(doc.quotes).toHaveLength(1);
    const q = doc.quotes[0];
    expect(q.kind).toBe('direct');
    expect(q.fragments).toHaveLength(2);
    expect(slice(doc, q.fragments![0])).toBe('“We are not going to give up a single metre of the coast,”');
    expect(slice(doc, q.fragments![1])).toBe('“but we are ready to listen.”');
    expect(q.start).toBe(0);
    expect(q.end).toBe(text.length);
    expect(slice(doc, q.speakerSpan)).toBe('Kostova');
    expect(slice(doc, q.cue)).toBe('told');
  });

  it('joins the parts of a quote whose attribution goes on between them', () => {
    const text =
      '“The harbour stays open,” Kostova said of the blockade, which has lasted since June, has cost the port most of its trade and has been called illegal by the ministry from its first day. “Nobody will close it while I am minister.”';
    const doc = analyze(text);
    const q = quoteWith(doc, 'harbour stays open');
    expect(q?.fragments).toHaveLength(2);
    expect(q?.start).toBe(0);
    expect(slice(doc, q?.fragments?.[1])).toBe('“Nobody will close it while I am minister.”');
    expect(slice(doc, q?.speakerSpan)).toBe('Kostova');
  });

  it('ends a quotation at its attribution when unquoted narration follows', () => {
    const text =
      '“We will be back next year,” the captain said, and the crowd on the pier began to cheer as the ship left the harbour.';
    const doc = analyze(text);
    const q = quoteWith(doc, 'back next year');
    expect(slice(doc, q)).toBe('“We will be back next year,”');
    expect(q?.kind).toBe('direct');
    expect(doc.quotes.some((x) => slice(doc, x)!.includes('crowd on the pier began'))).toBe(false);
  });

  it('joins a quote that runs over two paragraphs', () => {
    const text =
      'Minister Irena Kostova said: “We will not give up the harbour.\n\n“We are ready to talk, but not at any price.”\n\nThe talks resume in April.';
    const doc = analyze(text);
    const q = quoteWith(doc, 'harbour');
    expect(q).toBeDefined();
    expect(slice(doc, q!)).toContain('not at any price');
    expect(slice(doc, q!.speakerSpan)).toContain('Kostova');
  });

  it('attributes a quote whose speaker is in the sentence before it', () => {
    const text = 'The minister was blunt. “The sanctions have failed. Everybody can see it.”';
    const q = quoteWith(analyze(text), 'sanctions');
    expect(q).toBeDefined();
    expect(slice(analyze(text), q!.speakerSpan)).toBe('The minister');
  });

  it('attributes a quote introduced by "X said:"', () => {
    const text = 'The envoy said: "He told me "never again" and left the room."';
    const doc = analyze(text);
    expect(doc.quotes).toHaveLength(1);
    expect(slice(doc, doc.quotes[0])).toBe('"He told me "never again" and left the room."');
    expect(slice(doc, doc.quotes[0].speakerSpan)).toBe('The envoy');
  });

  it('attributes a quote signed with a dash', () => {
    const text =
      '“Nobody in this town believes the promises any more.” ― Laila Okafor\n\n“We need jobs, not speeches.” ― Tom Reyes';
    const doc = analyze(text);
    expect(doc.quotes).toHaveLength(2);
    expect(doc.quotes.map((q) => slice(doc, q.speakerSpan))).toEqual(['Laila Okafor', 'Tom Reyes']);
    expect(slice(doc, doc.quotes[0].cue)).toBe('―');
  });
});

describe('broken typography', () => {
  it('pairs a closing mark typed as an opening one', () => {
    const text = '”This is the wrong decision,” the chairman said.';
    const doc = analyze(text);
    expect(doc.quotes).toHaveLength(1);
    expect(doc.quotes[0].kind).toBe('direct');
    expect(slice(doc, doc.quotes[0].speakerSpan)).toBe('the chairman');
  });

  it('ends a quote left unclosed at the end of its paragraph there', () => {
    const text =
      'The mayor said: “We will rebuild the bridge by May and nobody will stop us.\n\nThe council voted later that week.';
    const doc = analyze(text);
    const q = quoteWith(doc, 'rebuild');
    expect(q).toBeDefined();
    expect(q!.end).toBeLessThanOrEqual(text.indexOf('\n\n'));
    expect(quoteWith(doc, 'council')).toBeUndefined();
  });

  it('keeps a quote inside a quote inside its outer quote', () => {
    const text = 'The farmer said: “The inspector told us ‘leave by Monday’ and drove off.”';
    const doc = analyze(text);
    expect(doc.quotes).toHaveLength(1);
    expect(slice(doc, doc.quotes[0])).toBe('“The inspector told us ‘leave by Monday’ and drove off.”');
  });

  it('keeps no quote and no fragment made of quotation marks alone', () => {
    const replied = 'Okafor replied: "That depends on the ministry."';
    const a = analyze(replied);
    expect(a.quotes.map((q) => [q.kind, slice(a, q), q.fragments])).toEqual([
      ['direct', '"That depends on the ministry."', undefined],
    ]);
    const text =
      "Union chief Daniel Okafor was less sure. 'They have said that before,' he said, adding that workers 'have heard it all'.";
    const b = analyze(text);
    for (const q of b.quotes) {
      expect(slice(b, q)).toMatch(/\p{L}/u);
      for (const f of q.fragments ?? []) expect(slice(b, f)).toMatch(/\p{L}/u);
    }
    expect(b.quotes.map((q) => slice(b, q))).toContain("'They have said that before,'");
  });

  it('never throws on malformed text', () => {
    for (const text of [
      '',
      ' ',
      '"',
      '“”',
      '” ” ”',
      'said said said',
      '\n\n\n',
      'Q:',
      'A: ',
      '“'.repeat(500),
    ]) {
      expect(() => analyze(text)).not.toThrow();
    }
  });
});

describe('indirect and mixed speech', () => {
  it.each([
    [
      'Prime Minister Dana Holm stated that the budget would be balanced by 2026.',
      'Prime Minister Dana Holm',
      'stated',
      'that the budget would be balanced by 2026',
    ],
    [
      'The spokesman stressed that no decision had been taken.',
      'The spokesman',
      'stressed',
      'that no decision had been taken',
    ],
    [
      'Holm noted that exports had grown for a third year.',
      'Holm',
      'noted',
      'that exports had grown for a third year',
    ],
    [
      'Kim Jong-un emphasized that the friendship between the two countries was unbreakable.',
      'Kim Jong-un',
      'emphasized',
      'that the friendship between the two countries was unbreakable',
    ],
    [
      'The general warned that the ceasefire was fragile.',
      'The general',
      'warned',
      'that the ceasefire was fragile',
    ],
    [
      'The ministry denied that troops had crossed the border.',
      'The ministry',
      'denied',
      'that troops had crossed the border',
    ],
    [
      'According to the defence ministry, three drones were shot down overnight.',
      'the defence ministry',
      'According to',
      'three drones were shot down overnight',
    ],
    [
      'The senator described the agreement as a historic mistake.',
      'The senator',
      'described',
      'the agreement as a historic mistake',
    ],
    [
      'The delegation expressed support for a negotiated settlement.',
      'The delegation',
      'expressed support for',
      'a negotiated settlement',
    ],
  ])('%s', (text, speaker, cue, content) => {
    const doc = analyze(text);
    expect(doc.quotes).toHaveLength(1);
    const q = doc.quotes[0];
    expect(q.kind).toBe('indirect');
    expect(slice(doc, q)).toBe(content);
    expect(slice(doc, q.speakerSpan)).toBe(speaker);
    expect(slice(doc, q.cue)).toBe(cue);
  });

  it('marks reported speech with quoted fragments as mixed', () => {
    const text = 'The mayor said the new bridge would "change the life of the whole district" within a year.';
    const doc = analyze(text);
    expect(doc.quotes).toHaveLength(1);
    expect(doc.quotes[0].kind).toBe('mixed');
    expect(slice(doc, doc.quotes[0])).toBe(
      'the new bridge would "change the life of the whole district" within a year',
    );
    expect(slice(doc, doc.quotes[0].speakerSpan)).toBe('The mayor');
  });

  it.each([
    [
      'Exporters should pay a fair share. Having said that, some economists argue the levy is far too low.',
      'the levy is far too low',
    ],
    [
      'The plan has flaws. That said, it is the best offer the unions have had in a decade, and they know it.',
      null,
    ],
    [
      'The harbour is, so to speak, the heart of the city, the mayor said.',
      'The harbour is, so to speak, the heart of the city',
    ],
  ])('attributes nothing to a set phrase with a speech verb: %s', (text, content) => {
    const doc = analyze(text);
    expect(doc.quotes.map((q) => slice(doc, q))).toEqual(content ? [content] : []);
  });

  it.each([
    ['Petrov told reporters the deal was dead.', 'the deal was dead'],
    ['The minister told parliament the budget would pass.', 'the budget would pass'],
    [
      'Okafor told reporters on Monday the port deal was dead and the talks were over.',
      'the port deal was dead and the talks were over',
    ],
  ])('takes the clause after the addressee of "told" without "that": %s', (text, content) => {
    const doc = analyze(text);
    expect(doc.quotes.map((q) => [slice(doc, q), slice(doc, q.cue)])).toEqual([[content, 'told']]);
  });

  it('takes the clause right after "said" when the tagger leaves it without content', () => {
    const text = 'Foreign Minister Ana Petrov said Tarvin, the capital, was calm.';
    const doc = analyze(text);
    expect(doc.quotes.map((q) => [slice(doc, q), slice(doc, q.speakerSpan), slice(doc, q.cue)])).toEqual([
      ['Tarvin, the capital, was calm', 'Foreign Minister Ana Petrov', 'said'],
    ]);
  });

  it('does not take an adjunct clause after "told" for what was told', () => {
    const text = 'Nobody is above the rules, Okafor told his advisers as he prepared the speech.';
    const doc = analyze(text);
    expect(doc.quotes.map((q) => slice(doc, q))).not.toContain('he prepared the speech');
  });

  it('leaves scare quotes inside narration alone', () => {
    const doc = analyze('The so-called "peace plan" was published on Monday in the capital.');
    expect(doc.quotes).toHaveLength(0);
  });
});

describe('without model files', () => {
  const empty: ModelLoader = {
    json: () => {
      throw new Error('no such model');
    },
    bytes: () => {
      throw new Error('no such model');
    },
    has: () => false,
  };

  it('still runs the typography rules and says the models are missing', () => {
    const doc = analyze('“We will never accept these terms,” Kim Jong-un emphasized.', [], empty);
    expect(doc.warnings.map((w) => w.code)).toContain('W_QUOTES_MODEL_MISSING');
    expect(doc.quotes).toHaveLength(1);
    expect(slice(doc, doc.quotes[0].speakerSpan)).toBe('Kim Jong-un');
  });
});

describe('other languages', () => {
  it('finds direct quotes by their marks without the English taggers', () => {
    const text =
      'Министр заявил журналистам в понедельник.\n\n«Мы не отступим ни на шаг, переговоры продолжатся в апреле», — сказал он.';
    const doc = createDocument({
      text,
      meta: { title: null, authors: [], published: null, outlet: null, language: 'ru', url: null },
      warnings: [],
    });
    const out = runStages(doc, [quotesStage()]);
    expect(out.stages?.quotes).toBeDefined();
    expect(out.quotes).toHaveLength(1);
    expect(out.quotes[0].kind).toBe('direct');
    expect(slice(out, out.quotes[0])).toBe('«Мы не отступим ни на шаг, переговоры продолжатся в апреле»');
  });
});

describe('speakers that are not speakers', () => {
  const quote = (text: string, speaker: string, content: string): Quote => {
    const s = text.indexOf(speaker);
    const c = text.indexOf(content);
    return {
      id: '',
      kind: 'indirect',
      start: c,
      end: c + content.length,
      speaker: null,
      speakerName: speaker,
      speakerSpan: { start: s, end: s + speaker.length },
      cue: null,
    };
  };

  it('drops a quote in the author’s voice and clears a conjunction taken for a speaker', () => {
    const text = 'As noted, the deal expires in May. So says the envoy, who expects an extension.';
    const out = dropNonSpeakers(text, [
      quote(text, 'As', 'the deal expires in May'),
      quote(text, 'So', 'the envoy, who expects an extension'),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0].speakerSpan).toBeNull();
    expect(out[0].speakerName).toBeNull();
  });

  it('clears an expletive "It" before a passive cue, but keeps "It said"', () => {
    const text = 'It has already been mentioned that the port will close. It said the port will close.';
    const passive = quote(text, 'It', 'that the port will close');
    passive.cue = { start: text.indexOf('has'), end: text.indexOf(' that') };
    const active = quote(text, 'It said'.slice(0, 2), 'the port will close.');
    active.speakerSpan = { start: text.lastIndexOf('It'), end: text.lastIndexOf('It') + 2 };
    active.cue = { start: text.indexOf('said'), end: text.indexOf('said') + 4 };
    const out = dropNonSpeakers(text, [passive, active]);
    expect(out[0].speakerSpan).toBeNull();
    expect(out[1].speakerSpan).not.toBeNull();
  });
});
