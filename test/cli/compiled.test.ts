import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without type declarations
import { compiledCli } from '../../bin/compiled.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'attache.mjs');
const ARTICLE = join(ROOT, 'examples', 'jakarta-asean-maritime-talks.txt');

function analyze(env: Record<string, string>): string {
  const r = spawnSync(process.execPath, [BIN, 'analyze', ARTICLE, '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  // stage timings differ between any two runs
  return JSON.stringify(JSON.parse(r.stdout), (k, v) => (k === 'ms' ? 0 : v));
}

describe('compiled CLI', () => {
  it('is built into node_modules/.cache and reused while the sources are unchanged', async () => {
    const first: string | null = await compiledCli();
    expect(first).not.toBeNull();
    expect(first).toContain('/node_modules/.cache/attache/');
    expect(existsSync(new URL(first as string))).toBe(true);
    expect(existsSync(new URL('./worker.mjs', first as string))).toBe(true);
    expect(existsSync(new URL('./analyze-worker.mjs', first as string))).toBe(true);
    expect(await compiledCli()).toBe(first);
  }, 60_000);

  it('gives exactly the output of the TypeScript sources', () => {
    const compiled = analyze({});
    const sources = analyze({ ATTACHE_NO_COMPILE: '1' });
    expect(compiled).toBe(sources);
    expect(JSON.parse(compiled).entities.length).toBeGreaterThan(5);
  }, 120_000);
});
