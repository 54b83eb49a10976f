import type { Section } from './index.ts';

export const headerSection: Section = (doc, style) => {
  const m = doc.meta;
  const lines = [style.bold(m.title ?? '(untitled)')];
  const facts = [m.outlet, m.published, m.authors.length ? m.authors.join(', ') : null, m.language].filter(
    Boolean,
  );
  if (facts.length) lines.push(style.dim(facts.join(' · ')));
  lines.push(
    style.dim(
      `${doc.text.length} chars · ${doc.paragraphs.length} paragraphs · ${doc.sentences.length} sentences · ` +
        `${doc.entities.length} entities · ${doc.times.length} times · ${doc.quotes.length} quotes · ${doc.events.length} events`,
    ),
  );
  for (const w of doc.warnings) lines.push(style.color(`! ${w.message}`, 'yellow'));
  return lines;
};
