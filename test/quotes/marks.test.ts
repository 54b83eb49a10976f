import { describe, expect, it } from 'vitest';
import { pairQuoteMarks } from '../../src/quotes/marks.ts';
import { segmentParagraphs } from '../../src/text/segment.ts';

function regions(text: string) {
  return pairQuoteMarks(text, segmentParagraphs(text)).map((r) => ({
    text: text.slice(r.start, r.end),
    depth: r.depth,
    closed: r.closed,
    pieces: r.pieces.length,
  }));
}

describe('pairQuoteMarks', () => {
  it.each([
    ['curly double', 'She said: “We stay.” Then she left.', '“We stay.”'],
    ['straight double', 'She said: "We stay." Then she left.', '"We stay."'],
    ['curly single', 'The farmer said: ‘We stay.’ Then he left.', '‘We stay.’'],
    ['guillemets', 'Il a dit: «Nous restons.» Puis il est parti.', '«Nous restons.»'],
    ['German low-high', 'Sie sagte: „Wir bleiben.“ Dann ging sie.', '„Wir bleiben.“'],
    ['reversed guillemets', 'Er sagte: »Wir bleiben.« Dann ging er.', '»Wir bleiben.«'],
  ])('pairs %s marks', (_name, text, expected) => {
    const r = regions(text);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ text: expected, depth: 0, closed: true });
  });

  it('does not open a quote at an apostrophe', () => {
    expect(regions("The Joneses' house and the workers' union weren't there.")).toHaveLength(0);
    expect(regions('’Tis the season, said the mayor’s aide.')).toHaveLength(0);
  });

  it('pairs single marks inside double marks and ignores apostrophes', () => {
    const text = 'He said: “They told me ‘don’t worry’ and I didn’t.”';
    const r = regions(text);
    expect(r[0]).toMatchObject({
      text: '“They told me ‘don’t worry’ and I didn’t.”',
      depth: 0,
      closed: true,
    });
    expect(r[1]).toMatchObject({ text: '‘don’t worry’', depth: 1 });
    expect(r).toHaveLength(2);
  });

  it('handles the same mark nested inside itself', () => {
    const text = 'The envoy said: "He told me "never again" and left the room." Talks ended.';
    const r = regions(text);
    expect(r[0]).toMatchObject({
      text: '"He told me "never again" and left the room."',
      depth: 0,
      closed: true,
    });
    expect(r[1]).toMatchObject({ text: '"never again"', depth: 1 });
  });

  it('pairs a closing mark typed as an opening one', () => {
    const text = '”This is the wrong decision,” the chairman said.';
    expect(regions(text)[0]).toMatchObject({ text: '”This is the wrong decision,”', closed: true });
    const text2 = 'He said “we will win,“ and smiled.';
    expect(regions(text2)[0]).toMatchObject({ text: '“we will win,“', closed: true });
  });

  it('closes a quote left open at the end of its paragraph', () => {
    const text = 'The mayor said: “We will rebuild the bridge by May.\n\nThe council voted later.';
    const r = regions(text);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ text: '“We will rebuild the bridge by May.', closed: false, pieces: 1 });
  });

  it('continues a quote into the next paragraph that reopens it', () => {
    const text =
      'The minister said: “We will not give up the harbour.\n\n“We are ready to talk, but not at any price.”\n\nThe talks resume in April.';
    const r = regions(text);
    expect(r).toHaveLength(1);
    expect(r[0].closed).toBe(true);
    expect(r[0].pieces).toBe(2);
    expect(r[0].text.startsWith('“We will not give up')).toBe(true);
    expect(r[0].text.endsWith('not at any price.”')).toBe(true);
  });

  it('never throws on odd counts, stray marks or empty input', () => {
    for (const text of ['', '"', '“', '” ” ”', '"a" "b', '«««', 'x’ y’ z’', '„', '\n\n"\n\n"']) {
      expect(() => pairQuoteMarks(text, segmentParagraphs(text))).not.toThrow();
    }
  });

  it('is linear on long inputs', () => {
    const text = '“a” b "c '.repeat(50_000);
    const t0 = performance.now();
    pairQuoteMarks(text, segmentParagraphs(text));
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
