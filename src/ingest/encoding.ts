import type { Warning } from '../document/types.ts';

/**
 * Bytes → text. The charset is taken, in order, from a byte-order mark, the
 * HTTP Content-Type header, the document's own declaration (<meta charset>,
 * <meta http-equiv>, <?xml encoding?>), and otherwise detected statistically
 * among UTF-8/16 and the legacy encodings news sites still use (Windows-1251,
 * KOI8-R, IBM866, ISO-8859-x / Windows-125x, EUC-KR, GBK/GB18030, Big5,
 * Shift_JIS, EUC-JP). Decoding uses the web-standard TextDecoder only, so this
 * module runs in browsers too.
 */

export type EncodingSource = 'bom' | 'header' | 'declared' | 'detected' | 'default';

export interface Decoded {
  text: string;
  /** WHATWG encoding name actually used, e.g. `utf-8`, `windows-1251`. */
  encoding: string;
  source: EncodingSource;
  warnings: Warning[];
}

const SNIFF_BYTES = 4096;
const DETECT_BYTES = 65536;

/** Canonical TextDecoder name for a label, or null when the platform does not support it. */
export function normalizeEncoding(label: string | null | undefined): string | null {
  if (!label) return null;
  let l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (!l) return null;
  // Common aliases TextDecoder does not know or maps unhelpfully.
  if (l === 'utf8') l = 'utf-8';
  if (l === 'win-1251' || l === 'cp-1251') l = 'windows-1251';
  if (l === 'x-euc-kr' || l === 'ks_c_5601' || l === 'ksc5601') l = 'euc-kr';
  if (l === 'cp866' || l === '866') l = 'ibm866';
  if (l === 'sjis' || l === 'x-sjis' || l === 'shift-jis') l = 'shift_jis';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

/** The charset parameter of a Content-Type header. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m ? m[1] : null;
}

function bomEncoding(b: Uint8Array): { enc: string; len: number } | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { enc: 'utf-8', len: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { enc: 'utf-16le', len: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { enc: 'utf-16be', len: 2 };
  return null;
}

/** UTF-16 without a BOM: ASCII-heavy text has NUL at every other byte. */
function utf16Guess(b: Uint8Array): string | null {
  const n = Math.min(b.length, 2048) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero > half * 0.4 && evenZero < half * 0.05) return 'utf-16le';
  if (evenZero > half * 0.4 && oddZero < half * 0.05) return 'utf-16be';
  return null;
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;
const XML_DECL = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i;

/** The encoding a document declares in its first bytes (<meta charset>, http-equiv, XML declaration). */
export function declaredEncoding(b: Uint8Array): string | null {
  const head = latin1(b.subarray(0, SNIFF_BYTES));
  const x = XML_DECL.exec(head);
  if (x) return x[1];
  const m = META_CHARSET.exec(head);
  return m ? m[1] : null;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) {
    s += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  }
  return s;
}

/** Validates UTF-8; returns [invalid sequences, multibyte sequences]. */
function utf8Stats(b: Uint8Array, limit: number): [number, number] {
  let bad = 0;
  let multi = 0;
  const n = Math.min(b.length, limit);
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else {
      bad++;
      i++;
      continue;
    }
    if (i + need >= n && n < b.length) break; // cut at the sample boundary
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
    }
    if (ok) {
      multi++;
      i += need + 1;
    } else {
      bad++;
      i++;
    }
  }
  return [bad, multi];
}

// Frequent characters per script, used to judge a candidate decoding.
const RU_FREQ = new Set('оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъёієї');
const ZH_SIMPLIFIED = new Set(
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日月新闻公司市场发展产品业务合作技术国际',
);
const ZH_TRADITIONAL = new Set(
  '的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因只從想實日月新聞公司市場發展產品業務合作技術國際',
);
const JA_KANA = /[\u3040-\u30ff]/;

interface Candidate {
  enc: string;
  score: (s: string) => number;
}

function cyrillicScore(s: string): number {
  let good = 0;
  let high = 0;
  let odd = 0;
  const isCyr = (c: number) => c >= 0x400 && c <= 0x4ff;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    high++;
    // Real Cyrillic text has letters next to letters; a Latin page misread gives isolated ones (dйclarй).
    if (RU_FREQ.has(s[i]) && (isCyr(s.charCodeAt(i - 1)) || isCyr(s.charCodeAt(i + 1)))) good++;
    else if (!isCyr(c)) odd++; // box drawing, symbols: a sign of the wrong code page
  }
  return high ? (good - odd) / high : 0;
}

function setScore(set: Set<string>, s: string): number {
  let good = 0;
  let cjk = 0;
  let high = 0;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) continue;
    if (c === 0xfffd) return 0;
    high++;
    if (c >= 0x4e00 && c <= 0x9fff) {
      cjk++;
      if (set.has(ch)) good++;
    } else if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)) cjk++;
  }
  return cjk ? (cjk / high) * 0.4 + (good / cjk) * 1.5 : 0;
}

function hangulScore(s: string): number {
  let hangul = 0;
  let high = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c === 0xfffd) return 0;
    high++;
    if (c >= 0xac00 && c <= 0xd7a3) hangul++;
  }
  return high ? hangul / high : 0;
}

function japaneseScore(s: string): number {
  let kana = 0;
  let high = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c === 0xfffd) return 0;
    high++;
    if (JA_KANA.test(s[i])) kana++;
  }
  return high ? (kana / high) * 1.2 : 0;
}

function latinScore(s: string): number {
  let good = 0;
  let high = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    high++;
    // Accented Latin letters and common typographic punctuation.
    if ((c >= 0xc0 && c <= 0x17f && c !== 0xd7 && c !== 0xf7) || (c >= 0x2013 && c <= 0x201e)) good++;
  }
  return high ? (good / high) * 0.6 : 0;
}

const CANDIDATES: Candidate[] = [
  { enc: 'windows-1251', score: cyrillicScore },
  { enc: 'koi8-r', score: cyrillicScore },
  { enc: 'ibm866', score: cyrillicScore },
  { enc: 'euc-kr', score: hangulScore },
  { enc: 'gbk', score: (s) => setScore(ZH_SIMPLIFIED, s) },
  { enc: 'big5', score: (s) => setScore(ZH_TRADITIONAL, s) },
  { enc: 'shift_jis', score: japaneseScore },
  { enc: 'euc-jp', score: japaneseScore },
  { enc: 'windows-1252', score: latinScore },
  { enc: 'iso-8859-2', score: latinScore },
];

/** Statistical guess among the legacy encodings; null when nothing is convincing. */
export function detectLegacyEncoding(b: Uint8Array): { enc: string; score: number } | null {
  const sample = b.subarray(0, Math.min(b.length, DETECT_BYTES));
  let best: { enc: string; score: number } | null = null;
  for (const c of CANDIDATES) {
    let text: string;
    try {
      text = new TextDecoder(c.enc, { fatal: true }).decode(sample);
    } catch {
      // A sample cut mid-character fails at the very end; retry without the last bytes.
      try {
        text = new TextDecoder(c.enc, { fatal: true }).decode(
          sample.subarray(0, Math.max(0, sample.length - 3)),
        );
      } catch {
        continue;
      }
    }
    const s = c.score(text);
    if (!best || s > best.score) best = { enc: c.enc, score: s };
  }
  return best && best.score > 0.2 ? best : null;
}

function decodeWith(enc: string, b: Uint8Array, warnings: Warning[]): string {
  try {
    return new TextDecoder(enc, { fatal: true }).decode(b);
  } catch {
    warnings.push({
      code: 'W_ENCODING_REPLACED',
      message: `the input is not valid ${enc}; invalid bytes were replaced with U+FFFD`,
    });
    return new TextDecoder(enc).decode(b);
  }
}

/**
 * Decodes bytes to text. Never throws for bad bytes: invalid sequences become
 * U+FFFD with a warning.
 */
export function decodeBytes(bytes: Uint8Array, opts: { contentType?: string | null } = {}): Decoded {
  const warnings: Warning[] = [];
  const bom = bomEncoding(bytes);
  if (bom) {
    return {
      text: decodeWith(bom.enc, bytes.subarray(bom.len), warnings),
      encoding: bom.enc,
      source: 'bom',
      warnings,
    };
  }
  const u16 = utf16Guess(bytes);
  if (u16) return { text: decodeWith(u16, bytes, warnings), encoding: u16, source: 'detected', warnings };

  const [bad, multi] = utf8Stats(bytes, DETECT_BYTES);
  const looksUtf8 = bad === 0 && multi > 0;

  const tryLabel = (label: string | null, source: EncodingSource): Decoded | null => {
    if (!label) return null;
    const enc = normalizeEncoding(label);
    if (!enc) {
      warnings.push({ code: 'W_ENCODING_UNKNOWN', message: `unknown charset "${label}" ignored` });
      return null;
    }
    // An ASCII-compatible declaration is often wrong when the bytes are clean UTF-8.
    if (enc !== 'utf-8' && !enc.startsWith('utf-16') && looksUtf8 && multi >= 2) {
      warnings.push({
        code: 'W_ENCODING_MISMATCH',
        message: `declared charset ${enc} but the bytes are valid UTF-8; decoded as UTF-8`,
      });
      return { text: decodeWith('utf-8', bytes, warnings), encoding: 'utf-8', source: 'detected', warnings };
    }
    if (enc.startsWith('utf-16')) return null; // a UTF-16 declaration in ASCII bytes is wrong
    if (enc === 'utf-8' && bad > 0) {
      const legacy = bad > multi ? detectLegacyEncoding(bytes) : null;
      if (legacy && legacy.score > 0.5) {
        warnings.push({
          code: 'W_ENCODING_MISMATCH',
          message: `declared UTF-8 but the bytes look like ${legacy.enc}; decoded as ${legacy.enc}`,
        });
        return {
          text: new TextDecoder(legacy.enc).decode(bytes),
          encoding: legacy.enc,
          source: 'detected',
          warnings,
        };
      }
    }
    return { text: decodeWith(enc, bytes, warnings), encoding: enc, source, warnings };
  };

  const fromHeader = tryLabel(charsetFromContentType(opts.contentType), 'header');
  if (fromHeader) return fromHeader;
  const fromDoc = tryLabel(declaredEncoding(bytes), 'declared');
  if (fromDoc) return fromDoc;

  if (bad === 0) {
    return {
      text: new TextDecoder('utf-8').decode(bytes),
      encoding: 'utf-8',
      source: multi > 0 ? 'detected' : 'default',
      warnings,
    };
  }
  // Invalid UTF-8: a legacy encoding, or UTF-8 with a few broken bytes.
  if (bad <= multi * 0.05 + 1 && multi > 0) {
    return { text: decodeWith('utf-8', bytes, warnings), encoding: 'utf-8', source: 'detected', warnings };
  }
  const legacy = detectLegacyEncoding(bytes);
  if (legacy) {
    return {
      text: new TextDecoder(legacy.enc).decode(bytes),
      encoding: legacy.enc,
      source: 'detected',
      warnings,
    };
  }
  return { text: decodeWith('utf-8', bytes, warnings), encoding: 'utf-8', source: 'default', warnings };
}
