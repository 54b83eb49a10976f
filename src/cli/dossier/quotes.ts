import type { Document, Quote } from '../../document/types.ts';
import type { Section } from './index.ts';

/** Longest quote text shown before it is trimmed with an ellipsis. */
const MAX_QUOTE = 160;
/** Quotes shown per speaker before "… and N more". */
const MAX_PER_SPEAKER = 6;

const KIND_LABEL: Record<Quote['kind'], string> = {
  direct: 'direct',
  indirect: 'reported',
  mixed: 'mixed',
  question: 'question',
  answer: 'answer',
};

/** The quote's text with white space collapsed, trimmed to `max` characters at a word boundary. */
export function quoteText(doc: Document, q: Quote, max = MAX_QUOTE): string {
  const parts = q.fragments?.length ? q.fragments : [q];
  let s = parts
    .map((p) => doc.text.slice(p.start, p.end))
    .join(' … ')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > max) {
    const cut = s.lastIndexOf(' ', max - 1);
    s = `${s.slice(0, cut > max * 0.6 ? cut : max - 1).replace(/[\s,;:]+$/, '')}…`;
  }
  return s;
}

export interface SpeakerGroup {
  /** Entity id when resolved, else null. */
  speaker: string | null;
  name: string;
  quotes: Quote[];
}

/** Quotes grouped by speaker (entity id, else name), groups ordered by size then first appearance. */
export function groupBySpeaker(quotes: Quote[]): SpeakerGroup[] {
  const groups = new Map<string, SpeakerGroup>();
  for (const q of quotes) {
    const name = q.speakerName?.trim() || 'Unattributed';
    const key = q.speaker ?? `name:${name.toLowerCase()}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { speaker: q.speaker, name, quotes: [] }));
    g.quotes.push(q);
  }
  return [...groups.values()].sort((a, b) => {
    const ua = a.name === 'Unattributed' ? 1 : 0;
    const ub = b.name === 'Unattributed' ? 1 : 0;
    return ua - ub || b.quotes.length - a.quotes.length || a.quotes[0].start - b.quotes[0].start;
  });
}

/** The quotes section of the terminal dossier: who said what, by speaker. */
export const quotesSection: Section = (doc, style) => {
  const quotes = doc.quotes ?? [];
  const sources = doc.sources ?? [];
  if (!quotes.length && !sources.length) return [];
  const lines: string[] = [];
  if (quotes.length) {
    lines.push(style.bold(`Quotes (${quotes.length})`));
    for (const g of groupBySpeaker(quotes)) {
      lines.push(`  ${style.color(g.name, 'cyan')} ${style.dim(`(${g.quotes.length})`)}`);
      for (const q of g.quotes.slice(0, MAX_PER_SPEAKER)) {
        const kind = style.dim(`[${KIND_LABEL[q.kind] ?? q.kind}]`.padEnd(10));
        lines.push(`    ${kind} ${quoteText(doc, q)} ${style.dim(`@${q.start}`)}`);
      }
      if (g.quotes.length > MAX_PER_SPEAKER)
        lines.push(style.dim(`    … and ${g.quotes.length - MAX_PER_SPEAKER} more`));
    }
  }
  if (sources.length) {
    if (lines.length) lines.push('');
    const names = new Map<string, number>();
    for (const s of sources) names.set(s.name, (names.get(s.name) ?? 0) + 1);
    lines.push(style.bold(`Cited sources (${names.size})`));
    lines.push(`  ${[...names].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(style.dim(' · '))}`);
  }
  return lines;
};
