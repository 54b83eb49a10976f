import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  base64ToBytes,
  bytesToBase64,
  ChainDecoder,
  decodeModel,
  encodeModel,
  PerceptronTrainer,
} from '../../src/quotes/linear.ts';
import { hashRange, hashString, mix } from '../../src/quotes/features.ts';

describe('linear-chain model', () => {
  it('round-trips bytes through base64', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 257]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      expect(Array.from(base64ToBytes(bytesToBase64(bytes)))).toEqual(Array.from(bytes));
    }
  });

  it('forbids I- labels that do not continue their B-', () => {
    const labels = ['O', 'B-C', 'I-C'];
    const ok = allowedTransitions(labels);
    const L = labels.length;
    expect(ok[0 * L + 2]).toBe(0); // O → I-C
    expect(ok[1 * L + 2]).toBe(1); // B-C → I-C
    expect(ok[L * L + 2]).toBe(0); // start → I-C
  });

  it('learns a toy tagging task and survives serialisation', () => {
    // tag the token after "said" as B-C and following lower-case tokens as I-C
    const words = ['he', 'said', 'it', 'was', 'fine', '.', 'we', 'left'];
    const gold = Int32Array.from([0, 0, 1, 2, 2, 0, 0, 0]);
    const F = 3;
    const feats = new Int32Array(words.length * F);
    words.forEach((w, i) => {
      feats[i * F] = mix(1, hashString(w));
      feats[i * F + 1] = mix(2, i > 0 ? hashString(words[i - 1]) : 7);
      feats[i * F + 2] = mix(3, i > 1 ? hashString(words[i - 2]) : 7);
    });
    const tr = new PerceptronTrainer(['O', 'B-C', 'I-C'], 10);
    for (let ep = 0; ep < 10; ep++) tr.train(feats, words.length, F, gold);
    const model = decodeModel(JSON.parse(JSON.stringify(encodeModel(tr.averaged()))));
    const path = new ChainDecoder(model).decode(feats, words.length, F);
    expect(Array.from(path.subarray(0, words.length))).toEqual(Array.from(gold));
  });

  it('hashes ranges and strings alike, folding case and typographic apostrophes', () => {
    const text = 'Kostova’s PLAN';
    expect(hashRange(text, 0, 7)).toBe(hashString('kostova'));
    expect(hashRange(text, 10, 14)).toBe(hashString('plan'));
    expect(hashString("it's")).toBe(hashString('it’s'));
    expect(mix(1, 2)).not.toBe(0);
  });
});
