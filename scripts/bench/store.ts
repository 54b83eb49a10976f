/**
 * Corpus store bench: `attache ingest` of the bench corpus with 1 and 2 jobs
 * (docs/s, MB/s, peak RSS of the ingest process tree including its worker
 * threads, store size), then p50/p95 latency of each query command on the resulting
 * SQLite store.
 *
 *   npm run bench -- store            whole corpus-news
 *   npm run bench -- --quick store    1,000 articles
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { BenchCorpus, BenchRow, BenchSuite } from './types.ts';

interface IngestRun {
  jobs: number;
  seconds: number;
  summary: { inserted: number; known: number; failed: number; peakRss: number; docsPerSecond: number };
  /** Peak RSS of the ingest process tree: the larger of the sampled tree total and the process's own peak. */
  peakRss: number;
  storeBytes: number;
}

function storeSize(db: string): number {
  let n = 0;
  for (const f of [db, `${db}-wal`, `${db}-shm`]) if (existsSync(f)) n += statSync(f).size;
  return n;
}

/** Resident set size of a process and all its descendants, bytes (Linux /proc), or null where /proc is absent. */
function treeRss(pid: number): number | null {
  let total = 0;
  const stack = [pid];
  const seen = new Set<number>();
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    let status: string;
    try {
      status = readFileSync(`/proc/${p}/status`, 'utf8');
    } catch {
      if (p === pid) return null;
      continue;
    }
    const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
    if (m) total += Number(m[1]) * 1024;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      // the process ended meanwhile
    }
    for (const t of tasks) {
      try {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ')) {
          if (c.trim()) stack.push(Number(c));
        }
      } catch {
        // no children file (older kernels) or the thread ended
      }
    }
  }
  return total;
}

function ingest(root: string, input: string, db: string, jobs: number): Promise<IngestRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // the command as a user runs it: the file itself, whose `sh` line picks node's V8 flags by command
    const child = spawn(
      join(root, 'bin', 'attache.mjs'),
      ['ingest', input, '--db', db, '--jobs', String(jobs), '--quiet', '--json'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Peak RSS of the whole process tree (the ingest process with its worker threads, and any child
    // process), sampled every 500 ms; the ingest's own kernel-measured peak (all its threads) covers
    // spikes between samples. Sampling every 50 ms read some 500 /proc files a second and made the
    // 2-job run, which has no idle core to absorb it, 0.75 s (3%) slower.
    let treePeak = 0;
    const sampler = setInterval(() => {
      const r = child.pid ? treeRss(child.pid) : null;
      if (r !== null) treePeak = Math.max(treePeak, r);
    }, 500);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => {
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      try {
        const summary = JSON.parse(out) as IngestRun['summary'];
        const peakRss = Math.max(summary.peakRss, treePeak);
        resolve({ jobs, seconds, summary, peakRss, storeBytes: storeSize(db) });
      } catch {
        reject(new Error(`ingest with ${jobs} jobs failed (exit ${code}): ${err.slice(-2000)}`));
      }
    });
  });
}

/** Deletes a SQLite store with its WAL and shared-memory files. */
function removeStore(db: string): void {
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeQueries(
  name: string,
  calls: (() => Promise<unknown>)[],
  rounds: number,
): Promise<{ name: string; n: number; seconds: number; p50: number; p95: number; max: number }> {
  const times: number[] = [];
  for (const c of calls.slice(0, 2)) await c(); // warm the page cache and statement cache
  for (let r = 0; r < rounds; r++) {
    for (const c of calls) {
      const t = performance.now();
      await c();
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return {
    name,
    n: times.length,
    seconds: times.reduce((a, b) => a + b, 0) / 1000,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times[times.length - 1],
  };
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;

const suite: BenchSuite = async (corpus: BenchCorpus, ctx) => {
  const rows: BenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'attache-bench-store-'));
  try {
    const input = join(dir, 'corpus.jsonl');
    writeFileSync(input, `${corpus.articles.map((a) => JSON.stringify(a)).join('\n')}\n`);
    // 1 job, then 2 jobs, `pairs` times; each pair's ratio compares runs made one after the other
    const pairs: [IngestRun, IngestRun][] = [];
    for (let i = 0; i < ctx.pairs; i++) {
      const one = await ingest(ctx.root, input, join(dir, 'jobs1.db'), 1);
      removeStore(join(dir, 'jobs2.db'));
      const two = await ingest(ctx.root, input, join(dir, 'jobs2.db'), 2);
      pairs.push([one, two]);
      if (i < ctx.pairs - 1) removeStore(join(dir, 'jobs1.db'));
    }
    const ratio = ([one, two]: [IngestRun, IngestRun]) => one.seconds / two.seconds;
    const byRatio = [...pairs].sort((a, b) => ratio(a) - ratio(b));
    const runs = byRatio[Math.floor((byRatio.length - 1) / 2)];
    const base = runs[0].seconds;
    for (const r of runs) {
      rows.push({
        task: 'store ingest (SQLite)',
        system: r.jobs === 1 ? 'attache' : `attache --jobs ${r.jobs}`,
        docs: corpus.articles.length,
        bytes: corpus.bytes,
        seconds: r.seconds,
        peakRss: r.peakRss,
        note: `store ${mb(r.storeBytes)}, ${r.summary.inserted} new, ${r.summary.failed} failed, ${(base / r.seconds).toFixed(2)}× vs 1 job`,
      });
    }

    const store = new SqliteStore(join(dir, 'jobs2.db'), { readonly: true });
    try {
      const top = await store.entities({ limit: 10 });
      const people = await store.entities({ type: 'PERSON', limit: 5 });
      const speakers = (await store.quotes({ limit: 200 }))
        .map((q) => q.speakerName)
        .filter((x): x is string => !!x);
      const countries = (await store.events({ limit: 300 }))
        .flatMap((e) => [e.sourceCountry, e.targetCountry])
        .filter((x): x is string => !!x);
      const pick = <T>(xs: T[], fallback: T): T[] => (xs.length ? [...new Set(xs)].slice(0, 5) : [fallback]);
      const cs = pick(countries, 'USA');
      const terms = [
        'oil prices',
        'central bank',
        'minister',
        '"trade deficit"',
        'strike OR union',
        'election -football',
      ];
      const queries: [string, (() => Promise<unknown>)[]][] = [
        ['stats', [() => store.stats()]],
        ['search', terms.map((t) => () => store.search(t, { limit: 20 }))],
        [
          'events',
          cs.flatMap((c) => [
            () => store.events({ source: c, limit: 50 }),
            () => store.events({ target: c, code: '04', from: '1987-01-01', to: '2005-12-31', limit: 50 }),
          ]),
        ],
        ['quotes', pick(speakers, 'minister').map((s) => () => store.quotes({ speaker: s, limit: 50 }))],
        [
          'entities',
          ['PERSON', 'ORG', 'GPE', undefined].map(
            (t) => () => store.entities({ type: t as 'PERSON', limit: 20 }),
          ),
        ],
        [
          'timeline',
          pick(
            [...people, ...top].map((e) => e.key),
            'minister',
          ).map((k) => () => store.timeline(k, { limit: 200 })),
        ],
        ['dyad', cs.map((c, i) => () => store.dyad(c, cs[(i + 1) % cs.length], 'month'))],
      ];
      const rounds = ctx.quick ? 5 : 10;
      console.log('\n  store query latency (SQLite, corpus store ingested with 2 jobs)');
      console.log(
        `    ${'command'.padEnd(10)} ${'calls'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
      );
      for (const [name, calls] of queries) {
        const t = await timeQueries(name, calls, rounds);
        console.log(
          `    ${name.padEnd(10)} ${String(t.n).padStart(6)} ${t.p50.toFixed(2).padStart(8)} ${t.p95.toFixed(2).padStart(8)} ${t.max.toFixed(2).padStart(8)}`,
        );
        rows.push({
          task: `store query: ${name}`,
          system: 'attache (SQLite)',
          docs: t.n,
          bytes: 1,
          seconds: t.seconds,
          note: `p50 ${t.p50.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms (docs/s column = queries/s)`,
        });
      }
    } finally {
      await store.close();
    }
    const peak = (i: 0 | 1) => Math.max(...pairs.map((p) => p[i].peakRss));
    console.log(
      `\n  ingest: 1 job ${runs[0].seconds.toFixed(1)} s, 2 jobs ${runs[1].seconds.toFixed(1)} s → ${ratio(runs).toFixed(2)}× ` +
        `(target ≥ 1.7×); peak RSS ${mb(peak(0))} / ${mb(peak(1))} (target ≤ 300 MB)`,
    );
    if (pairs.length > 1) {
      const each = pairs.map(
        (p) => `${p[0].seconds.toFixed(1)} / ${p[1].seconds.toFixed(1)} s → ${ratio(p).toFixed(2)}×`,
      );
      console.log(
        `  ${pairs.length} pairs, in run order: ${each.join('; ')}; the line above is the median pair (the lower middle one for an even number)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
};

export default suite;
