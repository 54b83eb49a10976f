/**
 * Interview and press-conference transcripts: paragraphs that open with a
 * turn label — "Question:", "Q:", "Answer:", "A:", "Sergey Lavrov:",
 * "Question (RIA Novosti):" — become `question` and `answer` quotes. A turn
 * runs until the next label (at most a few paragraphs). Answers go to the
 * named answerer; questions go to the asking party when the label names it,
 * and never to the answerer.
 */
import type { Quote, Span } from '../document/types.ts';

export interface Turn {
  kind: 'question' | 'answer' | 'named';
  /** The label (e.g. "Question:" or "Sergey Lavrov:"), used as the cue. */
  label: Span;
  /** The named party in the label, when there is one. */
  party: Span | null;
  content: Span;
}

const QUESTION = /^(?:Q|QUESTION|Question|QUESTIONS|Questions)\s*(?:\(([^)\n]{2,60})\))?\s*[:.\-–—]\s+/u;
const ANSWER = /^(?:A|ANSWER|Answer)\s*(?:\(([^)\n]{2,60})\))?\s*[:.\-–—]\s+/u;
/** "Name Surname:" — one to four capitalised words (initials, hyphens, apostrophes), then a colon. */
const NAMED =
  /^((?:\p{Lu}[\p{L}'’.-]*|al-\p{Lu}[\p{L}'’-]*|de|van|von|bin)(?:\s+(?:\p{Lu}[\p{L}'’.-]*|al-\p{Lu}[\p{L}'’-]*|de|la|van|von|der|bin)){0,4})\s*(?:\(([^)\n]{2,60})\))?\s*:\s+(?=\S)/u;
/** Labels that look like "Name:" but introduce something else. */
const NOT_SPEAKERS = new Set(
  (
    'note editor update updated photo photos image video source sources read watch listen related see also advertisement ' +
    'correction clarification disclaimer warning caution breaking live summary background context analysis opinion ' +
    'comment comments tags tag topics filed posted published by via credit credits caption contact email tel phone fax ' +
    'address location date time where when what why how who price cost results result score key takeaways takeaway ' +
    'first second third finally bottom line pros cons verdict the this that moscow washington beijing london paris kyiv ' +
    'pyongyang seoul tokyo berlin ps p.s nb transcript interview exclusive full text excerpt excerpts q&a faq ' +
    'attention reminder tip hint example examples question questions answer answers quote quotes'
  ).split(' '),
);

/** An opening quotation mark (and spaces) before a turn label. */
const OPENING = /^["“„«]\s*/u;

function trimEnd(text: string, s: number, e: number): Span {
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}

/** Turn labels at paragraph starts. Named turns count only when the text has at least two labelled turns. */
export function findTurns(text: string, paragraphs: Span[]): Turn[] {
  const turns: (Turn & { para: number })[] = [];
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const p0 = paragraphs[pi];
    // a transcript quoted as a block reopens every paragraph with a quotation mark ("WALLACE: …)
    const lead = OPENING.exec(text.slice(p0.start, Math.min(p0.end, p0.start + 4)))?.[0].length ?? 0;
    const p = { start: p0.start + lead, end: p0.end };
    const head = text.slice(p.start, Math.min(p.end, p.start + 120));
    let m = QUESTION.exec(head);
    let kind: Turn['kind'] | null = null;
    if (m) kind = 'question';
    else if ((m = ANSWER.exec(head))) kind = 'answer';
    else if ((m = NAMED.exec(head))) {
      const first = m[1]
        .split(/\s+/)[0]
        .toLowerCase()
        .replace(/[.'’]+$/, '');
      if (NOT_SPEAKERS.has(first) || NOT_SPEAKERS.has(m[1].toLowerCase())) continue;
      // a paragraph that is only a heading ("Moscow:") or a sentence with a colon deep inside is not a turn
      if (m[1].split(/\s+/).length === 1 && m[1].length < 3) continue;
      kind = 'named';
    }
    if (!kind || !m) continue;
    const labelEnd = p.start + m[0].length;
    if (labelEnd >= p.end) continue;
    let party: Span | null = null;
    if (kind === 'named') party = { start: p.start, end: p.start + m[1].length };
    else if (m[1]) {
      const off = m[0].indexOf(m[1]);
      party = { start: p.start + off, end: p.start + off + m[1].length };
    }
    turns.push({
      kind,
      label: trimEnd(text, p.start, labelEnd),
      party,
      content: { start: labelEnd, end: p.end },
      para: pi,
    });
  }
  const labelled = turns.filter((t) => t.kind !== 'named').length;
  const named = turns.filter((t) => t.kind === 'named');
  const namedNames = new Set(named.map((t) => text.slice(t.party!.start, t.party!.end)));
  // named turns need transcript evidence: Q/A labels, or the same name labelling several turns
  const keepNamed = labelled >= 1 || (named.length >= 2 && namedNames.size < named.length);
  const kept = turns.filter((t) => t.kind !== 'named' || keepNamed);
  // a headline "Name: claim" over an article that later quotes a transcript is not a turn
  if (kept.length > 1 && kept[0].para === 0 && kept[0].kind === 'named' && kept[1].para > 1) kept.shift();
  if (kept.length < 2) return [];
  // a turn continues over following unlabelled paragraphs, up to the next label (at most 4 paragraphs)
  for (let i = 0; i < kept.length; i++) {
    const t = kept[i];
    const nextPara = i + 1 < kept.length ? kept[i + 1].para : Math.min(paragraphs.length, t.para + 1);
    const last = Math.min(nextPara - 1, t.para + 4);
    if (last > t.para) t.content = { start: t.content.start, end: paragraphs[last].end };
  }
  return kept.map(({ para: _p, ...t }) => t);
}

/** The colon that ends a label (the label itself when it has none). */
function colonAfter(text: string, label: Span): Span {
  const i = text.lastIndexOf(':', label.end - 1);
  return i >= label.start ? { start: i, end: i + 1 } : label;
}

/** Headline words before a colon that name a column or a format, not a speaker. */
const NOT_HEADLINE_SPEAKERS = new Set(
  'latest live update updates exclusive watch video photos analysis opinion editorial review explainer factbox timeline'.split(
    ' ',
  ),
);

/**
 * A headline that attributes its claim with a colon ("Lavrov: West Is Escalating",
 * "Graham: Trump's Rhetoric Destroying GOP's Chances"): the first paragraph, short,
 * "Name: claim". Returns the claim as an indirect quote of Name, cue the colon; else null.
 */
export function headlineQuote(text: string, paragraphs: Span[]): Quote | null {
  const p = paragraphs[0];
  if (!p || p.end - p.start > 200) return null;
  const line = text.slice(p.start, p.end);
  const m = NAMED.exec(line);
  if (!m || m[2]) return null;
  const words = m[1].toLowerCase().split(/\s+/);
  if (NOT_SPEAKERS.has(words[0].replace(/[.'’]+$/, '')) || words.some((w) => NOT_HEADLINE_SPEAKERS.has(w)))
    return null;
  const colon = line.indexOf(':', m[1].length);
  const content = trimEnd(text, p.start + m[0].length, p.end);
  if (content.end - content.start < 8 || /\?\s*$/.test(line)) return null;
  const speakerSpan = { start: p.start, end: p.start + m[1].length };
  return {
    id: '',
    start: content.start,
    end: content.end,
    kind: 'indirect',
    speaker: null,
    speakerName: m[1],
    speakerSpan,
    cue: { start: p.start + colon, end: p.start + colon + 1 },
  };
}

/**
 * Quotes for the turns. `answerer` names the person answering unlabelled
 * "A:" turns when the text introduces them (or null).
 */
export function turnsToQuotes(
  text: string,
  turns: Turn[],
  answerer: { name: string; span: Span | null } | null,
): Quote[] {
  const out: Quote[] = [];
  let lastNamedAnswerer: Turn | null = null;
  for (let i = 0; i < turns.length; i++) {
    const t = turns[i];
    let kind: 'question' | 'answer';
    if (t.kind === 'named') {
      const body = text.slice(t.content.start, t.content.end).trimEnd();
      const next = turns[i + 1];
      const nextOther =
        next &&
        (next.kind !== 'named' ||
          text.slice(next.party!.start, next.party!.end) !== text.slice(t.party!.start, t.party!.end));
      kind = body.endsWith('?') && nextOther && next?.kind !== 'question' ? 'question' : 'answer';
      if (kind === 'answer') lastNamedAnswerer = t;
    } else kind = t.kind;
    let speakerSpan: Span | null = t.party;
    let speakerName: string | null = t.party ? text.slice(t.party.start, t.party.end) : null;
    if (t.kind === 'answer' && !t.party) {
      if (lastNamedAnswerer?.party) {
        speakerName = text.slice(lastNamedAnswerer.party.start, lastNamedAnswerer.party.end);
        speakerSpan = lastNamedAnswerer.party;
      } else if (answerer) {
        speakerName = answerer.name;
        speakerSpan = answerer.span;
      }
    }
    if (kind === 'question' && speakerName && answerer && speakerName === answerer.name) {
      speakerName = null;
      speakerSpan = null;
    }
    out.push({
      id: '',
      start: t.content.start,
      end: t.content.end,
      kind,
      speaker: null,
      speakerName,
      speakerSpan,
      // "Sergey Lavrov:" is a speaker and a colon; "Question:" is all cue
      cue: t.kind === 'named' ? colonAfter(text, t.label) : t.label,
    });
  }
  return out;
}
