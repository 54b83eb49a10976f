/**
 * `npm run eval:ner`: entity-level exact-match F1 (PER/ORG/LOC, MISC excluded) on the
 * CoNLL-2003 dev set with ../shared/scorers/score_ner.mjs, for attache, compromise and
 * wink-nlp in the same run, plus tokens/s of each.
 *
 *   npm run eval:ner               # dev (valid.jsonl)
 *   npm run eval:ner -- --split train
 *
 * Mapping: attache's tagger predicts CoNLL types directly (PER/ORG/LOC/MISC); in the
 * document pipeline these become PERSON/ORG/GPE/LOC/NORP/FAC/EVENT/MISC, which map back as
 * GPE/LOC/FAC → LOC and NORP/EVENT/MISC → MISC (not scored). compromise: people() → PER,
 * organizations() → ORG, places() → LOC. wink-nlp has no PER/ORG/LOC types: its runs of
 * proper nouns are scored as spans only (the "untyped" column), where every system is also
 * scored span-only. Gold CoNLL tokens are used for attache; peers get the sentence text
 * (tokens joined by spaces) and their spans are mapped back to tokens by character offset.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { loadTagger, tagSequence } from '../../src/entities/index.ts';
import { labelPos, labelType, NER_TYPES } from '../../src/entities/ner.ts';
import { nodeModels } from '../../src/node/models.ts';
import { type ConllDoc, readConll } from '../train/ner.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = resolve(root, '..', 'shared');
const scorer = join(shared, 'scorers', 'score_ner.mjs');

interface PredSpan {
  start: number;
  end: number;
  label: string;
}
type Preds = Map<string, PredSpan[]>;

interface Score {
  f1: number;
  p: number;
  r: number;
  perType: Record<string, number>;
}

function score(goldFile: string, preds: Preds, dir: string, name: string, untyped: boolean): Score {
  const file = join(dir, `${name}.jsonl`);
  writeFileSync(file, [...preds].map(([id, spans]) => JSON.stringify({ id, spans })).join('\n'));
  const args = [scorer, goldFile, file, '--json'];
  if (untyped) args.push('--untyped');
  const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
  const j = JSON.parse(out) as Record<string, unknown>;
  return normaliseScore(j);
}

/** The scorer's JSON: { PER: {P,R,F1,tp,fp,fn}, …, micro: {…} }. */
function normaliseScore(j: Record<string, unknown>): Score {
  const micro = (j.micro ?? {}) as Record<string, number>;
  const perType: Record<string, number> = {};
  for (const [k, v] of Object.entries(j))
    if (k !== 'micro' && v && typeof v === 'object') perType[k] = (v as Record<string, number>).F1;
  return { f1: micro.F1 ?? 0, p: micro.P ?? 0, r: micro.R ?? 0, perType };
}

function sentenceText(doc: ConllDoc, s: { start: number; end: number }): { text: string; starts: number[] } {
  const starts: number[] = [];
  let text = '';
  for (let i = s.start; i < s.end; i++) {
    if (i > s.start) text += ' ';
    starts.push(text.length);
    text += doc.seq.text.slice(doc.seq.starts[i], doc.seq.ends[i]);
  }
  return { text, starts };
}

/** Token span covering the characters [a, b) of a sentence whose token starts are `starts`. */
function charsToTokens(
  starts: number[],
  text: string,
  a: number,
  b: number,
): { start: number; end: number } | null {
  let t0 = -1;
  let t1 = -1;
  for (let i = 0; i < starts.length; i++) {
    const e = i + 1 < starts.length ? starts[i + 1] - 1 : text.length;
    if (t0 < 0 && e > a) t0 = i;
    if (starts[i] < b) t1 = i;
  }
  return t0 >= 0 && t1 >= t0 ? { start: t0, end: t1 + 1 } : null;
}

function main(): void {
  const args = process.argv.slice(2);
  const si = args.indexOf('--split');
  const split = si >= 0 ? args[si + 1] : 'valid';
  const goldFile = join(shared, 'data', 'conll2003', `${split}.jsonl`);
  if (!existsSync(goldFile) || !existsSync(scorer)) {
    console.log(`eval:ner: ${goldFile} or the scorer is not present; nothing to evaluate.`);
    return;
  }
  const docs = readConll(goldFile);
  const nTokens = docs.reduce((a, d) => a + d.seq.length, 0);
  const dir = mkdtempSync(join(tmpdir(), 'attache-ner-'));
  const rows: { system: string; typed: Score | null; untyped: Score; tps: number; note: string }[] = [];
  try {
    // attache
    const t0 = performance.now();
    const tagger = loadTagger(nodeModels);
    const loadMs = performance.now() - t0;
    if (!tagger) throw new Error('models/ner.bin.gz is missing: run npm run train:ner');
    const preds: Preds = new Map();
    const t1 = performance.now();
    const labels = docs.map((d) => tagSequence(tagger, d.seq));
    const attSec = (performance.now() - t1) / 1000;
    docs.forEach((d, di) => {
      const y = labels[di];
      for (const s of d.sentences) {
        const spans: PredSpan[] = [];
        let open = -1;
        for (let i = s.start; i < s.end; i++) {
          const p = labelPos(y[i]);
          const type = NER_TYPES[labelType(y[i])];
          if (p === 3) spans.push({ start: i - s.start, end: i - s.start + 1, label: type });
          else if (p === 0) open = i;
          else if (p === 2 && open >= 0) {
            spans.push({ start: open - s.start, end: i - s.start + 1, label: type });
            open = -1;
          }
        }
        preds.set(s.id, spans);
      }
    });
    rows.push({
      system: 'attache',
      typed: score(goldFile, preds, dir, 'attache', false),
      untyped: score(goldFile, preds, dir, 'attache', true),
      tps: nTokens / attSec,
      note: `model load ${loadMs.toFixed(0)} ms`,
    });

    // compromise
    const cp: Preds = new Map();
    let cSec = 0;
    for (const d of docs) {
      for (const s of d.sentences) {
        const { text, starts } = sentenceText(d, s);
        const t = performance.now();
        const doc = nlp(text);
        const found: [string, { start: number; length: number }[]][] = [
          [
            'PER',
            doc
              .people()
              .json({ offset: true })
              .map((x: { offset: { start: number; length: number } }) => x.offset),
          ],
          [
            'ORG',
            doc
              .organizations()
              .json({ offset: true })
              .map((x: { offset: { start: number; length: number } }) => x.offset),
          ],
          [
            'LOC',
            doc
              .places()
              .json({ offset: true })
              .map((x: { offset: { start: number; length: number } }) => x.offset),
          ],
        ];
        cSec += (performance.now() - t) / 1000;
        const spans: PredSpan[] = [];
        for (const [label, offs] of found) {
          for (const o of offs) {
            let a = o.start;
            let b = o.start + o.length;
            while (a < b && /[\s,.;:'"]/.test(text[b - 1])) b--;
            while (a < b && /[\s"'(]/.test(text[a])) a++;
            const tok = charsToTokens(starts, text, a, b);
            if (tok) spans.push({ ...tok, label });
          }
        }
        cp.set(s.id, spans);
      }
    }
    rows.push({
      system: 'compromise',
      typed: score(goldFile, cp, dir, 'compromise', false),
      untyped: score(goldFile, cp, dir, 'compromise', true),
      tps: nTokens / cSec,
      note: 'people/organizations/places',
    });

    // wink-nlp: proper-noun runs (no types)
    const wink = winkNLP(model);
    const its = wink.its;
    const wp: Preds = new Map();
    let wSec = 0;
    for (const d of docs) {
      for (const s of d.sentences) {
        const { text, starts } = sentenceText(d, s);
        const t = performance.now();
        const doc = wink.readDoc(text);
        const pos = doc.tokens().out(its.pos) as string[];
        const vals = doc.tokens().out(its.value) as string[];
        const spaces = doc.tokens().out(its.precedingSpaces) as string[];
        wSec += (performance.now() - t) / 1000;
        const spans: PredSpan[] = [];
        let off = 0;
        let runStart = -1;
        let runEnd = -1;
        for (let i = 0; i <= pos.length; i++) {
          if (i < pos.length) {
            off += spaces[i].length;
            const a = off;
            off += vals[i].length;
            if (pos[i] === 'PROPN') {
              if (runStart < 0) runStart = a;
              runEnd = off;
              continue;
            }
          }
          if (runStart >= 0) {
            const tok = charsToTokens(starts, text, runStart, runEnd);
            if (tok) spans.push({ ...tok, label: 'SPAN' });
            runStart = -1;
          }
        }
        wp.set(s.id, spans);
      }
    }
    rows.push({
      system: 'wink-nlp',
      typed: null,
      untyped: score(goldFile, wp, dir, 'wink', true),
      tps: nTokens / wSec,
      note: 'PROPN runs, no entity types',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const f = (n: number | undefined) => (n === undefined ? '–' : n.toFixed(2));
  console.log(
    `\nCoNLL-2003 ${split}: ${docs.length} documents, ${nTokens.toLocaleString('en-US')} tokens; exact entity match, PER/ORG/LOC (MISC excluded)\n`,
  );
  console.log(
    `  ${'system'.padEnd(12)} ${'F1'.padStart(7)} ${'P'.padStart(7)} ${'R'.padStart(7)} ${'PER'.padStart(7)} ${'ORG'.padStart(7)} ${'LOC'.padStart(7)} ${'untyped F1'.padStart(11)} ${'tokens/s'.padStart(11)}  note`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.system.padEnd(12)} ${f(r.typed?.f1).padStart(7)} ${f(r.typed?.p).padStart(7)} ${f(r.typed?.r).padStart(7)} ${f(r.typed?.perType.PER).padStart(7)} ${f(r.typed?.perType.ORG).padStart(7)} ${f(r.typed?.perType.LOC).padStart(7)} ${f(r.untyped.f1).padStart(11)} ${Math.round(r.tps).toLocaleString('en-US').padStart(11)}  ${r.note}`,
    );
  }
  console.log(
    '\n  targets: dev F1 ≥ 93 (held-out test goal ≥ 91); published: Ratinov & Roth 2009 90.8 (test), Stanford CRF 86.86 (test); compromise < 50',
  );
}

main();
