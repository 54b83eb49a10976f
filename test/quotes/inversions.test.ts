import { describe, expect, it } from 'vitest';
import type { Quote } from '../../src/document/types.ts';
import {
  quotedAsSaying,
  repairInversions,
  shareCoordinatedSpeakers,
  unnestAccordingTo,
} from '../../src/quotes/inversions.ts';
import { analyze, quoteWith, slice } from './helpers.ts';

/** A tagger-shaped quote over the first occurrences of `content` and `cue` in `text`. */
function tagged(text: string, content: string, cue: string, pieces?: string[]): Quote {
  const c = text.indexOf(content);
  const k = text.indexOf(cue);
  const q: Quote = {
    id: '',
    kind: 'indirect',
    start: c,
    end: c + content.length,
    speaker: null,
    speakerName: null,
    speakerSpan: null,
    cue: { start: k, end: k + cue.length },
  };
  if (pieces)
    q.fragments = pieces.map((p) => {
      const s = text.indexOf(p);
      return { start: s, end: s + p.length };
    });
  return q;
}

const whole = (text: string) => [{ start: 0, end: text.length }];

/** The content of a tagger-shaped quote after the repairs. */
/** The quote after the repairs, when the tagger took everything before its cue for the speaker. */
function repairedWithLeadingSpeaker(text: string, content: string, cue: string) {
  const q = tagged(text, content, cue);
  q.speakerSpan = { start: 0, end: text.indexOf(` ${cue}`) };
  repairInversions(text, whole(text), [q]);
  return q;
}

function repairedContent(text: string, content: string, cue: string): string {
  const q = tagged(text, content, cue);
  repairInversions(text, whole(text), [q]);
  return text.slice(q.start, q.end);
}

describe('attributions around or after their content', () => {
  it('ends content at the comma before its own cue and takes the words after it as the speaker', () => {
    const text = 'Shoppers want cheaper trains rather than faster ones, says a survey.';
    const q = tagged(text, text.slice(0, -1), 'says', [
      'Shoppers want cheaper trains rather than faster ones',
      'a survey',
    ]);
    repairInversions(text, whole(text), [q]);
    expect(text.slice(q.start, q.end)).toBe('Shoppers want cheaper trains rather than faster ones');
    expect(slice({ text } as never, q.speakerSpan)).toBe('a survey');
    expect(q.fragments).toBeUndefined();
  });

  it('takes the name after an inverted cue as the speaker', () => {
    const text = 'On the other hand, said Dr Okafor, the new cells lose less power as heat.';
    const q = tagged(text, 'Dr Okafor', 'said');
    repairInversions(text, whole(text), [q]);
    expect(slice({ text } as never, q.speakerSpan)).toBe('Dr Okafor');
    expect(text.slice(q.start, q.end)).toBe('the new cells lose less power as heat');
  });

  it('reads the words before a sentence-final cue as its speaker and the clause before them as content', () => {
    const text = 'Rail freight will double by 2030, with ports leading the way, analysts have predicted.';
    const q = tagged(text, 'double by 2030, with ports leading the way', 'have predicted', [
      'double by 2030, with ports leading the way',
      'analysts',
    ]);
    q.end = text.indexOf('analysts') + 'analysts'.length;
    repairInversions(text, whole(text), [q]);
    expect(slice({ text } as never, q.speakerSpan)).toBe('analysts');
    expect(text.slice(q.start, q.end)).toBe('Rail freight will double by 2030, with ports leading the way');
  });

  it('takes the speaker back out of content that starts with it and runs through the cue', () => {
    const text =
      'Mayor Petrov, who hopes to finish the bridge before she leaves office, said last week that the work was ahead of schedule.';
    const said = text.indexOf('said');
    const q = tagged(text, text.slice(0, -1), 'said');
    q.fragments = [
      { start: 0, end: said - 2 },
      { start: text.indexOf('that the work'), end: text.length - 1 },
    ];
    repairInversions(text, whole(text), [q]);
    expect(slice({ text } as never, q.speakerSpan)).toBe(
      'Mayor Petrov, who hopes to finish the bridge before she leaves office',
    );
    expect(text.slice(q.start, q.end)).toBe('that the work was ahead of schedule');
    expect(q.fragments).toBeUndefined();
  });

  it('swaps a clause tagged as the speaker of the noun phrase after its cue', () => {
    const text = 'Commuters prefer fast trains to slow buses, says a survey.';
    const q = repairedWithLeadingSpeaker(text, 'a survey', 'says');
    expect(slice({ text } as never, q.speakerSpan)).toBe('a survey');
    expect(text.slice(q.start, q.end)).toBe('Commuters prefer fast trains to slow buses');
  });

  it('keeps a speaker with an apposition, and a clause after the cue, the right way round', () => {
    for (const [text, content] of [
      [
        'Daniel Okafor, an envoy of the Valmoran government, said the visit was planned.',
        'the visit was planned',
      ],
      ['Ana Petrov, who chairs the port board, said the strike ended early.', 'the strike ended early'],
    ]) {
      const q = tagged(text, content, 'said');
      const speaker = { start: 0, end: text.indexOf(' said') };
      q.speakerSpan = { ...speaker };
      repairInversions(text, whole(text), [q]);
      expect(q.speakerSpan).toEqual(speaker);
      expect(text.slice(q.start, q.end)).toBe(content);
    }
    const text = 'Daniel Okafor, an envoy of the Valmoran government, said the visit was planned.';
    const [q] = analyze(text).quotes;
    expect(slice({ text } as never, q.speakerSpan)).toMatch(
      /^Daniel Okafor, an envoy of the Valmoran government/,
    );
    expect(text.slice(q.start, q.end)).toBe('the visit was planned');
  });

  it('takes the subject before ", speaking to …" for the speaker, not the participle\'s object', () => {
    for (const text of [
      'Okafor, speaking to reporters in Tarvin, said the port would reopen.',
      'Okafor, in an interview with the Tarvin Herald, said the port would reopen.',
    ]) {
      const [q] = analyze(text).quotes;
      expect(slice({ text } as never, q.speakerSpan)).toBe('Okafor');
      expect(text.slice(q.start, q.end)).toBe('the port would reopen');
    }
  });

  it('takes the subject before ", citing …" for the speaker, not the ones it cites', () => {
    const text =
      'The Harbour Review, citing unnamed officials, had reported last week that the ministry paid union leaders.';
    const q = analyze(text).quotes.find((x) => slice({ text } as never, x.cue)?.endsWith('reported'));
    expect(slice({ text } as never, q?.speakerSpan ?? null)).toBe('The Harbour Review');
  });

  it('ends a speaker cut after the "who" of its relative clause before the clause', () => {
    const text = 'A senior official, who asked not to be named, said the talks had stalled.';
    const q = analyze(text).quotes.find((x) => slice({ text } as never, x.cue) === 'said');
    expect(slice({ text } as never, q?.speakerSpan ?? null)).toBe('A senior official');
  });

  it('runs content cut at a parenthetical "according to X" on to its predicate', () => {
    for (const [text, source] of [
      ['The minister, according to two officials, resigned on Friday.', 'two officials'],
      ['Exports, according to the ministry, fell by a third in May.', 'the ministry'],
    ]) {
      const [q] = analyze(text).quotes;
      expect(slice({ text } as never, q.speakerSpan)).toBe(source);
      expect(text.slice(q.start, q.end)).toBe(text.slice(0, -1));
      expect(q.fragments?.map((f) => text.slice(f.start, f.end))).toEqual([
        text.slice(0, text.indexOf(',')),
        text.slice(text.lastIndexOf(', ') + 2, -1),
      ]);
    }
    // a whole clause before it keeps its own end: what follows is not the source's
    const text = 'Trade grew by a fifth last year, according to the port authority, but margins fell.';
    const [q] = analyze(text).quotes;
    expect(text.slice(q.start, q.end)).toBe('Trade grew by a fifth last year');
  });

  it('starts unquoted content at its "that" after an addressee, a time or a medium of the cue', () => {
    for (const [text, cue, adjunct] of [
      [
        'Officials said on condition of anonymity that the port deal was close.',
        'said',
        'on condition of anonymity ',
      ],
      [
        'Petrov wrote to the Valmoran court that he had never seen the contract.',
        'wrote',
        'to the Valmoran court ',
      ],
      ['Okafor said last week that the harbour would close for repairs.', 'said', 'last week '],
      [
        'The board said in a statement on Monday that profits had fallen.',
        'said',
        'in a statement on Monday ',
      ],
    ]) {
      const content = text.slice(text.indexOf(cue) + cue.length + 1, -1);
      const q = tagged(text, content, cue);
      repairInversions(text, whole(text), [q]);
      expect(text.slice(q.start, q.end)).toBe(content.slice(adjunct.length));
    }
    // an infinitive is not an addressee: "to show that …" stays whole
    const text = 'The mayor wanted to show that the bridge was safe.';
    expect(repairedContent(text, 'to show that the bridge was safe', 'wanted')).toBe(
      'to show that the bridge was safe',
    );
  });

  it('runs content cut at an apposition in its subject on to the predicate', () => {
    for (const [text, head] of [
      ['Petrov said the capital, Tarvin, was calm on Monday.', 'the capital'],
      ['Okafor said the port, the largest in the region, would reopen in May.', 'the port'],
    ]) {
      expect(repairedContent(text, head, 'said')).toBe(text.slice(text.indexOf(head), -1));
    }
    // not after a cue that is no reporting verb, nor before a clause that is no predicate
    const listed = 'The shop that first listed the rifle, Tarvin Arms, has removed it.';
    expect(repairedContent(listed, 'the rifle', 'first listed')).toBe('the rifle');
    const list = 'Okafor said the port, the yard, the docks and the canal.';
    expect(repairedContent(list, 'the port', 'said')).toBe('the port');
  });

  it('runs content cut at a relative clause in its subject on to the predicate', () => {
    const text = 'Okafor said the port, which was built in 1920, would close in May.';
    expect(repairedContent(text, 'the port', 'said')).toBe(
      'the port, which was built in 1920, would close in May',
    );
    // a list inside the clause is not a predicate of the subject
    const list = 'Okafor praised the plan, which cuts the fleet to ten ships, closing two yards.';
    expect(repairedContent(list, 'the plan', 'praised')).toBe('the plan');
  });

  it('starts content after the dateline that opens its story', () => {
    for (const text of [
      'TARVIN, Valmora, March 3 (Harbour Wire) — The minister arrived on Sunday, the agency said.',
      'Tarvin, 3 March (Harbour Wire) -- The minister arrived on Sunday, the agency said.',
      'TARVIN, March 3 (Harbour Wire) - The minister arrived on Sunday, the agency said.',
    ]) {
      const q = tagged(text, text.slice(0, text.indexOf(', the agency')), 'said');
      q.speakerSpan = { start: text.indexOf('the agency'), end: text.indexOf(' said') };
      repairInversions(text, whole(text), [q]);
      expect(text.slice(q.start, q.end)).toBe('The minister arrived on Sunday');
    }
  });

  it('starts content after the addressee of "told" at its "that", also with quoted words in it', () => {
    const text = 'Petrov later told the Harbour Review that the strike had cost "a great deal" in wages.';
    const q = tagged(
      text,
      'the Harbour Review that the strike had cost "a great deal" in wages',
      'later told',
      ['the Harbour Review', 'that the strike had cost "a great deal" in wages'],
    );
    repairInversions(text, whole(text), [q]);
    expect(text.slice(q.start, q.end)).toBe('that the strike had cost "a great deal" in wages');
    expect(q.fragments).toBeUndefined();
    // not after a cue other than "told", nor at a "that" past six words
    const said = 'Petrov said the members of the union that had struck for weeks went back.';
    expect(
      repairedContent(said, 'the members of the union that had struck for weeks went back', 'said'),
    ).toBe('the members of the union that had struck for weeks went back');
  });

  it('starts a speaker after the dateline that opens its story', () => {
    const text = 'TARVIN, April 9 (Harbour Wire) - The trade minister said the port would reopen in May.';
    const q = repairedWithLeadingSpeaker(text, 'the port would reopen in May', 'said');
    expect(slice({ text } as never, q.speakerSpan)).toBe('The trade minister');
  });

  it('leaves a parenthetical attribution and an interrupted quotation alone', () => {
    const text = 'This campaign, he says, is different from the last one.';
    const q = tagged(text, 'This campaign, he says, is different from the last one', 'says');
    repairInversions(text, whole(text), [q]);
    expect(q.end).toBe(text.length - 1);
    expect(q.speakerSpan).toBeNull();
    const quoted = '“We are ready,” she said, “and we will win.”';
    const r = tagged(quoted, quoted, 'said');
    repairInversions(quoted, whole(quoted), [r]);
    expect(r.end).toBe(quoted.length);
  });

  it('leaves cues that do not report speech alone', () => {
    const text = 'Markets were steady, with the pound expected to rise.';
    const q = tagged(text, 'Markets were steady, with the pound expected to rise', 'expected');
    repairInversions(text, whole(text), [q]);
    expect(q.end).toBe(text.length - 1);
  });

  it('runs in the stage on a wire-style article', () => {
    const doc = analyze(
      'Commuters prefer reliable trains to fast ones, says a new survey.\n\nThe survey asked 2,000 people about their journeys.',
    );
    const q = quoteWith(doc, 'Commuters prefer');
    expect(slice(doc, q)).toBe('Commuters prefer reliable trains to fast ones');
  });
});

describe('coordinated cues', () => {
  it('gives a cue joined by "and" the speaker of the cue before it', () => {
    const doc = analyze(
      'The envoy arrived on Tuesday. In response, President Okafor conveyed his deep thanks and requested that the envoy carry his greetings to the king.',
    );
    const q = quoteWith(doc, 'carry his greetings');
    expect(q).toBeDefined();
    expect(slice(doc, q?.speakerSpan)).toBe('President Okafor');
  });

  /** Two tagger-shaped quotes, the first spoken by "Mayor Petrov", after speaker sharing. */
  const shared = (text: string, first: [string, string], second: [string, string]): Quote[] => {
    const q = [tagged(text, ...first), tagged(text, ...second)];
    const m = text.indexOf('Mayor Petrov');
    q[0].speakerSpan = { start: m, end: m + 'Mayor Petrov'.length };
    shareCoordinatedSpeakers(text, q);
    return q;
  };

  it('gives a participle cue after a comma the speaker of the quote before it', () => {
    const text =
      'The bridge will reopen in May, Mayor Petrov said on Friday, adding that the tolls would stay.';
    const q = shared(
      text,
      ['The bridge will reopen in May', 'said'],
      ['that the tolls would stay', 'adding'],
    );
    expect(slice({ text } as never, q[1].speakerSpan)).toBe('Mayor Petrov');
  });

  it('does not share a speaker across a sentence end', () => {
    const text =
      'The bridge will reopen, Mayor Petrov said. Residents, complaining loudly, said the tolls were high.';
    const q = shared(text, ['The bridge will reopen', 'said'], ['loudly', 'complaining']);
    expect(q[1].speakerSpan).toBeNull();
  });
});

describe('an attribution nested in "according to"', () => {
  const said = (text: string, doc = analyze(text)) =>
    doc.quotes.map((q) => ({
      content: text.slice(q.start, q.end),
      speaker: slice(doc, q.speakerSpan),
      cue: slice(doc, q.cue),
    }));

  it('gives a quotation to the person who said it, not to the outlet that carried it', () => {
    const text = '“The gates will open before winter,” Daniel Okafor said, according to the Harbour Wire.';
    const doc = analyze(text);
    expect(said(text, doc)).toEqual([
      { content: '“The gates will open before winter,”', speaker: 'Daniel Okafor', cue: 'said' },
    ]);
    expect(doc.sources.map((s) => text.slice(s.start, s.end))).toContain('the Harbour Wire');
  });

  it('ends reported speech before the "according to" that follows it', () => {
    const text = 'Ana Petrov said the crossing would reopen in March, according to the Tarvin Herald.';
    expect(said(text)).toEqual([
      { content: 'the crossing would reopen in March', speaker: 'Ana Petrov', cue: 'said' },
    ]);
  });

  it.each([
    [
      'the end',
      'The port will reopen in May, the minister said, according to two officials.',
      ['The port will reopen in May', 'the minister'],
    ],
    [
      'the start',
      'Ana Petrov said the crossing would reopen in March, according to the Tarvin Herald.',
      ['the crossing would reopen in March', 'Ana Petrov'],
    ],
  ])(
    'reads the speaker and cue off %s of the content when the tagger found none',
    (_, text, [content, speaker]) => {
      // the tagger's "according to" attribution: all before the comma is its content
      const comma = text.lastIndexOf(', according to');
      const q = tagged(text, text.slice(0, comma), 'according to');
      q.speakerSpan = { start: comma + ', according to '.length, end: text.length - 1 };
      expect(unnestAccordingTo(text, [q])).toEqual([q]);
      expect(text.slice(q.start, q.end)).toBe(content);
      expect(slice({ text } as never, q.speakerSpan)).toBe(speaker);
      expect(slice({ text } as never, q.cue)).toBe('said');
    },
  );

  it('keeps the outer attribution when what it holds is an act, not speech', () => {
    const text = 'Okafor repeatedly insulted his staff, according to two former aides.';
    const outer = tagged(text, 'Okafor repeatedly insulted his staff', 'according to');
    const aides = text.indexOf('two former aides');
    outer.speakerSpan = { start: aides, end: aides + 'two former aides'.length };
    const inner = tagged(text, 'his staff, according to two former aides', 'repeatedly insulted');
    inner.speakerSpan = { start: 0, end: 'Okafor'.length };
    expect(unnestAccordingTo(text, [outer, inner])).toEqual([outer, inner]);
    expect(slice({ text } as never, outer.speakerSpan)).toBe('two former aides');
  });

  it('leaves a claim made by the cited party alone', () => {
    const text = 'Grain prices rose by a third in March, according to the ministry.';
    expect(said(text)).toEqual([
      { content: 'Grain prices rose by a third in March', speaker: 'the ministry', cue: 'according to' },
    ]);
  });
});

describe('"X quoted Y as saying …"', () => {
  it('gives the words to the person quoted, and cites the paper that quoted them', () => {
    const text = 'The Harbour Review quoted Ana Petrov as saying the customs rules would be simplified.';
    const doc = analyze(text);
    expect(doc.quotes.map((q) => [slice(doc, q), slice(doc, q.speakerSpan), slice(doc, q.cue)])).toEqual([
      ['the customs rules would be simplified', 'Ana Petrov', 'as saying'],
    ]);
    expect(doc.sources.map((s) => slice(doc, s))).toEqual(['The Harbour Review']);
  });

  it('takes a speaker with an apposition and an addressee after "telling"', () => {
    const text = 'The Herald quoted a senior official, Ana Petrov, as telling reporters the vote was off.';
    const q = tagged(text, 'a senior official, Ana Petrov, as telling reporters the vote was off', 'quoted');
    quotedAsSaying(text, [q]);
    expect(text.slice(q.start, q.end)).toBe('the vote was off');
    expect(slice({ text } as never, q.speakerSpan)).toBe('a senior official, Ana Petrov');
    expect(slice({ text } as never, q.cue)).toBe('as telling reporters');
  });

  it('leaves "quoted" without "as saying" alone', () => {
    const text = 'The Herald quoted a report on the harbour that ran to forty pages.';
    const q = tagged(text, 'a report on the harbour that ran to forty pages', 'quoted');
    quotedAsSaying(text, [q]);
    expect(text.slice(q.start, q.end)).toBe('a report on the harbour that ran to forty pages');
    expect(slice({ text } as never, q.cue)).toBe('quoted');
  });
});
