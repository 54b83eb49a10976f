import type { Article, Document } from './document/types.ts';
import { DOCUMENT_SCHEMA } from './document/types.ts';
import { contentId } from './document/hash.ts';
import { identifyLanguage, languageName } from './text/language.ts';
import { segmentParagraphs, segmentSentences } from './text/segment.ts';

/**
 * A pipeline stage: a pure function from a Document to the layers it assigns.
 * Stages never mutate their input; the pipeline builds a new Document from the
 * previous one plus the stage's layers (spaCy-style `requires`/`assigns`).
 */
export interface Stage<K extends keyof Document = keyof Document> {
  name: string;
  version: string;
  requires: (keyof Document)[];
  assigns: K[];
  /** Languages the stage supports; undefined means any. */
  languages?: string[];
  run(doc: Document): Pick<Document, K> & { warnings?: Document['warnings'] };
}

/**
 * The Document an article starts as: text, metadata and segmentation, every analysis layer empty.
 * `id` is the article's content id when the caller has already computed it (hashing is not free).
 */
export function createDocument(article: Article, id = contentId(article.meta.title, article.text)): Document {
  const paragraphs = article.paragraphs ?? segmentParagraphs(article.text);
  // readers set the language; identify it here when one did not
  const meta = article.meta.language
    ? article.meta
    : { ...article.meta, language: identifyLanguage(article.text).language };
  const warnings = [...article.warnings];
  if (
    meta.language !== 'en' &&
    meta.language !== 'und' &&
    !warnings.some((w) => w.code === 'W_ENGLISH_ONLY')
  ) {
    warnings.push({
      code: 'W_ENGLISH_ONLY',
      message: `the text is in ${languageName(meta.language)} (${meta.language}): it is segmented, but entities, dates, quotes and events are extracted from English only for now`,
    });
  }
  return {
    schema: DOCUMENT_SCHEMA,
    id,
    meta,
    text: article.text,
    paragraphs,
    sentences: segmentSentences(article.text, paragraphs),
    warnings,
    entities: [],
    times: [],
    quotes: [],
    sources: [],
    events: [],
    stages: {},
  };
}

/** Checks that every stage's requirements are produced by an earlier stage. */
export function checkStages(stages: Stage[]): void {
  const have = new Set<string>(['text', 'meta', 'paragraphs', 'sentences', 'warnings']);
  for (const s of stages) {
    for (const r of s.requires) {
      if (!have.has(r)) throw new Error(`stage ${s.name} requires '${r}', which no earlier stage assigns`);
    }
    for (const a of s.assigns) have.add(a);
  }
}

export function runStages(doc: Document, stages: Stage[]): Document {
  let current = doc;
  for (const stage of stages) {
    // 'und' (too little text to tell) gets a best-effort run of every stage
    const lang = current.meta.language;
    if (stage.languages && lang !== 'und' && !stage.languages.includes(lang)) continue;
    const { warnings, ...layers } = stage.run(current);
    current = {
      ...current,
      ...layers,
      warnings: warnings?.length ? [...current.warnings, ...warnings] : current.warnings,
      stages: { ...current.stages, [stage.name]: stage.version },
    };
  }
  return current;
}
