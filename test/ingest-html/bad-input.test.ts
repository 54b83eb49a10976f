import { describe, expect, it } from 'vitest';
import { IngestError, ingestBytes, ingestText } from '../../src/ingest/index.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const codeOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    return (e as IngestError).code;
  }
};
const PROSE =
  'The delegation arrived in the capital on Tuesday for two days of talks on trade, energy and the border. ';

describe('bad input never throws anything but IngestError', () => {
  it('empty input is E_EMPTY', () => {
    expect(codeOf(() => ingestBytes(new Uint8Array(0)))).toBe('E_EMPTY');
    expect(codeOf(() => ingestText(''))).toBe('E_EMPTY');
  });

  it('whitespace only is E_EMPTY', () => {
    expect(codeOf(() => ingestBytes(enc(' \n\t\r\n  \u00a0 ')))).toBe('E_EMPTY');
  });

  it('a PNG is E_BINARY', () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    expect(codeOf(() => ingestBytes(png))).toBe('E_BINARY');
  });

  it('random bytes with NULs are E_BINARY', () => {
    const b = new Uint8Array(4096);
    let x = 7;
    for (let i = 0; i < b.length; i++) b[i] = x = (x * 1103515245 + 12345) & 0xff;
    expect(codeOf(() => ingestBytes(b))).toBe('E_BINARY');
  });

  it('a 200 MB buffer is refused with E_TOO_LARGE without decoding it', () => {
    const big = new Uint8Array(200 * 1024 * 1024);
    const t = performance.now();
    expect(codeOf(() => ingestBytes(big))).toBe('E_TOO_LARGE');
    expect(performance.now() - t).toBeLessThan(50);
  });

  it('truncated HTML gives best effort with a warning', () => {
    const html = `<html><head><title>Cut off</title></head><body><article><p>${PROSE.repeat(3)}</p><p>${PROSE}<a href="/x`;
    const [a] = ingestBytes(enc(html));
    expect(a.text).toContain('The delegation arrived');
    expect(a.warnings.map((w) => w.code)).toContain('W_HTML_TRUNCATED');
  });

  it('malformed HTML (unclosed and stray tags, bad nesting) gives the text', () => {
    const html = `<html><body><div><p>${PROSE}<b><i>${PROSE}</b></i></span></td><p>${PROSE}<div></p></div></div></div></div><</>`;
    const [a] = ingestText(html);
    expect(a.text.match(/The delegation arrived/g)?.length).toBe(3);
  });

  it('HTML nested 100,000 levels deep finishes fast, without stack overflow', () => {
    const n = 100_000;
    const html = `<html><body>${'<div>'.repeat(n)}<p>${PROSE.repeat(2)}</p>${'</div>'.repeat(n)}</body></html>`;
    const before = process.memoryUsage().heapUsed;
    const t = performance.now();
    const [a] = ingestText(html);
    const ms = performance.now() - t;
    expect(a.text).toContain('The delegation arrived');
    expect(a.warnings.map((w) => w.code)).toContain('W_HTML_TOO_DEEP');
    expect(ms).toBeLessThan(3000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(300 * 1024 * 1024);
  });

  it('unclosed 100,000-deep inline nesting also finishes', () => {
    const html = `<html><body><p>${'<span><b>'.repeat(50_000)}${PROSE}</p></body></html>`;
    const t = performance.now();
    const [a] = ingestText(html);
    expect(a.text).toContain('The delegation arrived');
    expect(performance.now() - t).toBeLessThan(3000);
  });

  it('invalid UTF-8 is decoded with replacement characters and a warning', () => {
    const good = enc(
      `<html><head><meta charset="utf-8"></head><body><p>${PROSE}Café crème — ${PROSE}</p></body></html>`,
    );
    const bytes = new Uint8Array(good.length + 2);
    bytes.set(good.subarray(0, 60));
    bytes.set([0xc3, 0x28], 60);
    bytes.set(good.subarray(60), 62);
    const [a] = ingestBytes(bytes);
    expect(a.text).toContain('Café crème');
    expect(a.warnings.map((w) => w.code)).toContain('W_ENCODING_REPLACED');
  });

  it('plain text with invalid UTF-8 and no declaration still decodes', () => {
    const good = enc(`${PROSE}Zürich und Genève. ${PROSE}`);
    const bytes = new Uint8Array([...good.subarray(0, 20), 0xff, ...good.subarray(20)]);
    const [a] = ingestBytes(bytes);
    expect(a.text).toContain('Zürich und Genève');
    expect(a.text).toContain('\uFFFD');
    expect(a.warnings.some((w) => w.code === 'W_ENCODING_REPLACED')).toBe(true);
  });
});
