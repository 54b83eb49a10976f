import { describe, expect, it } from 'vitest';
import { eventLines } from '../../src/cli/dossier/events.ts';
import { makeStyle } from '../../src/cli/dossier/index.ts';
import { eventsSection } from '../../src/cli/dossier/events.ts';
import type { Document } from '../../src/document/types.ts';
import {
  ATTACHE_COLUMNS,
  EVENT_TABLE_COLUMNS,
  eventsToGdeltRows,
  formatEventsCsv,
  formatEventsTsv,
  GDELT_COLUMNS,
} from '../../src/events/gdelt.ts';
import { createEventsStage } from '../../src/events/index.ts';
import { nodeModels } from '../../src/node/models.ts';
import { createDocument } from '../../src/pipeline.ts';

const stage = createEventsStage(nodeModels);

function analysed(text: string, url: string | null = 'https://news.example/a1'): Document {
  const d = createDocument({
    text,
    meta: { title: 'Test', authors: [], published: '2024-10-18', outlet: null, language: 'en', url },
    warnings: [],
  });
  return { ...d, events: stage.run(d).events };
}

const TEXT =
  'Russian Foreign Minister Sergey Lavrov visited Pyongyang on Wednesday.\n\n' +
  'Later, North Korean troops shelled a border post, the South Korean army said.';

describe('GDELT 2.0 event table', () => {
  it('has the 61 GDELT columns in order, then the attache columns', () => {
    expect(GDELT_COLUMNS).toHaveLength(61);
    expect(GDELT_COLUMNS[0]).toBe('GLOBALEVENTID');
    expect(GDELT_COLUMNS[26]).toBe('EventCode');
    expect(GDELT_COLUMNS[30]).toBe('GoldsteinScale');
    expect(GDELT_COLUMNS[59]).toBe('DATEADDED');
    expect(GDELT_COLUMNS[60]).toBe('SOURCEURL');
    expect(EVENT_TABLE_COLUMNS.slice(61)).toEqual([...ATTACHE_COLUMNS]);
  });

  it('fills one row per event with codes, actors, dates and evidence offsets', () => {
    const doc = analysed(TEXT);
    const rows = eventsToGdeltRows(doc);
    expect(rows.length).toBe(doc.events.length);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const col = (r: string[], name: string) => r[EVENT_TABLE_COLUMNS.indexOf(name)];
    for (const r of rows) expect(r).toHaveLength(EVENT_TABLE_COLUMNS.length);
    const visit = rows.find((r) => col(r, 'EventCode') === '042');
    expect(visit).toBeDefined();
    if (!visit) return;
    expect(col(visit, 'Actor1Code')).toBe('RUSGOV');
    expect(col(visit, 'Actor1CountryCode')).toBe('RUS');
    expect(col(visit, 'Actor1Type1Code')).toBe('GOV');
    expect(col(visit, 'Actor2CountryCode')).toBe('PRK');
    expect(col(visit, 'EventRootCode')).toBe('04');
    expect(col(visit, 'QuadClass')).toBe('1');
    expect(col(visit, 'SQLDATE')).toBe('20241018');
    expect(col(visit, 'IsRootEvent')).toBe('1');
    expect(col(visit, 'SOURCEURL')).toBe('https://news.example/a1');
    expect(col(visit, 'PLOVERType')).toBe('CONSULT');
    const s = Number(col(visit, 'EvidenceStart'));
    const e = Number(col(visit, 'EvidenceEnd'));
    expect(TEXT.slice(s, e)).toContain('visited Pyongyang');
    const shell = rows.find((r) => col(r, 'EventRootCode') === '19');
    expect(shell && col(shell, 'IsRootEvent')).toBe('0');
    expect(shell && col(shell, 'Modality')).toBe('reported');
    expect(shell && Number(col(shell, 'QuadClass'))).toBe(4);
  });

  it('writes RFC 4180 CSV and GDELT-style TSV', () => {
    const doc = analysed(TEXT);
    const csv = formatEventsCsv([doc]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0].split(',')).toHaveLength(EVENT_TABLE_COLUMNS.length);
    expect(lines).toHaveLength(1 + doc.events.length);
    // the evidence column contains commas, so it is quoted
    expect(csv).toMatch(/"Later, North Korean troops shelled a border post, the South Korean army said\."/);
    const tsv = formatEventsTsv([doc]).trimEnd().split('\n');
    expect(tsv[1].split('\t')).toHaveLength(EVENT_TABLE_COLUMNS.length);
    expect(formatEventsCsv([])).toBe(`${EVENT_TABLE_COLUMNS.join(',')}\r\n`);
  });

  it('gives stable numeric event ids', () => {
    const a = eventsToGdeltRows(analysed(TEXT))[0][0];
    const b = eventsToGdeltRows(analysed(TEXT))[0][0];
    expect(a).toBe(b);
    expect(a).toMatch(/^\d+$/);
  });
});

describe('terminal dossier: events', () => {
  it('lists events in date order in the documented format', () => {
    const doc = analysed(TEXT);
    const lines = eventLines(doc.events, (c) => (c === '042' ? 'Make a visit' : 'x'));
    expect(lines[0]).toBe('2024-10-18  RUSGOV → PRK  042 Make a visit  (+1.9)');
    const early = { ...doc.events[1], date: '2023-01-02' };
    const sorted = eventLines([doc.events[0], early], () => 'x');
    expect(sorted[0].startsWith('2023-01-02')).toBe(true);
  });

  it('renders a section with code names from the codebook', () => {
    const out = eventsSection(analysed(TEXT), makeStyle(false));
    expect(out[0]).toMatch(/^Events \(\d+\)$/);
    expect(out.join('\n')).toContain('RUSGOV → PRK  042 Make a visit  (+1.9)');
    expect(eventsSection({ ...analysed('Nothing happened.'), events: [] }, makeStyle(false))).toEqual([]);
  });
});
