import type { ModelLoader } from '../models.ts';
import type { Stage } from '../pipeline.ts';
import { tagTimes } from './tagger.ts';

export { parseDct, type TagOptions, tagTimes } from './tagger.ts';

export const TIME_STAGE_VERSION = '1.0.0';

/**
 * Time expressions normalised to TIMEX3 values into the `times` layer.
 * Relative expressions resolve against `meta.published` (the document
 * creation time); without it their unknown parts stay as X.
 */
export function createTimeStage(_models: ModelLoader): Stage<'times'> {
  return {
    name: 'time',
    version: TIME_STAGE_VERSION,
    requires: ['sentences'],
    assigns: ['times'],
    languages: ['en'],
    run: (doc) => {
      const warnings: { code: string; message: string }[] = [];
      const published = doc.meta.published;
      if (published && !/^\d{4}-\d{2}-\d{2}/.test(published)) {
        warnings.push({
          code: 'W_TIME_BAD_PUBLISHED',
          message: `publication date '${published}' is not YYYY-MM-DD; relative dates are left unresolved`,
        });
      }
      try {
        const times = tagTimes(doc.text, { published, sentences: doc.sentences });
        return warnings.length ? { times, warnings } : { times };
      } catch (err) {
        // a tagger bug must not take the whole analysis down: report it and leave the layer empty
        const message = err instanceof Error ? err.message : String(err);
        return {
          times: [],
          warnings: [...warnings, { code: 'W_TIME_FAILED', message: `time tagging failed: ${message}` }],
        };
      }
    },
  };
}
