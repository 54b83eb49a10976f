/**
 * `npm run eval:quotes`: quotation extraction on PolNeAR dev
 * (../shared/data/quotes-polnear/polnear-dev.jsonl), scored with
 * ../shared/scorers/score-quotes.mjs, attache beside a quote-mark regex
 * baseline, with the targets.
 *
 * The texts go through the product path: createDocument (paragraphs and
 * sentences), the entities stage, then the quotes stage.
 *
 *   npm run eval:quotes                       dev split
 *   npm run eval:quotes -- --errors 20        also print scorer error samples
 *   npm run eval:quotes -- --no-entities      skip the entities stage
 *   npm run eval:quotes -- --out pred.jsonl   keep attache's predictions
 *   npm run eval:quotes -- --no-rules         taggers only (no typography/transcript rules)
 *   npm run eval:quotes -- --file other.jsonl another PolNeAR-format file
 *   npm run eval:quotes -- --models DIR       quote models from DIR (e.g. a train:quotes --out-dir)
 *   npm run eval:quotes -- --gold-cues        the annotated cues instead of the cue tagger's: scores
 *                                             the span tagger and the rules alone (a diagnostic)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Document, Span } from '../../src/document/types.ts';
import { createEntitiesStage } from '../../src/entities/index.ts';
import type { ModelLoader } from '../../src/models.ts';
import { nodeModels } from '../../src/node/models.ts';
import { createDocument, runStages, type Stage } from '../../src/pipeline.ts';
import { createQuotesStage } from '../../src/quotes/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(root, '..', 'shared');
const scorer = join(shared, 'scorers', 'score-quotes.mjs');

interface Scores {
  contentExact: { p: number; r: number; f1: number };
  contentOverlap: { p: number; r: number; f1: number };
  contentDirect: { p: number; r: number; f1: number };
  source: { p: number; r: number; f1: number };
  cue: { p: number; r: number; f1: number };
  attribution: number;
}

const TARGETS = { content: 75, source: 85, cue: 78, attribution: 90 };

function argValue(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

/** Quote-mark regex baseline: every “…” / "…" / «…» pair is a quote, with no speaker or cue. */
function regexBaseline(text: string) {
  const re = /“[^”\n]{1,2000}”|"[^"\n]{1,2000}"|«[^»\n]{1,2000}»/g;
  const quotes = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    quotes.push({ start: m.index, end: m.index + m[0].length, kind: 'direct', speakerSpan: null, cue: null });
  }
  return quotes;
}

/** The shipped models, with the quote model files taken from `dir` instead (experiments). */
function quoteModelsFrom(dir: string): ModelLoader {
  const local = (name: string) => name.startsWith('quotes-') && existsSync(join(dir, name));
  const read = (name: string) => {
    const raw = readFileSync(join(dir, name));
    return name.endsWith('.gz') ? gunzipSync(raw) : raw;
  };
  return {
    json: <T>(name: string) =>
      local(name) ? (JSON.parse(new TextDecoder().decode(read(name))) as T) : nodeModels.json<T>(name),
    bytes: (name) => (local(name) ? new Uint8Array(read(name)) : nodeModels.bytes(name)),
    has: (name) => local(name) || nodeModels.has(name),
  };
}

function score(gold: string, pred: string, errors: number): Scores {
  const args = [scorer, gold, pred, '--json'];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
  if (errors > 0) {
    const human = execFileSync(process.execPath, [scorer, gold, pred, '--errors', String(errors)], {
      encoding: 'utf8',
    });
    console.log(human);
  }
  return JSON.parse(out) as Scores;
}

/** The first line that is not a gold record the scorer can read, described; null when all are. */
function badRecord(lines: string[]): string | null {
  if (lines.length === 0) return 'the file holds no records';
  for (const [i, line] of lines.entries()) {
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch {
      return `line ${i + 1} is not valid JSON`;
    }
    const g = r as { id?: unknown; text?: unknown; quotes?: unknown };
    if (!g || typeof g !== 'object' || typeof g.id !== 'string' || typeof g.text !== 'string')
      return `line ${i + 1} has no string "id" and "text"`;
    if (!Array.isArray(g.quotes)) return `line ${i + 1} (${g.id}) has no "quotes" list`;
  }
  return null;
}

function main(): void {
  const given = argValue('--file');
  if (given && !existsSync(given)) {
    console.error(`eval:quotes: ${given} does not exist (--file takes a PolNeAR-format JSONL file)`);
    process.exitCode = 1;
    return;
  }
  const file = given ?? join(shared, 'data', 'quotes-polnear', 'polnear-dev.jsonl');
  if (!existsSync(file) || !existsSync(scorer)) {
    console.log(`eval:quotes: ${existsSync(file) ? scorer : file} is not present; nothing to evaluate.`);
    return;
  }
  const errors = Number(argValue('--errors') ?? 0);
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const bad = badRecord(lines);
  if (bad) {
    console.error(
      `eval:quotes: ${file}: ${bad}\n  each line must be a PolNeAR-format record {"id","text","quotes":[…]}`,
    );
    process.exitCode = 1;
    return;
  }
  const stages: Stage[] = [];
  if (!process.argv.includes('--no-entities')) stages.push(createEntitiesStage(nodeModels) as Stage);
  const modelDir = argValue('--models');
  const quoteModels = modelDir ? quoteModelsFrom(resolve(modelDir)) : nodeModels;
  // --gold-cues: each text's annotated cues replace the cue tagger's (looked up by text)
  const goldCues = new Map<string, Span[]>();
  const givenCues = process.argv.includes('--gold-cues')
    ? (doc: Document) => goldCues.get(doc.text) ?? []
    : undefined;
  stages.push(
    createQuotesStage(quoteModels, { rules: !process.argv.includes('--no-rules'), givenCues }) as Stage,
  );
  const predLines: string[] = [];
  const baseLines: string[] = [];
  let bytes = 0;
  let quoteSeconds = 0;
  const t0 = performance.now();
  for (const line of lines) {
    const g = JSON.parse(line) as {
      id: string;
      text: string;
      meta?: { title?: string; publication_date?: string };
      quotes?: { cue_start: number | null; cue_end: number | null }[];
    };
    if (givenCues)
      goldCues.set(
        g.text,
        (g.quotes ?? []).flatMap((q) =>
          q.cue_start != null && q.cue_end != null ? [{ start: q.cue_start, end: q.cue_end }] : [],
        ),
      );
    const doc = createDocument({
      text: g.text,
      meta: {
        title: null,
        authors: [],
        published: g.meta?.publication_date ?? null,
        outlet: null,
        language: 'en',
        url: null,
      },
      warnings: [],
    });
    let out: Document = doc;
    try {
      out = runStages(doc, stages.slice(0, -1));
    } catch (err) {
      console.warn(`  entities stage failed on ${g.id}: ${(err as Error).message}`);
    }
    const tq = process.cpuUsage();
    out = runStages(out, stages.slice(-1));
    const used = process.cpuUsage(tq);
    quoteSeconds += (used.user + used.system) / 1e6;
    bytes += Buffer.byteLength(g.text);
    predLines.push(JSON.stringify({ id: g.id, quotes: out.quotes }));
    baseLines.push(JSON.stringify({ id: g.id, quotes: regexBaseline(g.text) }));
  }
  const total = (performance.now() - t0) / 1000;
  const dir = mkdtempSync(join(tmpdir(), 'attache-eval-quotes-'));
  try {
    const predPath = join(dir, 'attache.jsonl');
    const basePath = join(dir, 'regex.jsonl');
    writeFileSync(predPath, `${predLines.join('\n')}\n`);
    writeFileSync(basePath, `${baseLines.join('\n')}\n`);
    const keep = argValue('--out');
    if (keep) writeFileSync(keep, `${predLines.join('\n')}\n`);
    const a = score(file, predPath, errors);
    const b = score(file, basePath, 0);
    const f = (x: { p: number; r: number; f1: number }) =>
      `${x.f1.toFixed(1).padStart(5)} (P ${x.p.toFixed(1)} R ${x.r.toFixed(1)})`;
    const what = givenCues
      ? ' with the annotated cues (--gold-cues, a diagnostic: the cue row and the targets do not apply)'
      : '';
    console.log(`\nquotes on ${file.split(/[\\/]/).slice(-2).join('/')}: ${lines.length} documents${what}\n`);
    console.log(
      `  ${'metric (exact F1)'.padEnd(20)} ${'attache'.padEnd(24)} ${'quote-mark regex'.padEnd(24)} target`,
    );
    const rows: [string, string, string, string][] = [
      ['content exact', f(a.contentExact), f(b.contentExact), `≥ ${TARGETS.content}`],
      ['content overlap', f(a.contentOverlap), f(b.contentOverlap), ''],
      ['content direct', f(a.contentDirect), f(b.contentDirect), ''],
      ['source', f(a.source), f(b.source), `≥ ${TARGETS.source}`],
      ['cue', f(a.cue), f(b.cue), `≥ ${TARGETS.cue}`],
      [
        'attribution (acc.)',
        a.attribution.toFixed(1).padStart(5),
        b.attribution.toFixed(1).padStart(5),
        `≥ ${TARGETS.attribution}`,
      ],
    ];
    for (const r of rows) console.log(`  ${r[0].padEnd(20)} ${r[1].padEnd(24)} ${r[2].padEnd(24)} ${r[3]}`);
    console.log(
      `\n  quotes stage: ${(bytes / 1e6 / quoteSeconds).toFixed(2)} MB per CPU-second, cold (${quoteSeconds.toFixed(2)} CPU-s for ${(bytes / 1e6).toFixed(2)} MB; whole run ${total.toFixed(1)} s wall; npm run bench -- quotes for warm throughput)`,
    );
    if (process.argv.includes('--json')) console.log(JSON.stringify({ attache: a, regex: b }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
