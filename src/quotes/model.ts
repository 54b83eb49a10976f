import type { ModelLoader } from '../models.ts';
import { BucketTable, type BucketTableData, packBuckets } from './features.ts';
import { decodeModel, type LinearModelJson } from './linear.ts';
import { QuoteTagger } from './tagger.ts';

export const CUE_MODEL = 'quotes-cue.json.gz';
export const SPAN_MODEL = 'quotes-span.json.gz';
export const LEXICON = 'quotes-lexicon.json';
/** Optional: the content-end scorer (see ends.ts). */
export const END_MODEL = 'quotes-end.json.gz';

interface ModelFile {
  version: number;
  bias?: number;
  model: LinearModelJson;
}

interface LexiconFile {
  cues?: string[];
  cueForms?: number[];
  /** Flat [hash, bucket, hash, bucket, …] lists (see `CueLexicon`). */
  cueStats?: { form?: number[]; stem?: number[] };
}

function pairs(flat: number[] | undefined): Map<number, number> {
  const m = new Map<number, number>();
  if (Array.isArray(flat)) for (let i = 0; i + 1 < flat.length; i += 2) m.set(flat[i] | 0, flat[i + 1] | 0);
  return m;
}

/** The lexicon tables for the cue tagger, or null when the lexicon file predates them. */
function packCueLex(j: LexiconFile): { form: BucketTableData; stem: BucketTableData } | null {
  if (!j.cueStats) return null;
  return { form: packBuckets(pairs(j.cueStats.form)), stem: packBuckets(pairs(j.cueStats.stem)) };
}

/** What the taggers read from the lexicon file: the cue word forms and the cue statistics. */
function packLexicon(models: ModelLoader) {
  if (!models.has(LEXICON)) return { cueForms: null, cueLex: null };
  const j = models.json<LexiconFile>(LEXICON);
  return { cueForms: j.cueForms?.length ? Float64Array.from(j.cueForms) : null, cueLex: packCueLex(j) };
}

/** The trained taggers, or null (with a reason) when the model files are missing or unreadable. */
export function loadTagger(models: ModelLoader): { tagger: QuoteTagger | null; problem: string | null } {
  try {
    if (!models.has(CUE_MODEL) || !models.has(SPAN_MODEL)) {
      return {
        tagger: null,
        problem: `models/${CUE_MODEL} or models/${SPAN_MODEL} is missing (npm run train:quotes)`,
      };
    }
    // the decoded weight and lexicon tables are built once per host (shared by ingest worker threads when it can)
    const build = () => {
      const cueFile = models.json<ModelFile>(CUE_MODEL);
      const spanFile = models.json<ModelFile>(SPAN_MODEL);
      return {
        cue: decodeModel(cueFile.model),
        span: decodeModel(spanFile.model),
        cueBias: Number(cueFile.bias ?? 0),
        contentBias: Number(spanFile.bias ?? 0),
        spanLex: !!(spanFile as { lex?: boolean }).lex,
        ends: models.has(END_MODEL) ? decodeModel(models.json<ModelFile>(END_MODEL).model) : null,
        ...packLexicon(models),
      };
    };
    const { cue, span, cueBias, contentBias, spanLex, ends, ...lexicon } = models.shared
      ? models.shared('quotes:taggers', build)
      : build();
    const cueForms = lexicon.cueForms ? new Set(lexicon.cueForms) : null;
    const cueLex = lexicon.cueLex
      ? { form: new BucketTable(lexicon.cueLex.form), stem: new BucketTable(lexicon.cueLex.stem) }
      : null;
    return {
      tagger: new QuoteTagger({ cue, span, cueBias, contentBias, cueForms, cueLex, spanLex, ends }),
      problem: null,
    };
  } catch (err) {
    return { tagger: null, problem: `quote models could not be read: ${(err as Error).message}` };
  }
}

/** Reporting cues derived from the training data (lower-case), or an empty list. */
export function loadLexicon(models: ModelLoader): string[] {
  try {
    return models.has(LEXICON) ? (models.json<{ cues: string[] }>(LEXICON).cues ?? []) : [];
  } catch {
    return [];
  }
}
