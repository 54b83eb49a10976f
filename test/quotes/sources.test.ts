import { describe, expect, it } from 'vitest';
import { analyze, entity, slice } from './helpers.ts';

describe('cited sources', () => {
  const text = [
    'According to the Valmoran News Agency (VNA), the delegation arrived on Tuesday.',
    'Harbour TV also released video of the arrival, as the Coastal Post reports.',
    'The statement was published on the Telegram channel of the Foreign Ministry.',
    'The minister said she was satisfied with the talks.',
  ].join('\n\n');

  it('finds "according to", "as X reports", "X released" and channel citations', () => {
    const doc = analyze(text);
    const names = doc.sources.map((s) => s.name);
    expect(names).toContain('Valmoran News Agency (VNA)');
    expect(names).toContain('Harbour TV');
    expect(names).toContain('Coastal Post');
    expect(doc.sources.some((s) => slice(doc, s)?.includes('Telegram channel of the Foreign Ministry'))).toBe(
      true,
    );
    // the minister is a speaker, not a cited source
    expect(names.some((n) => /minister/i.test(n))).toBe(false);
    for (const s of doc.sources) {
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.entity).toBeNull();
    }
  });

  it('takes the outlet described in lower case after its country', () => {
    const t = [
      'According to the Valmoran news agency VNA, the talks will resume in May.',
      'According to the Tarvin state broadcaster, the port is closed.',
    ].join('\n\n');
    const doc = analyze(t);
    expect(doc.sources.map((s) => [slice(doc, s), s.name])).toEqual([
      ['the Valmoran news agency VNA', 'VNA'],
      ['the Tarvin state broadcaster', 'Tarvin state broadcaster'],
    ]);
  });

  it('links sources to entities when the entities layer has them', () => {
    const ents = [
      entity(text, 'e1', 'ORG', 'Valmoran News Agency', ['Valmoran News Agency']),
      entity(text, 'e2', 'ORG', 'Coastal Post', ['Coastal Post']),
    ];
    const doc = analyze(text, ents);
    const vna = doc.sources.find((s) => s.entity === 'e1');
    expect(vna?.name).toBe('Valmoran News Agency');
    expect(doc.sources.find((s) => s.entity === 'e2')?.name).toBe('Coastal Post');
  });

  it("keeps a lower-case institution after the channel owner's name in the source", () => {
    const t = 'According to the Telegram channel of the Valmoran embassy, the two sides discussed trade.';
    const doc = analyze(t);
    expect(doc.sources.map((x) => slice(doc, x))).toContain('the Telegram channel of the Valmoran embassy');
  });

  it('finds no sources in plain narration', () => {
    const doc = analyze('The ship left the harbour at dawn. It reached the island by noon.');
    expect(doc.sources).toEqual([]);
  });
});
