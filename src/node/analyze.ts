import type { Article, Document } from '../document/types.ts';
import { createDocument, runStages, type Stage } from '../pipeline.ts';
import { defaultStages } from '../stages.ts';
import { nodeModels } from './models.ts';

let stages: Stage[] | null = null;

/** The default stages with models from disk, built once per process. */
export function getStages(): Stage[] {
  stages ??= defaultStages(nodeModels);
  return stages;
}

/** Runs the full analysis on an ingested article. */
export function analyzeArticle(article: Article): Document {
  return runStages(createDocument(article), getStages());
}
