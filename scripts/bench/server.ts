/**
 * `npm run bench -- server`: the HTTP API under load. Builds (once, cached in
 * .tmp/) a SQLite store of the corpus-news articles run through the full
 * pipeline, starts `attache serve` on 127.0.0.1 in a child process, and runs
 * autocannon with 200 connections for 30 s (10 s with --quick) against
 * /api/v1/events. Prints requests, errors, p50/p99 latency. Loopback only.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeArticle } from '../../src/node/analyze.ts';
import { runLoad } from '../../src/server/load.ts';
import { openStore, prepareDocument } from '../../src/store/index.ts';
import type { BenchArticle, BenchContext, BenchCorpus, BenchRow, BenchSuite } from './types.ts';
import { toArticle } from './article.ts';

async function buildStore(articles: BenchArticle[], file: string): Promise<void> {
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const store = await openStore(partial, { create: true });
  const started = Date.now();
  const batch = [];
  let failed = 0;
  for (let i = 0; i < articles.length; i++) {
    try {
      batch.push(prepareDocument(analyzeArticle(toArticle(articles[i]))));
    } catch (err) {
      failed++;
      if (failed > 20 && failed > i / 10) {
        await store.close();
        rmSync(partial, { force: true });
        throw new Error(
          `the pipeline fails on most articles (${failed} of ${i + 1}): ${(err as Error).message}`,
        );
      }
    }
    if (batch.length === 200 || i === articles.length - 1) {
      await store.putMany(batch.splice(0));
      process.stderr.write(`\r  building the bench store: ${i + 1}/${articles.length}`);
    }
  }
  const stats = await store.stats();
  await store.close();
  renameSync(partial, file);
  process.stderr.write(
    `\r  built the bench store: ${stats.documents} documents (${failed} failed analysis), ${stats.events} events in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
}

/** Whether a cached store still opens and answers with the current store code. */
async function usable(db: string): Promise<boolean> {
  try {
    const store = await openStore(db);
    try {
      await store.stats();
      await store.events({ limit: 1 });
      return true;
    } finally {
      await store.close();
    }
  } catch {
    return false;
  }
}

function startChild(root: string, db: string): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.ATTACHE_TOKEN;
    // the command as a user runs it: the file itself, whose `sh` line picks node's V8 flags by command
    const child = spawn(
      join(root, 'bin', 'attache.mjs'),
      ['serve', '--db', db, '--port', '0', '--host', '127.0.0.1', '--no-web'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`server did not start: ${out}`));
    }, 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/[^\s]+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1].replace('://localhost:', '://127.0.0.1:'), stop: () => child.kill('SIGTERM') });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${out}`));
    });
  });
}

const suite: BenchSuite = async (corpus: BenchCorpus, ctx: BenchContext): Promise<BenchRow[]> => {
  const dir = join(ctx.root, '.tmp');
  mkdirSync(dir, { recursive: true });
  const db = join(dir, `bench-server-${corpus.articles.length}.db`);
  if (existsSync(db) && !(await usable(db))) {
    process.stderr.write('  the cached bench store is from an older store schema; rebuilding it\n');
    rmSync(db, { force: true });
  }
  if (!existsSync(db)) await buildStore(corpus.articles, db);
  const server = await startChild(ctx.root, db);
  const connections = 200;
  const duration = ctx.quick ? 10 : 30;
  try {
    // a warm-up so the first SQLite page reads are not in the measurement
    await runLoad({ url: `${server.url}api/v1/events`, connections: 10, duration: 1 });
    const r = await runLoad({
      url: `${server.url}api/v1/events`,
      connections,
      duration,
      paths: [
        '/api/v1/events',
        '/api/v1/events?limit=50&offset=100',
        '/api/v1/events?code=04',
        '/api/v1/events?from=1987-03-01&to=1987-03-31',
        '/api/v1/events?limit=20&offset=500',
      ],
    });
    const ok = r.errors === 0 && r.timeouts === 0 && r.non2xx === 0 && r.p99 < 250;
    console.log(
      `\n  HTTP load: GET /api/v1/events, ${connections} connections, ${duration} s, store of ${corpus.articles.length.toLocaleString()} articles` +
        `\n    requests ${r.requests.toLocaleString()} (${Math.round(r.rps).toLocaleString()} req/s) · errors ${r.errors} · timeouts ${r.timeouts} · non-2xx ${r.non2xx}` +
        `\n    latency p50 ${r.p50} ms · p99 ${r.p99} ms · max ${r.max} ms  →  ${ok ? 'PASS' : 'FAIL'} (target: 0 errors, p99 < 250 ms)`,
    );
    return [
      {
        task: `HTTP GET /api/v1/events (${connections} clients)`,
        system: 'attache serve',
        docs: r.requests,
        bytes: r.bytes,
        seconds: r.seconds,
        note: `p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors + r.timeouts + r.non2xx}; docs/s = requests/s`,
      },
    ];
  } finally {
    server.stop();
  }
};

export default suite;
