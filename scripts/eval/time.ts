/**
 * `npm run eval:time`: TIMEX3 extraction and normalisation on TempEval-3
 * (TimeBank + AQUAINT, each document with its creation date), attache beside
 * chrono-node in the same run, both scored by ../shared/scorers/score_timex.mjs.
 *
 *   npm run eval:time                 table for TimeBank, AQUAINT and both
 *   npm run eval:time -- --errors     also print attache's errors with context: wrong values,
 *                                     misses and false positives (first 80 of each; --errors=N)
 *
 * Rows: "attache" is the product default (ranges merged into one interval);
 * "attache (TimeML ranges)" annotates range endpoints separately, as the
 * TimeML guidelines (and so the gold) do.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import { tagTimes } from '../../src/time/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = resolve(root, '..', 'shared', 'data', 'tempeval3');
const scorer = resolve(root, '..', 'shared', 'scorers', 'score_timex.mjs');

interface GoldDoc {
  id: string;
  dct: string;
  text: string;
  timexes: { start: number; end: number; text: string; type: string; value: string }[];
}

interface PredTimex {
  start: number;
  end: number;
  value: string;
  type: string;
}

interface Score {
  gold: number;
  predicted: number;
  strict: { F1: number };
  relaxed: { P: number; R: number; F1: number };
  value: { F1: number };
  valueAccuracy: number;
  type?: { F1: number };
}

type System = (doc: GoldDoc) => PredTimex[];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** chrono-node's result as a TIMEX3 value: the components it is certain of, implied ones filling the rest. */
function chronoSystem(doc: GoldDoc): PredTimex[] {
  const [y, m, d] = doc.dct.split('-').map(Number);
  const ref = new Date(y, m - 1, d, 12);
  return chrono.parse(doc.text, ref).map((r) => {
    const c = r.start;
    const date = `${pad(c.get('year') ?? 0, 4)}-${pad(c.get('month') ?? 1)}-${pad(c.get('day') ?? 1)}`;
    let value: string;
    let type = 'DATE';
    if (c.isCertain('hour')) {
      value = `${date}T${pad(c.get('hour') ?? 0)}:${pad(c.get('minute') ?? 0)}`;
      type = 'TIME';
    } else if (c.isCertain('day') || c.isCertain('weekday')) value = date;
    else if (c.isCertain('month')) value = date.slice(0, 7);
    else value = date.slice(0, 4);
    return { start: r.index, end: r.index + r.text.length, value, type };
  });
}

function attacheSystem(ranges: 'merge' | 'split'): System {
  return (doc) =>
    tagTimes(doc.text, { published: doc.dct, ranges }).map((t) => ({
      start: t.start,
      end: t.end,
      value: t.value,
      type: t.type,
    }));
}

/**
 * attache's errors with their context, for error analysis: VAL (overlapping span, wrong value),
 * MISS (gold expression not found) and FP (found, not in the gold), each with the document date.
 */
function dumpErrors(docs: GoldDoc[], preds: { id: string; timexes: PredTimex[] }[], limit: number): void {
  const lines: Record<'VAL' | 'MISS' | 'FP', string[]> = { VAL: [], MISS: [], FP: [] };
  const ctx = (t: string, s: number, e: number) =>
    `${t.slice(Math.max(0, s - 70), s)}[${t.slice(s, e)}]${t.slice(e, e + 40)}`.replace(/\s+/g, ' ');
  docs.forEach((d, k) => {
    const ps = preds[k].timexes;
    const pairs: [number, number, number][] = [];
    d.timexes.forEach((g, i) => {
      ps.forEach((p, j) => {
        const ov = Math.min(g.end, p.end) - Math.max(g.start, p.start);
        if (ov > 0) pairs.push([ov, i, j]);
      });
    });
    pairs.sort((a, b) => b[0] - a[0]);
    const ug = new Set<number>();
    const up = new Set<number>();
    for (const [, i, j] of pairs) {
      if (ug.has(i) || up.has(j)) continue;
      ug.add(i);
      up.add(j);
      const g = d.timexes[i];
      const p = ps[j];
      if (p.value.toUpperCase() !== g.value.toUpperCase())
        lines.VAL.push(`${d.dct}  gold ${g.value}  got ${p.value}  ${ctx(d.text, g.start, g.end)}`);
    }
    d.timexes.forEach((g, i) => {
      if (!ug.has(i)) lines.MISS.push(`${d.dct}  gold ${g.value}  ${ctx(d.text, g.start, g.end)}`);
    });
    ps.forEach((p, j) => {
      if (!up.has(j)) lines.FP.push(`${d.dct}  got ${p.value}  ${ctx(d.text, p.start, p.end)}`);
    });
  });
  for (const [kind, ls] of Object.entries(lines)) {
    console.log(`attache ${kind} (${ls.length}, first ${Math.min(limit, ls.length)}):`);
    for (const l of ls.slice(0, limit)) console.log(`  ${l}`);
  }
}

function score(goldFile: string, predFile: string): Score {
  const out = execFileSync(process.execPath, [scorer, goldFile, predFile, '--json'], { encoding: 'utf8' });
  return JSON.parse(out) as Score;
}

function main(): void {
  if (!existsSync(dataDir) || !existsSync(scorer)) {
    console.log(
      'eval:time: ../shared/data/tempeval3 or ../shared/scorers/score_timex.mjs is not present; nothing to score.',
    );
    return;
  }
  const errArg = process.argv.find((a) => a === '--errors' || a.startsWith('--errors='));
  const showErrors = Boolean(errArg);
  const errorLimit = errArg?.includes('=') ? Number(errArg.split('=')[1]) || 80 : 80;
  const tmp = mkdtempSync(join(tmpdir(), 'attache-eval-time-'));
  const sets: Record<string, GoldDoc[]> = {};
  for (const name of ['timebank', 'aquaint']) {
    sets[name] = readFileSync(join(dataDir, `${name}.jsonl`), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as GoldDoc);
  }
  sets.total = [...sets.timebank, ...sets.aquaint];
  const systems: [string, System][] = [
    ['attache', attacheSystem('merge')],
    ['attache (TimeML ranges)', attacheSystem('split')],
    ['chrono-node', chronoSystem],
  ];
  const rows: { set: string; system: string; s: Score }[] = [];
  try {
    for (const [setName, docs] of Object.entries(sets)) {
      const goldFile = join(tmp, `${setName}.gold.jsonl`);
      writeFileSync(goldFile, `${docs.map((d) => JSON.stringify(d)).join('\n')}\n`);
      for (const [sysName, sys] of systems) {
        const preds = docs.map((d) => ({ id: d.id, timexes: sys(d) }));
        const predFile = join(tmp, `${setName}.${sysName.replace(/\W+/g, '_')}.jsonl`);
        writeFileSync(predFile, `${preds.map((p) => JSON.stringify(p)).join('\n')}\n`);
        rows.push({ set: setName, system: sysName, s: score(goldFile, predFile) });
        if (showErrors && sysName === 'attache' && setName === 'total') dumpErrors(docs, preds, errorLimit);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const f = (n: number | undefined) => (n === undefined ? '–' : n.toFixed(2)).padStart(8);
  console.log('\nTempEval-3 TBAQ (TimeBank + AQUAINT), TIMEX3 extraction + normalisation, score_timex.mjs');
  console.log(
    `  ${'set'.padEnd(9)} ${'system'.padEnd(24)} ${'gold'.padStart(5)} ${'pred'.padStart(5)} ${'strict'.padStart(8)} ${'relaxed'.padStart(8)} ${'value'.padStart(8)} ${'val.acc'.padStart(8)} ${'type'.padStart(8)}`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.set.padEnd(9)} ${r.system.padEnd(24)} ${String(r.s.gold).padStart(5)} ${String(r.s.predicted).padStart(5)} ${f(r.s.strict.F1)} ${f(r.s.relaxed.F1)} ${f(r.s.value.F1)} ${f(r.s.valueAccuracy)} ${f(r.s.type?.F1)}`,
    );
  }
  console.log('\n  throughput: npm run bench -- time');
  console.log('  targets (dev): relaxed F1 ≥ 92, value F1 ≥ 82');
  console.log(
    '  reference (TempEval-3 platinum test): HeidelTime relaxed 90.30 / value 77.61; SUTime value 67.38',
  );
  const total = rows.find((r) => r.set === 'total' && r.system === 'attache');
  if (total) {
    const ok = total.s.relaxed.F1 >= 92 && total.s.value.F1 >= 82;
    console.log(
      `  attache total: relaxed ${total.s.relaxed.F1.toFixed(2)}, value ${total.s.value.F1.toFixed(2)} — ${ok ? 'meets' : 'below'} the dev targets`,
    );
  }
}

main();
