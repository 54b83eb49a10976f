import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tagTimes } from '../../src/time/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = resolve(root, '..', 'shared', 'data', 'tempeval3');
const scorer = resolve(root, '..', 'shared', 'scorers', 'score_timex.mjs');
const present = existsSync(join(dataDir, 'timebank.jsonl')) && existsSync(scorer);
if (!present) console.log('test/time/tempeval: ../shared/data/tempeval3 or the scorer is absent; skipping');

interface Scores {
  relaxed: { F1: number };
  value: { F1: number };
  strict: { F1: number };
}

/** A fixed sample (every third document) of one set, scored with the shared scorer. */
function scoreSample(set: string, tmp: string): Scores {
  const docs = readFileSync(join(dataDir, `${set}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .filter((_, i) => i % 3 === 0);
  const gold = join(tmp, `${set}.gold.jsonl`);
  const pred = join(tmp, `${set}.pred.jsonl`);
  writeFileSync(gold, `${docs.join('\n')}\n`);
  const preds = docs.map((l) => {
    const d = JSON.parse(l) as { id: string; dct: string; text: string };
    const timexes = tagTimes(d.text, { published: d.dct }).map((t) => ({
      start: t.start,
      end: t.end,
      value: t.value,
      type: t.type,
    }));
    return JSON.stringify({ id: d.id, timexes });
  });
  writeFileSync(pred, `${preds.join('\n')}\n`);
  return JSON.parse(
    execFileSync(process.execPath, [scorer, gold, pred, '--json'], { encoding: 'utf8' }),
  ) as Scores;
}

describe.skipIf(!present)('TempEval-3 sample (score_timex.mjs)', () => {
  const tmp = present ? mkdtempSync(join(tmpdir(), 'attache-time-test-')) : '';
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  // floors sit just under the figures measured on these samples (TimeBank 95.12 / 82.56, AQUAINT 93.87 / 77.80)
  it('TimeBank sample: relaxed and value F1 floors', () => {
    const s = scoreSample('timebank', tmp);
    expect(s.relaxed.F1).toBeGreaterThanOrEqual(95);
    expect(s.value.F1).toBeGreaterThanOrEqual(82.5);
  });

  it('AQUAINT sample: relaxed and value F1 floors', () => {
    const s = scoreSample('aquaint', tmp);
    expect(s.relaxed.F1).toBeGreaterThanOrEqual(93.5);
    expect(s.value.F1).toBeGreaterThanOrEqual(77.5);
  });
});
