/**
 * Tokenisation into packed offset arrays. Stages on hot paths iterate
 * `starts[i]`/`ends[i]` rather than allocating one object per token; character
 * offsets stay primary so every token maps straight back to the text.
 */

export interface Tokens {
  /** Number of tokens. */
  length: number;
  starts: Int32Array;
  ends: Int32Array;
}

enum C {
  Space = 0,
  Word = 1,
  Digit = 2,
  Punct = 3,
}

function charClass(code: number): C {
  if (code <= 32 || code === 0xa0 || code === 0x2009 || code === 0x202f || code === 0x200b) return C.Space;
  if (code >= 48 && code <= 57) return C.Digit;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return C.Word;
  if (code < 128) return C.Punct;
  if (code >= 0x2000 && code <= 0x206f) {
    return code >= 0x2000 && code <= 0x200a ? C.Space : C.Punct;
  }
  if (code === 0xab || code === 0xbb || code === 0xb7 || code === 0xa7 || code === 0xb0 || code === 0x3000)
    return code === 0x3000 ? C.Space : C.Punct;
  if (code >= 0x3000 && code <= 0x303f) return C.Punct;
  if (code >= 0xff00 && code <= 0xff0f) return C.Punct;
  return C.Word;
}

/**
 * Splits `text[from, to)` into tokens: words (letters with inner apostrophes,
 * hyphens and periods of abbreviations such as U.S.), numbers (with inner
 * `.`, `,`, `:` and `/` such as 1,200.5 or 18.10.2023), and single punctuation
 * marks.
 */
export function tokenize(text: string, from = 0, to = text.length): Tokens {
  let cap = Math.max(16, ((to - from) >> 2) + 8);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let n = 0;
  let i = from;
  const push = (s: number, e: number) => {
    if (n === cap) {
      cap *= 2;
      const ns = new Int32Array(cap);
      ns.set(starts);
      starts = ns;
      const ne = new Int32Array(cap);
      ne.set(ends);
      ends = ne;
    }
    starts[n] = s;
    ends[n] = e;
    n++;
  };
  while (i < to) {
    const code = text.charCodeAt(i);
    const cls = charClass(code);
    if (cls === C.Space) {
      i++;
      continue;
    }
    const s = i;
    if (cls === C.Punct) {
      i++;
      // possessive clitic: "Russia's" -> Russia | 's
      if ((code === 39 || code === 0x2019) && i < to && (text.charCodeAt(i) | 32) === 115) {
        const after = i + 1 < to ? charClass(text.charCodeAt(i + 1)) : C.Space;
        if (after !== C.Word && after !== C.Digit && s > from && charClass(text.charCodeAt(s - 1)) === C.Word)
          i++;
      }
      // keep runs like "..." or "--" together
      if (code === 46 || code === 45) while (i < to && text.charCodeAt(i) === code) i++;
      push(s, i);
      continue;
    }
    i++;
    while (i < to) {
      const c = text.charCodeAt(i);
      const k = charClass(c);
      if (k === C.Word || k === C.Digit) {
        i++;
        continue;
      }
      // inner joiners: apostrophes and hyphens between letters/digits, separators inside numbers
      if (i + 1 < to) {
        const next = charClass(text.charCodeAt(i + 1));
        const nextIsAlnum = next === C.Word || next === C.Digit;
        if (nextIsAlnum && (c === 39 || c === 0x2019 || c === 45 || c === 0x2010 || c === 0x2011)) {
          // "don't", "Kim Jong-un"; but keep possessive 's as its own token
          if ((c === 39 || c === 0x2019) && (text.charCodeAt(i + 1) | 32) === 115) {
            const after = i + 2 < to ? charClass(text.charCodeAt(i + 2)) : C.Space;
            if (after !== C.Word && after !== C.Digit) break;
          }
          i++;
          continue;
        }
        if (
          next === C.Digit &&
          (c === 46 || c === 44 || c === 58 || c === 47) &&
          charClass(text.charCodeAt(i - 1)) === C.Digit
        ) {
          i++;
          continue;
        }
        // abbreviations with inner periods: U.S., e.g.
        if (c === 46 && next === C.Word && i - s <= 2 && (i + 2 >= to || text.charCodeAt(i + 2) === 46)) {
          i += 2;
          if (i < to && text.charCodeAt(i) === 46) i++;
          continue;
        }
      }
      break;
    }
    push(s, i);
  }
  return { length: n, starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}

/** Token texts, for tests and debugging; not for hot paths. */
export function tokenTexts(text: string, tokens: Tokens): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) out.push(text.slice(tokens.starts[i], tokens.ends[i]));
  return out;
}
