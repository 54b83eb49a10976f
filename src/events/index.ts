import type { ModelLoader } from '../models.ts';
import type { Stage } from '../pipeline.ts';
import { codeDocument } from './coder.ts';
import { type EventsModel, loadEventsModel, MODEL_FILE } from './model.ts';

export { codeDocument } from './coder.ts';
export { codeInfo, loadEventsModel, ploverOf } from './model.ts';

export const EVENTS_STAGE_VERSION = '1.0.0';

/**
 * CAMEO/PLOVER political events into the `events` layer: who did what to whom,
 * when, where, with which modality, each event linked to its evidence sentence,
 * trigger and actor spans. Works from the text alone; uses the entities, times
 * and quotes layers when they are present.
 */
export function createEventsStage(models: ModelLoader): Stage<'events'> {
  let model: EventsModel | null = null;
  let missing = false;
  return {
    name: 'events',
    version: EVENTS_STAGE_VERSION,
    requires: ['sentences', 'entities', 'times', 'quotes'],
    assigns: ['events'],
    languages: ['en'],
    run(doc) {
      if (!model && !missing) {
        if (models.has(MODEL_FILE)) model = loadEventsModel(models);
        else missing = true;
      }
      if (!model) {
        return {
          events: [],
          warnings: [
            {
              code: 'W_EVENTS_MODEL_MISSING',
              message: `models/${MODEL_FILE} is missing; run \`npx tsx scripts/build/events-model.ts\``,
            },
          ],
        };
      }
      try {
        return { events: codeDocument(doc, model) };
      } catch (err) {
        return {
          events: [],
          warnings: [{ code: 'W_EVENTS_FAILED', message: `event coding failed: ${(err as Error).message}` }],
        };
      }
    },
  };
}
