import { describe, expect, it } from 'vitest';
import type { Document, Span } from '../../src/document/types.ts';
import { nodeModels } from '../../src/node/models.ts';
import { createDocument, runStages, type Stage } from '../../src/pipeline.ts';
import { prepareTokens } from '../../src/quotes/features.ts';
import { createQuotesStage } from '../../src/quotes/index.ts';
import { pairQuoteMarks } from '../../src/quotes/marks.ts';
import { tokenRanges } from '../../src/quotes/tagger.ts';

function doc(text: string): Document {
  return createDocument({
    text,
    meta: { title: null, authors: [], published: null, outlet: null, language: 'en', url: null },
    warnings: [],
  });
}

const at = (text: string, needle: string): Span => {
  const start = text.indexOf(needle);
  return { start, end: start + needle.length };
};

describe('tokenRanges', () => {
  const text = 'Okafor said on Monday that the port, closed since May, would reopen.';
  const d0 = doc(text);
  const d = prepareTokens(text, d0.paragraphs, d0.sentences, pairQuoteMarks(text, d0.paragraphs));
  const words = (r: Int32Array) => {
    const out: string[] = [];
    for (let k = 0; k < r.length; k += 2) out.push(text.slice(d.starts[r[k]], d.ends[r[k + 1] - 1]));
    return out;
  };

  it('maps character spans to the tokens they overlap, in text order, whatever their order', () => {
    const r = tokenRanges(d, [at(text, 'would reopen'), at(text, 'said on Monday'), at(text, 'aid')]);
    // "aid" lies inside "said": the same start token is kept once
    expect(words(r)).toEqual(['said on Monday', 'would reopen']);
  });

  it('leaves out spans over no token, and empty or reversed ones', () => {
    expect(tokenRanges(d, [{ start: text.length, end: text.length + 3 }]).length).toBe(0);
    expect(tokenRanges(d, [{ start: 8, end: 8 }]).length).toBe(0);
    expect(tokenRanges(d, [{ start: 9, end: 2 }]).length).toBe(0);
  });
});

describe('given cues (eval:quotes --gold-cues)', () => {
  const text =
    'Okafor said the port would reopen in May. The harbour board frowned on the plan to widen the road.';

  const run = (cues: (t: string) => Span[]) => {
    const stage = createQuotesStage(nodeModels, { givenCues: (d) => cues(d.text) }) as Stage;
    return runStages(doc(text), [stage]);
  };

  it('replaces the cue tagger: no given cue, no tagged quote', () => {
    expect(run(() => []).quotes).toEqual([]);
  });

  it('attributes content to a given cue the tagger would not find', () => {
    const out = run((t) => [at(t, 'frowned on')]);
    expect(out.quotes).toHaveLength(1);
    const q = out.quotes[0];
    expect(q.cue && text.slice(q.cue.start, q.cue.end)).toBe('frowned on');
    expect(q.start).toBeGreaterThanOrEqual(at(text, 'frowned on').end);
  });
});
