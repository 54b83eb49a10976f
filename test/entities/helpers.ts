import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Document, Entity } from '../../src/document/types.ts';
import { createEntitiesStage } from '../../src/entities/index.ts';
import { nodeModels } from '../../src/node/models.ts';
import { createDocument } from '../../src/pipeline.ts';

const here = dirname(fileURLToPath(import.meta.url));
const stage = createEntitiesStage(nodeModels);

export function fixture(name: string): string {
  return readFileSync(join(here, 'fixtures', name), 'utf8');
}

/** Runs only the entities stage over a text. */
export function entitiesOf(
  text: string,
  published: string | null = null,
): { doc: Document; entities: Entity[] } {
  const doc = createDocument({
    text,
    meta: { title: null, authors: [], published, outlet: null, language: 'en', url: null },
    warnings: [],
  });
  const out = stage.run(doc);
  return { doc: { ...doc, entities: out.entities }, entities: out.entities };
}

/** The entity one of whose mentions reads exactly `surface`. */
export function byMention(doc: Document, surface: string): Entity | undefined {
  return doc.entities.find((e) => e.mentions.some((m) => doc.text.slice(m.start, m.end) === surface));
}

export function surfaces(doc: Document, e: Entity): string[] {
  return e.mentions.map((m) => doc.text.slice(m.start, m.end));
}
