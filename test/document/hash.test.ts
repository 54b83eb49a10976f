import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentId, sha256Hex } from '../../src/document/hash.ts';

describe('sha256Hex', () => {
  it('matches the published test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto on every length around the block boundaries and on non-ASCII text', () => {
    for (let n = 0; n < 200; n++) {
      const s = 'Ω—“x”'.repeat(n).slice(0, n);
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
  });

  it('gives a content id of 20 hex digits that changes with the title', () => {
    expect(contentId('A', 'text')).toMatch(/^[0-9a-f]{20}$/);
    expect(contentId('A', 'text')).not.toBe(contentId('B', 'text'));
    expect(contentId(null, 'text')).toBe(contentId('', 'text'));
  });
});
