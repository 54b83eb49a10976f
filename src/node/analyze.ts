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
export function analyzeArticle(article: Article, id?: string): Document {
  return runStages(createDocument(article, id), getStages());
}

/** A short English text that takes every stage through its model loading. */
const WARM_UP: Article = {
  text: 'The foreign minister said on Monday that talks with the delegation would resume in Geneva next week.',
  meta: {
    title: null,
    authors: [],
    published: '2020-01-06',
    outlet: null,
    language: 'en',
    url: null,
    publishedSource: 'input',
  },
  warnings: [],
};

/**
 * Loads every stage's models now instead of on the first English article (stages
 * load them lazily), e.g. so that they can be shared before worker threads start.
 */
export function loadAllModels(): void {
  analyzeArticle(WARM_UP);
}
