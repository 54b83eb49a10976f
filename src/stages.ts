import { createEntitiesStage } from './entities/index.ts';
import { createEventsStage } from './events/index.ts';
import type { ModelLoader } from './models.ts';
import { checkStages, type Stage } from './pipeline.ts';
import { createQuotesStage } from './quotes/index.ts';
import { createTimeStage } from './time/index.ts';

/** The default analysis: entities, time → quotes → events. */
export function defaultStages(models: ModelLoader): Stage[] {
  const stages = [
    createEntitiesStage(models),
    createTimeStage(models),
    createQuotesStage(models),
    createEventsStage(models),
  ] as Stage[];
  checkStages(stages);
  return stages;
}
