import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
      { env: { ...e, ...env }, timeout: 30_000 },
      (err, stdout, stderr) => {
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('attache serve (CLI)', () => {
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
