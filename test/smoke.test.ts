import { describe, expect, it } from 'vitest';
import { createDocument } from '../src/pipeline.ts';
import { sha256Hex } from '../src/document/hash.ts';
import { tokenize, tokenTexts } from '../src/text/tokenize.ts';

describe('core', () => {
  it('sha256 matches the standard test vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('tokenize keeps abbreviations, hyphenated names, numbers and possessives', () => {
    const t = 'Russia’s Lavrov met Kim Jong-un in the U.S. on 18.10.2023.';
    expect(tokenTexts(t, tokenize(t))).toEqual([
      'Russia',
      '’s',
      'Lavrov',
      'met',
      'Kim',
      'Jong-un',
      'in',
      'the',
      'U.S.',
      'on',
      '18.10.2023',
      '.',
    ]);
  });
  it('createDocument gives empty layers and a stable id', () => {
    const meta = { title: 'T', authors: [], published: null, outlet: null, language: 'en', url: null };
    const a = createDocument({ text: 'One. Two.', meta, warnings: [] });
    const b = createDocument({ text: 'One. Two.', meta, warnings: [] });
    expect(a.id).toBe(b.id);
    expect(a.sentences).toHaveLength(2);
    expect(a.entities).toEqual([]);
  });
});
