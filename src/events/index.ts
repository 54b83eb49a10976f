import type { ModelLoader } from '../models.ts';
import type { Stage } from '../pipeline.ts';

/** CAMEO/PLOVER political events into the `events` layer. */
export function createEventsStage(_models: ModelLoader): Stage<'events'> {
  return {
    name: 'events',
    version: '0',
    requires: ['sentences', 'entities', 'times', 'quotes'],
    assigns: ['events'],
    languages: ['en'],
    run: () => ({ events: [] }),
  };
}
