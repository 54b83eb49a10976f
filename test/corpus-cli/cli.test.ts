import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/format/progress.ts';
import { fmtCount, renderTable, toCsv } from '../../src/cli/format/table.ts';
import { cli } from './run.ts';
import { syntheticArticles, writeJsonl } from './synthetic.ts';

// Each case runs the real CLI several times; allow for a slow, shared machine.
describe('corpus CLI', { timeout: 240_000 }, () => {
  let dir: string;
  let db: string;
  const articles = syntheticArticles(60, 11);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attache-cli-'));
    db = join(dir, 'corpus.db');
    const inbox = join(dir, 'inbox');
    mkdirSync(join(inbox, 'nested'), { recursive: true });
    const lines = articles.map((a) => JSON.stringify(a));
    lines.splice(10, 0, '{"id": "broken", "text": ');
    lines.splice(20, 0, '{"id": "nothing-to-read"}');
    writeFileSync(join(inbox, 'batch.jsonl'), `${lines.join('\n')}\n`);
    writeFileSync(
      join(inbox, 'nested', 'note.txt'),
      'Officials in Valdora said on Tuesday that the harbour would reopen after repairs to the breakwater.\n',
    );
    writeFileSync(join(inbox, 'nested', 'empty.txt'), '');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ingests a directory, reporting each broken item without stopping', async () => {
    const r = await cli(['ingest', join(dir, 'inbox'), '--db', db, '--jobs', '2', '--json']);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.failed).toBe(3);
    expect(s.inserted).toBe(61);
    expect(s.items).toBe(articles.length + 2 + 2);
    expect(r.stderr).toMatch(/batch\.jsonl:11: E_BAD_JSON/);
    expect(r.stderr).toMatch(/nothing-to-read\): E_BAD_RECORD/);
    expect(r.stderr).toMatch(/empty\.txt: E_EMPTY/);
    expect(s.duplicates).toBeGreaterThanOrEqual(1);
  });

  it('is idempotent: a second run stores nothing new', async () => {
    const r = await cli(['ingest', join(dir, 'inbox'), '--db', db, '--json', '--jobs', '1']);
    const s = JSON.parse(r.stdout);
    expect(s.inserted).toBe(0);
    expect(s.known).toBe(61);
    const stats = JSON.parse((await cli(['stats', '--db', db, '--json'])).stdout);
    expect(stats.documents).toBe(61);
  });

  it('answers stats, search and lists as tables, JSON and CSV', async () => {
    const table = await cli(['stats', '--db', db]);
    expect(table.stdout).toMatch(/^what\s+count\n─+\s+─+\ndocuments\s+61\n/);
    const csv = await cli(['stats', '--db', db, '--csv']);
    expect(csv.stdout.split('\n')[0]).toBe('what,count');
    expect(csv.stdout).toContain('documents,61');

    const search = JSON.parse((await cli(['search', 'harbour breakwater', '--db', db, '--json'])).stdout);
    expect(search.total).toBe(1);
    expect(search.hits[0].snippet).toContain('«breakwater»');
    const human = await cli(['search', 'Valdora', '--db', db, '--limit', '3']);
    expect(human.stdout).toMatch(/documents match; showing 1–3/);
    expect(human.stdout).toMatch(/facets\n {2}outlet: /);

    const docs = (await cli(['export', '--db', db, '--format', 'jsonl'])).stdout.trim().split('\n');
    expect(docs).toHaveLength(61);
    const first = JSON.parse(docs[0]);
    expect(first.schema).toBe('attache/document@1');
    expect(typeof first.text).toBe('string');

    const csvDocs = (await cli(['export', '--db', db, '--format', 'csv', '--query', 'Valdora'])).stdout
      .trim()
      .split('\n');
    expect(csvDocs[0]).toBe('id,title,outlet,published,url,language,cluster,entities,quotes,events,times');
    expect(csvDocs.length).toBeGreaterThan(2);
    const gdelt = (await cli(['export', '--db', db, '--format', 'gdelt'])).stdout.split('\n');
    expect(gdelt[0].split('\t')[0]).toBe('GLOBALEVENTID');
    const width = gdelt[0].split('\t').length;
    expect(width).toBeGreaterThan(61); // GDELT 2.0's 61 columns, then attache's own
    for (const row of gdelt.slice(1).filter(Boolean)) expect(row.split('\t')).toHaveLength(width);

    for (const cmd of [
      ['events'],
      ['quotes'],
      ['entities', '--top', '5'],
      ['dyad', 'AAA', 'BBB', '--by', 'year'],
    ]) {
      const r = await cli([...cmd, '--db', db, '--json']);
      expect(r.code).toBe(0);
      expect(Array.isArray(JSON.parse(r.stdout))).toBe(true);
    }
  });

  it('re-ingests exported Documents as they are (backup, restore, move between stores)', async () => {
    const dump = join(dir, 'dump.jsonl');
    expect((await cli(['export', '--db', db, '-o', dump])).code).toBe(0);
    const copy = join(dir, 'copy.db');
    const r = JSON.parse((await cli(['ingest', dump, '--db', copy, '--json'])).stdout);
    expect(r.inserted).toBe(61);
    const a = JSON.parse((await cli(['stats', '--db', db, '--json'])).stdout);
    const b = JSON.parse((await cli(['stats', '--db', copy, '--json'])).stdout);
    // story clusters may differ (export is in id order, clusters follow insertion order); the layers may not
    const { clusters: _c1, duplicates: _d1, ...layersA } = a;
    const { clusters: _c2, duplicates: _d2, ...layersB } = b;
    expect(layersB).toEqual(layersA);
    const again = (await cli(['export', '--db', copy])).stdout;
    expect(again).toBe(readFileSync(dump, 'utf8'));
  });

  it('exports around a damaged stored document, naming it, and fails at the end', async () => {
    const broken = join(dir, 'broken.db');
    await cli(['ingest', join(dir, 'inbox', 'batch.jsonl'), '--db', broken, '--jobs', '1']);
    const conn = new Database(broken);
    const { id } = conn.prepare('select id from documents order by id limit 1').get() as { id: string };
    conn
      .prepare('update doc_content set body = ? where rid = (select rid from documents where id = ?)')
      .run(Buffer.from([1, 2, 3, 4]), id);
    conn.close();
    const r = await cli(['export', '--db', broken, '--format', 'jsonl']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
    expect(r.stderr).toContain(`stored document ${id} cannot be read`);
    expect(r.stderr).toMatch(
      /1 stored document could not be read and was left out of the export\n {2}the store file/,
    );
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(59);
    expect(lines.some((l) => l.includes(id))).toBe(false);
  });

  it('explains a missing store and wrong usage in one line, with a hint', async () => {
    const missing = await cli(['stats', '--db', join(dir, 'nope.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^attache: no store at .*nope\.db\n {2}run `attache ingest/);
    const env = await cli(['search', 'x'], { ATTACHE_DB: join(dir, 'also-nope.db') });
    expect(env.stderr).toMatch(/no store at .*also-nope\.db/);
    const queue = await cli(['worker', '--db', db]);
    expect(queue.code).toBe(2);
    expect(queue.stderr).toMatch(/needs a PostgreSQL store/);
    const date = await cli(['events', '--db', db, '--from', 'last tuesday']);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/--from must be a date/);
    writeFileSync(join(dir, 'not-a-db.db'), 'hello');
    const bad = await cli(['stats', '--db', join(dir, 'not-a-db.db')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not an attache store/);
  });

  it('reads .jsonl.gz and JSONL on standard input shapes', async () => {
    const { gzipSync } = await import('node:zlib');
    const gz = join(dir, 'more.jsonl.gz');
    const extra = syntheticArticles(5, 99).map((a) => ({ ...a, id: `gz-${a.id}`, title: `${a.title} [gz]` }));
    writeFileSync(gz, gzipSync(extra.map((a) => JSON.stringify(a)).join('\n')));
    const r = JSON.parse((await cli(['ingest', gz, '--db', db, '--json'])).stdout);
    expect(r.inserted).toBe(5);
    const doc = JSON.parse(
      (await cli(['export', '--db', db, '--query', '"[gz]" OR gz'])).stdout.split('\n')[0] || '{}',
    );
    expect(doc.meta?.outlet).toBeTruthy();
    writeJsonl(join(dir, 'unused.jsonl'), []);
    expect(readFileSync(join(dir, 'unused.jsonl'), 'utf8')).toBe('\n');
  });
  it('analyses an article too large to copy to every worker', async () => {
    // over 1 MB of text: offered to one worker and the main thread only
    const sentence =
      'The harbour authority in Valdora said on Monday that the breakwater repairs were on schedule. ';
    const big = { id: 'big-1', title: 'Harbour repairs, in full', text: sentence.repeat(12_000) };
    const small = syntheticArticles(6, 7).map((a) => ({
      ...a,
      id: `after-${a.id}`,
      title: `${a.title} [after]`,
    }));
    const input = join(dir, 'large.jsonl');
    writeJsonl(input, [big, ...small]);
    const largeDb = join(dir, 'large.db');
    const r = await cli(['ingest', input, '--db', largeDb, '--jobs', '3', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.failed).toBe(0);
    expect(s.inserted + s.known).toBe(7);
    const stats = JSON.parse((await cli(['stats', '--db', largeDb, '--json'])).stdout);
    expect(stats.documents).toBe(s.inserted);
    expect(stats.quotes).toBeGreaterThan(1000);
  });
});

describe('format helpers', () => {
  it('aligns columns and right-aligns numbers', () => {
    const out = renderTable(
      [
        { name: 'Moscow', n: 1200 },
        { name: 'Pyongyang', n: 7 },
      ],
      [
        { header: 'name', value: (r) => r.name },
        { header: 'docs', value: (r) => r.n },
      ],
    );
    expect(out).toBe('name        docs\n─────────  ─────\nMoscow     1,200\nPyongyang      7\n');
  });

  it('counts with a singular or plural noun', () => {
    expect(fmtCount(1, 'new document')).toBe('1 new document');
    expect(fmtCount(0, 'job')).toBe('0 jobs');
    expect(fmtCount(12_000, 'item')).toBe('12,000 items');
    expect(fmtCount(2, 'entity', 'entities')).toBe('2 entities');
  });

  it('quotes CSV fields that need it', () => {
    expect(toCsv([{ a: 'x,y', b: 'say "hi"', c: null }])).toBe('a,b,c\n"x,y","say ""hi""",\n');
  });

  it('prints periodic plain lines when not on a terminal, with rate and ETA', () => {
    let text = '';
    const stream = {
      write: (s: string) => {
        text += s;
        return true;
      },
      isTTY: false,
    } as unknown as NodeJS.WriteStream;
    const p = new Progress({ stream, every: 0, unit: 'docs' });
    p.update({ done: 0, fraction: 0, elapsed: 0 });
    p.update({ done: 500, fraction: 0.25, elapsed: 10 });
    expect(text).toBe('ingest: 500 docs · 50.0 docs/s · 25% · ETA 30s · elapsed 10s\n');
    let tty = '';
    const term = {
      write: (s: string) => {
        tty += s;
        return true;
      },
      isTTY: true,
      columns: 120,
    } as unknown as NodeJS.WriteStream;
    const bar = new Progress({ stream: term });
    bar.update({ done: 10, fraction: 0.5, elapsed: 2 });
    expect(tty).toMatch(/^\r\x1b\[2K█+░+ 10 docs · 5\.0 docs\/s · 50% · ETA 2s/);
  });
});
