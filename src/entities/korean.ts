/**
 * Korean personal names in romanised news copy: a surname from the closed set of
 * Korean family names followed by a hyphenated two-syllable given name ("Kim
 * Ha-eun", "Park Ji-won", "Ban Ki-moon"). The statistical tagger often tags only
 * the surname or nothing at all, and a bare "Kim" then merges with whichever
 * Kim the article named first, which puts one person's words in another's mouth.
 */
import type { Mention } from './resolve.ts';

/** Romanised Korean family names (South and North Korean spellings). Short forms that are common
 * English words ("An", "No", "To", "Do", "Go", "O") are left out: "No Man-made …" is not a name. */
const SURNAMES = new Set(
  (
    'Kim Gim Lee Yi Rhee Ri Park Pak Bak Choi Choe Jung Jeong Chung Kang Cho Jo Yoon Yun Jang Chang Lim Rim ' +
    'Han Oh Seo Suh Shin Sin Kwon Hwang Ahn Song Yoo Yu Ryu Hong Jeon Jun Chun Ko Koh Moon Mun Yang Ryang ' +
    'Son Sohn Bae Pae Baek Paek Heo Hur Nam Sim Shim Noh Roh Ha Kwak Sung Seong Cha Joo Ju Woo Ku Koo Min ' +
    'Jin Chin Ji Chi Um Eom Chae Won Bang Pang Gong Kong Hyun Hyon Ham Byun Pyon Yeom Yeo Choo Chu Kil Gil ' +
    'Ban Thae Tae Seok Sok Maeng Myung Pyo Yook Yuk Hyeon'
  ).split(' '),
);

/** Second syllables that make a place, not a given name: provinces, districts, villages, roads. */
const PLACE_SUFFIX = new Set(['do', 'gu', 'gun', 'si', 'dong', 'ri', 'ro', 'gil', 'myeon', 'eup', 'ga']);

const GIVEN = /^[A-Z][a-z]{1,5}-([a-z]{1,6})$/;

/**
 * Token pairs that form a Korean name, as PERSON mention candidates. `starts`/`ends` are the
 * document's token offsets; one pass over the tokens.
 */
export function koreanNames(text: string, starts: Int32Array, ends: Int32Array): Mention[] {
  const out: Mention[] = [];
  const n = starts.length;
  for (let k = 0; k + 1 < n; k++) {
    const c = text.charCodeAt(starts[k]);
    if (c < 65 || c > 90 || ends[k] - starts[k] > 6) continue;
    // one space between surname and given name, and no hyphen or letter glued after the given name
    if (starts[k + 1] !== ends[k] + 1 || text.charCodeAt(ends[k]) !== 32) continue;
    if (!SURNAMES.has(text.slice(starts[k], ends[k]))) continue;
    const given = GIVEN.exec(text.slice(starts[k + 1], ends[k + 1]));
    if (!given || PLACE_SUFFIX.has(given[1])) continue;
    out.push({ start: starts[k], end: ends[k + 1], type: 'PERSON', t0: k, t1: k + 1 });
    k++;
  }
  return out;
}

/**
 * `mentions` with every Korean name as one PERSON mention: tagger mentions that overlap a name
 * ("Kim" alone, "Park Ji" as an organisation) give way to it. Both lists are in text order.
 */
export function withKoreanNames(mentions: Mention[], names: Mention[]): Mention[] {
  if (!names.length) return mentions;
  const out: Mention[] = [];
  let j = 0;
  for (const m of mentions) {
    while (j < names.length && names[j].end <= m.start) out.push(names[j++]);
    // a name overlapping this mention replaces it
    let overlaps = false;
    for (let k = j; k < names.length && names[k].start < m.end; k++) {
      if (names[k].end > m.start) {
        overlaps = true;
        break;
      }
    }
    if (!overlaps) out.push(m);
  }
  while (j < names.length) out.push(names[j++]);
  return out;
}
