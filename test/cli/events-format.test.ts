import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { GDELT_COLUMNS } from '../../src/events/gdelt.ts';

vi.setConfig({ testTimeout: 180_000 });

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'attache.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'attache-events-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8' });
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const ARTICLE = `The foreign ministers of Chile and Peru met in Lima on Tuesday to discuss fishing rights.

Chile later accused Peru of violating the maritime boundary, and Peru rejected the accusation.`;

describe('attache analyze --format events-csv', () => {
  it('writes one header and GDELT-shaped rows with evidence offsets into the text', () => {
    const file = join(tmp, 'talks.txt');
    writeFileSync(file, ARTICLE);
    const r = run(['analyze', '--raw', '--published', '2024-05-09', '--format', 'events-csv', file]);
    expect(r.status, r.stderr).toBe(0);
    const rows = parseCsv(r.stdout);
    const header = rows[0];
    expect(header.slice(0, GDELT_COLUMNS.length)).toEqual([...GDELT_COLUMNS]);
    expect(header.length).toBeGreaterThan(61);
    const body = rows.slice(1);
    expect(body.length).toBeGreaterThan(0);
    for (const row of body) expect(row).toHaveLength(header.length);
    const col = (name: string) => header.indexOf(name);
    for (const row of body) {
      const start = Number(row[col('EvidenceStart')]);
      const end = Number(row[col('EvidenceEnd')]);
      // --raw keeps the text exactly as given, so offsets index the file itself
      expect(ARTICLE.slice(start, end)).toBe(row[col('Evidence')]);
    }
    const codes = body.map((row) => row[col('EventCode')]);
    expect(codes.some((c) => c.startsWith('11') || c.startsWith('04'))).toBe(true);
  });

  it('prints the header alone when there are no events, and refuses --json with another format', () => {
    const r = run(['analyze', '--raw', '--format', 'events-tsv', '-'], 'The weather was mild.');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0].split('\t')[0]).toBe('GLOBALEVENTID');
    const bad = run(['analyze', '--json', '--format', 'events-csv', '-'], 'x');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/contradict/);
  });
});
