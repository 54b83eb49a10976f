import type { ModelLoader } from '../models.ts';
import { decodeModel, type LinearModelJson } from './linear.ts';
import { QuoteTagger } from './tagger.ts';

export const CUE_MODEL = 'quotes-cue.json.gz';
export const SPAN_MODEL = 'quotes-span.json.gz';
export const LEXICON = 'quotes-lexicon.json';

interface ModelFile {
  version: number;
  bias?: number;
  model: LinearModelJson;
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
    const cue = decodeModel(models.json<ModelFile>(CUE_MODEL).model);
    const span = decodeModel(models.json<ModelFile>(SPAN_MODEL).model);
    const cueBias = Number(models.json<ModelFile>(CUE_MODEL).bias ?? 0);
    const contentBias = Number(models.json<ModelFile>(SPAN_MODEL).bias ?? 0);
    const forms = models.has(LEXICON) ? models.json<{ cueForms?: number[] }>(LEXICON).cueForms : undefined;
    const cueForms = forms?.length ? new Set(forms) : null;
    return { tagger: new QuoteTagger({ cue, span, cueBias, contentBias, cueForms }), problem: null };
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
