/**
 * Quality floors on a fixed sample of PolNeAR dev, scored with the shared
 * scorer (skipped when ../shared is not present). The floors sit a little
 * under what the shipped models measure on this sample.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from './helpers.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const devFile = resolve(root, '..', 'shared', 'data', 'quotes-polnear', 'polnear-dev.jsonl');
const scorer = resolve(root, '..', 'shared', 'scorers', 'score-quotes.mjs');
const present = existsSync(devFile) && existsSync(scorer);
if (!present)
  console.log('test/quotes/polnear: ../shared/data/quotes-polnear or the scorer is absent; skipping.');

describe.skipIf(!present)('PolNeAR dev sample (first 30 articles)', () => {
  const dir = present ? mkdtempSync(join(tmpdir(), 'attache-quotes-test-')) : '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stays above its quality floors', () => {
    const lines = readFileSync(devFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .slice(0, 30);
    const pred = lines.map((l) => {
      const g = JSON.parse(l) as { id: string; text: string };
      return JSON.stringify({ id: g.id, quotes: analyze(g.text).quotes });
    });
    writeFileSync(join(dir, 'gold.jsonl'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'pred.jsonl'), `${pred.join('\n')}\n`);
    const out = JSON.parse(
      execFileSync(process.execPath, [scorer, join(dir, 'gold.jsonl'), join(dir, 'pred.jsonl'), '--json'], {
        encoding: 'utf8',
      }),
    ) as Record<string, { f1: number } | number>;
    const f1 = (k: string) => (out[k] as { f1: number }).f1;
    console.log(
      `PolNeAR dev sample: content ${f1('contentExact')}, overlap ${f1('contentOverlap')}, source ${f1('source')}, cue ${f1('cue')}, attribution ${out.attribution}`,
    );
    expect(f1('contentExact')).toBeGreaterThan(FLOORS.content);
    expect(f1('contentOverlap')).toBeGreaterThan(FLOORS.overlap);
    expect(f1('source')).toBeGreaterThan(FLOORS.source);
    expect(f1('cue')).toBeGreaterThan(FLOORS.cue);
    expect(out.attribution as number).toBeGreaterThan(FLOORS.attribution);
  });
});

const FLOORS = { content: 55.5, overlap: 77.5, source: 71, cue: 69, attribution: 87 };
