import { describe, expect, it } from 'vitest';
import { createDocument } from '../../src/pipeline.ts';
import { bareEnd, chooseEnd, EndScratch, endCandidates, reEnds } from '../../src/quotes/ends.ts';
import {
  type DocTokens,
  hashString,
  mix,
  prepareTokens,
  sentenceTokens,
  strongPrefix,
} from '../../src/quotes/features.ts';
import type { LinearModelData } from '../../src/quotes/linear.ts';
import { pairQuoteMarks } from '../../src/quotes/marks.ts';
import { clauseAfterOpening, clauseBefore } from '../../src/quotes/tagger.ts';

function tokens(text: string): DocTokens {
  const doc = createDocument({
    text,
    meta: { title: null, authors: [], published: null, outlet: null, language: 'en', url: null },
    warnings: [],
  });
  return prepareTokens(text, doc.paragraphs, doc.sentences, pairQuoteMarks(text, doc.paragraphs));
}

/** Index of the first token starting with `word` at or after character `from`. */
function tok(d: DocTokens, word: string, from = 0): number {
  for (let i = 0; i < d.n; i++) if (d.starts[i] >= from && d.text.startsWith(word, d.starts[i])) return i;
  throw new Error(`no token ${word}`);
}

const words = (d: DocTokens, r: [number, number] | null) =>
  r ? d.text.slice(d.starts[r[0]], d.ends[r[1] - 1]) : null;

describe('content-end re-ranking', () => {
  const text = 'Officials said that the plan would cut costs in his remarks on Monday. Prices rose.';
  const d = tokens(text);
  const cs = tok(d, 'said');
  const a = tok(d, 'that');
  const sentEnd = tok(d, 'Prices');

  it('drops trailing punctuation from a piece end and re-ends only pieces that follow their cue unquoted', () => {
    expect(d.text.slice(d.starts[a], d.ends[bareEnd(d, a, sentEnd) - 1])).toBe(
      'that the plan would cut costs in his remarks on Monday',
    );
    expect(reEnds(d, a, cs + 1)).toBe(true);
    expect(reEnds(d, tok(d, 'Officials'), cs + 1)).toBe(false);
    const q = tokens('He said “we will win” today.');
    expect(reEnds(q, tok(q, '“'), tok(q, 'said') + 1)).toBe(false);
  });

  it('offers every word boundary of the sentence as a candidate end, never one after punctuation', () => {
    const sc = new EndScratch();
    const n = endCandidates(d, a, sentEnd, d.stem[cs], sc.cand, sc.feats);
    const ends = Array.from(sc.cand.subarray(0, n));
    expect(ends).toContain(bareEnd(d, a, sentEnd));
    expect(ends).toContain(tok(d, 'in'));
    expect(ends.every((e) => e > a && e < sentEnd)).toBe(true);
    expect(ends.some((e) => d.text[d.starts[e - 1]] === '.')).toBe(false);
  });

  it('keeps the tagged end under an empty model and moves it where the model prefers', () => {
    const bits = 16;
    const weights = new Float32Array(1 << bits);
    const model: LinearModelData = { labels: ['end'], bits, weights, trans: new Float32Array(2) };
    const sc = new EndScratch();
    expect(chooseEnd(model, d, a, sentEnd, d.stem[cs], sc)).toBe(sentEnd);
    // a model that has learnt to stop before a trailing "in …" adjunct
    weights[mix(202, hashString('in'), 0) & ((1 << bits) - 1)] = 5;
    const e = chooseEnd(model, d, a, sentEnd, d.stem[cs], sc);
    expect(text.slice(d.starts[a], d.ends[e - 1])).toBe('that the plan would cut costs');
  });
});

describe('content of a cue the span tagger left without one', () => {
  it('takes the clause after an opening attribution up to the sentence end', () => {
    const d = tokens('According to police, officers saw the driver leave the car. Nobody was hurt.');
    const cs = tok(d, 'According');
    expect(words(d, clauseAfterOpening(d, cs, cs + 2))).toBe('officers saw the driver leave the car');
  });

  it('takes the clause before a sentence-final attribution', () => {
    const d = tokens('The new bridge will open in May, a senior city official said on Friday.');
    expect(words(d, clauseBefore(d, tok(d, 'said')))).toBe('The new bridge will open in May');
  });

  it('declines clauses with quotation marks or fewer than three words', () => {
    const q = tokens('“It will open in May,” a senior city official said on Friday.');
    expect(clauseBefore(q, tok(q, 'said'))).toBeNull();
    const s = tokens('According to police, basically.');
    expect(clauseAfterOpening(s, tok(s, 'According'), tok(s, 'According') + 2)).toBeNull();
    const mid = tokens('Officers, according to police, saw the driver leave the car.');
    expect(clauseAfterOpening(mid, tok(mid, 'according'), tok(mid, 'according') + 2)).toBeNull();
  });
});

describe('sentence cue context', () => {
  it('counts frequent cue words per sentence from token prefix counts', () => {
    const d = tokens('He said it. She told us and said more. Nothing else.');
    const sent = sentenceTokens(d);
    expect(sent.length).toBe(6);
    expect(words(d, [sent[2], sent[3]])).toBe('She told us and said more.');
    const lf = new Uint8Array(d.n);
    lf[tok(d, 'said')] = 13;
    lf[tok(d, 'told')] = 13;
    lf[tok(d, 'said', 12)] = 12;
    const st = strongPrefix(lf);
    expect(st[sent[1]] - st[sent[0]]).toBe(1);
    expect(st[sent[3]] - st[sent[2]]).toBe(1);
    expect(st[d.n]).toBe(2);
  });
});
