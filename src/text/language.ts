/**
 * Language identification without downloads: writing-system counts first
 * (Hangul, kana, Han, Cyrillic, Arabic, …), then, inside a script shared by
 * several languages, letters unique to one of them and frequent function
 * words. Linear in the inspected prefix (at most `SAMPLE` characters).
 */

export interface LanguageGuess {
  /** ISO 639-1 code, or 'und' when there is too little text to tell. */
  language: string;
  /** 0..1, how clearly the winner beat the runner-up. */
  confidence: number;
}

/** How many characters are inspected; news articles declare their language early. */
const SAMPLE = 20_000;

enum S {
  Other = 0,
  Latin,
  Cyrillic,
  Greek,
  Arabic,
  Hebrew,
  Han,
  Kana,
  Hangul,
  Thai,
  Devanagari,
  Armenian,
  Georgian,
}
const SCRIPT_COUNT = 13;

function scriptOf(c: number): S {
  if (c < 0x41) return S.Other;
  if (c <= 0x5a) return S.Latin;
  if (c < 0x61) return S.Other;
  if (c <= 0x7a) return S.Latin;
  if (c < 0xc0) return S.Other;
  if (c <= 0x24f) return c === 0xd7 || c === 0xf7 ? S.Other : S.Latin;
  if (c >= 0x370 && c <= 0x3ff) return S.Greek;
  if (c >= 0x400 && c <= 0x52f) return S.Cyrillic;
  if (c >= 0x530 && c <= 0x58f) return S.Armenian;
  if (c >= 0x590 && c <= 0x5ff) return S.Hebrew;
  if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f)) return S.Arabic;
  if (c >= 0x900 && c <= 0x97f) return S.Devanagari;
  if (c >= 0xe00 && c <= 0xe7f) return S.Thai;
  if (c >= 0x10a0 && c <= 0x10ff) return S.Georgian;
  if (c >= 0x1100 && c <= 0x11ff) return S.Hangul;
  if (c >= 0x1e00 && c <= 0x1eff) return S.Latin;
  if (c >= 0x3040 && c <= 0x30ff) return S.Kana;
  if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff))
    return S.Han;
  if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x3130 && c <= 0x318f)) return S.Hangul;
  return S.Other;
}

/** Frequent function words per Latin-script language (lower case). */
const LATIN_WORDS: Record<string, string> = {
  en: 'the of and to in is that for on with as was by at from it his her he she they said has have are be will an this which not but or were had been who would their its after also',
  de: 'der die das und ist nicht den dem des ein eine einer sich mit auf für von zu im auch als wird wurde sind bei nach aus über hat noch dass wie sie er es werden oder',
  fr: 'le la les et des est une du dans que pour qui sur pas par au aux avec ce cette sont ont il elle ils été plus mais ou son sa ses leur selon entre lors',
  es: 'el la los las y del en que por con una para es se su al lo como más pero sus fue ha sobre este esta entre también según ya han muy sin desde',
  it: 'il di che la le del della dei delle per con una non sono gli nel nella anche più alla come al ha è stato questo questa tra dopo loro',
  pt: 'o a os as de do da dos das e em no na que por para com um uma não é foi ao mais pelo pela seu sua também entre após são está',
  nl: 'de het een van en in is dat op te zijn voor met niet aan er om ook als bij door maar was werd naar heeft worden dit deze uit tot',
  pl: 'i w na z że się nie do jest to o po od przez dla jak oraz ale za jego jej są był była było tym także który która które',
  tr: 've bir bu da de için ile olarak olan daha çok gibi kadar ancak ise sonra en her ya ne değil tarafından göre',
  sv: 'och i att det som en på är av för med till den har de inte om ett var sig men från vid efter också',
};

/** Frequent function words per Cyrillic-script language. */
const CYRILLIC_WORDS: Record<string, string> = {
  ru: 'и в не на что с по как это он она они его ее её из за от для также был была было были который которые чтобы если уже или при так все только же бы этого этой году',
  uk: 'і й в у на що з та не як це він вона вони його її від для також був була було були який які щоб якщо вже або при так все тільки ж би цього цієї році має',
  bg: 'и в на не че с по за от се да е са как това той тя те беше бяха който които ще или при така само',
  sr: 'и у на је да се за од са као то он она они био била били који које или при тако само није',
};

function wordTable(src: Record<string, string>): Map<string, number[]> {
  const langs = Object.keys(src);
  const m = new Map<string, number[]>();
  langs.forEach((lang, i) => {
    for (const w of src[lang].split(' ')) {
      const list = m.get(w) ?? [];
      list.push(i);
      m.set(w, list);
    }
  });
  return m;
}

const LATIN_LANGS = Object.keys(LATIN_WORDS);
const LATIN_TABLE = wordTable(LATIN_WORDS);
const CYR_LANGS = Object.keys(CYRILLIC_WORDS);
const CYR_TABLE = wordTable(CYRILLIC_WORDS);
const LETTER_RE = /\p{L}/u;

/** Whether the UTF-16 unit at `i` is part of a word (a letter or an apostrophe); ASCII without a regex. */
function wordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39;
  // surrogate pairs: letters outside the Basic Multilingual Plane are no function words; treat as breaks
  return c < 0xd800 || c > 0xdfff ? LETTER_RE.test(s[i]) : false;
}

/**
 * Counts function-word hits per language. Scans the lowercased sample by hand: a regex over every
 * word allocated a match array per word, the largest single source of garbage in ingest.
 */
function scoreWords(
  sample: string,
  table: Map<string, number[]>,
  langs: string[],
): { scores: number[]; words: number } {
  const scores = new Array<number>(langs.length).fill(0);
  const low = sample.toLowerCase();
  let words = 0;
  const n = low.length;
  let i = 0;
  while (i < n) {
    while (i < n && !wordChar(low, i)) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && wordChar(low, i)) i++;
    words++;
    const hits = table.get(low.slice(start, i));
    if (!hits) continue;
    // a word shared by several languages counts less for each of them
    const w = 1 / hits.length;
    for (const k of hits) scores[k] += w;
  }
  return { scores, words };
}

function pickBest(langs: string[], scores: number[]): LanguageGuess {
  let best = -1;
  let second = -1;
  for (let i = 0; i < scores.length; i++) {
    if (best < 0 || scores[i] > scores[best]) {
      second = best;
      best = i;
    } else if (second < 0 || scores[i] > scores[second]) second = i;
  }
  const b = scores[best] ?? 0;
  if (b <= 0) return { language: 'und', confidence: 0 };
  const s = second >= 0 ? scores[second] : 0;
  return { language: langs[best], confidence: Math.min(1, (b - s) / b) };
}

const SCRIPT_LANG: Partial<Record<S, string>> = {
  [S.Greek]: 'el',
  [S.Hebrew]: 'he',
  [S.Thai]: 'th',
  [S.Devanagari]: 'hi',
  [S.Armenian]: 'hy',
  [S.Georgian]: 'ka',
};

/** Identifies the language of `text` (ISO 639-1, or 'und'). */
export function identifyLanguage(text: string): LanguageGuess {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const counts = new Array<number>(SCRIPT_COUNT).fill(0);
  // letters unique to Ukrainian (і ї є ґ) and to Russian (ы э ъ ё) among Cyrillic languages
  let ukLetters = 0;
  let ruLetters = 0;
  let arabicPersian = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    const s = scriptOf(c);
    counts[s]++;
    if (s === S.Cyrillic) {
      const l = c | 0x20; // lower-case for the basic Cyrillic block
      if (
        c === 0x456 ||
        c === 0x406 ||
        c === 0x457 ||
        c === 0x407 ||
        c === 0x454 ||
        c === 0x404 ||
        c === 0x491
      )
        ukLetters++;
      else if (l === 0x44b || l === 0x44d || l === 0x44a || c === 0x451 || c === 0x401) ruLetters++;
    } else if (s === S.Arabic && (c === 0x67e || c === 0x686 || c === 0x698 || c === 0x6af || c === 0x6cc)) {
      arabicPersian++;
    }
  }
  let letters = 0;
  for (let s = 1; s < SCRIPT_COUNT; s++) letters += counts[s];
  if (letters < 3) return { language: 'und', confidence: 0 };

  // East Asian scripts first: a Korean or Japanese text is mostly Hangul or kana even with Latin names in it
  const cjk = counts[S.Han] + counts[S.Kana] + counts[S.Hangul];
  if (cjk >= 0.15 * letters || cjk > counts[S.Latin] + counts[S.Cyrillic]) {
    if (counts[S.Hangul] >= 0.2 * cjk) return { language: 'ko', confidence: counts[S.Hangul] / cjk };
    if (counts[S.Kana] >= 0.1 * cjk) return { language: 'ja', confidence: counts[S.Kana] / cjk };
    return { language: 'zh', confidence: counts[S.Han] / cjk };
  }

  let top = S.Latin;
  for (let s = 1; s < SCRIPT_COUNT; s++) if (counts[s] > counts[top]) top = s as S;
  const share = counts[top] / letters;

  if (top === S.Cyrillic) {
    const { scores } = scoreWords(sample, CYR_TABLE, CYR_LANGS);
    // Russian and Ukrainian are far more common in news; the others must win clearly
    scores[CYR_LANGS.indexOf('bg')] *= 0.6;
    scores[CYR_LANGS.indexOf('sr')] *= 0.6;
    // letters unique to one language are the strongest cue; function words decide the rest
    scores[CYR_LANGS.indexOf('uk')] += 2 * ukLetters;
    scores[CYR_LANGS.indexOf('ru')] += 2 * ruLetters;
    const g = pickBest(CYR_LANGS, scores);
    return g.language === 'und' ? { language: 'ru', confidence: 0.3 * share } : g;
  }
  if (top === S.Arabic) return { language: arabicPersian > 3 ? 'fa' : 'ar', confidence: share };
  const byScript = SCRIPT_LANG[top];
  if (byScript) return { language: byScript, confidence: share };

  const { scores, words } = scoreWords(sample, LATIN_TABLE, LATIN_LANGS);
  const g = pickBest(LATIN_LANGS, scores);
  if (g.language === 'und') return g;
  // on a handful of words, English (by far the most common input) wins unless clearly beaten
  const en = scores[LATIN_LANGS.indexOf('en')];
  if (
    g.language !== 'en' &&
    en > 0 &&
    scores[LATIN_LANGS.indexOf(g.language)] < 3 &&
    scores[LATIN_LANGS.indexOf(g.language)] < 3 * en
  )
    return { language: 'en', confidence: 0.2 };
  // too few function words for the amount of text: probably a name list or a code, not prose
  const best = scores[LATIN_LANGS.indexOf(g.language)];
  if (words >= 20 && best < words * 0.05) return { language: 'und', confidence: 0 };
  return g;
}

/** English names of the languages attache identifies. */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  ru: 'Russian',
  uk: 'Ukrainian',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  it: 'Italian',
  pt: 'Portuguese',
  nl: 'Dutch',
  pl: 'Polish',
  tr: 'Turkish',
  sv: 'Swedish',
  bg: 'Bulgarian',
  sr: 'Serbian',
  zh: 'Chinese',
  ja: 'Japanese',
  ko: 'Korean',
  ar: 'Arabic',
  fa: 'Persian',
  he: 'Hebrew',
  el: 'Greek',
  hi: 'Hindi',
  th: 'Thai',
  hy: 'Armenian',
  ka: 'Georgian',
  und: 'language unknown',
};

/** "Russian" for 'ru'; the code itself when the name is not known. */
export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}
