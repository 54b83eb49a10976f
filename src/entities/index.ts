import type { ModelLoader } from '../models.ts';
import type { Stage } from '../pipeline.ts';

/** Named entities and their within-document resolution into the `entities` layer. */
export function createEntitiesStage(_models: ModelLoader): Stage<'entities'> {
  return {
    name: 'entities',
    version: '0',
    requires: ['sentences'],
    assigns: ['entities'],
    languages: ['en'],
    run: () => ({ entities: [] }),
  };
}
