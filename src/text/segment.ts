import type { Span } from '../document/types.ts';

/** Blank: spaces, tabs, no-break and other Unicode spaces (a line of only these is an empty line). */
const BLANK_LINE = /\n[ \t\u00a0\u2000-\u200b\u202f\u3000]*\n/;

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x202f ||
    c === 0x3000 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0xfeff
  );
}

/**
 * Paragraphs: maximal runs of non-blank lines. A single newline also ends a
 * paragraph when the text has no blank lines at all (one paragraph per line is
 * how many sites and copy-paste dumps lay out articles). Spans never start or
 * end with whitespace.
 */
export function segmentParagraphs(text: string): Span[] {
  const out: Span[] = [];
  const byLine = !BLANK_LINE.test(text);
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let end = i;
    // extend line by line until a blank line (or any newline in one-paragraph-per-line text)
    while (i < n) {
      let lineEnd = text.indexOf('\n', i);
      if (lineEnd < 0) lineEnd = n;
      let e = lineEnd;
      while (e > i && isSpace(text.charCodeAt(e - 1))) e--;
      if (e > i) end = e;
      else break; // blank line
      i = lineEnd + 1;
      if (byLine || lineEnd >= n) break;
    }
    if (end > start) out.push({ start, end });
    if (i <= start) i = start + 1;
  }
  return out;
}

/** Abbreviations after which a period does not end a sentence (titles, months, "No.", …). */
const NEVER_FINAL = new Set(
  (
    'mr mrs ms messrs mme mlle dr prof gen lt sgt capt cmdr cdr adm maj col brig rev sen rep gov pres amb ' +
    'hon supt insp det cpl pvt gens reps sens st mt ft jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'vs cf ca approx dept univ ave blvd hwy eds al e.g i.e viz ibid incl'
  ).split(' '),
);

/** Abbreviations of a numbered thing ("No. 5", "Art. 51", "p. 12"): not final only before a number. */
const BEFORE_NUMBER = new Set('no nos art arts sec para p pp fig figs ch eq vol vols op'.split(' '));

/** Abbreviations that may also end a sentence ("… in the U.S. The …"): split only before a typical sentence opener. */
const MAY_BE_FINAL = new Set(
  'u.s u.k u.n u.s.a e.u a.m p.m inc ltd co corp bros jr sr plc llc etc d.c b.c a.d'.split(' '),
);

/** Words that typically open a sentence, used to decide after an ambiguous abbreviation. */
const OPENERS = new Set(
  (
    'the a an he she it they we i you his her its their our this that these those there here but and ' +
    'however meanwhile in on at for after before when while as if so yet also still then now mr mrs ms dr'
  ).split(' '),
);

/** A bullet or numbered-list marker at the start of a line. */
const BULLET = /^(?:[•◦▪▫‣⁃●○■□►▶➤✓✔*·–—-]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)/u;
/** A Q&A or transcript turn: "Question:", "Q:", "A:", "Sergey Lavrov:", "MODERATOR:". */
const TURN_LABEL =
  /^(?:question|answer|q|a|moderator|interviewer|host|reporter|journalist)\b[^\n:]{0,20}:\s/i;
const TURN_NAME = /^\p{Lu}[\p{L}.'’-]*(?:[ \u00a0]\p{Lu}[\p{L}.'’-]*){0,3}:\s/u;

/** Whether a line starting with `s` opens a transcript turn ("Question: …", "Sergey Lavrov: …"). */
export function isTurnStart(s: string): boolean {
  return TURN_LABEL.test(s) || TURN_NAME.test(s);
}

/** Whether a line starting with `s` is a bullet or numbered list item. */
export function isBulletStart(s: string): boolean {
  return BULLET.test(s);
}

const TERMINAL = /[.!?…]/;

/**
 * Sentences within each paragraph. A sentence ends after . ! ? or … (plus any
 * closing quotes or brackets) when the next word starts like a sentence —
 * except after titles and other abbreviations, single initials and inside
 * numbers — and at a line break before a bullet or a Q&A turn. Linear in the
 * length of the text.
 */
export function segmentSentences(text: string, paragraphs: Span[]): Span[] {
  const out: Span[] = [];
  for (const p of paragraphs) splitParagraph(text, p.start, p.end, out);
  return out;
}

const CLOSERS = '"\'”’»)]}›」』';
const OPENERS_PUNCT = '"\'“‘«([{‹„「『¿¡';

function isUpperStart(c: string): boolean {
  return /[\p{Lu}\p{Lt}\p{N}\p{Lo}]/u.test(c);
}

function splitParagraph(text: string, from: number, to: number, out: Span[]): void {
  let sentStart = from;
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (ch === '\n') {
      // a line break ends the sentence before a bullet or a transcript turn
      let j = i + 1;
      while (j < to && (text[j] === ' ' || text[j] === '\t' || text[j] === '\u00a0')) j++;
      const ahead = text.slice(j, Math.min(to, j + 60));
      if (BULLET.test(ahead) || isTurnStart(ahead)) {
        push(sentStart, i);
        sentStart = j;
      }
      i++;
      continue;
    }
    if (!TERMINAL.test(ch)) {
      i++;
      continue;
    }
    // run of terminal punctuation, then closing quotes/brackets
    const punctStart = i;
    while (i < to && TERMINAL.test(text[i])) i++;
    while (i < to && CLOSERS.includes(text[i])) i++;
    const end = i;
    // needs whitespace after
    let j = i;
    while (j < to && isSpace(text.charCodeAt(j))) j++;
    if (j === i || j >= to) continue;
    // next visible character, skipping opening quotes and brackets
    let k = j;
    while (k < to && OPENERS_PUNCT.includes(text[k])) k++;
    if (k >= to) continue;
    const next = text[k];
    const nextIsBullet = BULLET.test(text.slice(j, Math.min(to, j + 4)));
    if (!isUpperStart(next) && !nextIsBullet) continue;
    if (text[punctStart] === '.' && end - punctStart === 1 + countClosers(text, punctStart + 1, end)) {
      // a single period: check the word before it
      const word = wordBefore(text, punctStart, from);
      const lower = word.toLowerCase();
      if (lower.length === 1 && /\p{Lu}/u.test(word)) continue; // an initial: "J. Smith"
      if (NEVER_FINAL.has(lower)) continue;
      if (BEFORE_NUMBER.has(lower) && /\d/.test(next)) continue;
      if (MAY_BE_FINAL.has(lower) || (lower.includes('.') && /^(?:\p{L}\.)+\p{L}$/u.test(lower))) {
        const nextWord = /^[\p{L}]+/u.exec(text.slice(k, Math.min(to, k + 20)));
        if (!nextWord || !OPENERS.has(nextWord[0].toLowerCase())) continue;
      }
    }
    push(sentStart, end);
    sentStart = j;
  }
  push(sentStart, to);
}

function countClosers(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (CLOSERS.includes(text[i])) n++;
  return n;
}

/** The letters-and-periods word that ends just before `pos` (at most 20 characters back). */
function wordBefore(text: string, pos: number, floor: number): string {
  let s = pos;
  const limit = Math.max(floor, pos - 20);
  while (s > limit && /[\p{L}.]/u.test(text[s - 1])) s--;
  return text.slice(s, pos).replace(/^\.+/, '');
}
