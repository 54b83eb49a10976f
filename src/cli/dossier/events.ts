import type { PoliticalEvent } from '../../document/types.ts';
import { codeInfo, loadEventsModel } from '../../events/model.ts';
import { nodeModels } from '../../node/models.ts';
import type { Section } from './index.ts';

const MODALITY_TAG: Record<string, string> = {
  asserted: '',
  reported: 'reported',
  alleged: 'alleged',
  planned: 'planned',
  negated: 'negated',
  hypothetical: 'hypothetical',
};

function codeName(code: string): string {
  try {
    return codeInfo(loadEventsModel(nodeModels), code).name;
  } catch {
    return '';
  }
}

/** Events in date order (undated last), e.g. `2023-10-18  RUSGOV → PRKGOV  042 Make a visit  (+1.9)`. */
export function eventLines(events: PoliticalEvent[], name: (code: string) => string = codeName): string[] {
  const sorted = [...events].sort(
    (a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.evidence.start - b.evidence.start,
  );
  return sorted.map((e) => {
    const date = (e.date ?? '').slice(0, 10).padEnd(10);
    const src = e.source.actor ?? (e.source.name || '—');
    const tgt = e.target ? (e.target.actor ?? e.target.name) : '—';
    const g = `${e.goldstein >= 0 ? '+' : ''}${e.goldstein.toFixed(1)}`;
    const tag = MODALITY_TAG[e.modality] ? `  [${MODALITY_TAG[e.modality]}]` : '';
    const more = e.mentions?.length ? `  ×${e.mentions.length + 1}` : '';
    return `${date}  ${src} → ${tgt}  ${e.code} ${name(e.code)}  (${g})${tag}${more}`;
  });
}

/** The events section of the terminal dossier. */
export const eventsSection: Section = (doc, style) => {
  if (!doc.events?.length) return [];
  const lines = eventLines(doc.events);
  const sorted = [...doc.events].sort(
    (a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.evidence.start - b.evidence.start,
  );
  const out = [style.bold(`Events (${doc.events.length})`)];
  lines.forEach((line, i) => {
    const e = sorted[i];
    const color = e.goldstein < 0 ? 'red' : 'green';
    out.push(`  ${style.color(line, color)}`);
    const ev = doc.text.slice(e.evidence.start, e.evidence.end).replace(/\s+/g, ' ');
    out.push(`    ${style.dim(ev.length > 140 ? `${ev.slice(0, 137)}…` : ev)}`);
  });
  return out;
};
