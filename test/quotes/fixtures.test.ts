import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, quoteWith, slice } from './helpers.ts';

const read = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('invented articles', () => {
  it('harbour-talks: direct, interrupted, indirect, "according to" and cited outlets', () => {
    const doc = analyze(read('harbour-talks.txt'));
    const interrupted = quoteWith(doc, 'single metre');
    expect(interrupted?.kind).toBe('direct');
    expect(interrupted?.fragments).toHaveLength(2);
    expect(slice(doc, interrupted?.speakerSpan)).toBe('Kostova');
    expect(slice(doc, quoteWith(doc, 'joint commission')?.speakerSpan)).toBe('The minister');
    expect(slice(doc, quoteWith(doc, 'led by her deputy')?.cue)).toBe('According to');
    expect(quoteWith(doc, 'fair starting point')?.kind).toBe('mixed');
    expect(slice(doc, quoteWith(doc, 'quick deal')?.speakerSpan)).toMatch(/^Marta Oyelaran/);
    expect(doc.sources.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Valmoran News Agency', 'Harbour Herald']),
    );
  });

  it('press-conference: a titled transcript with a named answerer', () => {
    const doc = analyze(read('press-conference.txt'));
    const turns = doc.quotes.filter((q) => q.kind === 'question' || q.kind === 'answer');
    expect(turns.map((q) => q.kind)).toEqual(['question', 'answer', 'question', 'answer']);
    expect(turns.filter((q) => q.kind === 'answer').every((q) => q.speakerName === 'Anton Velikov')).toBe(
      true,
    );
    expect(turns[0].speakerName).toBe('Radio Meridian');
    expect(turns[2].speakerName).toBeNull();
    // the title line "Transcript: …" is not a turn, and the closing narration is not part of the last answer
    expect(slice(doc, turns[3])).toBe('The corridor remains open. We are talking to our partners every day.');
  });
});
