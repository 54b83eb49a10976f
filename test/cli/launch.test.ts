import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'attache.mjs');

/** Runs the file itself, as a shell does, and reads the V8 flags of the node process it started. */
function flagsOf(args: string[]): { status: number | null; stdout: string; execArgv: string[] | undefined } {
  // a module preloaded through NODE_OPTIONS (which drops double quotes) reports them on stderr
  const report = 'data:text/javascript,console.error(JSON.stringify({execArgv:process.execArgv}))';
  const r = spawnSync(BIN, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--import=${report}` },
  });
  const { execArgv } = JSON.parse(/\{"execArgv".*\}/.exec(r.stderr)?.[0] ?? '{}') as { execArgv?: string[] };
  return { status: r.status, stdout: r.stdout, execArgv };
}

describe.skipIf(process.platform === 'win32')('the attache command run as a file', () => {
  it('starts node with the single-threaded collector for the batch commands', () => {
    for (const command of ['ingest', 'worker']) {
      const r = flagsOf([command, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: attache ${command}`);
      expect(r.execArgv).toEqual(['--single-threaded-gc', '--max-semi-space-size=4']);
    }
  });

  it("leaves V8's defaults to the other commands", () => {
    for (const args of [['serve', '--help'], ['analyze', '--help'], ['--version']]) {
      const r = flagsOf(args);
      expect(r.status).toBe(0);
      expect(r.execArgv).toEqual([]);
    }
    expect(flagsOf(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
