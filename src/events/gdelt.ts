import type { Document, EventActor, PoliticalEvent } from '../document/types.ts';

/**
 * The GDELT 2.0 event table: its 61 columns in order, then attache's own
 * columns (document id, evidence/trigger/actor offsets, modality, PLOVER type,
 * further mentions). One row per event. Fields GDELT derives from sources
 * attache does not have (tone, source/article counts across the corpus,
 * geocoder coordinates) are filled with neutral values: AvgTone 0,
 * NumSources/NumArticles 1, empty coordinates.
 */
export const GDELT_COLUMNS = [
  'GLOBALEVENTID',
  'SQLDATE',
  'MonthYear',
  'Year',
  'FractionDate',
  'Actor1Code',
  'Actor1Name',
  'Actor1CountryCode',
  'Actor1KnownGroupCode',
  'Actor1EthnicCode',
  'Actor1Religion1Code',
  'Actor1Religion2Code',
  'Actor1Type1Code',
  'Actor1Type2Code',
  'Actor1Type3Code',
  'Actor2Code',
  'Actor2Name',
  'Actor2CountryCode',
  'Actor2KnownGroupCode',
  'Actor2EthnicCode',
  'Actor2Religion1Code',
  'Actor2Religion2Code',
  'Actor2Type1Code',
  'Actor2Type2Code',
  'Actor2Type3Code',
  'IsRootEvent',
  'EventCode',
  'EventBaseCode',
  'EventRootCode',
  'QuadClass',
  'GoldsteinScale',
  'NumMentions',
  'NumSources',
  'NumArticles',
  'AvgTone',
  'Actor1Geo_Type',
  'Actor1Geo_FullName',
  'Actor1Geo_CountryCode',
  'Actor1Geo_ADM1Code',
  'Actor1Geo_ADM2Code',
  'Actor1Geo_Lat',
  'Actor1Geo_Long',
  'Actor1Geo_FeatureID',
  'Actor2Geo_Type',
  'Actor2Geo_FullName',
  'Actor2Geo_CountryCode',
  'Actor2Geo_ADM1Code',
  'Actor2Geo_ADM2Code',
  'Actor2Geo_Lat',
  'Actor2Geo_Long',
  'Actor2Geo_FeatureID',
  'ActionGeo_Type',
  'ActionGeo_FullName',
  'ActionGeo_CountryCode',
  'ActionGeo_ADM1Code',
  'ActionGeo_ADM2Code',
  'ActionGeo_Lat',
  'ActionGeo_Long',
  'ActionGeo_FeatureID',
  'DATEADDED',
  'SOURCEURL',
] as const;

/** attache's columns after the 61 GDELT ones. Offsets are UTF-16 indices into `Document.text`, end-exclusive. */
export const ATTACHE_COLUMNS = [
  'DocumentID',
  'EventID',
  'EvidenceStart',
  'EvidenceEnd',
  'TriggerStart',
  'TriggerEnd',
  'Actor1Start',
  'Actor1End',
  'Actor2Start',
  'Actor2End',
  'Modality',
  'PLOVERType',
  'OtherMentions',
  'Evidence',
] as const;

export const EVENT_TABLE_COLUMNS: readonly string[] = [...GDELT_COLUMNS, ...ATTACHE_COLUMNS];

const AGENT_PREFIXES = new Set([
  'IGO',
  'NGO',
  'MNC',
  'IMG',
  'UAF',
  'REB',
  'OPP',
  'MED',
  'GOV',
  'MIL',
  'COP',
  'JUD',
]);

/** CAMEO actor code → GDELT actor fields (country, known group, type codes). */
function actorFields(a: EventActor | null): string[] {
  if (!a) return ['', '', '', '', '', '', '', '', '', ''];
  const code = (a.actor ?? '').replace(/^-+/, '');
  const country = a.country && !AGENT_PREFIXES.has(a.country) ? a.country : '';
  const rest = country && code.startsWith(country) ? code.slice(3) : code;
  const chunks: string[] = [];
  for (let i = 0; i + 3 <= rest.length; i += 3) chunks.push(rest.slice(i, i + 3));
  let known = '';
  if (chunks[0] === 'IGO' || chunks[0] === 'NGO' || chunks[0] === 'MNC' || chunks[0] === 'IMG') {
    known = chunks[1] ?? '';
    chunks.splice(1, 1);
  }
  return [
    a.actor && !a.actor.startsWith('---') ? a.actor : code,
    (a.name ?? '').toUpperCase(),
    country,
    known,
    '',
    '',
    '',
    chunks[0] ?? '',
    chunks[1] ?? '',
    chunks[2] ?? '',
  ];
}

function quadClass(code: string): number {
  const r = Number(code.slice(0, 2));
  if (r <= 5) return 1;
  if (r <= 8) return 2;
  if (r <= 13) return 3;
  return 4;
}

/** FNV-1a over a string, folded into a positive integer that fits a JavaScript number exactly. */
function numericId(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return String((h1 % 0x1fffff) * 0x100000000 + h2);
}

function dateParts(value: string | null): { sql: string; month: string; year: string; fraction: string } {
  const m = value ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value) : null;
  if (!m) return { sql: '', month: '', year: '', fraction: '' };
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 1;
  const d = m[3] ? Number(m[3]) : 1;
  const dayOfYear = Math.round((Date.UTC(y, mo - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
  return {
    sql: `${m[1]}${String(mo).padStart(2, '0')}${String(d).padStart(2, '0')}`,
    month: `${m[1]}${String(mo).padStart(2, '0')}`,
    year: m[1],
    fraction: (y + dayOfYear / 365).toFixed(4),
  };
}

/** Whether an event's evidence lies in the lead paragraph (GDELT's IsRootEvent). */
function isRoot(doc: Document, ev: PoliticalEvent): boolean {
  const first = doc.paragraphs[0];
  return first ? ev.evidence.start < first.end : true;
}

/** The rows of the event table for one document (GDELT 2.0 columns, then attache's). */
export function eventsToGdeltRows(doc: Document): string[][] {
  const rows: string[][] = [];
  const added = dateParts(doc.meta.published).sql;
  for (const ev of doc.events ?? []) {
    const d = dateParts(ev.date ?? doc.meta.published);
    const code = ev.code;
    const geo = ev.location ? ['4', ev.location, '', '', '', '', '', ''] : ['', '', '', '', '', '', '', ''];
    const noGeo = ['', '', '', '', '', '', '', ''];
    rows.push([
      numericId(`${doc.id}:${ev.id}`),
      d.sql,
      d.month,
      d.year,
      d.fraction,
      ...actorFields(ev.source),
      ...actorFields(ev.target),
      isRoot(doc, ev) ? '1' : '0',
      code,
      code.slice(0, 3),
      code.slice(0, 2),
      String(quadClass(code)),
      ev.goldstein.toFixed(1),
      String(1 + (ev.mentions?.length ?? 0)),
      '1',
      '1',
      '0',
      ...noGeo,
      ...noGeo,
      ...geo,
      added ? `${added}000000` : '',
      doc.meta.url ?? '',
      doc.id,
      ev.id,
      String(ev.evidence.start),
      String(ev.evidence.end),
      ev.trigger ? String(ev.trigger.start) : '',
      ev.trigger ? String(ev.trigger.end) : '',
      ev.source.span ? String(ev.source.span.start) : '',
      ev.source.span ? String(ev.source.span.end) : '',
      ev.target?.span ? String(ev.target.span.start) : '',
      ev.target?.span ? String(ev.target.span.end) : '',
      ev.modality,
      ev.plover ?? '',
      (ev.mentions ?? []).map((m) => `${m.start}-${m.end}`).join(' '),
      doc.text.slice(ev.evidence.start, ev.evidence.end).replace(/\s+/g, ' '),
    ]);
  }
  return rows;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV: header row, then one row per event of every document. */
export function formatEventsCsv(docs: Document[]): string {
  const lines = [EVENT_TABLE_COLUMNS.map(csvField).join(',')];
  for (const doc of docs) for (const row of eventsToGdeltRows(doc)) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Tab-separated, as GDELT publishes its files (tabs and newlines inside fields become spaces). */
export function formatEventsTsv(docs: Document[], header = true): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const lines = header ? [EVENT_TABLE_COLUMNS.join('\t')] : [];
  for (const doc of docs) for (const row of eventsToGdeltRows(doc)) lines.push(row.map(clean).join('\t'));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Writes the table row by row through `write` (for streaming exports of large corpora). */
export function writeEventsTable(
  docs: Iterable<Document>,
  write: (chunk: string) => void,
  format: 'csv' | 'tsv' = 'csv',
): number {
  let n = 0;
  if (format === 'csv') write(`${EVENT_TABLE_COLUMNS.map(csvField).join(',')}\r\n`);
  else write(`${EVENT_TABLE_COLUMNS.join('\t')}\n`);
  for (const doc of docs) {
    for (const row of eventsToGdeltRows(doc)) {
      write(
        format === 'csv'
          ? `${row.map(csvField).join(',')}\r\n`
          : `${row.map((s) => s.replace(/[\t\r\n]+/g, ' ')).join('\t')}\n`,
      );
      n++;
    }
  }
  return n;
}
