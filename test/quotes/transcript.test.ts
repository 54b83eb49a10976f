import { describe, expect, it } from 'vitest';
import { analyze, entity, quoteWith, slice } from './helpers.ts';

describe('headline attributions', () => {
  it('takes "Name: claim" in the first paragraph as a quote of Name when Name is an entity', () => {
    const text =
      'Kostova: Valmora Will Not Give Up the Harbour.\n\nForeign Minister Irena Kostova spoke after the talks in Seldenport on Tuesday.';
    const doc = analyze(text, [entity(text, 'e1', 'PERSON', 'Irena Kostova', ['Irena Kostova', 'Kostova'])]);
    const q = quoteWith(doc, 'Give Up the Harbour');
    expect(slice(doc, q)).toBe('Valmora Will Not Give Up the Harbour.');
    expect(q?.speaker).toBe('e1');
    expect(slice(doc, q?.speakerSpan)).toBe('Kostova');
    expect(slice(doc, q?.cue)).toBe(':');
  });

  it('leaves column headings and unknown names before a colon alone', () => {
    for (const title of ['The Latest: Storm closes the harbour road.', 'Harbour Watch: A Week of Delays.']) {
      const doc = analyze(`${title}\n\nThe road reopened on Friday.`);
      expect(doc.quotes).toHaveLength(0);
    }
  });
});

describe('Q&A transcripts', () => {
  it('turns "Question (outlet):" and "Name Surname:" into question and answer quotes', () => {
    const text = [
      'Deputy Prime Minister Anton Velikov held a news conference in the capital on Friday.',
      'Question (Radio Meridian): Will the government raise fuel prices this winter?',
      'Anton Velikov: We have no such plans. Prices will stay where they are until the spring.',
      'Question: What about the grain corridor?',
      'Anton Velikov: The corridor remains open. We are talking to our partners every day.',
    ].join('\n\n');
    const doc = analyze(text);
    const q1 = quoteWith(doc, 'raise fuel prices');
    expect(q1?.kind).toBe('question');
    expect(slice(doc, q1)).toBe('Will the government raise fuel prices this winter?');
    expect(slice(doc, q1?.speakerSpan)).toBe('Radio Meridian');
    const a1 = quoteWith(doc, 'no such plans');
    expect(a1?.kind).toBe('answer');
    expect(slice(doc, a1)).toBe('We have no such plans. Prices will stay where they are until the spring.');
    expect(a1?.speakerName).toBe('Anton Velikov');
    // the name is the speaker, the colon the cue
    expect(slice(doc, a1?.speakerSpan)).toBe('Anton Velikov');
    expect(slice(doc, a1?.cue)).toBe(':');
    const q2 = quoteWith(doc, 'grain corridor');
    expect(q2?.kind).toBe('question');
    // the asking party is not named: never the answerer
    expect(q2?.speakerName).toBeNull();
    expect(q2?.speaker).toBeNull();
    const a2 = quoteWith(doc, 'corridor remains open');
    expect(a2?.kind).toBe('answer');
    expect(a2?.speakerName).toBe('Anton Velikov');
  });

  it('gives unlabelled "A:" answers to the interviewee and "Q:" questions to nobody', () => {
    const text = [
      'The Harbour Herald spoke to Mayor Lucia Brandt about the flood defences.',
      'Q: When will the new dam be finished?',
      'A: By the end of next year, if the funding arrives on time.',
      'Q: And if it does not?',
      'A: Then we will build it in stages. Brandt will not leave the city unprotected.',
    ].join('\n\n');
    const ents = [
      entity(text, 'e1', 'PERSON', 'Lucia Brandt', ['Lucia Brandt', 'Brandt'], ['Mayor']),
      entity(text, 'e2', 'ORG', 'Harbour Herald', ['Harbour Herald']),
    ];
    const doc = analyze(text, ents);
    const questions = doc.quotes.filter((q) => q.kind === 'question');
    const answers = doc.quotes.filter((q) => q.kind === 'answer');
    expect(questions.map((q) => slice(doc, q))).toEqual([
      'When will the new dam be finished?',
      'And if it does not?',
    ]);
    expect(answers).toHaveLength(2);
    for (const a of answers) {
      expect(a.speaker).toBe('e1');
      expect(a.speakerName).toBe('Lucia Brandt');
    }
    for (const q of questions) expect(q.speaker).not.toBe('e1');
  });

  it('continues a turn over the following unlabelled paragraph', () => {
    const text = [
      'Question: How do you see relations with the neighbours?',
      'Sergei Marin: They are difficult.',
      'But we keep talking, and talking is better than the alternative.',
      'Question: Thank you.',
      'Sergei Marin: Thank you.',
    ].join('\n\n');
    const doc = analyze(text);
    const a = quoteWith(doc, 'They are difficult');
    expect(a?.kind).toBe('answer');
    expect(slice(doc, a)).toContain('better than the alternative');
  });

  it('reads a transcript quoted as a block, each paragraph reopened with a quotation mark', () => {
    const text = [
      'Mayor Brandt: Harbour Defences Will Be Ready Next Year.',
      'The mayor of Port Selden defended the flood programme on local radio on Sunday.',
      'A partial transcript follows:',
      '"HOST: Mayor, the dam is two years late. Why should anyone believe the new date?',
      '"BRANDT: Because the money is now in the bank. The contractor starts in March.',
      '"HOST: And if the river rises before then?',
      '"BRANDT: Then the temporary barriers stay where they are.',
    ].join('\n\n');
    const doc = analyze(text);
    const turns = doc.quotes.filter((q) => q.kind === 'question' || q.kind === 'answer');
    expect(turns.map((q) => slice(doc, q.speakerSpan))).toEqual(['HOST', 'BRANDT', 'HOST', 'BRANDT']);
    expect(turns.map((q) => q.kind)).toEqual(['question', 'answer', 'question', 'answer']);
    expect(slice(doc, turns[1])).toBe(
      'Because the money is now in the bank. The contractor starts in March.',
    );
    // one turn each: no quote runs over the whole block
    expect(doc.quotes.some((q) => slice(doc, q)!.includes('HOST:'))).toBe(false);
    // the headline is the mayor's claim, not a turn running into the article
    const head = quoteWith(doc, 'Harbour Defences');
    expect(slice(doc, head)).toMatch(/^Harbour Defences Will Be Ready Next Year\.?$/);
    expect(slice(doc, head?.cue)).toBe(':');
  });

  it('does not take labels such as "Note:" or "Photo:" for speakers', () => {
    const text = 'Note: this article was updated on Monday.\n\nPhoto: a ship in the harbour at dawn.';
    const doc = analyze(text);
    expect(doc.quotes.filter((q) => q.kind === 'question' || q.kind === 'answer')).toHaveLength(0);
  });
});
