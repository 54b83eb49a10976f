import type { ModelLoader } from '../models.ts';
import type { Stage } from '../pipeline.ts';

/** Quotations with speakers and cues, and cited sources, into `quotes` and `sources`. */
export function createQuotesStage(_models: ModelLoader): Stage<'quotes' | 'sources'> {
  return {
    name: 'quotes',
    version: '0',
    requires: ['sentences', 'entities'],
    assigns: ['quotes', 'sources'],
    languages: ['en'],
    run: () => ({ quotes: [], sources: [] }),
  };
}
