import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/document/types.ts';
import { makeStyle } from '../../src/cli/dossier/index.ts';
import { chronology, timeSection } from '../../src/cli/dossier/time.ts';
import type { ModelLoader } from '../../src/models.ts';
import { createDocument, runStages, type Stage } from '../../src/pipeline.ts';
import { createTimeStage } from '../../src/time/index.ts';

const noModels: ModelLoader = {
  json: () => {
    throw new Error('the time stage needs no model files');
  },
  bytes: () => new Uint8Array(),
  has: () => false,
};

const ARTICLE =
  'Foreign ministers from the Gulf states met in Muscat on October 18 to discuss shipping lanes. ' +
  'The following day, they agreed to set up a joint monitoring centre.\n\n' +
  'The previous attempt collapsed in late September 2023, when two tankers were seized. ' +
  'The first such pact was signed seventy-five years ago, in a very different region.\n\n' +
  'A follow-up meeting will be held on Monday, officials said. Talks have lasted for three years.';

function article(published: string | null): Article {
  return {
    text: ARTICLE,
    meta: {
      title: 'Gulf ministers agree on shipping monitor',
      authors: [],
      published,
      outlet: null,
      language: 'en',
      url: null,
    },
    warnings: [],
  };
}

function analyse(published: string | null) {
  return runStages(createDocument(article(published)), [createTimeStage(noModels) as Stage]);
}

describe('createTimeStage', () => {
  it('fills the times layer from meta.published', () => {
    const doc = analyse('2023-10-28');
    const pairs = doc.times.map((t) => [doc.text.slice(t.start, t.end), t.value]);
    expect(pairs).toEqual([
      ['October 18', '2023-10-18'],
      ['The following day', '2023-10-19'],
      ['late September 2023', '2023-09'],
      ['seventy-five years ago', '1948'],
      ['Monday', '2023-10-30'],
      ['three years', 'P3Y'],
    ]);
    expect(doc.stages?.time).toBeDefined();
    for (const t of doc.times) expect(doc.text.slice(t.start, t.end).length).toBe(t.end - t.start);
  });

  it('warns on an unusable publication date instead of throwing', () => {
    const doc = runStages(
      createDocument({ ...article(null), meta: { ...article(null).meta, published: 'last Tuesday' } }),
      [createTimeStage(noModels) as Stage],
    );
    expect(doc.warnings.map((w) => w.code)).toContain('W_TIME_BAD_PUBLISHED');
    expect(doc.times.find((t) => doc.text.slice(t.start, t.end) === 'October 18')?.value).toBe('XXXX-10-18');
  });

  it('without a publication date, relative dates keep unknown parts', () => {
    const doc = analyse(null);
    const byText = new Map(doc.times.map((t) => [doc.text.slice(t.start, t.end), t]));
    expect(byText.get('October 18')?.value).toBe('XXXX-10-18');
    expect(byText.get('The following day')?.value).toBe('XXXX-10-19');
    expect(byText.get('Monday')?.value).toBe('XXXX-WXX-1');
    expect(byText.get('late September 2023')?.value).toBe('2023-09');
  });
});

describe('dossier chronology', () => {
  it('lists dated statements in date order with their sentence', () => {
    const doc = analyse('2023-10-28');
    const entries = chronology(doc);
    expect(entries.map((e) => e.time.value)).toEqual([
      '1948',
      '2023-09',
      '2023-10-18',
      '2023-10-19',
      '2023-10-30',
    ]);
    const first = entries[2];
    expect(first.text).toContain('met in Muscat on October 18');
    expect(first.text.slice(first.mark.start, first.mark.end)).toBe('October 18');
  });

  it('renders a section with dates, precision and the statement', () => {
    const lines = timeSection(analyse('2023-10-28'), makeStyle(false));
    expect(lines[0]).toBe('Chronology (5)');
    expect(
      lines.some((l) => l.includes('2023-10-19') && l.includes('day') && l.includes('following day')),
    ).toBe(true);
    expect(lines.at(-1)).toContain('1 durations');
  });

  it('is empty when the article has no dated statements', () => {
    const doc = runStages(
      createDocument({ ...article('2023-10-28'), text: 'No dates here at all, only words.' }),
      [createTimeStage(noModels) as Stage],
    );
    expect(timeSection(doc, makeStyle(false))).toEqual([]);
  });
});
