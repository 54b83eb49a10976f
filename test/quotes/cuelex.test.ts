import { describe, expect, it } from 'vitest';
import {
  BucketTable,
  CUE_F,
  CUE_F_BASE,
  type CueLexicon,
  cueFeatures,
  cueLexArrays,
  hashString,
  lexBucket,
  packBuckets,
  prepareTokens,
  sentenceContext,
} from '../../src/quotes/features.ts';
import { pairQuoteMarks } from '../../src/quotes/marks.ts';
import { loadTagger } from '../../src/quotes/model.ts';
import { nodeModels } from '../../src/node/models.ts';
import {
  clauseAfter,
  cueCandidates,
  cueCandidatesFromLex,
  leadInParagraph,
} from '../../src/quotes/tagger.ts';

/** Tokens of a one-paragraph text whose sentences start at the text and at each of `starts`. */
function oneParagraph(text: string, ...starts: string[]) {
  const paragraphs = [{ start: 0, end: text.length }];
  const bounds = [0, ...starts.map((w) => text.indexOf(w)), text.length + 1];
  const sentences = bounds.slice(1).map((b, i) => ({ start: bounds[i], end: b - 1 }));
  return prepareTokens(text, paragraphs, sentences, pairQuoteMarks(text, paragraphs));
}

describe('cue-lexicon features', () => {
  it('buckets cue precision and frequency', () => {
    expect(lexBucket(0, 0)).toBe(0);
    expect(lexBucket(0, 3)).toBe(1);
    expect(lexBucket(0, 40)).toBe(2 + 7);
    expect(lexBucket(1, 100)).toBe(3 + 7);
    expect(lexBucket(10, 100)).toBe(4 + 7);
    expect(lexBucket(30, 100)).toBe(5 + 7);
    expect(lexBucket(90, 100)).toBe(6 + 7);
    expect(lexBucket(2, 2)).toBe(6);
  });

  it('fills the lexicon slots only when statistics are given', () => {
    const text = 'The minister said on Monday that talks “went well”.\n\nRain fell.';
    const paragraphs = [
      { start: 0, end: 51 },
      { start: 53, end: text.length },
    ];
    const d = prepareTokens(text, paragraphs, paragraphs, pairQuoteMarks(text, paragraphs));
    const table = (hash: number, bucket: number) =>
      new BucketTable(packBuckets(new Map([[hash | 0, bucket]])));
    const lex = { form: table(hashString('said'), 13), stem: table(hashString('sai'), 12) };
    const lx = cueLexArrays(d, lex);
    const said = [...d.starts].findIndex((s) => text.startsWith('said', s));
    expect(lx.lf[said]).toBe(13);
    expect(lx.lf[0]).toBe(0);
    // the first sentence has a quotation, the second does not
    expect(lx.sentQ[d.sent[said]]).toBe(1);
    expect(lx.sentQ[d.sent[d.n - 1]]).toBe(0);
    const plain = new Int32Array(d.n * CUE_F);
    const withLex = new Int32Array(d.n * CUE_F);
    cueFeatures(d, 0, d.n, plain, null, null);
    cueFeatures(d, 0, d.n, withLex, null, lx);
    const o = said * CUE_F;
    expect(Array.from(plain.subarray(o, o + CUE_F_BASE))).toEqual(
      Array.from(withLex.subarray(o, o + CUE_F_BASE)),
    );
    expect(plain.subarray(o + CUE_F_BASE, o + CUE_F).every((v) => v === 0)).toBe(true);
    expect(withLex.subarray(o + CUE_F_BASE, o + CUE_F).every((v) => v !== 0)).toBe(true);
  });

  it('places each token in its sentence: that-clause, quotation or colon after, closing quotation before', () => {
    const text = '“We are ready,” she said. Officials said that the talks failed. He added: no deal.';
    const d = oneParagraph(text, 'Officials', 'He added');
    const c = sentenceContext(d);
    const at = (w: string, from = 0) => [...d.starts].findIndex((s) => s >= from && text.startsWith(w, s));
    const said1 = at('said');
    const said2 = at('said', 30);
    const added = at('added');
    // “…,” she said: the closing mark is three tokens back (”, she, said → 2–3 bucket)
    expect(c.closeBefore[said1]).toBe(2);
    expect(c.thatAfter[said1]).toBe(0);
    // officials said that …: "that" is the next token; nothing carries over from the previous sentence
    expect(c.thatAfter[said2]).toBe(1);
    expect(c.closeBefore[said2]).toBe(0);
    // he added: …
    expect(c.openAfter[added]).toBe(1);
    expect(c.openAfter[said2]).toBe(0);
    // sentence position: first token of a sentence has start bucket 0
    expect(c.pos[at('Officials')] >> 3).toBe(0);
    expect(c.pos[said2] >> 3).toBe(1);
  });

  it('looks up buckets in its own hash table exactly like the maps, and derives the candidate mask from them', () => {
    const { tagger } = loadTagger(nodeModels);
    const t = tagger as unknown as { cueLex: CueLexicon; cueForms: Set<number> };
    const stats = nodeModels.json<{ cueStats: { form: number[]; stem: number[] } }>(
      'quotes-lexicon.json',
    ).cueStats;
    const asMap = (flat: number[]) => {
      const m = new Map<number, number>();
      for (let i = 0; i < flat.length; i += 2) m.set(flat[i] | 0, flat[i + 1] | 0);
      return m;
    };
    const form = asMap(stats.form);
    const stem = asMap(stats.stem);
    const text =
      'The ministry said on Monday that it rejected the plan, according to a statement. Critics, however, were unimpressed and vowed to fight on.';
    const paragraphs = [{ start: 0, end: text.length }];
    const d = prepareTokens(text, paragraphs, paragraphs, []);
    const lx = cueLexArrays(d, t.cueLex);
    for (let i = 0; i < d.n; i++) {
      expect(lx.lf[i]).toBe(form.get(d.form[i]) ?? 0);
      expect(lx.ls[i]).toBe(stem.get(d.stem[i]) ?? 0);
    }
    expect(Array.from(cueCandidatesFromLex(d, lx.lf))).toEqual(Array.from(cueCandidates(d, t.cueForms)));
  });

  it('loads the shipped lexicon statistics with the taggers', () => {
    const { tagger, problem } = loadTagger(nodeModels);
    expect(problem).toBeNull();
    const lex = (tagger as unknown as { cueLex: { form: Map<number, number> } | null }).cueLex;
    expect(lex).not.toBeNull();
    // "said" is the most frequent cue: high precision, frequent
    expect(lex?.form.get(hashString('said'))).toBeGreaterThanOrEqual(12);
  });
});

describe('reported clause after a cue', () => {
  it('runs from a nearby "that" to the end of the sentence, and not into quotations', () => {
    const text =
      'Trump said during a rally in Michigan that the deal was a disaster. She said “no”. He said nothing.';
    const d = oneParagraph(text, 'She', 'He said');
    const endOf = (w: string, from = 0) =>
      [...d.starts].findIndex((s) => s >= from && text.startsWith(w, s)) + 1;
    const r = clauseAfter(d, endOf('said')) as [number, number];
    expect(text.slice(d.starts[r[0]], d.ends[r[1] - 1])).toBe('that the deal was a disaster');
    expect(clauseAfter(d, endOf('said', text.indexOf('She')))).toBeNull();
    expect(clauseAfter(d, endOf('said', text.indexOf('He said')))).toBeNull();
  });
});

describe('lead-in cues', () => {
  it('takes the next paragraph as content after "X added:" closing a paragraph', () => {
    const text = 'The mayor added:\n\nWe will rebuild the bridge by spring.\n\nShe left.';
    const paragraphs = [
      { start: 0, end: 16 },
      { start: 18, end: 55 },
      { start: 57, end: text.length },
    ];
    const d = prepareTokens(text, paragraphs, paragraphs, []);
    const added = [...d.starts].findIndex((s) => text.startsWith('added', s));
    const r = leadInParagraph(d, added + 1);
    expect(r).not.toBeNull();
    const [a, b] = r as [number, number];
    expect(text.slice(d.starts[a], d.ends[b - 1])).toBe('We will rebuild the bridge by spring.');
    // with the colon inside the cue as well
    expect(leadInParagraph(d, added + 2)).toEqual(r);
    // no colon, or the last paragraph: nothing
    const left = [...d.starts].findIndex((s) => text.startsWith('left', s));
    expect(leadInParagraph(d, left + 1)).toBeNull();
    const rebuild = [...d.starts].findIndex((s) => text.startsWith('rebuild', s));
    expect(leadInParagraph(d, rebuild + 1)).toBeNull();
  });
});
