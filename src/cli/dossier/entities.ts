import type { Entity } from '../../document/types.ts';
import type { Section, Style } from './index.ts';

const MAX_PER_GROUP = 25;

function line(e: Entity, style: Style, extra: string[]): string {
  const n = e.mentions.length;
  const facts = [...extra, e.country, e.actor && e.actor !== e.country ? e.actor : null].filter(
    (x): x is string => Boolean(x),
  );
  const aliases = (e.aliases ?? []).filter((a) => a.toLowerCase() !== e.name.toLowerCase()).slice(0, 3);
  return (
    `  ${style.bold(e.name)}` +
    (facts.length ? ` — ${facts.join(' · ')}` : '') +
    style.dim(` (${n} mention${n === 1 ? '' : 's'}${aliases.length ? `; also ${aliases.join(', ')}` : ''})`)
  );
}

function group(title: string, list: Entity[], style: Style, extra: (e: Entity) => string[]): string[] {
  if (!list.length) return [];
  const sorted = [...list].sort(
    (a, b) => b.mentions.length - a.mentions.length || a.mentions[0].start - b.mentions[0].start,
  );
  const out = [style.color(`${title} (${list.length})`, 'cyan')];
  for (const e of sorted.slice(0, MAX_PER_GROUP)) out.push(line(e, style, extra(e)));
  if (sorted.length > MAX_PER_GROUP) out.push(style.dim(`  … and ${sorted.length - MAX_PER_GROUP} more`));
  return out;
}

/** The entities section of the terminal dossier: people with roles and countries, organisations, places. */
export const entitiesSection: Section = (doc, style) => {
  const ents = doc.entities ?? [];
  if (!ents.length) return [];
  const people = ents.filter((e) => e.type === 'PERSON');
  const orgs = ents.filter((e) => e.type === 'ORG');
  const places = ents.filter((e) => e.type === 'GPE' || e.type === 'LOC' || e.type === 'FAC');
  const groups = ents.filter((e) => e.type === 'NORP');
  const blocks = [
    group('People', people, style, (e) => (e.roles.length ? [e.roles.slice(0, 2).join('; ')] : [])),
    group('Organisations', orgs, style, () => []),
    group('Places', places, style, (e) => (e.type === 'GPE' ? [] : [e.type.toLowerCase()])),
    group('Nationalities and groups', groups, style, () => []),
  ].filter((b) => b.length);
  const out: string[] = [];
  for (const b of blocks) {
    if (out.length) out.push('');
    out.push(...b);
  }
  return out;
};
