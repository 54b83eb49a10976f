/**
 * `npm run eval:events`: codes the sentences of ../shared/data/event-gold and
 * scores them with ../shared/scorers/score-events.mjs.
 *
 *  - plover_gsr_cameo.jsonl (PLOVER-coded CAMEO manual examples): PLOVER (actor, type) F1
 *  - petr2_gsr_validation.jsonl (PETR-2 validation, silver CAMEO codings): CAMEO root/code
 *    triple F1 and the no-event rate
 *  - petrarch2_unittest.jsonl uses toy dictionaries and is not scored.
 *
 * Each set is scored for attache (full default pipeline; `--standalone` runs the
 * events stage on its own) and for a naive dictionary baseline: first verb with
 * a default code, first actor as source, second as target.
 *
 *   npm run eval:events [-- --standalone] [-- --errors 20]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article, Document } from '../../src/document/types.ts';
import { findActors } from '../../src/events/actors.ts';
import { sentenceTokens } from '../../src/events/coder.ts';
import { createEventsStage } from '../../src/events/index.ts';
import { loadEventsModel } from '../../src/events/model.ts';
import { nodeModels } from '../../src/node/models.ts';
import { createDocument, runStages, type Stage } from '../../src/pipeline.ts';
import { defaultStages } from '../../src/stages.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const gold = resolve(root, '..', 'shared', 'data', 'event-gold');
const scorer = resolve(root, '..', 'shared', 'scorers', 'score-events.mjs');

interface GoldRecord {
  id: string;
  text: string;
  date: string;
  events: { source: string; target: string; code: string }[];
  ontology: string;
}

const args = process.argv.slice(2);
const standalone = args.includes('--standalone');
const nErrors = args.includes('--errors') ? Number(args[args.indexOf('--errors') + 1]) : 0;

if (!existsSync(gold) || !existsSync(scorer)) {
  console.log('eval:events: ../shared/data/event-gold or the scorer is not present; nothing to score.');
  process.exit(0);
}

function article(r: GoldRecord): Article {
  return {
    text: r.text.trim(),
    meta: {
      title: null,
      authors: [],
      published: r.date ?? null,
      outlet: null,
      language: 'en',
      url: null,
    },
    warnings: [],
  };
}

function stages(): { stages: Stage[]; label: string } {
  const events = createEventsStage(nodeModels) as unknown as Stage;
  if (standalone) return { stages: [events], label: 'attache (events stage alone)' };
  try {
    return { stages: defaultStages(nodeModels), label: 'attache (full pipeline)' };
  } catch (err) {
    console.log(`  (full pipeline unavailable: ${(err as Error).message}; scoring the events stage alone)`);
    return { stages: [events], label: 'attache (events stage alone)' };
  }
}

type Pred = {
  id: string;
  events: { source: string; target: string; code: string; plover?: string | null }[];
};

function predict(records: GoldRecord[], st: Stage[]): { preds: Pred[]; seconds: number; chars: number } {
  const preds: Pred[] = [];
  let chars = 0;
  const t0 = performance.now();
  for (const r of records) {
    let doc: Document;
    try {
      doc = runStages(createDocument(article(r)), st);
    } catch {
      doc = runStages(createDocument(article(r)), [createEventsStage(nodeModels) as unknown as Stage]);
    }
    chars += r.text.length;
    preds.push({
      id: r.id,
      events: doc.events.map((e) => ({
        source: e.source.actor ?? '',
        target: e.target?.actor ?? '',
        code: e.code,
        plover: e.plover,
      })),
    });
  }
  return { preds, seconds: (performance.now() - t0) / 1000, chars };
}

/** The naive baseline: first verb with a default dictionary code; first actor → second actor. */
function baseline(records: GoldRecord[]): Pred[] {
  const model = loadEventsModel(nodeModels);
  return records.map((r) => {
    const text = r.text;
    const t = sentenceTokens(text, 0, text.length, model);
    const actors = findActors(text, t, model, []).filter((a) => !a.pronoun);
    let code: string | null = null;
    for (const w of t.lower) {
      const v = model.forms.get(w)?.find((e) => e.code);
      if (v?.code) {
        code = v.code;
        break;
      }
    }
    if (!code || !actors.length) return { id: r.id, events: [] };
    return { id: r.id, events: [{ source: actors[0].code, target: actors[1]?.code ?? '', code }] };
  });
}

function score(goldFile: string, preds: Pred[]): Record<string, unknown> & { text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'attache-events-'));
  const predFile = join(dir, 'pred.jsonl');
  writeFileSync(predFile, preds.map((p) => JSON.stringify(p)).join('\n'));
  const res = spawnSync(process.execPath, [scorer, goldFile, predFile, '--json'], { encoding: 'utf8' });
  const text =
    nErrors > 0
      ? spawnSync(process.execPath, [scorer, goldFile, predFile, '--errors', String(nErrors)], {
          encoding: 'utf8',
        }).stdout
      : '';
  rmSync(dir, { recursive: true, force: true });
  if (res.status !== 0) throw new Error(`scorer failed: ${res.stderr}`);
  return { ...JSON.parse(res.stdout), text };
}

const fmt = (m: { p: number; r: number; f1: number }) =>
  `P ${m.p.toFixed(1).padStart(5)}  R ${m.r.toFixed(1).padStart(5)}  F1 ${m.f1.toFixed(1).padStart(5)}`;

const { stages: st, label } = stages();
const sets = [
  { file: 'plover_gsr_cameo.jsonl', name: 'PLOVER-coded CAMEO manual examples (dev half)', kind: 'plover' },
  {
    file: 'petr2_gsr_validation.jsonl',
    name: 'PETR-2 validation sentences (dev half, silver)',
    kind: 'cameo',
  },
] as const;

console.log(`eval:events — ../shared/data/event-gold, scored with score-events.mjs`);
let totalChars = 0;
let totalSeconds = 0;
for (const set of sets) {
  const path = join(gold, set.file);
  if (!existsSync(path)) continue;
  const records = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as GoldRecord);
  const { preds, seconds, chars } = predict(records, st);
  totalChars += chars;
  totalSeconds += seconds;
  const ours = score(path, preds);
  const base = score(path, baseline(records));
  console.log(`\n  ${set.name}: ${records.length} sentences`);
  const rows: [string, string][] =
    set.kind === 'plover'
      ? [
          ['PLOVER (actor, type)', 'plover'],
          ['PLOVER type only', 'ploverTypeOnly'],
        ]
      : [
          ['CAMEO root triple', 'cameoRoot'],
          ['CAMEO code triple', 'cameoCode'],
          ['CAMEO root, actors ignored', 'cameoEventOnly'],
        ];
  for (const [title, k] of rows) {
    console.log(`    ${title.padEnd(28)} ${label.padEnd(30)} ${fmt(ours[k] as never)}`);
    console.log(`    ${''.padEnd(28)} ${'naive dictionary baseline'.padEnd(30)} ${fmt(base[k] as never)}`);
  }
  if (set.kind === 'cameo') {
    console.log(
      `    ${'no-event sentences'.padEnd(28)} ${label.padEnd(30)} ${String(ours.noEventSentences).padStart(5)}%   baseline ${base.noEventSentences}%`,
    );
  }
  if (ours.text) console.log(ours.text);
}
console.log(
  `\n  targets (dev half): PLOVER (actor, type) F1 ≥ 75, CAMEO root triple F1 ≥ 65, no-event sentences ≥ 80` +
    `\n  ${totalChars.toLocaleString()} characters coded in ${totalSeconds.toFixed(2)} s`,
);
