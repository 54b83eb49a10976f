import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { IngestError, ingestBytes } from '../../ingest/index.ts';
import { analyzeArticle } from '../../node/analyze.ts';
import { PACKAGE_ROOT } from '../../node/models.ts';
import { ServeConfigError, startServer } from '../../server/index.ts';
import { isLoopbackHost } from '../../server/ssrf.ts';
import { openStore, resolveDbSpec, StoreNotFoundError } from '../../store/index.ts';
import type { Store } from '../../store/types.ts';
import { CliError } from '../errors.ts';

const WEB_DIR = join(PACKAGE_ROOT, 'web');
const WEB_DIST = join(WEB_DIR, 'dist');
const EXAMPLES_DIR = join(PACKAGE_ROOT, 'examples');

interface ServeFlags {
  db?: string;
  port: string;
  host: string;
  web: boolean;
}

async function openStoreAt(spec: string, create: boolean): Promise<Store> {
  try {
    return await openStore(spec, { create });
  } catch (err) {
    if (err instanceof StoreNotFoundError) {
      throw new CliError(
        `no store at ${spec}`,
        1,
        'ingest some articles first (attache ingest …), or run `attache start` to begin with the examples',
      );
    }
    throw new CliError(`cannot open the store at ${spec}: ${(err as Error).message}`);
  }
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`--port must be an integer between 0 and 65535 (got ${raw})`, 2);
  }
  return port;
}

/** Newest modification time of the UI sources (web/src, index.html, public/, vite config). */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(join(WEB_DIR, 'src'));
  walk(join(WEB_DIR, 'public'));
  for (const f of ['index.html', 'vite.config.ts']) {
    if (existsSync(join(WEB_DIR, f))) newest = Math.max(newest, statSync(join(WEB_DIR, f)).mtimeMs);
  }
  return newest;
}

/** Builds the web UI with Vite's API when web/dist is missing or older than its sources. */
export async function ensureWebBuild(log: (s: string) => void = () => {}): Promise<string | null> {
  const index = join(WEB_DIST, 'index.html');
  if (!existsSync(join(WEB_DIR, 'vite.config.ts'))) return existsSync(index) ? WEB_DIST : null;
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource()) return WEB_DIST;
  log('building the web UI…');
  const { build } = await import('vite');
  await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
  return existsSync(join(WEB_DIST, 'index.html')) ? WEB_DIST : null;
}

/** Analyses and stores every article file in examples/ (used by `attache start` on an empty store). */
export async function ingestExamples(store: Store, log: (s: string) => void = () => {}): Promise<number> {
  if (!existsSync(EXAMPLES_DIR)) return 0;
  let n = 0;
  const files = readdirSync(EXAMPLES_DIR)
    .filter((f) => /\.(txt|html?|md|xml|rss|atom)$/i.test(f) && !/^readme/i.test(f))
    .sort();
  for (const f of files) {
    const path = join(EXAMPLES_DIR, f);
    if (!statSync(path).isFile()) continue;
    try {
      for (const article of ingestBytes(readFileSync(path), { url: f })) {
        const put = await store.put(analyzeArticle(article));
        if (put.status === 'inserted') n++;
      }
    } catch (err) {
      const msg = err instanceof IngestError ? `${err.code}: ${err.message}` : (err as Error).message;
      log(`  skipped examples/${f}: ${msg}`);
    }
  }
  return n;
}

async function run(flags: ServeFlags, start: boolean): Promise<void> {
  const port = parsePort(flags.port);
  const token = process.env.ATTACHE_TOKEN || null;
  if (!isLoopbackHost(flags.host) && !token) {
    throw new CliError(
      `refusing to listen on ${flags.host} without a token`,
      1,
      'set ATTACHE_TOKEN (write endpoints will then require it), or bind to 127.0.0.1',
    );
  }
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const webDir = flags.web
    ? start
      ? await ensureWebBuild(log)
      : existsSync(WEB_DIST)
        ? WEB_DIST
        : null
    : null;
  if (flags.web && !webDir) {
    log('note: the web UI is not built (run `npm run build:web`, or `attache start`); serving the API only');
  }
  const dbUrl = resolveDbSpec(flags.db);
  const store = await openStoreAt(dbUrl, start);
  if (start && (await store.stats()).documents === 0) {
    const n = await ingestExamples(store, log);
    if (n) log(`ingested ${n} example article${n === 1 ? '' : 's'} into ${dbUrl}`);
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ store, host: flags.host, port, token, webDir });
  } catch (err) {
    await store.close();
    if (err instanceof ServeConfigError) throw new CliError(err.message);
    throw err;
  }
  const shown = server.url.replace('://127.0.0.1:', '://localhost:');
  process.stdout.write(`attache is serving ${dbUrl} at ${shown}\n`);
  process.stdout.write(`  API: ${shown}api/v1/  ·  OpenAPI: ${shown}openapi.json\n`);
  if (token) process.stdout.write('  write endpoints require the ATTACHE_TOKEN bearer token\n');
  const stop = async () => {
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await new Promise(() => {});
}

/** `attache serve` (HTTP API + web UI) and `attache start` (what `npm start` runs). */
export function registerServe(program: Command): void {
  const common = (cmd: Command) =>
    cmd
      .option('--db <path|url>', 'SQLite file or postgres:// URL (default: $ATTACHE_DB or ./attache.db)')
      .option('--port <n>', 'port to listen on', '8787')
      .option('--host <addr>', 'address to bind; a non-loopback address requires ATTACHE_TOKEN', '127.0.0.1')
      .option('--no-web', 'serve the API only');
  common(
    program.command('serve').description('serve the HTTP API (/api/v1, /openapi.json) and the web UI'),
  ).action((flags: ServeFlags) => run(flags, false));
  common(
    program
      .command('start')
      .description('build the web UI if needed, load the example articles into an empty store, and serve'),
  ).action((flags: ServeFlags) => run(flags, true));
}
