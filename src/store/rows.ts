/**
 * Document → table rows, shared by both backends. Pure (no Node APIs, no I/O),
 * so ingest workers can do this work in parallel and hand the main thread rows
 * that only need to be written.
 */
import type { Document, Entity } from '../document/types.ts';
import { bandKeys, minhash, signatureToHex } from './minhash.ts';

export type EntityRow = [
  key: string,
  type: string,
  name: string,
  country: string | null,
  actor: string | null,
  roles: string,
  aliases: string,
  mentions: number,
];
export type DocEntityRow = [key: string, localId: string, type: string, name: string, mentions: number];
export type MentionRow = [key: string, start: number, end: number];
export type TimeRow = [
  id: string | null,
  type: string,
  value: string,
  precision: string | null,
  mod: string | null,
  text: string,
  start: number,
  end: number,
];
export type QuoteRow = [
  id: string,
  kind: string,
  text: string,
  speakerKey: string | null,
  speakerName: string | null,
  start: number,
  end: number,
];
export type SourceRow = [entityKey: string | null, name: string, start: number, end: number];
export type EventRow = [
  id: string,
  code: string,
  root: string,
  plover: string | null,
  sourceName: string | null,
  sourceCountry: string | null,
  sourceActor: string | null,
  sourceKey: string | null,
  targetName: string | null,
  targetCountry: string | null,
  targetActor: string | null,
  targetKey: string | null,
  date: string | null,
  day: string | null,
  location: string | null,
  goldstein: number,
  modality: string,
  evidence: string,
  start: number,
  end: number,
];

/** Everything a store writes for one document, ready for prepared statements. */
export interface PreparedDoc {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
  language: string;
  text: string;
  /** The Document as JSON without `text` (the text is stored once, in its own column). */
  body: string;
  chars: number;
  /** MinHash signature (hex) of the text, for near-duplicate detection. */
  minhash: string;
  /** LSH band keys of the signature. */
  bands: number[];
  entities: EntityRow[];
  docEntities: DocEntityRow[];
  mentions: MentionRow[];
  times: TimeRow[];
  quotes: QuoteRow[];
  sources: SourceRow[];
  events: EventRow[];
}

const MAX_ALIASES = 12;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:$|T|\/)/;

/** The cross-document key of an entity: its own `key`, else `TYPE:lowercased name`. */
export function entityKey(e: Pick<Entity, 'key' | 'type' | 'name'>): string {
  if (e.key?.trim()) return e.key.trim();
  return `${e.type}:${e.name.replace(/\s+/g, ' ').trim().toLowerCase()}`;
}

function clampSpan(start: unknown, end: unknown, len: number): [number, number] {
  const s = Number.isFinite(start) ? Math.max(0, Math.min(len, Math.trunc(start as number))) : 0;
  const e = Number.isFinite(end) ? Math.max(s, Math.min(len, Math.trunc(end as number))) : s;
  return [s, e];
}

function str(x: unknown): string | null {
  return typeof x === 'string' && x.length > 0 ? x : null;
}

/** The calendar day an event is filed under: its own date when it names a day, else the publication date. */
export function eventDay(date: string | null, published: string | null): string | null {
  const m = date ? DAY_PREFIX.exec(date) : null;
  if (m) return m[1];
  return published && DAY.test(published) ? published : null;
}

function sortedUnique(xs: Iterable<string>, max = Number.POSITIVE_INFINITY): string[] {
  const out = [...new Set(xs)].filter((x) => x.length > 0).sort();
  return out.length > max ? out.slice(0, max) : out;
}

interface MergedEntity {
  type: string;
  name: string;
  country: string | null;
  actor: string | null;
  roles: Set<string>;
  aliases: Set<string>;
  mentions: number;
}

/** Entity rows of one document, merged by key, with their per-document rows and mention spans. */
function entityLayer(entities: Entity[], len: number) {
  // Local entity id → key; entities of one document that share a key are merged into one row.
  const keyOf = new Map<string, string>();
  const merged = new Map<string, MergedEntity>();
  const docEntities: DocEntityRow[] = [];
  const mentions: MentionRow[] = [];
  for (const e of entities) {
    if (!e || typeof e.name !== 'string' || !e.name.trim()) continue;
    const key = entityKey(e);
    if (typeof e.id === 'string') keyOf.set(e.id, key);
    const spans = Array.isArray(e.mentions) ? e.mentions : [];
    let m = merged.get(key);
    if (!m) {
      m = {
        type: e.type,
        name: e.name.trim(),
        country: str(e.country),
        actor: str(e.actor),
        roles: new Set(),
        aliases: new Set(),
        mentions: 0,
      };
      merged.set(key, m);
    }
    for (const r of e.roles ?? []) if (typeof r === 'string') m.roles.add(r);
    for (const a of e.aliases ?? []) if (typeof a === 'string' && a !== m.name) m.aliases.add(a);
    m.mentions += spans.length;
    m.country ??= str(e.country);
    m.actor ??= str(e.actor);
    docEntities.push([key, String(e.id ?? key), e.type, e.name.trim(), spans.length]);
    for (const s of spans) {
      const [a, b] = clampSpan(s?.start, s?.end, len);
      mentions.push([key, a, b]);
    }
  }
  const rows: EntityRow[] = [...merged.entries()]
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map(([key, m]) => [
      key,
      m.type,
      m.name,
      m.country,
      m.actor,
      JSON.stringify(sortedUnique(m.roles)),
      JSON.stringify(sortedUnique(m.aliases, MAX_ALIASES)),
      m.mentions,
    ]);
  return { keyOf, rows, docEntities, mentions };
}

function timeRows(times: Document['times'], text: string): TimeRow[] {
  const rows: TimeRow[] = [];
  for (const t of Array.isArray(times) ? times : []) {
    if (!t) continue;
    const [a, b] = clampSpan(t.start, t.end, text.length);
    rows.push([
      str(t.id),
      t.type,
      String(t.value ?? ''),
      str(t.precision),
      str(t.mod),
      text.slice(a, b),
      a,
      b,
    ]);
  }
  return rows;
}

function quoteRows(quotes: Document['quotes'], text: string, keyOf: Map<string, string>): QuoteRow[] {
  const rows: QuoteRow[] = [];
  for (const q of Array.isArray(quotes) ? quotes : []) {
    if (!q) continue;
    const [a, b] = clampSpan(q.start, q.end, text.length);
    const speakerKey = q.speaker ? (keyOf.get(q.speaker) ?? null) : null;
    rows.push([String(q.id), q.kind, text.slice(a, b), speakerKey, str(q.speakerName), a, b]);
  }
  return rows;
}

function sourceRows(sources: Document['sources'], len: number, keyOf: Map<string, string>): SourceRow[] {
  const rows: SourceRow[] = [];
  for (const s of Array.isArray(sources) ? sources : []) {
    if (!s) continue;
    const [a, b] = clampSpan(s.start, s.end, len);
    rows.push([s.entity ? (keyOf.get(s.entity) ?? null) : null, String(s.name ?? ''), a, b]);
  }
  return rows;
}

function eventRows(
  events: Document['events'],
  text: string,
  keyOf: Map<string, string>,
  published: string | null,
): EventRow[] {
  const rows: EventRow[] = [];
  for (const ev of Array.isArray(events) ? events : []) {
    if (!ev || typeof ev.code !== 'string') continue;
    const [a, b] = clampSpan(ev.evidence?.start, ev.evidence?.end, text.length);
    const src = ev.source;
    const tgt = ev.target;
    const goldstein = Number.isFinite(ev.goldstein) ? ev.goldstein : 0;
    rows.push([
      String(ev.id),
      ev.code,
      ev.code.slice(0, 2),
      str(ev.plover),
      str(src?.name),
      str(src?.country),
      str(src?.actor),
      src?.entity ? (keyOf.get(src.entity) ?? null) : null,
      str(tgt?.name),
      str(tgt?.country),
      str(tgt?.actor),
      tgt?.entity ? (keyOf.get(tgt.entity) ?? null) : null,
      str(ev.date),
      eventDay(str(ev.date), published),
      str(ev.location),
      goldstein,
      ev.modality ?? 'asserted',
      text.slice(a, b),
      a,
      b,
    ]);
  }
  return rows;
}

/**
 * Converts a Document into rows. Tolerates partial layers (missing arrays, bad spans) from older
 * producers. One function per layer: each is compiled (and recompiled after a deoptimisation) on
 * its own, where one function holding every layer cost more in V8's optimising compiler than
 * its own running time.
 */
export function prepareDocument(doc: Document): PreparedDoc {
  const text = typeof doc.text === 'string' ? doc.text : '';
  const len = text.length;
  const meta = doc.meta ?? ({} as Document['meta']);
  const published = str(meta.published);
  const ents = entityLayer(Array.isArray(doc.entities) ? doc.entities : [], len);
  const { text: _omit, ...rest } = doc;
  const sig = minhash(text);
  return {
    id: doc.id,
    title: str(meta.title),
    outlet: str(meta.outlet),
    published,
    url: str(meta.url),
    language: str(meta.language) ?? 'und',
    text,
    body: JSON.stringify(rest),
    chars: len,
    minhash: signatureToHex(sig),
    bands: bandKeys(sig),
    entities: ents.rows,
    docEntities: ents.docEntities,
    mentions: ents.mentions,
    times: timeRows(doc.times, text),
    quotes: quoteRows(doc.quotes, text, ents.keyOf),
    sources: sourceRows(doc.sources, len, ents.keyOf),
    events: eventRows(doc.events, text, ents.keyOf, published),
  };
}

/** A stored Document whose JSON cannot be read back (a damaged file or row). */
export class DamagedDocumentError extends Error {
  constructor(
    readonly id: string,
    cause: unknown,
  ) {
    super(`stored document ${id} cannot be read (${cause instanceof Error ? cause.message : String(cause)})`);
  }
}

/** The stored Document `id` from its JSON (read by `body`) and text; a DamagedDocumentError when it cannot be read. */
export function restoreStored(id: string, body: () => string, text: string): Document {
  try {
    return restoreDocument(body(), text);
  } catch (err) {
    throw new DamagedDocumentError(id, err);
  }
}

/** Rebuilds the Document from its stored JSON and text. */
export function restoreDocument(body: string, text: string): Document {
  const rest = JSON.parse(body) as Omit<Document, 'text'>;
  const { schema, id, meta, ...layers } = rest;
  return { schema, id, meta, text, ...layers } as Document;
}
