import type { Span } from '../document/types.ts';

/**
 * Paragraphs: maximal runs of non-blank lines. A single newline also ends a
 * paragraph when the text has no blank lines at all (one paragraph per line is
 * how many sites and copy-paste dumps lay out articles).
 */
export function segmentParagraphs(text: string): Span[] {
  const out: Span[] = [];
  const hasBlankLines = /\n[ \t\u00a0]*\n/.test(text);
  const re = hasBlankLines ? /\n[ \t\u00a0]*\n\s*/g : /\n\s*/g;
  let pos = 0;
  const emit = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    emit(pos, m.index);
    pos = m.index + m[0].length;
  }
  emit(pos, text.length);
  return out;
}

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof gen col lt sgt capt cmdr adm maj rev sen rep gov pres st jr sr co corp inc ltd bros ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun ' +
    'no nos vol vs etc al approx est dept univ ave blvd mt ft fig op cf ca e.g i.e u.s u.k u.n a.m p.m'
  ).split(' '),
);

/**
 * Sentences within each paragraph: split after . ! ? (and closing quotes or
 * brackets that follow them) when the next word starts like a sentence, except
 * after known abbreviations, single initials and inside numbers.
 */
export function segmentSentences(text: string, paragraphs: Span[]): Span[] {
  const out: Span[] = [];
  const boundary = /[.!?…]+["'”’»)\]]*(?=\s+["'“‘«([]?[\p{Lu}\p{N}])/gu;
  for (const p of paragraphs) {
    const chunk = text.slice(p.start, p.end);
    let s = 0;
    boundary.lastIndex = 0;
    for (let m = boundary.exec(chunk); m; m = boundary.exec(chunk)) {
      const end = m.index + m[0].length;
      if (m[0][0] === '.' && m[0].length === 1) {
        const wordMatch = /([\p{L}.]+)$/u.exec(chunk.slice(Math.max(0, m.index - 12), m.index));
        const word = wordMatch ? wordMatch[1].toLowerCase() : '';
        if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/\.$/, ''))) continue;
        if (/^\p{L}$/u.test(word)) continue; // an initial: "J. Smith"
      }
      let st = s;
      while (st < end && /\s/.test(chunk[st])) st++;
      if (end > st) out.push({ start: p.start + st, end: p.start + end });
      s = end;
    }
    let st = s;
    while (st < chunk.length && /\s/.test(chunk[st])) st++;
    if (chunk.length > st) out.push({ start: p.start + st, end: p.end });
  }
  return out;
}
