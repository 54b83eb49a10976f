import { describe, expect, it } from 'vitest';
import { segmentParagraphs, segmentSentences } from '../../src/text/segment.ts';

function sentences(text: string): string[] {
  return segmentSentences(text, segmentParagraphs(text)).map((s) => text.slice(s.start, s.end));
}

describe('segmentParagraphs', () => {
  it('splits on blank lines (including lines of no-break spaces) and trims every span', () => {
    const t = '  First paragraph\nstill first.\n\n\u00a0\n\nSecond.\n \n';
    const ps = segmentParagraphs(t).map((p) => t.slice(p.start, p.end));
    expect(ps).toEqual(['First paragraph\nstill first.', 'Second.']);
  });
  it('one paragraph per line when the text has no blank lines', () => {
    const t = 'Line one.\nLine two.\r\nLine three.';
    expect(segmentParagraphs(t).map((p) => t.slice(p.start, p.end))).toEqual([
      'Line one.',
      'Line two.',
      'Line three.',
    ]);
  });
  it('gives nothing for blank text', () => {
    expect(segmentParagraphs(' \n\t\n ')).toEqual([]);
  });
});

describe('segmentSentences', () => {
  it('does not split after titles, months, initials and inside decimals', () => {
    expect(
      sentences('Gen. Mark Milley met Mr. Kim on Jan. 5 in St. Petersburg. J. R. Smith paid $3.5 billion.'),
    ).toEqual([
      'Gen. Mark Milley met Mr. Kim on Jan. 5 in St. Petersburg.',
      'J. R. Smith paid $3.5 billion.',
    ]);
  });
  it('"No." and "Art." are abbreviations only before a number; ordinary words are not', () => {
    expect(
      sentences('Resolution No. 2231 was cited. The answer was no. They sat in the sun. The talks ended.'),
    ).toEqual([
      'Resolution No. 2231 was cited.',
      'The answer was no.',
      'They sat in the sun.',
      'The talks ended.',
    ]);
    expect(sentences('Under Art. 51 of the Charter, states may act.')).toEqual([
      'Under Art. 51 of the Charter, states may act.',
    ]);
  });
  it('U.S. ends a sentence only before a typical sentence opener', () => {
    expect(
      sentences(
        'U.S. officials arrived in the U.S. Embassy. The talks were held in the U.S. The next round is in Geneva.',
      ),
    ).toEqual([
      'U.S. officials arrived in the U.S. Embassy.',
      'The talks were held in the U.S.',
      'The next round is in Geneva.',
    ]);
    expect(sentences('He arrived at 5 p.m. The talks began.')).toEqual([
      'He arrived at 5 p.m.',
      'The talks began.',
    ]);
  });
  it('handles quotes: attribution after a closing quote stays, quotes spanning sentences split inside', () => {
    expect(
      sentences('“Are you sure?” he asked. “We oppose this. We will respond,” Lavrov said. Then he left.'),
    ).toEqual([
      '“Are you sure?” he asked.',
      '“We oppose this.',
      'We will respond,” Lavrov said.',
      'Then he left.',
    ]);
    expect(sentences('She said "it is over." The crowd left.')).toEqual([
      'She said "it is over."',
      'The crowd left.',
    ]);
  });
  it('bullets and Q&A turns are sentences of their own, even without final punctuation', () => {
    const t =
      'To sum up:\n• First point\n• Second point\nQuestion: Why now\nSergey Lavrov: Because it is time.\nQ: And then\nA: We will see.';
    expect(sentences(t)).toEqual([
      'To sum up:',
      '• First point',
      '• Second point',
      'Question: Why now',
      'Sergey Lavrov: Because it is time.',
      'Q: And then',
      'A: We will see.',
    ]);
  });
  it('a wrapped line inside a paragraph does not end a sentence', () => {
    const t = 'The ministers met in\nGeneva on Monday and\nagreed to talk again.\n\nNext paragraph.';
    expect(sentences(t)).toEqual([
      'The ministers met in\nGeneva on Monday and\nagreed to talk again.',
      'Next paragraph.',
    ]);
  });
  it('keeps ellipses, ! and ? and numbers at a sentence start', () => {
    expect(sentences('Wait... The end! Really? 15 people died.')).toEqual([
      'Wait...',
      'The end!',
      'Really?',
      '15 people died.',
    ]);
  });
  it('spans are trimmed, ordered, non-overlapping and inside their paragraph', () => {
    const t = 'One.  Two!  \n\n  “Three?” Four.';
    const ps = segmentParagraphs(t);
    const ss = segmentSentences(t, ps);
    let prev = 0;
    for (const s of ss) {
      expect(s.start).toBeGreaterThanOrEqual(prev);
      expect(t.slice(s.start, s.end)).toBe(t.slice(s.start, s.end).trim());
      prev = s.end;
    }
    expect(ss).toHaveLength(4);
  });
  it('is linear: a 2 MB paragraph-free text is segmented quickly', () => {
    const t =
      'Mr. Smith met Gen. Jones in the U.S. on Jan. 5, and they talked about 3.5 billion dollars. '.repeat(
        22_000,
      );
    const t0 = performance.now();
    const ss = segmentSentences(t, segmentParagraphs(t));
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(ss).toHaveLength(22_000);
  });
});
