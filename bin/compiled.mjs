// The CLI compiled to plain JavaScript, kept in node_modules/.cache/attache and rebuilt whenever
// a source file changes.
//
// Running the TypeScript sources directly needs a loader, and Node 20 runs loader hooks in a
// thread of their own with its own V8 heap: about 40 MB per process, and as much again in every
// worker thread, plus compiling every module on each start. A compiled bundle needs none of it.
// Plain JavaScript (this file runs before anything can load TypeScript).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const CACHE = join(ROOT, 'node_modules', '.cache', 'attache');
/** Bumped when the build options below change, so older builds are not reused. */
const FORMAT = 1;
/** Builds other than the current one are removed once this old (a running process may still use one). */
const STALE_MS = 24 * 3600 * 1000;

/**
 * Entry points, named after the files the code loads at run time: `new URL('./worker.mjs',
 * import.meta.url)` finds the ingest worker next to the bundle as it finds the loader shim next to
 * the sources.
 */
const ENTRIES = {
  main: 'src/cli/main.ts',
  worker: 'src/node/ingest/worker-main.ts',
  'analyze-worker': 'src/server/analyze-worker-main.ts',
};

/** A digest of every source file's path, size and modification time (cheap: no file is read). */
function fingerprint(esbuildVersion) {
  const hash = createHash('sha256').update(`${FORMAT}\0${esbuildVersion}\0`);
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const s = statSync(p);
        hash.update(`${relative(SRC, p)}\0${s.size}\0${s.mtimeMs}\0`);
      }
    }
  };
  walk(SRC);
  return hash.digest('hex').slice(0, 16);
}

function esbuildVersion() {
  try {
    const pkg = join(ROOT, 'node_modules', 'esbuild', 'package.json');
    return JSON.parse(readFileSync(pkg, 'utf8')).version;
  } catch {
    return null;
  }
}

function removeStale(keep) {
  let names = [];
  try {
    names = readdirSync(CACHE);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === keep) continue;
    const p = join(CACHE, name);
    try {
      if (Date.now() - statSync(p).mtimeMs > STALE_MS) rmSync(p, { recursive: true, force: true });
    } catch {
      // another process removed it first
    }
  }
}

async function build(dir) {
  const { build } = await import('esbuild');
  // Each process builds into its own directory and renames it into place, so concurrent starts
  // never see a half-written build.
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(CACHE, { recursive: true });
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: ENTRIES,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      logLevel: 'silent',
    });
    try {
      renameSync(tmp, dir);
    } catch (err) {
      // another process finished the same build first
      if (!statSync(join(dir, 'main.mjs'), { throwIfNoEntry: false })) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * URL of the compiled CLI module, building it when the sources changed; null when it cannot be
 * used (no esbuild, a read-only install, ATTACHE_NO_COMPILE=1), and the caller runs the sources.
 */
export async function compiledCli() {
  if (process.env.ATTACHE_NO_COMPILE === '1') return null;
  const version = esbuildVersion();
  if (!version) return null;
  try {
    const name = `cli-${fingerprint(version)}`;
    const dir = join(CACHE, name);
    const main = join(dir, 'main.mjs');
    if (!statSync(main, { throwIfNoEntry: false })) {
      await build(dir);
      removeStale(name);
    }
    return pathToFileURL(main).href;
  } catch {
    return null;
  }
}
