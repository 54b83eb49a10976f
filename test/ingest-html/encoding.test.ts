import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeBytes, detectLegacyEncoding, normalizeEncoding } from '../../src/ingest/encoding.ts';
import { ingestBytes } from '../../src/ingest/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const legacyDir = resolve(root, '..', 'shared', 'data', 'corpus-multilingual', 'raw-legacy');

/** Encodes text in a legacy single-byte encoding by inverting its TextDecoder table. */
function encodeSingleByte(text: string, enc: string): Uint8Array {
  const dec = new TextDecoder(enc);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(new Uint8Array([b])), b);
  return Uint8Array.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

const RU =
  'Министр иностранных дел заявил во вторник, что переговоры о поставках газа будут продолжены в следующем месяце. ';

describe('encodings', () => {
  it('BOMs: UTF-8, UTF-16LE, UTF-16BE', () => {
    const s = 'Héllo — мир';
    const u8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)]);
    expect(decodeBytes(u8)).toMatchObject({ text: s, encoding: 'utf-8', source: 'bom' });
    const le = new Uint8Array(2 + s.length * 2);
    le.set([0xff, 0xfe]);
    const be = new Uint8Array(2 + s.length * 2);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      le[2 + 2 * i] = c & 0xff;
      le[3 + 2 * i] = c >> 8;
      be[2 + 2 * i] = c >> 8;
      be[3 + 2 * i] = c & 0xff;
    }
    expect(decodeBytes(le)).toMatchObject({ text: s, encoding: 'utf-16le' });
    expect(decodeBytes(be)).toMatchObject({ text: s, encoding: 'utf-16be' });
  });

  it('UTF-16LE without a BOM is detected', () => {
    const s = '<html><body><p>Plain English text in UTF-16.</p></body></html>';
    const b = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) b[2 * i] = s.charCodeAt(i);
    expect(decodeBytes(b).text).toBe(s);
  });

  it('HTTP header charset beats the meta declaration', () => {
    const bytes = encodeSingleByte(`<meta charset="koi8-r"><p>${RU}</p>`, 'windows-1251');
    const d = decodeBytes(bytes, { contentType: 'text/html; charset=windows-1251' });
    expect(d.source).toBe('header');
    expect(d.text).toContain('Министр иностранных дел');
  });

  it('<meta charset>, http-equiv and the XML declaration', () => {
    const a = decodeBytes(
      encodeSingleByte(`<html><head><meta charset="koi8-r"></head><p>${RU}</p>`, 'koi8-r'),
    );
    expect(a).toMatchObject({ encoding: 'koi8-r', source: 'declared' });
    expect(a.text).toContain(RU.trim());
    const b = decodeBytes(
      encodeSingleByte(
        `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>Zażółć gęślą jaźń</p>`,
        'iso-8859-2',
      ),
    );
    expect(b.text).toContain('Zażółć gęślą jaźń');
    const c = decodeBytes(
      encodeSingleByte(`<?xml version="1.0" encoding="windows-1251"?><rss>${RU}</rss>`, 'windows-1251'),
    );
    expect(c.text).toContain(RU.trim());
  });

  it.each(['windows-1251', 'koi8-r', 'ibm866'])('detects undeclared %s', (enc) => {
    const d = decodeBytes(encodeSingleByte(`<p>${RU.repeat(3)}</p>`, enc));
    expect(d.encoding).toBe(enc);
    expect(d.text).toContain(RU.trim());
  });

  it('detects undeclared ISO-8859-1 / Windows-1252 Latin text', () => {
    const d = decodeBytes(
      encodeSingleByte('Le ministre a déclaré à la presse que la réunion était reportée.', 'windows-1252'),
    );
    expect(d.text).toContain('déclaré à la presse');
  });

  it('a wrong ASCII-compatible declaration on clean UTF-8 is overridden', () => {
    const d = decodeBytes(new TextEncoder().encode(`<meta charset="iso-8859-1"><p>${RU}</p>`));
    expect(d.encoding).toBe('utf-8');
    expect(d.warnings[0]?.code).toBe('W_ENCODING_MISMATCH');
  });

  it('normalises labels', () => {
    expect(normalizeEncoding('GB2312')).toBe('gbk');
    expect(normalizeEncoding('cp1251')).toBe('windows-1251');
    expect(normalizeEncoding('x-sjis')).toBe('shift_jis');
    expect(normalizeEncoding('no-such-charset')).toBeNull();
  });

  it('Shift_JIS and EUC-JP Japanese are detected', () => {
    // 東京 (Tokyo) と (and) ニュース (news), encoded by hand.
    const sjis = new Uint8Array([
      0x93, 0x8c, 0x8b, 0x9e, 0x82, 0xc6, 0x83, 0x6a, 0x83, 0x85, 0x81, 0x5b, 0x83, 0x58,
    ]);
    const t = new TextDecoder('shift_jis').decode(sjis);
    expect(t).toBe('東京とニュース');
    const many = new Uint8Array(sjis.length * 20);
    for (let i = 0; i < 20; i++) many.set(sjis, i * sjis.length);
    expect(detectLegacyEncoding(many)?.enc).toBe('shift_jis');
  });
});

describe.skipIf(!existsSync(legacyDir))('real legacy-encoded feeds (../shared raw-legacy)', () => {
  if (!existsSync(legacyDir))
    console.log('skipped: ../shared/data/corpus-multilingual/raw-legacy is not present');
  const files = existsSync(legacyDir) ? readdirSync(legacyDir).filter((f) => f.includes('__')) : [];
  const expected: Record<string, string> = {
    'windows-1251': 'windows-1251',
    'koi8-r': 'koi8-r',
    ibm866: 'ibm866',
    'euc-kr': 'euc-kr',
    gb2312: 'gbk',
    big5: 'big5',
  };
  it.each(files)('%s: declared and sniffed encodings agree', (f) => {
    const bytes = readFileSync(join(legacyDir, f));
    const want = expected[f.split('__')[0]];
    expect(decodeBytes(bytes).encoding).toBe(want);
    // Ignore the declaration: statistical detection alone.
    expect(detectLegacyEncoding(bytes)?.enc).toBe(want);
  });
  it.each(files)('%s: ingests as a feed of readable articles', (f) => {
    const articles = ingestBytes(readFileSync(join(legacyDir, f)), { url: `file:${f}` });
    expect(articles.length).toBeGreaterThan(1);
    const all = articles.map((a) => `${a.meta.title} ${a.text}`).join(' ');
    expect(all).not.toContain('\uFFFD');
    const lang = f.split('__')[0];
    if (['windows-1251', 'koi8-r', 'ibm866'].includes(lang)) expect(all).toMatch(/[а-я]{4,}/);
    if (lang === 'euc-kr') expect(all).toMatch(/[\uac00-\ud7a3]{2,}/);
    if (lang === 'gb2312' || lang === 'big5') expect(all).toMatch(/[\u4e00-\u9fff]{2,}/);
  });
});
