/**
 * A small language identifier for pages that do not declare their language:
 * the script decides for non-Latin text (with a letter test for Ukrainian vs
 * Russian), stop-word counts decide among the common Latin-script languages.
 * Returns an ISO 639-1 code or 'und'.
 */

const STOPWORDS: Record<string, string> = {
  en: 'the of and to in is that for it was on with as by at from he said his be this are have has an which were not but',
  de: 'der die und das ist nicht mit den von zu sich des auf für ein eine dem im auch es wird sie bei einer werden wie',
  fr: 'le la les des et est une un du dans pour que qui pas sur au par avec il ne se sont plus ce cette aux',
  es: 'el la los las de que y en un una es por con para del se no su al lo como más pero sus fue',
  pt: 'de que o a os as um uma em do da dos das para com não por se mais foi ao pelo pela são também',
  it: 'il di che la le è un una per non del della in sono con si gli alla anche più dei nel ha',
  nl: 'de het een van en is dat op te in voor niet met zijn aan er ook als bij door maar worden',
  pl: 'i w na nie się z do że to jest o jak przez od po za ale być są oraz dla jego tym',
  tr: 've bir bu da de için ile ne olarak çok daha gibi kadar ama olan sonra değil en her',
  sv: 'och att det som en på är av för med till den har inte om ett var jag men',
};

const WORDS = new Map<string, Set<string>>();
for (const [lang, words] of Object.entries(STOPWORDS)) WORDS.set(lang, new Set(words.split(' ')));

export function detectLanguage(text: string): string {
  const sample = text.length > 6000 ? text.slice(0, 6000) : text;
  let latin = 0;
  let cyr = 0;
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let arabic = 0;
  let greek = 0;
  let hebrew = 0;
  let ukr = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 32) >= 97 && (c | 32) <= 122) latin++;
    } else if (c >= 0xc0 && c <= 0x24f) latin++;
    else if (c >= 0x400 && c <= 0x4ff) {
      cyr++;
      if (c === 0x456 || c === 0x457 || c === 0x454 || c === 0x491) ukr++;
    } else if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if (c >= 0xac00 && c <= 0xd7a3) hangul++;
    else if (c >= 0x600 && c <= 0x6ff) arabic++;
    else if (c >= 0x370 && c <= 0x3ff) greek++;
    else if (c >= 0x590 && c <= 0x5ff) hebrew++;
  }
  const top = Math.max(latin, cyr, han + kana, hangul, arabic, greek, hebrew);
  if (top < 20) return 'und';
  if (top === cyr) return ukr > cyr * 0.01 ? 'uk' : 'ru';
  if (top === hangul) return 'ko';
  if (top === han + kana) return kana > han * 0.1 ? 'ja' : 'zh';
  if (top === arabic) return 'ar';
  if (top === greek) return 'el';
  if (top === hebrew) return 'he';
  const counts = new Map<string, number>();
  for (const w of sample.toLowerCase().match(/[\p{L}]+/gu) ?? []) {
    for (const [lang, set] of WORDS) if (set.has(w)) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  let best = 'und';
  let bestN = 2;
  for (const [lang, n] of counts) {
    if (n > bestN) {
      best = lang;
      bestN = n;
    }
  }
  return best;
}
