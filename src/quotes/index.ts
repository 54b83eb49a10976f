import type { ModelLoader } from '../models.ts';
import type { Stage } from '../pipeline.ts';
import { type ExtractOptions, extractQuotes } from './extract.ts';
import { loadLexicon, loadTagger } from './model.ts';
import { verbSet } from './rules.ts';

export { extractQuotes } from './extract.ts';
export { pairQuoteMarks, type QuoteRegion } from './marks.ts';

/**
 * Quotations with speakers and cues, and cited sources, into `quotes` and
 * `sources`. The taggers load once per stage; when their model files are
 * missing the stage still runs its rules and says so in a warning. Texts in
 * other languages than English get the quotation-mark and transcript rules
 * only.
 */
export function createQuotesStage(
  models: ModelLoader,
  opts: ExtractOptions = {},
): Stage<'quotes' | 'sources'> {
  const { tagger, problem } = loadTagger(models);
  const verbs = verbSet(loadLexicon(models));
  return {
    name: 'quotes',
    version: '1.0.0',
    requires: ['sentences', 'entities'],
    assigns: ['quotes', 'sources'],
    run: (doc) => {
      // the taggers and reporting-verb rules are English; other languages get the quotation-mark rules only
      const english = doc.meta.language === 'en' || doc.meta.language === 'und';
      const { quotes, sources, warnings } = extractQuotes(doc, english ? tagger : null, verbs, opts);
      if (problem) warnings.push({ code: 'W_QUOTES_MODEL_MISSING', message: problem });
      return { quotes, sources, warnings };
    },
  };
}
