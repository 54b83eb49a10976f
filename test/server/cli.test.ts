import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'attache.mjs');

function attache(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const e = { ...process.env, ...env };
    delete e.ATTACHE_TOKEN;
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...e, ...env }, timeout: 120_000 },
      (err, stdout, stderr) => {
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('attache serve (CLI)', { timeout: 150_000 }, () => {
  it('refuses a non-loopback address without ATTACHE_TOKEN, with one clear line', async () => {
    const r = await attache(['serve', '--host', '0.0.0.0', '--port', '0']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refusing to listen on 0\.0\.0\.0 without a token/);
    expect(r.stderr).toMatch(/ATTACHE_TOKEN/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('reports a missing store and a bad port as errors, not stack traces', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'attache-serve-')), 'none.db');
    const missing = await attache(['serve', '--db', db, '--port', '0']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`no store at ${db}`);
    const port = await attache(['serve', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port must be an integer');
  });
});

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');

describe.skipIf(!existsSync(EXAMPLES))('attache start (CLI)', () => {
  it('creates the store, loads the example articles, serves and prints the URL', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'attache-start-')), 'start.db');
    const env = { ...process.env };
    delete env.ATTACHE_TOKEN;
    const child = spawn(process.execPath, [BIN, 'start', '--db', db, '--port', '0', '--no-web'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        const timer = setTimeout(() => fail(new Error(`no URL printed: ${out}`)), 200_000);
        const on = (d: Buffer) => {
          out += d.toString();
          const m = /serving .* at (http:\/\/\S+\/)/.exec(out);
          if (m) {
            clearTimeout(timer);
            done(m[1]);
          }
        };
        child.stdout.on('data', on);
        child.stderr.on('data', on);
        child.once('exit', (code) => fail(new Error(`exited ${code}: ${out}`)));
      });
      const stats = (await (await fetch(`${url}api/v1/stats`)).json()) as { documents: number };
      const files = readdirSync(EXAMPLES).filter((f) => /\.(txt|html?)$/i.test(f));
      expect(stats.documents).toBeGreaterThanOrEqual(Math.min(1, files.length));
      const docs = (await (await fetch(`${url}api/v1/documents`)).json()) as { items: { title: string }[] };
      expect(docs.items.length).toBe(stats.documents);
    } finally {
      child.kill('SIGTERM');
    }
  }, 240_000);
});
