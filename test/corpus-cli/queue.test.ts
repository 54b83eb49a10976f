import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBackend } from '../store/backends.ts';
import { cli, start } from './run.ts';
import { syntheticArticles, writeJsonl } from './synthetic.ts';

const backend = postgresBackend();

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const u = new URL(url);
  const schema = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  const c = new pg.Client({ connectionString: u.toString(), options: `-c search_path=${schema}` });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

function distinctCount(articles: { title: string; text: string }[]): number {
  return new Set(articles.map((a) => `${a.title}\u0000${a.text}`)).size;
}

describe.skipIf(!backend.available)('PostgreSQL job queue (enqueue + workers)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'attache-queue-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await backend.cleanup();
  });

  it('three workers share 1,000 documents with no loss and no duplicate', async () => {
    const url = await backend.fresh();
    const input = join(dir, 'thousand.jsonl');
    const articles = syntheticArticles(1000, 21);
    writeJsonl(input, articles);
    const enq = await cli(['enqueue', input, '--db', url, '--json']);
    expect(enq.code).toBe(0);
    expect(JSON.parse(enq.stdout).added).toBe(1000);
    // enqueueing the same input again adds nothing
    expect(JSON.parse((await cli(['enqueue', input, '--db', url, '--json'])).stdout).added).toBe(0);

    const workers = [1, 2, 3].map((i) =>
      start(['worker', '--db', url, '--exit-when-empty', '--batch', '8', '--name', `w${i}`, '--json']),
    );
    const results = await Promise.all(workers.map((w) => w.result));
    for (const r of results) expect(r.code).toBe(0);
    const summaries = results.map((r) => JSON.parse(r.stdout.trim().split('\n').pop()!));
    // every worker took part
    for (const s of summaries) expect(s.jobs).toBeGreaterThan(0);
    const inserted = summaries.reduce((n, s) => n + s.inserted, 0);
    const distinct = distinctCount(articles);
    expect(inserted).toBe(distinct);

    const jobs = await query<{ status: string; n: number }>(
      url,
      'select status, count(*)::int as n from jobs group by status',
    );
    expect(jobs).toEqual([{ status: 'done', n: 1000 }]);
    const docs = await query<{ n: number; ids: number }>(
      url,
      'select count(*)::int as n, count(distinct id)::int as ids from documents',
    );
    expect(docs[0]).toEqual({ n: distinct, ids: distinct });
    const perDoc = await query<{ n: number }>(
      url,
      'select count(*)::int as n from (select doc_id, id from events group by doc_id, id having count(*) > 1) x',
    );
    expect(perDoc[0].n).toBe(0);
  }, 300_000);

  it('ingests straight into PostgreSQL, idempotently, and answers the same queries', async () => {
    const url = await backend.fresh();
    const input = join(dir, 'direct.jsonl');
    const articles = syntheticArticles(40, 8);
    writeJsonl(input, articles);
    const first = JSON.parse((await cli(['ingest', input, '--db', url, '--jobs', '2', '--json'])).stdout);
    expect(first.store).toBe('postgres');
    expect(first.inserted).toBe(distinctCount(articles));
    const again = JSON.parse((await cli(['ingest', input, '--db', url, '--json'])).stdout);
    expect(again.inserted).toBe(0);
    const stats = JSON.parse((await cli(['stats', '--db', url, '--json'])).stdout);
    expect(stats.documents).toBe(distinctCount(articles));
    const search = JSON.parse(
      (await cli(['search', articles[0].title.split(' ')[0], '--db', url, '--json'])).stdout,
    );
    expect(search.total).toBeGreaterThan(0);
  }, 300_000);

  it('retries the jobs of a worker killed mid-job', async () => {
    const url = await backend.fresh();
    const input = join(dir, 'retry.jsonl');
    const articles = syntheticArticles(240, 5);
    writeJsonl(input, articles);
    expect((await cli(['enqueue', input, '--db', url])).code).toBe(0);

    const doomed = start(['worker', '--db', url, '--batch', '20', '--lease', '3', '--name', 'doomed']);
    for (let i = 0; i < 3000; i++) {
      const done = await query<{ n: number }>(
        url,
        "select count(*)::int as n from jobs where status = 'done'",
      );
      if (done[0].n >= 10) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    doomed.kill('SIGKILL');
    await doomed.result;
    const orphaned = (
      await query<{ id: string }>(url, "select id from jobs where status = 'running' and worker = 'doomed'")
    ).map((r) => Number(r.id));
    // it was killed holding leased, unfinished jobs
    expect(orphaned.length).toBeGreaterThan(0);

    const rescuer = await cli([
      'worker',
      '--db',
      url,
      '--exit-when-empty',
      '--lease',
      '3',
      '--name',
      'rescuer',
    ]);
    expect(rescuer.code).toBe(0);
    const jobs = await query<{ id: string; status: string; attempts: number; worker: string }>(
      url,
      'select id, status, attempts, worker from jobs order by id',
    );
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
    for (const id of orphaned) {
      const j = jobs.find((x) => Number(x.id) === id)!;
      expect(j.attempts).toBeGreaterThanOrEqual(2);
      expect(j.worker).toBe('rescuer');
    }
    const docs = await query<{ n: number }>(url, 'select count(*)::int as n from documents');
    expect(docs[0].n).toBe(distinctCount(articles));
  }, 300_000);
});
