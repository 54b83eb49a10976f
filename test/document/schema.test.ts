import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/document/types.ts';
import { ingestBytes } from '../../src/ingest/index.ts';
import { readPlainText } from '../../src/ingest/text.ts';
import { analyzeArticle } from '../../src/node/analyze.ts';
import { createDocument } from '../../src/pipeline.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE = resolve(ROOT, '../shared/examples/lavrov-dprk-visit-2023.txt');
const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'document.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

function expectValid(doc: unknown): void {
  const ok = validate(doc);
  expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
}

/** Every span of every layer lies inside the text. */
function expectSpansInside(doc: Document): void {
  const n = doc.text.length;
  const check = (s: { start: number; end: number } | null | undefined) => {
    if (!s) return;
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.end).toBeGreaterThanOrEqual(s.start);
    expect(s.end).toBeLessThanOrEqual(n);
  };
  for (const s of [...doc.paragraphs, ...doc.sentences, ...doc.times, ...doc.quotes, ...doc.sources])
    check(s);
  for (const e of doc.entities) e.mentions.forEach(check);
  for (const e of doc.events) check(e.evidence);
}

describe('schema/document.schema.json', () => {
  it('accepts a minimal Document and the Documents of the example articles', () => {
    const meta = { title: null, authors: [], published: null, outlet: null, language: 'en', url: null };
    expectValid(createDocument({ text: 'Short text.', meta, warnings: [] }));
    const dir = join(ROOT, 'examples');
    for (const name of readdirSync(dir).sort()) {
      for (const article of ingestBytes(new Uint8Array(readFileSync(join(dir, name))), { url: name })) {
        const doc = analyzeArticle(article);
        expectValid(JSON.parse(JSON.stringify(doc)));
        expectSpansInside(doc);
      }
    }
  });

  it('rejects a Document with a missing layer, a bad offset, a bad date or an unknown field', () => {
    const meta = {
      title: 'T',
      authors: [],
      published: '2023-10-28',
      outlet: null,
      language: 'en',
      url: null,
    };
    const good = JSON.parse(JSON.stringify(createDocument({ text: 'One. Two.', meta, warnings: [] })));
    expectValid(good);
    const { sources: _drop, ...noSources } = good;
    expect(validate(noSources)).toBe(false);
    expect(validate({ ...good, sentences: [{ start: -1, end: 3 }] })).toBe(false);
    expect(validate({ ...good, meta: { ...good.meta, published: '28.10.2023' } })).toBe(false);
    expect(validate({ ...good, schema: 'attache/document@2' })).toBe(false);
    expect(validate({ ...good, surprise: true })).toBe(false);
    expect(
      validate({ ...good, sources: [{ start: 0, end: 3, entity: null }] }),
      'a source needs a name',
    ).toBe(false);
  });

  it('accepts the sources layer and optional fields', () => {
    const meta = {
      title: 'T',
      authors: ['A B'],
      published: null,
      outlet: 'O',
      language: 'und',
      url: 'https://example.org/a',
      publishedSource: null,
      extra: { authorBio: 'A B is a writer.' },
    };
    const doc = JSON.parse(JSON.stringify(createDocument({ text: 'KCNA said so.', meta, warnings: [] })));
    doc.sources = [{ start: 0, end: 4, entity: null, name: 'KCNA' }];
    doc.warnings = [{ code: 'W_TEST', message: 'x', start: 0, end: 1 }];
    expectValid(doc);
  });
});

describe.skipIf(!existsSync(EXAMPLE))('the example article from ../shared', () => {
  if (!existsSync(EXAMPLE)) console.warn(`skipped: ${EXAMPLE} is absent`);
  it('analyses to a valid Document', () => {
    const doc = analyzeArticle(readPlainText(readFileSync(EXAMPLE, 'utf8'), {}));
    expectValid(JSON.parse(JSON.stringify(doc)));
    expectSpansInside(doc);
    expect(doc.meta.published).toBe('2023-10-28');
  });
});
