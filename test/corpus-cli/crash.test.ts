import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, countDocuments, dumpSqlite, start } from './run.ts';
import { syntheticArticles, writeJsonl } from './synthetic.ts';

const N = 600;

/** Starts an ingest and kills it with SIGKILL once the store holds at least `atLeast` documents. */
async function killDuring(input: string, db: string, atLeast: number): Promise<number> {
  const child = start(['ingest', input, '--db', db, '--jobs', '2', '--batch', '16', '--quiet']);
  for (;;) {
    const n = countDocuments(db);
    if (n >= atLeast) break;
    const exited = await Promise.race([
      child.result.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 20)),
    ]);
    if (exited) break;
  }
  child.kill('SIGKILL');
  const r = await child.result;
  return r.signal === 'SIGKILL' ? countDocuments(db) : -1;
}

describe('crash safety', () => {
  let dir: string;
  let input: string;
  /** Distinct documents (the generator repeats a syndicated copy now and then). */
  let distinct: number;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attache-crash-'));
    input = join(dir, 'corpus.jsonl');
    const articles = syntheticArticles(N, 3);
    writeJsonl(input, articles);
    distinct = new Set(articles.map((a) => `${a.title}\u0000${a.text}`)).size;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('after kill -9 mid-ingest, re-running gives exactly the store of an uninterrupted run', async () => {
    const reference = join(dir, 'reference.db');
    const ref = await cli(['ingest', input, '--db', reference, '--jobs', '2', '--json']);
    expect(ref.code).toBe(0);
    const refSummary = JSON.parse(ref.stdout);
    expect(refSummary.inserted).toBe(distinct);
    expect(refSummary.known).toBe(N - distinct);

    const crashed = join(dir, 'crashed.db');
    const first = await killDuring(input, crashed, 50);
    const second = await killDuring(input, crashed, Math.min(N - 100, first + 200));
    // the kills landed mid-run (otherwise this test proves nothing)
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(N);
    expect(second).toBeLessThan(distinct);

    const rerun = await cli(['ingest', input, '--db', crashed, '--jobs', '2', '--json']);
    expect(rerun.code).toBe(0);
    const s = JSON.parse(rerun.stdout);
    expect(s.inserted).toBe(distinct - second);
    expect(s.known).toBe(N - s.inserted);
    expect(dumpSqlite(crashed)).toEqual(dumpSqlite(reference));
  }, 300_000);

  it('stores the same whatever the number of analysing threads', async () => {
    // threads claim items as they come free, so this also checks that writes keep input order
    const dumps = [];
    for (const jobs of ['1', '3']) {
      const db = join(dir, `jobs-${jobs}.db`);
      const r = await cli(['ingest', input, '--db', db, '--jobs', jobs, '--batch', '32', '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).inserted).toBe(distinct);
      dumps.push(dumpSqlite(db));
    }
    expect(dumps[1]).toEqual(dumps[0]);
  }, 300_000);
});
