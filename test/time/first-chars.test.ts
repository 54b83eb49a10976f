import { describe, expect, it } from 'vitest';
import { firstChars } from '../../src/time/first-chars.ts';
import { PARSERS } from '../../src/time/parsers.ts';

function starts(re: RegExp): string {
  const f = firstChars(re);
  let s = '';
  for (let c = 32; c < 127; c++) if (f.ascii[c]) s += String.fromCharCode(c);
  return f.other ? `${s}+` : s;
}

describe('firstChars', () => {
  it('reads literals, classes, escapes and case folding', () => {
    expect(starts(/ab|\dx/y)).toBe('0123456789a');
    expect(starts(/q[1-4]/iy)).toBe('Qq');
    expect(starts(/[./]x/y)).toBe('./');
    expect(starts(/\.x/y)).toBe('.');
  });

  it('looks past optional parts and zero-width assertions', () => {
    expect(starts(/(?:the\s+)?(\d)/y)).toBe('0123456789t');
    expect(starts(/a*b/y)).toBe('ab');
    expect(starts(/a{0,2}b/y)).toBe('ab');
    expect(starts(/a{1,2}b/y)).toBe('a');
    expect(starts(/(?=x)(?<!y)\bz/y)).toBe('z');
    expect(starts(/(?:early\s*)?[–-]/y)).toBe('-e+');
  });

  it('falls back to every character for what it does not read', () => {
    expect(starts(/[^a]/y)).toHaveLength(96); // 95 printable + other
    expect(starts(/(a?)\1b/y)).toContain('~');
    expect(starts(/\p{L}/uy)).toHaveLength(96);
  });

  it('never excludes a character a time pattern can start with', () => {
    // every parser is run at every position of a text full of time expressions; each match must
    // start with a character the analysis allows
    const text = [
      'On 18 October 2023, the following day, and Oct. 19–20; 2023-10-18 and 28.10.2023 at 4 p.m.',
      "In late September, the early 2000s, the '90s and the 19th century; Q3 and the third quarter of 2022.",
      'Last winter, this summer, yesterday, last week, a month ago, seventy-five years ago, two weeks ago.',
      'Within the last two months, for three years, a two-year deal, every Friday, each July, daily.',
      'Now, recently, in the future; on the evening of October 19; Election Day, Easter; the week of Nov. 6.',
      'January nineteen ninety-seven; between March and May; the fiscal year ended Jan. 31; mid-2024.',
    ].join('\n');
    let checked = 0;
    for (const p of PARSERS) {
      const f = firstChars(p.re);
      for (let pos = 0; pos < text.length; pos++) {
        p.re.lastIndex = pos;
        const m = p.re.exec(text);
        if (!m || m[0].length === 0) continue;
        const code = text.charCodeAt(pos);
        const allowed = code < 128 ? f.ascii[code] === 1 : f.other;
        if (!allowed)
          throw new Error(`${p.name} matched "${m[0]}" at ${pos}, excluded by its first characters`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
