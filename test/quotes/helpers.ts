import type { Document, Entity, EntityType, Quote } from '../../src/document/types.ts';
import type { ModelLoader } from '../../src/models.ts';
import { nodeModels } from '../../src/node/models.ts';
import { createDocument, runStages, type Stage } from '../../src/pipeline.ts';
import { createQuotesStage } from '../../src/quotes/index.ts';

let stage: Stage | null = null;

export function quotesStage(): Stage {
  stage ??= createQuotesStage(nodeModels) as Stage;
  return stage;
}

/** A Document for `text` with the given entities layer, run through the quotes stage only. */
export function analyze(text: string, entities: Entity[] = [], models?: ModelLoader): Document {
  const doc = createDocument({
    text,
    meta: { title: null, authors: [], published: null, outlet: null, language: 'en', url: null },
    warnings: [],
  });
  const s = models ? (createQuotesStage(models) as Stage) : quotesStage();
  return runStages({ ...doc, entities }, [s]);
}

/** An entity whose mentions are every occurrence of each surface form in `text`. */
export function entity(
  text: string,
  id: string,
  type: EntityType,
  name: string,
  forms: string[],
  roles: string[] = [],
): Entity {
  const mentions = [];
  for (const f of forms) {
    for (let i = text.indexOf(f); i >= 0; i = text.indexOf(f, i + f.length)) {
      mentions.push({ start: i, end: i + f.length });
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  return { id, type, name, country: null, roles, mentions };
}

export const slice = (doc: Document, s: { start: number; end: number } | null | undefined) =>
  s ? doc.text.slice(s.start, s.end) : null;

/** The quote whose content contains `needle`. */
export function quoteWith(doc: Document, needle: string): Quote | undefined {
  return doc.quotes.find((q) => doc.text.slice(q.start, q.end).includes(needle));
}
