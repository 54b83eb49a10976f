import { languageName } from '../../text/language.ts';
import { fmtCount } from '../format/table.ts';
import type { Section } from './index.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2023-10-28 → "28 Oct 2023" (unambiguous for every reader). */
function humanDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : iso;
}

/** The dossier's head: title, outlet, date and where it came from, authors, language, counts, warnings. */
export const headerSection: Section = (doc, style) => {
  const m = doc.meta;
  const lines = [style.bold(m.title ?? '(untitled)')];
  const facts: string[] = [];
  if (m.outlet) facts.push(m.outlet);
  if (m.published)
    facts.push(`${humanDate(m.published)}${m.publishedSource ? ` (from ${m.publishedSource})` : ''}`);
  else facts.push('date unknown');
  if (m.authors.length) facts.push(`by ${m.authors.join(', ')}`);
  facts.push(`${languageName(m.language)}${m.language !== 'und' ? ` (${m.language})` : ''}`);
  lines.push(facts.join(' · '));
  if (m.url) lines.push(style.dim(m.url));
  lines.push(
    style.dim(
      `${fmtCount(doc.paragraphs.length, 'paragraph')} · ${fmtCount(doc.sentences.length, 'sentence')} · ` +
        `${fmtCount(doc.text.length, 'character')}`,
    ),
  );
  lines.push(
    style.dim(
      `${fmtCount(doc.entities.length, 'entity', 'entities')} · ${fmtCount(doc.times.length, 'time expression')} · ` +
        `${fmtCount(doc.quotes.length, 'quote')} · ${fmtCount(doc.sources.length, 'cited source')} · ${fmtCount(doc.events.length, 'event')}`,
    ),
  );
  for (const w of doc.warnings) {
    const isError = w.code.startsWith('E_');
    lines.push(style.color(`${isError ? '✗' : '!'} ${w.message}`, isError ? 'red' : 'yellow'));
  }
  return lines;
};
