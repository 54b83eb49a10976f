import { describe, expect, it } from 'vitest';
import { makeStyle } from '../../src/cli/dossier/index.ts';
import { groupBySpeaker, quoteText, quotesSection } from '../../src/cli/dossier/quotes.ts';
import { analyze, entity } from './helpers.ts';

const TEXT = [
  'Foreign Minister Irena Kostova said that the talks would resume next month.',
  '“We are ready to listen,” Kostova told reporters. “But we will not give up the coast.”',
  'Petar Lind, her deputy, warned that the talks could collapse.',
  `“${'The quotas must be settled first, and the fleet must be protected, '.repeat(4)}” Lind said.`,
  'According to the Valmoran News Agency, the delegation will travel by sea.',
].join('\n\n');

describe('dossier quotes section', () => {
  const ents = [
    entity(TEXT, 'e1', 'PERSON', 'Irena Kostova', ['Irena Kostova', 'Kostova'], ['Foreign Minister']),
    entity(TEXT, 'e2', 'PERSON', 'Petar Lind', ['Petar Lind', 'Lind']),
    entity(TEXT, 'e3', 'ORG', 'Valmoran News Agency', ['Valmoran News Agency']),
  ];
  const doc = analyze(TEXT, ents);
  const lines = quotesSection(doc, makeStyle(false));

  it('groups quotes by speaker', () => {
    const groups = groupBySpeaker(doc.quotes);
    const kostova = groups.find((g) => g.speaker === 'e1');
    expect(kostova?.quotes.length).toBeGreaterThanOrEqual(2);
    expect(groups.find((g) => g.speaker === 'e2')?.name).toBe('Petar Lind');
    const heading = lines.findIndex((l) => l.trim().startsWith('Irena Kostova ('));
    expect(heading).toBeGreaterThan(0);
    expect(lines[heading + 1]).toMatch(/^\s+\[(reported|direct)\]/);
  });

  it('shows the kind and trims long quotes', () => {
    const long = doc.quotes.find((q) => doc.text.slice(q.start, q.end).includes('quotas'))!;
    const shown = quoteText(doc, long);
    expect(shown.length).toBeLessThanOrEqual(160);
    expect(shown.endsWith('…')).toBe(true);
    expect(lines.some((l) => l.includes('[direct]'))).toBe(true);
    expect(lines.some((l) => l.includes('[reported]'))).toBe(true);
  });

  it('joins the fragments of an interrupted quote', () => {
    const q = doc.quotes.find((x) => x.fragments?.length === 2);
    expect(q).toBeDefined();
    expect(quoteText(doc, q!)).toContain(' … ');
  });

  it('lists cited sources', () => {
    expect(lines.some((l) => l.startsWith('Cited sources'))).toBe(true);
    expect(lines.some((l) => l.includes('Valmoran News Agency'))).toBe(true);
  });

  it('is empty for a document without quotes or sources', () => {
    expect(quotesSection(analyze('The ship left the harbour at dawn.'), makeStyle(false))).toEqual([]);
  });
});
