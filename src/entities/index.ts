import type { Document, Entity, EntityType, Warning } from '../document/types.ts';
import type { ModelLoader } from '../models.ts';
import type { Stage } from '../pipeline.ts';
import { type Tokens, tokenize } from '../text/tokenize.ts';
import { IntMap, seqHash } from './hash.ts';
import { GAZ, GAZ_MAX_LEN, type Lexicon, loadLexicon, looseKey } from './lexicon.ts';
import {
  bilouSpans,
  clustersFromBytes,
  type DocFeatures,
  decode,
  prepare,
  startsName,
  settledSentences,
  summarise,
  type TaggerResources,
  type TokenSeq,
  unpackWeights,
  type WeightTable,
} from './ner.ts';
import { type Mention, resolveEntities } from './resolve.ts';
import { koreanNames, withKoreanNames } from './korean.ts';

export { type CountryInfo, GAZ, Lexicon, loadLexicon, looseKey } from './lexicon.ts';

export const ENTITIES_VERSION = '1.0.0';

/** The NER model: two weight tables (first pass, document-aware second pass) plus resources. */
export interface NerTagger {
  res: TaggerResources;
  pass1: WeightTable;
  pass2: WeightTable | null;
}

/** Word clusters and gazetteer the tagger reads (the same for training and inference). */
export function loadTaggerResources(models: ModelLoader): TaggerResources {
  const cl = (name: string) => {
    if (!models.has(name)) return null;
    const build = () => clustersFromBytes(models.bytes(name)).data();
    return new IntMap(models.shared ? models.shared(`entities:clusters:${name}`, build) : build());
  };
  return {
    clusters: cl('clusters.bin.gz'),
    clusters2: cl('clusters-b.bin.gz'),
    clusters3: cl('clusters-c.bin.gz'),
    gaz: loadLexicon(models).gaz,
  };
}

/** Loads the tagger from `models/` (ner.bin.gz, optional ner-pass2.bin.gz, clusters*.bin.gz, gazetteer.json.gz). */
export function loadTagger(models: ModelLoader): NerTagger | null {
  if (!models.has('ner.bin.gz')) return null;
  return {
    res: loadTaggerResources(models),
    pass1: unpackWeights(models.bytes('ner.bin.gz')),
    pass2: models.has('ner-pass2.bin.gz') ? unpackWeights(models.bytes('ner-pass2.bin.gz')) : null,
  };
}

/** BILOU labels for a tokenised document (two passes when the second-pass model is present). */
export function tagSequence(tagger: NerTagger, seq: TokenSeq, prepared?: DocFeatures): Uint8Array {
  const f = prepared ?? prepare(seq, tagger.res);
  const y1 = decode(seq, tagger.res, tagger.pass1, undefined, null, f);
  if (!tagger.pass2) return y1;
  // the second pass re-decodes only sentences where the document disagrees with the first
  const aux = summarise(seq, y1, f);
  const { skip, open } = settledSentences(seq, y1, aux);
  if (open === 0) return y1;
  return decode(seq, tagger.res, tagger.pass2, undefined, aux, f, { y: y1, skip });
}

const CONLL_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

const LOC_HEAD =
  /\b(?:sea|ocean|gulf|bay|strait|straits|river|lake|mountains?|mount|mt|peninsula|island|islands|valley|desert|coast|canal|channel|plateau|basin|region|highlands|heights|delta|plain|plains|forest|cape|continent|hemisphere|pole|arctic|antarctic|pacific|atlantic|mediterranean|balkans|caucasus|sahel|sahara|himalayas?|alps|andes|middle east|far east|asia|africa|europe|america|americas|oceania|arabian|scandinavia|shoal|reef|atoll|archipelago)\b/i;
/** Geographic head nouns that turn a "person" or "organisation" span into a place ("Second Thomas Shoal"). */
const GEO_LAST =
  /\s(?:sea|ocean|gulf|bay|strait|river|lake|mountains|peninsula|island|islands|shoal|reef|atoll|archipelago|valley|desert)$/i;
const CALENDAR_WORD =
  /^(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\.?$/i;
const ORG_HEAD =
  /\b(?:ministry|agency|council|committee|party|government|commission|department|bank|corporation|company|inc|corp|ltd|group|union|association|organi[sz]ation|institute|university|court|parliament|assembly|army|navy|forces|police|news|press|times|post|fund|federation|league|club|front|movement)\b/i;
const FAC_HEAD =
  /\b(?:airport|palace|square|bridge|tower|stadium|arena|hotel|hall|building|cathedral|mosque|temple|church|monument|memorial|base|port|harbour|harbor|station|prison|camp|plant|dam|highway|road|street|avenue|cemetery|cosmodrome|spaceport|museum|theatre|theater|gate|wall|kremlin|pentagon|white house)\b/i;
const NORP_WORDS =
  /^(?:muslims?|christians?|jews?|jewish|catholics?|protestants?|orthodox|hindus?|buddhists?|sikhs?|shi'?ites?|shias?|sunnis?|sunni|islamists?|communists?|socialists?|democrats?|republicans?|conservatives?|liberals?|tories|tory|labourites?|zionists?|kurds?|kurdish|arabs?|arab|palestinians?|pashtuns?|tamils?|uighurs?|uyghurs?|yazidis?|druze|alawites?|maoists?|marxists?|bolsheviks?|nationalists?|separatists?)$/i;
const EVENT_WORDS =
  /\b(?:war|summit|games|olympics?|cup|championships?|festival|conference|forum|election|elections|revolution|crisis|world cup|open|grand prix|tour|expo|congress)\b/i;

/** Maps a CoNLL-style label on a span to the attache entity types. */
export function refineType(conll: string, surface: string, lexicon: Lexicon): EntityType | null {
  if (conll !== 'MISC' && GEO_LAST.test(surface)) return 'LOC';
  switch (conll) {
    case 'PER':
      return 'PERSON';
    case 'ORG':
      if (ORG_HEAD.test(surface)) return 'ORG';
      if (lexicon.countryByExactName(surface) || lexicon.placeOf(surface)) return 'GPE';
      if (surface.includes(' ') && FAC_HEAD.test(surface)) return 'FAC';
      if (LOC_HEAD.test(surface)) return 'LOC';
      return 'ORG';
    case 'LOC': {
      if (lexicon.countryByExactName(surface) || lexicon.placeOf(surface)) return 'GPE';
      if (FAC_HEAD.test(surface) && surface.includes(' ')) return 'FAC';
      if (ORG_HEAD.test(surface)) return 'ORG';
      if (LOC_HEAD.test(surface)) return 'LOC';
      return 'GPE';
    }
    case 'MISC': {
      if (lexicon.demonymOf(surface) || NORP_WORDS.test(surface)) return 'NORP';
      // a state's own name ("DPRK", "Russia") is never a miscellaneous name
      if (lexicon.countryByExactName(surface)) return 'GPE';
      if (surface.includes(' ') && FAC_HEAD.test(surface)) return 'FAC';
      if (EVENT_WORDS.test(surface) && surface.includes(' ')) return 'EVENT';
      return 'MISC';
    }
    default:
      return null;
  }
}

const HONORIFIC =
  /^(?:mr|mrs|ms|miss|mister|dr|comrade|sir|dame|lord|lady|madam|madame|mme|prof|professor|rev|reverend|herr|frau|monsieur|senor|señor)\.?$/i;
/** Mentions made only of title words ("Foreign Minister", "Ambassador Extraordinary") are not names. */
const TITLE_ONLY =
  /^(?:(?:comrade|foreign|prime|deputy|vice|first|state|general|chief|executive|senior|special|strategic|communications|defen[cs]e|finance|interior|minister|president|secretary|ambassador|extraordinary|plenipotentiary|envoy|spokesman|spokeswoman|spokesperson|chairman|coordinator|director|adviser|advisor|representative|commander|governor|premier|chancellor|of|and|for|the)\s*)+$/i;

function hasAlnum(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 0xbf) {
      if (c >= 0x2000 && c <= 0x206f) continue;
      return true;
    }
  }
  return false;
}

/**
 * Multi-word country names from the lexicon ("Democratic People's Republic of Korea", "Russian
 * Federation") win over whatever the tagger made of them: overlapping spans are replaced by one
 * GPE span (type -1).
 */
function overrideCountries(
  seq: TokenSeq,
  prepared: DocFeatures,
  spans: { start: number; end: number; type: number }[],
  lexicon: Lexicon,
): { start: number; end: number; type: number }[] {
  const found: { start: number; end: number; type: number }[] = [];
  const n = seq.length;
  const { hL, gaz } = prepared;
  for (let i = 0; i < n; i++) {
    // only where the tagger's gazetteer pass saw a multi-word country name begin (GAZ.COUNTRY, B)
    if ((gaz[i] & 1) === 0) continue;
    let h = 0;
    let best = -1;
    for (let len = 1; len <= GAZ_MAX_LEN && i + len <= n; len++) {
      const j = i + len - 1;
      if (len > 1 && seq.sentStart[j]) break;
      h = seqHash(h, hL[j] >>> 0);
      if (len < 2) continue;
      const bits = lexicon.gaz.get(h);
      if (bits > 0 && (bits & GAZ.COUNTRY) !== 0) best = j;
    }
    if (best > i && startsName(seq.text.charCodeAt(seq.starts[best]))) {
      found.push({ start: i, end: best + 1, type: -1 });
      i = best;
    }
  }
  if (!found.length) return spans;
  const out: { start: number; end: number; type: number }[] = [];
  let fi = 0;
  for (const s of spans) {
    while (fi < found.length && found[fi].end <= s.start) out.push(found[fi++]);
    const f = fi < found.length ? found[fi] : null;
    if (f && f.start < s.end && s.start < f.end) {
      // the tagger's span overlaps a country name: keep the tagger's if it is longer and contains it
      if (s.start <= f.start && s.end >= f.end && s.end - s.start > f.end - f.start) {
        out.push(s);
        fi++;
      }
      continue;
    }
    out.push(s);
  }
  while (fi < found.length) out.push(found[fi++]);
  out.sort((a, b) => a.start - b.start);
  // drop duplicates created by several tagger spans overlapping one country name
  return out.filter((s, i) => i === 0 || s.start >= out[i - 1].end);
}

const TITLE_HEAD_WORD =
  /^(?:minister|secretary|president|premier|chancellor|spokesman|spokeswoman|spokesperson|ambassador|envoy|chairman|chairwoman|governor|senator|general|commander|director|chief|leader|king|queen|prince)$/i;
const TITLE_FILLER =
  /^(?:of|for|the|and|state|foreign|affairs|defen[cs]e|deputy|vice|prime|first|general|national|security|home|interior|finance|trade|justice|health|energy|treasury|acting|former|u\.?s\.?|un|u\.n\.)$/i;

/**
 * "U.S. Secretary of State Antony Blinken" tagged as one organisation: the capitalised run after
 * a title becomes a PERSON mention (and a leading country name a GPE mention), so the role and
 * country are read as for any pre-modified name. Returns whether the span was replaced.
 */
function splitTitledName(
  text: string,
  seq: TokenSeq,
  t0: number,
  t1: number,
  mentions: Mention[],
  lexicon: Lexicon,
): boolean {
  const w = (k: number) => text.slice(seq.starts[k], seq.ends[k]);
  let p = t1;
  while (p >= t0 && /^\p{Lu}/u.test(w(p)) && !TITLE_FILLER.test(w(p)) && !TITLE_HEAD_WORD.test(w(p))) p--;
  // p is now the last title-ish token; the name is p+1..t1
  if (p < t0 || p === t1 || t1 - p > 4) return false;
  let head = -1;
  for (let k = p; k >= t0 && k >= p - 5; k--) {
    if (TITLE_HEAD_WORD.test(w(k))) {
      head = k;
      break;
    }
    if (!TITLE_FILLER.test(w(k))) break;
  }
  if (head < 0) return false;
  // a country name in front of the title ("U.S.", "Russian")
  let lead = head - 1;
  while (lead >= t0 && TITLE_FILLER.test(w(lead)) && !lexicon.countryOf(w(lead))) lead--;
  if (lead >= t0) {
    const cs = seq.starts[t0];
    const ce = seq.ends[lead];
    const iso = lexicon.countryOf(text.slice(cs, ce));
    if (iso)
      mentions.push({
        start: cs,
        end: ce,
        type: lexicon.demonymOf(text.slice(cs, ce)) ? 'NORP' : 'GPE',
        t0,
        t1: lead,
      });
  }
  mentions.push({ start: seq.starts[p + 1], end: seq.ends[t1], type: 'PERSON', t0: p + 1, t1 });
  return true;
}

/**
 * A title tagged apart from the name it precedes ("Valmoran Energy Minister" + "Okafor", both
 * as organisations, or the name not tagged at all) becomes one span, which `splitTitledName` then
 * reads as a titled person.
 */
function joinTitles<S extends { start: number; end: number; type: number }>(
  text: string,
  seq: TokenSeq,
  spans: S[],
): S[] {
  const out: S[] = [];
  let changed = false;
  const word = (k: number) => text.slice(seq.starts[k], seq.ends[k]);
  for (let i = 0; i < spans.length; i++) {
    const a = spans[i];
    if (a.type === 0 || a.end - a.start < 2 || !TITLE_HEAD_WORD.test(word(a.end - 1))) {
      out.push(a);
      continue;
    }
    const b = spans[i + 1];
    const both = !!b && b.start === a.end;
    let end = both ? b.end : a.end;
    if (!both) {
      // untagged capitalised words right after the title: the name the tagger missed
      while (
        end < seq.length &&
        end - a.end < 3 &&
        /^\p{Lu}[\p{Ll}'’-]+$/u.test(word(end)) &&
        !NOT_NAME.test(word(end))
      )
        end++;
      if (b && end > b.start) end = a.end;
    }
    if (end === a.end) {
      out.push(a);
      continue;
    }
    out.push({ ...a, end });
    changed = true;
    if (both) i++;
  }
  return changed ? out : spans;
}

/** Capitalised words that do not start a name after a title ("… Minister Said …" is rare). */
const NOT_NAME =
  /^(?:The|A|An|On|In|At|And|But|Or|Of|For|To|Said|Says|Told|Has|Had|Was|Is|Will|Would|Who|Which|This|That)$/;

const TYPE_PRIORITY: EntityType[] = ['PERSON', 'GPE', 'ORG', 'LOC', 'NORP', 'FAC', 'EVENT', 'MISC'];

const CONNECTOR = new Set(
  "of and de du da del della der den van von al el bin ibn bint la le les y for the on upon 's ’s & et zu ter".split(
    ' ',
  ),
);

/**
 * Document-level type consistency: the same string gets its majority type everywhere, and a
 * one-word mention that repeats a word of a multi-word person name is that person.
 */
function harmoniseTypes(text: string, mentions: Mention[], lexicon: Lexicon): void {
  const votes = new Map<string, Map<EntityType, number>>();
  const personWords = new Set<string>();
  for (const m of mentions) {
    const k = looseKey(text.slice(m.start, m.end));
    let v = votes.get(k);
    if (!v) {
      v = new Map();
      votes.set(k, v);
    }
    v.set(m.type, (v.get(m.type) ?? 0) + 1);
    if (m.type === 'PERSON' && m.t1 > m.t0)
      for (const w of k.split(' ')) if (w.length > 2) personWords.add(w);
  }
  for (const m of mentions) {
    const k = looseKey(text.slice(m.start, m.end));
    const v = votes.get(k);
    if (v && v.size > 1) {
      let best = m.type;
      let bestN = v.get(m.type) ?? 0;
      for (const [t, n] of v)
        if (n > bestN || (n === bestN && TYPE_PRIORITY.indexOf(t) < TYPE_PRIORITY.indexOf(best)))
          [best, bestN] = [t, n];
      m.type = best;
    }
    if (m.type !== 'PERSON' && m.t0 === m.t1 && personWords.has(k) && !lexicon.countryOf(k))
      m.type = 'PERSON';
  }
}

/**
 * A middle initial is one token with its period ("Harriet K. Okonjo", "George W. Bush"), as in
 * the tagger's training data; split off, the period ends the name and the surname is tagged on
 * its own (and read as a place). Only a capital letter directly followed by "." and then a
 * capitalised word is joined.
 */
function joinInitials(text: string, t: Tokens): Tokens {
  const { starts, ends } = t;
  let joins = 0;
  const isInitial = (i: number) =>
    i + 2 < t.length &&
    ends[i] - starts[i] === 1 &&
    isUpper(text.charCodeAt(starts[i])) &&
    starts[i + 1] === ends[i] &&
    ends[i + 1] - starts[i + 1] === 1 &&
    text.charCodeAt(starts[i + 1]) === 46 &&
    isUpper(text.charCodeAt(starts[i + 2])) &&
    i > 0 &&
    isUpper(text.charCodeAt(starts[i - 1]));
  for (let i = 0; i < t.length; i++) if (isInitial(i)) joins++;
  if (!joins) return t;
  const ns = new Int32Array(t.length - joins);
  const ne = new Int32Array(t.length - joins);
  let w = 0;
  for (let i = 0; i < t.length; i++) {
    ns[w] = starts[i];
    if (isInitial(i)) {
      ne[w++] = ends[i + 1];
      i++;
    } else ne[w++] = ends[i];
  }
  return { length: w, starts: ns, ends: ne };
}

const isUpper = (c: number) => c >= 65 && c <= 90;

/** Tokenises `doc.text` and marks sentence starts from `doc.sentences`. */
export function documentTokens(doc: Pick<Document, 'text' | 'sentences' | 'paragraphs'>): TokenSeq {
  const t = joinInitials(doc.text, tokenize(doc.text));
  const sentStart = new Uint8Array(t.length);
  const spans = doc.sentences.length ? doc.sentences : doc.paragraphs;
  let si = 0;
  for (let i = 0; i < t.length; i++) {
    const s = t.starts[i];
    let newSent = i === 0;
    while (si < spans.length && spans[si].end <= s) {
      si++;
      newSent = true;
    }
    if (si < spans.length && spans[si].start === s) newSent = true;
    // paragraph/line breaks also end a sentence for the tagger
    if (i > 0 && !newSent) {
      const gap = doc.text.slice(t.ends[i - 1], s);
      if (gap.includes('\n')) newSent = true;
    }
    if (newSent) sentStart[i] = 1;
  }
  return { text: doc.text, starts: t.starts, ends: t.ends, length: t.length, sentStart };
}

/** Named entities and their within-document resolution into the `entities` layer. */
export function createEntitiesStage(models: ModelLoader): Stage<'entities'> {
  let tagger: NerTagger | null | undefined;
  let lexicon: Lexicon | null = null;
  let loadError: string | null = null;
  const ensure = () => {
    if (tagger !== undefined) return;
    try {
      lexicon = loadLexicon(models);
      tagger = loadTagger(models);
      if (!tagger)
        loadError = 'NER model models/ner.bin.gz is missing (run npm run train:ner); no entities tagged';
    } catch (e) {
      tagger = null;
      loadError = `NER model could not be loaded: ${(e as Error).message}`;
    }
  };
  return {
    name: 'entities',
    version: ENTITIES_VERSION,
    requires: ['sentences'],
    assigns: ['entities'],
    languages: ['en'],
    run(doc) {
      ensure();
      const warnings: Warning[] = [];
      if (!tagger || !lexicon) {
        if (loadError) warnings.push({ code: 'W_ENTITIES_MODEL', message: loadError });
        return { entities: [], warnings };
      }
      if (!doc.text) return { entities: [] };
      return { entities: extractEntities(doc, tagger, lexicon), warnings };
    },
  };
}

/** Tags and resolves the entities of a document. */
export function extractEntities(
  doc: Pick<Document, 'text' | 'sentences' | 'paragraphs' | 'meta'>,
  tagger: NerTagger,
  lexicon: Lexicon,
): Entity[] {
  const seq = documentTokens(doc);
  const prepared = prepare(seq, tagger.res);
  const y = tagSequence(tagger, seq, prepared);
  const mentions: Mention[] = [];
  const text = doc.text;
  const spans = joinTitles(text, seq, overrideCountries(seq, prepared, bilouSpans(y), lexicon));
  for (const s of spans) {
    let t0 = s.start;
    let t1 = s.end - 1;
    // no quotes or brackets at the edges; honorifics are not part of a name
    while (t0 <= t1 && !hasAlnum(text, seq.starts[t0], seq.ends[t0])) t0++;
    // a name does not run on into ordinary lower-case words ("Baerbock later met")
    for (let k = t0 + 1; k <= t1; k++) {
      const c = text.charCodeAt(seq.starts[k]);
      if (c >= 97 && c <= 122 && !CONNECTOR.has(text.slice(seq.starts[k], seq.ends[k]))) {
        t1 = k - 1;
        break;
      }
    }
    while (t1 > t0 && CONNECTOR.has(text.slice(seq.starts[t1], seq.ends[t1]))) t1--;
    while (t1 >= t0 && !hasAlnum(text, seq.starts[t1], seq.ends[t1])) t1--;
    let honorific = false;
    while (t0 < t1 && HONORIFIC.test(text.slice(seq.starts[t0], seq.ends[t0]))) {
      t0++;
      honorific = true;
    }
    if (t0 > t1) continue;
    const start = seq.starts[t0];
    const end = seq.ends[t1];
    const surface = text.slice(start, end);
    if (!/\p{L}/u.test(surface)) continue;
    if (s.type !== 0 && TITLE_ONLY.test(surface)) continue;
    if (t0 === t1 && CALENDAR_WORD.test(surface)) continue;
    if (s.type !== 0 && t1 > t0 && splitTitledName(text, seq, t0, t1, mentions, lexicon)) continue;
    const type =
      s.type < 0 ? 'GPE' : honorific ? 'PERSON' : refineType(CONLL_TYPES[s.type], surface, lexicon);
    if (!type) continue;
    mentions.push({ start, end, type, t0, t1 });
  }
  const all = withKoreanNames(mentions, koreanNames(text, seq.starts, seq.ends));
  harmoniseTypes(text, all, lexicon);
  return resolveEntities({
    text: doc.text,
    starts: seq.starts,
    ends: seq.ends,
    mentions: all,
    lexicon,
    published: doc.meta?.published ?? null,
  });
}

/** The entity (and the mention) covering character `offset`, or null. */
export function entityAt(
  doc: Pick<Document, 'entities'>,
  offset: number,
): { entity: Entity; mention: { start: number; end: number } } | null {
  for (const e of doc.entities) {
    for (const m of e.mentions) if (m.start <= offset && offset < m.end) return { entity: e, mention: m };
  }
  return null;
}

/** Entity by id. */
export function entityById(doc: Pick<Document, 'entities'>, id: string): Entity | null {
  return doc.entities.find((e) => e.id === id) ?? null;
}
