/**
 * Export rows: CSV field lists per table and a GDELT 1.0-style event table
 * (tab-separated, one row per coded event) built from EventRecords.
 */
import type { DocumentSummary, EventRecord } from './types.ts';

export const GDELT_FIELDS = [
  'GLOBALEVENTID',
  'SQLDATE',
  'MonthYear',
  'Year',
  'Actor1Code',
  'Actor1Name',
  'Actor1CountryCode',
  'Actor2Code',
  'Actor2Name',
  'Actor2CountryCode',
  'IsRootEvent',
  'EventCode',
  'EventBaseCode',
  'EventRootCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'NumSources',
  'NumArticles',
  'ActionGeo_FullName',
  'DATEADDED',
  'SOURCEURL',
] as const;

/** CAMEO root → QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict). */
export function quadClass(root: string): number {
  const r = Number.parseInt(root, 10);
  if (!Number.isFinite(r)) return 0;
  if (r <= 5) return 1;
  if (r <= 8) return 2;
  if (r <= 13) return 3;
  return 4;
}

function tsv(v: unknown): string {
  if (v === null || v === undefined) return '';
  return String(v).replace(/[\t\r\n]+/g, ' ');
}

/** One GDELT-style row per event; `doc` gives the source URL (or document id) and the date added. */
export function gdeltRow(e: EventRecord, doc: Pick<DocumentSummary, 'url' | 'published'> | null): string {
  const day = (e.date && /^\d{4}-\d{2}-\d{2}/.test(e.date) ? e.date : doc?.published) ?? '';
  const sqlDate = day.slice(0, 10).replace(/-/g, '');
  const mentions = 1;
  const fields = [
    `${e.documentId}-${e.id}`,
    sqlDate,
    sqlDate.slice(0, 6),
    sqlDate.slice(0, 4),
    e.sourceActor ?? e.sourceCountry ?? '',
    e.sourceName ?? '',
    e.sourceCountry ?? '',
    e.targetActor ?? e.targetCountry ?? '',
    e.targetName ?? '',
    e.targetCountry ?? '',
    1,
    e.code,
    e.code.slice(0, 3),
    e.root,
    quadClass(e.root),
    e.goldstein,
    mentions,
    1,
    1,
    e.location ?? '',
    (doc?.published ?? '').replace(/-/g, ''),
    doc?.url ?? `attache:${e.documentId}`,
  ];
  return fields.map(tsv).join('\t');
}

export const CSV_FIELDS = {
  documents: [
    'id',
    'title',
    'outlet',
    'published',
    'url',
    'language',
    'cluster',
    'entities',
    'quotes',
    'events',
    'times',
  ],
  entities: ['document', 'key', 'type', 'name', 'country', 'actor', 'mentions'],
  quotes: ['document', 'id', 'kind', 'speaker', 'speakerKey', 'start', 'end', 'text'],
  events: [
    'document',
    'id',
    'code',
    'plover',
    'date',
    'source',
    'sourceCountry',
    'sourceActor',
    'target',
    'targetCountry',
    'targetActor',
    'goldstein',
    'modality',
    'start',
    'end',
    'evidence',
  ],
} as const;
