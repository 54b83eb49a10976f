import { describe, expect, it } from 'vitest';
import { analyze } from './helpers.ts';

/** Guards against quadratic passes: large, quote-dense inputs must scale linearly. */
describe('scaling', () => {
  const unit = '“We will build the bridge, and we will pay for it,” the mayor said. ';

  function seconds(text: string): number {
    const t0 = performance.now();
    analyze(text);
    return (performance.now() - t0) / 1000;
  }

  it('handles a 140 kB paragraph dense with quotes in linear time', () => {
    const small = unit.repeat(250);
    const big = unit.repeat(2000);
    seconds(small); // warm-up
    const ts = seconds(small);
    const tb = seconds(big);
    const doc = analyze(unit.repeat(50));
    expect(doc.quotes.length).toBeGreaterThanOrEqual(45);
    // 8× the input may cost at most ~8× the time (with slack for noise), not 64×
    console.log(`scaling: ${small.length} chars ${ts.toFixed(3)} s, ${big.length} chars ${tb.toFixed(3)} s`);
    expect(tb).toBeLessThan(Math.max(0.5, ts * 20));
  });

  it('handles many transcript turns and sources', () => {
    const turns = Array.from({ length: 2000 }, (_, i) =>
      i % 2 ? `Anna Berg: Answer number ${i} is short.` : `Question (Radio ${i}): What is item ${i}?`,
    ).join('\n\n');
    const t0 = performance.now();
    const doc = analyze(turns);
    expect(doc.quotes.filter((q) => q.kind === 'answer').length).toBe(1000);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
