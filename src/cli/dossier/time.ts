import type { Document, Span, TimeExpression } from '../../document/types.ts';
import type { Section, Style } from './index.ts';

/** Characters of sentence shown on each side of the expression. */
const CONTEXT = 70;

export interface ChronologyEntry {
  time: TimeExpression;
  /** Sort key: the first calendar point of the value (the start of an interval). */
  key: string;
  /** The statement: the sentence around the expression, trimmed to a clause-sized window. */
  text: string;
  /** Where the expression sits inside `text`. */
  mark: Span;
}

/** Whether a TIMEX3 value names a calendar point or interval with a known year. */
function isDated(t: TimeExpression): boolean {
  return (t.type === 'DATE' || t.type === 'TIME') && /^\d{2,4}/.test(t.value);
}

function sentenceOf(sentences: Span[], pos: number): Span | null {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].end <= pos) lo = mid + 1;
    else if (sentences[mid].start > pos) hi = mid - 1;
    else return sentences[mid];
  }
  return null;
}

/** The article's dated statements in date order (undated-year expressions are left out). */
export function chronology(doc: Document): ChronologyEntry[] {
  const out: ChronologyEntry[] = [];
  const seen = new Set<string>();
  for (const t of doc.times) {
    if (!isDated(t)) continue;
    const sent = sentenceOf(doc.sentences, t.start) ?? { start: t.start, end: t.end };
    let from = Math.max(sent.start, t.start - CONTEXT);
    let to = Math.min(sent.end, t.end + CONTEXT);
    // cut at word boundaries so the snippet does not start or end mid-word
    if (from > sent.start) {
      const sp = doc.text.indexOf(' ', from);
      if (sp >= 0 && sp < t.start) from = sp + 1;
    }
    if (to < sent.end) {
      const sp = doc.text.lastIndexOf(' ', to);
      if (sp > t.end) to = sp;
    }
    const dedupe = `${t.value}@${sent.start}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const raw = doc.text.slice(from, to);
    const text = raw.replace(/\s+/g, ' ');
    // whitespace collapsing only shortens text before the mark by the collapsed amount
    const before = doc.text.slice(from, t.start).replace(/\s+/g, ' ').length;
    const inner = doc.text.slice(t.start, t.end).replace(/\s+/g, ' ').length;
    const prefix = from > sent.start ? '…' : '';
    const suffix = to < sent.end ? '…' : '';
    out.push({
      time: t,
      key: t.value.split('/')[0],
      text: `${prefix}${text}${suffix}`,
      mark: { start: prefix.length + before, end: prefix.length + before + inner },
    });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.time.start - b.time.start));
}

function render(e: ChronologyEntry, style: Style): string {
  const t = e.time;
  const mod = t.mod ? ` ${t.mod.toLowerCase()}` : '';
  const date = style.bold(t.value.padEnd(23));
  const prec = style.dim(`${(t.precision ?? '').padEnd(11)}${mod}`.padEnd(18));
  const marked = `${e.text.slice(0, e.mark.start)}${style.color(e.text.slice(e.mark.start, e.mark.end), 'cyan')}${e.text.slice(e.mark.end)}`;
  return `  ${date} ${prec} ${marked}`;
}

/** The time section of the terminal dossier: a chronology of the article's dated statements. */
export const timeSection: Section = (doc, style) => {
  const entries = chronology(doc);
  if (entries.length === 0) return [];
  const lines = [style.bold(`Chronology (${entries.length})`)];
  if (!doc.meta.published) lines.push(style.dim('  no publication date: relative dates keep unknown parts'));
  for (const e of entries) lines.push(render(e, style));
  const other = doc.times.length - entries.length;
  if (other > 0)
    lines.push(style.dim(`  + ${other} durations, sets, references and partial dates (--json for all)`));
  return lines;
};
