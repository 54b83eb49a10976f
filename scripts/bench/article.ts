import type { Article } from '../../src/document/types.ts';
import type { BenchArticle } from './types.ts';

/** A corpus-news record as the Article the pipeline starts from (already clean English text). */
export function toArticle(a: BenchArticle): Article {
  return {
    text: a.text,
    meta: {
      title: a.title,
      authors: [],
      published: a.published,
      outlet: a.source,
      language: 'en',
      url: null,
    },
    warnings: [],
  };
}
