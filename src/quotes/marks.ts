import type { Span } from '../document/types.ts';

/**
 * Quotation-mark pairing through an open/close table.
 *
 * Every mark style is handled: “ ” " ‘ ’ ' « » „ ‚ ‹ ›. A mark's role is decided
 * first by its context (a mark after a space and before a word opens; a mark
 * after a word or punctuation and before a space, punctuation or the end
 * closes) and only then by its glyph, so broken typography — a closing mark
 * typed as an opening one, “straight” marks, the same mark nested — still pairs.
 * Odd counts never throw: a quote left open at the end of a paragraph is closed
 * there, unless the next paragraph reopens it (the convention for a quotation
 * that runs over several paragraphs), in which case the quote continues.
 * Single marks count inside a double-quoted region, or at top level when
 * opened by an unambiguous ‘ (apostrophes are far more common than single
 * quotation marks in English news, so a top-level ' never opens a quote).
 */

/** One quoted region: `start` is the opening mark, `end` is just after the closing mark (or the paragraph end). */
export interface QuoteRegion extends Span {
  /** 0 for a top-level quotation, 1+ for quotes inside quotes. */
  depth: number;
  /** One piece per paragraph for a quotation that runs over several paragraphs. */
  pieces: Span[];
  /** False when the region was closed by the end of a paragraph rather than a mark. */
  closed: boolean;
}

enum Glyph {
  None = 0,
  OpenOnly = 1,
  CloseOnly = 2,
  Either = 3,
}

/** Whether a code unit is a double-style quotation mark, and its glyph role. */
function doubleGlyph(c: number): Glyph {
  switch (c) {
    case 0x201c: // “ opens in English, closes in German „…“
      return Glyph.Either;
    case 0x201d: // ”
      return Glyph.CloseOnly;
    case 0x22: // "
      return Glyph.Either;
    case 0xab: // «
      return Glyph.OpenOnly;
    case 0xbb: // »
      return Glyph.CloseOnly;
    case 0x201e: // „
      return Glyph.OpenOnly;
    case 0x201f: // ‟
      return Glyph.OpenOnly;
    case 0x2033: // ″ used as a straight mark by some keyboards
      return Glyph.Either;
    default:
      return Glyph.None;
  }
}

function singleGlyph(c: number): Glyph {
  switch (c) {
    case 0x2018: // ‘
      return Glyph.OpenOnly;
    case 0x2019: // ’
      return Glyph.CloseOnly;
    case 0x27: // '
      return Glyph.Either;
    case 0x201a: // ‚
      return Glyph.OpenOnly;
    case 0x2039: // ‹
      return Glyph.OpenOnly;
    case 0x203a: // ›
      return Glyph.CloseOnly;
    default:
      return Glyph.None;
  }
}

function isSpaceCode(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f
  );
}

function isWordCode(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0xc0 && c <= 0x24f) ||
    (c >= 0x370 && c <= 0x52f)
  );
}

/** Opening punctuation before which a mark still opens: ( [ — – - / */
function isOpenPunct(c: number): boolean {
  return c === 40 || c === 91 || c === 0x2014 || c === 0x2013 || c === 45 || c === 47 || c === 58;
}

enum Ctx {
  Unknown = 0,
  Opens = 1,
  Closes = 2,
}

function context(text: string, i: number, lo: number, hi: number): Ctx {
  const prev = i > lo ? text.charCodeAt(i - 1) : 32;
  const next = i + 1 < hi ? text.charCodeAt(i + 1) : 32;
  const prevSpace = isSpaceCode(prev) || isOpenPunct(prev) || doubleGlyph(prev) !== Glyph.None;
  const nextSpace = isSpaceCode(next);
  if (prevSpace && !nextSpace) return Ctx.Opens;
  if (!prevSpace && (nextSpace || !isWordCode(next))) return Ctx.Closes;
  return Ctx.Unknown;
}

/**
 * All quoted regions of `text`, given its paragraphs, in document order
 * (top-level regions and nested ones). Linear in the length of the text.
 */
export function pairQuoteMarks(text: string, paragraphs: Span[]): QuoteRegion[] {
  const out: QuoteRegion[] = [];
  // open double quote carried across paragraphs: start offset, pieces so far
  let carry: { start: number; pieces: Span[] } | null = null;
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const p = paragraphs[pi];
    const stack: { pos: number; single: boolean; pieceStart: number }[] = [];
    let i = p.start;
    if (carry) {
      // the paragraph reopens the running quote with an opening mark
      let j = p.start;
      while (j < p.end && isSpaceCode(text.charCodeAt(j))) j++;
      stack.push({ pos: carry.start, single: false, pieceStart: j });
      if (j < p.end && doubleGlyph(text.charCodeAt(j)) !== Glyph.None) i = j + 1;
    }
    for (; i < p.end; i++) {
      const c = text.charCodeAt(i);
      const dg = doubleGlyph(c);
      const sg = dg === Glyph.None ? singleGlyph(c) : Glyph.None;
      if (dg === Glyph.None && sg === Glyph.None) continue;
      const single = sg !== Glyph.None;
      const glyph = single ? sg : dg;
      // single marks count inside a double quotation, or at top level from an unambiguous opener (‘ ‚ ‹)
      if (single && !stack.length && c !== 0x2018 && c !== 0x201a && c !== 0x2039) continue;
      const ctx = context(text, i, p.start, p.end);
      // apostrophes inside words ("don't", "Jones' ") are never marks
      if (single && c !== 0x2018 && c !== 0x201a && c !== 0x2039) {
        const prev = i > p.start ? text.charCodeAt(i - 1) : 32;
        const next = i + 1 < p.end ? text.charCodeAt(i + 1) : 32;
        if (isWordCode(prev) && isWordCode(next)) continue;
        if (ctx === Ctx.Closes && (prev === 115 || prev === 83) && !stack.some((s) => s.single)) continue;
      }
      const top = stack.length ? stack[stack.length - 1] : null;
      let opens: boolean;
      if (ctx === Ctx.Opens) opens = true;
      else if (ctx === Ctx.Closes) opens = false;
      else opens = glyph === Glyph.OpenOnly || (glyph === Glyph.Either && !(top && top.single === single));
      if (!opens) {
        // close the innermost region of the same kind; unmatched closers are ignored
        let k = stack.length - 1;
        while (k >= 0 && stack[k].single !== single) k--;
        if (k < 0) continue;
        // anything opened inside it and never closed ends here too
        while (stack.length - 1 > k) {
          const s = stack.pop()!;
          out.push({
            start: s.pos,
            end: i,
            depth: stack.length,
            pieces: [{ start: s.pos, end: i }],
            closed: false,
          });
        }
        const s = stack.pop()!;
        const pieces =
          s.pos < p.start && carry
            ? [...carry.pieces, { start: s.pieceStart, end: i + 1 }]
            : [{ start: s.pos, end: i + 1 }];
        if (s.pos < p.start) carry = null;
        out.push({ start: s.pos, end: i + 1, depth: stack.length, pieces, closed: true });
      } else {
        // a second opener of the same kind right after the first ("“ “") is a stray duplicate
        if (top && top.single === single && top.pos === i - 1) continue;
        if (stack.length >= 4) continue;
        stack.push({ pos: i, single, pieceStart: i });
      }
    }
    // end of paragraph: does the next paragraph reopen the outermost quote?
    const outer = stack.length ? stack[0] : null;
    let continues = false;
    if (outer && !outer.single && pi + 1 < paragraphs.length) {
      const np = paragraphs[pi + 1];
      let j = np.start;
      while (j < np.end && isSpaceCode(text.charCodeAt(j))) j++;
      const g = j < np.end ? doubleGlyph(text.charCodeAt(j)) : Glyph.None;
      continues =
        g !== Glyph.None && g !== Glyph.CloseOnly && context(text, j, np.start, np.end) !== Ctx.Closes;
    }
    while (stack.length > (continues ? 1 : 0)) {
      const s = stack.pop()!;
      const pieces =
        s.pos < p.start && carry
          ? [...carry.pieces, { start: s.pieceStart, end: p.end }]
          : [{ start: s.pos, end: p.end }];
      if (s.pos < p.start) carry = null;
      out.push({ start: s.pos, end: p.end, depth: stack.length, pieces, closed: false });
    }
    if (continues) {
      const s = stack[0];
      const piece = { start: s.pos < p.start ? s.pieceStart : s.pos, end: p.end };
      carry =
        carry && s.pos < p.start
          ? { start: carry.start, pieces: [...carry.pieces, piece] }
          : { start: s.pos, pieces: [piece] };
    } else {
      carry = null;
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out;
}
