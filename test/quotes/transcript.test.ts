import { describe, expect, it } from 'vitest';
import { analyze, entity, quoteWith, slice } from './helpers.ts';

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
    expect(slice(doc, a1?.cue)).toBe('Anton Velikov:');
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

  it('does not take labels such as "Note:" or "Photo:" for speakers', () => {
    const text = 'Note: this article was updated on Monday.\n\nPhoto: a ship in the harbour at dawn.';
    const doc = analyze(text);
    expect(doc.quotes.filter((q) => q.kind === 'question' || q.kind === 'answer')).toHaveLength(0);
  });
});
