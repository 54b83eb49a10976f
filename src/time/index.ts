import type { ModelLoader } from '../models.ts';
import type { Stage } from '../pipeline.ts';

/** Time expressions normalised to TIMEX3 values into the `times` layer. */
export function createTimeStage(_models: ModelLoader): Stage<'times'> {
  return {
    name: 'time',
    version: '0',
    requires: ['sentences'],
    assigns: ['times'],
    languages: ['en'],
    run: () => ({ times: [] }),
  };
}
