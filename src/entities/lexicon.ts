/**
 * The entity lexicon compiled from the CAMEO / Phoenix / NGEC dictionaries
 * (`models/gazetteer.json.gz`, built by scripts/build/entities-lexicon.ts), and
 * the small lookup API other stages use:
 *
 *   const lex = loadLexicon(models);
 *   lex.countryOf('the Russian Federation')   // → 'RUS'  (names, demonyms, cities)
 *   lex.agentOf('foreign minister')            // → 'GOV'  (CAMEO agent / sector code)
 *   lex.actorOf('Sergey Lavrov', '2023-10-18') // → 'RUSGOV' (date-restricted office holders, orgs, countries)
 *
 * Browser-safe: no Node APIs; data comes through the ModelLoader.
 */
import type { ModelLoader } from '../models.ts';
import { hashLower, IntMap, type IntMapData, lowerCode, seqHash } from './hash.ts';
import {
  IntDict,
  type IntDictData,
  packIntDict,
  packStringDict,
  packStringList,
  packStrings,
  StringDict,
  type StringDictData,
  StringList,
  type StringListData,
  StringTable,
  type StringTableData,
} from '../text/strings.ts';
import { tokenize } from '../text/tokenize.ts';

export interface LexiconData {
  version: number;
  /** [iso3, cameo code, display name, lower-case names, lower-case demonyms] */
  countries: [string, string, string, string[], string[]][];
  /** lower-case place phrase → ISO-3 */
  places: Record<string, string>;
  /** [display name, lower-case aliases, [code, fromYYYYMMDD|0, toYYYYMMDD|0][]] */
  people: [string, string[], [string, number, number][]][];
  /** [display name, lower-case aliases, actor code] */
  orgs: [string, string[], string][];
  /** lower-case agent noun → CAMEO agent code */
  agents: Record<string, string>;
  /** Precomputed tagger gazetteer: flattened [token-sequence hash, GAZ bits] pairs (optional). */
  gaz?: number[];
}

export interface CountryInfo {
  iso3: string;
  cameo: string;
  name: string;
  demonyms: string[];
}

/** Gazetteer categories (bit flags) used as tagger features. */
export const GAZ = {
  COUNTRY: 1,
  DEMONYM: 2,
  PLACE: 4,
  PERSON: 8,
  ORG: 16,
  FIRST: 32,
  LAST: 64,
  AGENT: 128,
} as const;
export const GAZ_MAX_LEN = 6;

const keyCache = new Map<string, string>();

/**
 * Loose matching key: lower-cased, typographic apostrophes folded, hyphens and runs of
 * spaces to one space, periods dropped, a leading "the " and a trailing "'s" removed
 * ("Kim Il-sung" = "Kim Il Sung", "U.S." = "US", "the Russian Federation" = "Russian Federation").
 */
export function looseKey(s: string): string {
  // V8 keeps a slice of 13 or more characters as a view into its whole string (the article text),
  // and most names asked for are short: only short names are cached, in a bounded cache per thread
  if (s.length > 12) return uncachedLooseKey(s);
  const hit = keyCache.get(s);
  if (hit !== undefined) return hit;
  const out = uncachedLooseKey(s);
  if (keyCache.size >= 20_000) keyCache.clear();
  keyCache.set(s, out);
  return out;
}

function uncachedLooseKey(s: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c === 46) continue; // .
    if (c === 0x2019 || c === 0x2018 || c === 96) c = 39;
    if (c === 45 || c === 0x2010 || c === 0x2011 || c === 0x2013 || c <= 32 || c === 0xa0) {
      space = out.length > 0;
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += String.fromCharCode(lowerCode(c));
  }
  if (out.startsWith('the ')) out = out.slice(4);
  if (out.endsWith("'s")) out = out.slice(0, -2).trimEnd();
  return out;
}

/** Hash of a phrase's token sequence, the same way the tagger hashes text tokens. */
export function phraseHash(phrase: string): { hash: number; length: number } {
  const t = tokenize(phrase);
  let h = 0;
  for (let i = 0; i < t.length; i++) h = seqHash(h, hashLower(phrase, t.starts[i], t.ends[i]));
  return { hash: h, length: t.length };
}

/** The tagger gazetteer as flattened [phrase hash, GAZ bits] pairs (precomputed by the build script). */
export function gazetteerPairs(data: LexiconData): number[] {
  const flags = new Map<number, number>();
  const add = (phrase: string, bit: number) => {
    const { hash, length } = phraseHash(phrase);
    if (length === 0 || length > GAZ_MAX_LEN) return;
    flags.set(hash, (flags.get(hash) ?? 0) | bit);
  };
  for (const [, , name, names, demonyms] of data.countries) {
    add(name, GAZ.COUNTRY);
    for (const n of names) add(n, GAZ.COUNTRY);
    for (const d of demonyms) add(d, GAZ.DEMONYM);
  }
  for (const p of Object.keys(data.places)) add(p, GAZ.PLACE);
  for (const [, aliases] of data.people) {
    for (const a of aliases) {
      const words = a.split(' ');
      if (words.length >= 2) {
        add(a, GAZ.PERSON);
        add(words[0], GAZ.FIRST);
        add(words[words.length - 1], GAZ.LAST);
      }
    }
  }
  for (const [, aliases] of data.orgs) for (const a of aliases) add(a, GAZ.ORG);
  for (const a of Object.keys(data.agents)) add(a, GAZ.AGENT);
  const out: number[] = [];
  for (const [h, f] of [...flags].sort((x, y) => x[0] - y[0])) out.push(h, f);
  return out;
}

/**
 * The lexicon's look-up tables as typed arrays (string tables, offset arrays,
 * hash indexes), built once from the parsed file; being structured-cloneable,
 * one copy in shared memory can serve several threads.
 */
export interface CompiledLexicon {
  /** [iso3, cameo code, display name, demonyms] */
  countries: [string, string, string, string[]][];
  /** Loose key → ISO-3, for country names, demonyms and places. */
  countryByName: StringDictData;
  demonym: StringDictData;
  places: StringDictData;
  /** Loose key → index of the person or organisation. */
  personByAlias: IntDictData;
  orgByAlias: IntDictData;
  agents: StringDictData;
  personNames: StringListData;
  /** The actor codes of person `i` are entries `[personCodeStart[i], personCodeStart[i + 1])`. */
  personCodeStart: Uint32Array;
  /** Per code entry: the code (index into `codeNames`), from and to dates (YYYYMMDD, 0 = open). */
  personCodes: Int32Array;
  personFrom: Int32Array;
  personTo: Int32Array;
  codeNames: StringTableData;
  orgNames: StringListData;
  orgCodes: StringListData;
  gaz: IntMapData;
}

/** Builds the look-up tables. A name listed twice keeps its first country, person or organisation, and its last place or agent code. */
export function compileLexicon(data: LexiconData): CompiledLexicon {
  // the names of the file are keyed once: keeping their keys in the look-up cache would only hold memory
  const key = uncachedLooseKey;
  const countryByName = new Map<string, string>();
  const demonym = new Map<string, string>();
  const places = new Map<string, string>();
  const personByAlias = new Map<string, number>();
  const orgByAlias = new Map<string, number>();
  const agents = new Map<string, string>();
  const addFirst = <T>(m: Map<string, T>, name: string, value: T) => {
    const k = key(name);
    if (!m.has(k)) m.set(k, value);
  };
  const countries: CompiledLexicon['countries'] = [];
  for (const [iso3, cameo, name, names, demonyms] of data.countries) {
    countries.push([iso3, cameo, name, demonyms]);
    for (const n of names) addFirst(countryByName, n, iso3);
    for (const d of demonyms) addFirst(demonym, d, iso3);
  }
  for (const [p, iso3] of Object.entries(data.places)) places.set(key(p), iso3);
  data.people.forEach(([, aliases], i) => {
    for (const a of aliases) addFirst(personByAlias, a, i);
  });
  data.orgs.forEach(([, aliases], i) => {
    for (const a of aliases) addFirst(orgByAlias, a, i);
  });
  for (const [p, c] of Object.entries(data.agents)) agents.set(key(p), c);

  const codeIds = new Map<string, number>();
  const personCodeStart = new Uint32Array(data.people.length + 1);
  const codes: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  data.people.forEach(([, , list], i) => {
    personCodeStart[i] = codes.length;
    for (const [code, f, t] of list) {
      if (!codeIds.has(code)) codeIds.set(code, codeIds.size);
      codes.push(codeIds.get(code)!);
      from.push(f);
      to.push(t);
    }
  });
  personCodeStart[data.people.length] = codes.length;

  const flat = data.gaz ?? gazetteerPairs(data);
  const gaz = new IntMap(flat.length / 2);
  for (let i = 0; i < flat.length; i += 2) gaz.set(flat[i], flat[i + 1]);
  return {
    countries,
    countryByName: packStringDict(countryByName),
    demonym: packStringDict(demonym),
    places: packStringDict(places),
    personByAlias: packIntDict(personByAlias),
    orgByAlias: packIntDict(orgByAlias),
    agents: packStringDict(agents),
    personNames: packStringList(data.people.map((p) => p[0])),
    personCodeStart,
    personCodes: Int32Array.from(codes),
    personFrom: Int32Array.from(from),
    personTo: Int32Array.from(to),
    codeNames: packStrings([...codeIds.keys()]),
    orgNames: packStringList(data.orgs.map((o) => o[0])),
    orgCodes: packStringList(data.orgs.map((o) => o[2])),
    gaz: gaz.data(),
  };
}

export class Lexicon {
  readonly countries = new Map<string, CountryInfo>();
  private readonly countryByName: StringDict;
  private readonly demonym: StringDict;
  private readonly places: StringDict;
  private readonly personByAlias: IntDict;
  private readonly orgByAlias: IntDict;
  private readonly agents: StringDict;
  private readonly personNames: StringList;
  private readonly codeNames: StringTable;
  private readonly orgNames: StringList;
  private readonly orgCodes: StringList;
  private readonly data: CompiledLexicon;
  /** Token-sequence hash → GAZ bit flags, for the tagger. */
  readonly gaz: IntMap;

  constructor(data: CompiledLexicon) {
    this.data = data;
    for (const [iso3, cameo, name, demonyms] of data.countries) {
      this.countries.set(iso3, { iso3, cameo, name, demonyms });
    }
    this.countryByName = new StringDict(data.countryByName);
    this.demonym = new StringDict(data.demonym);
    this.places = new StringDict(data.places);
    this.personByAlias = new IntDict(data.personByAlias);
    this.orgByAlias = new IntDict(data.orgByAlias);
    this.agents = new StringDict(data.agents);
    this.personNames = new StringList(data.personNames);
    this.codeNames = new StringTable(data.codeNames);
    this.orgNames = new StringList(data.orgNames);
    this.orgCodes = new StringList(data.orgCodes);
    this.gaz = new IntMap(data.gaz);
  }

  /** ISO-3 of a country name, demonym ("Russian"), or known city/region ("Pyongyang"), or null. */
  countryOf(name: string): string | null {
    const k = looseKey(name);
    return (
      this.countryByName.get(k) ??
      this.demonym.get(k) ??
      this.places.get(k) ??
      this.demonym.get(k.replace(/s$/, '')) ??
      null
    );
  }

  /** ISO-3 when `name` is the name of a country itself (not a demonym or city). */
  countryByExactName(name: string): string | null {
    return this.countryByName.get(looseKey(name)) ?? null;
  }

  /** ISO-3 when `name` is a nationality adjective / demonym ("Russian", "North Koreans"). */
  demonymOf(name: string): string | null {
    const k = looseKey(name);
    return this.demonym.get(k) ?? this.demonym.get(k.replace(/s$/, '')) ?? null;
  }

  /** ISO-3 when `name` is a listed city/region/place. */
  placeOf(name: string): string | null {
    return this.places.get(looseKey(name)) ?? null;
  }

  /** CAMEO agent code of an agent noun or title ("foreign minister" → GOV), or null. */
  agentOf(phrase: string): string | null {
    const k = looseKey(phrase);
    return this.agents.get(k) ?? this.agents.get(k.replace(/s$/, '')) ?? null;
  }

  /** Display name of a country by ISO-3. */
  countryName(iso3: string): string | null {
    return this.countries.get(iso3)?.name ?? null;
  }

  /** A known person: canonical name and actor code valid at `date` (YYYY-MM-DD; null = latest). */
  person(name: string, date: string | null = null): { name: string; actor: string | null } | null {
    const i = this.personByAlias.get(looseKey(name));
    if (i === undefined) return null;
    return { name: this.personNames.at(i), actor: this.pickCode(i, date) };
  }

  /** A known organisation: canonical name and actor code (IGOUNO, RUSGOV, …). */
  org(name: string): { name: string; actor: string } | null {
    const i = this.orgByAlias.get(looseKey(name));
    if (i === undefined) return null;
    return { name: this.orgNames.at(i), actor: this.orgCodes.at(i) };
  }

  /** Actor code for any name: country (its CAMEO code), person (date-restricted), organisation. */
  actorOf(name: string, date: string | null = null): string | null {
    const c = this.countryByName.get(looseKey(name)) ?? this.demonymOf(name);
    if (c) return this.countries.get(c)?.cameo ?? c;
    return this.person(name, date)?.actor ?? this.org(name)?.actor ?? null;
  }

  /**
   * The code of person `i` valid at `date`: among the codes whose period holds the date,
   * the one that starts last; without a date, an open-ended one, else the one that starts last.
   */
  private pickCode(i: number, date: string | null): string | null {
    const { personCodeStart, personFrom: from, personTo: to } = this.data;
    const first = personCodeStart[i];
    const end = personCodeStart[i + 1];
    if (first === end) return null;
    const d = date && /^\d{4}-\d{2}-\d{2}/.test(date) ? Number(date.slice(0, 10).replace(/-/g, '')) : 0;
    let best = -1;
    for (let c = first; c < end; c++) {
      if (d) {
        if ((from[c] && d < from[c]) || (to[c] && d > to[c])) continue;
        if (best < 0 || from[c] > from[best]) best = c;
      } else if (best < 0 || (to[c] === 0 && to[best] !== 0) || from[c] > from[best]) best = c;
    }
    return best < 0 ? null : this.codeNames.at(this.data.personCodes[best]);
  }
}

const cache = new WeakMap<ModelLoader, Lexicon>();
const EMPTY: LexiconData = { version: 1, countries: [], places: {}, people: [], orgs: [], agents: {} };

/**
 * The lexicon from `models/gazetteer.json.gz`, built once per loader (an empty one when the file is
 * absent); its tables are built once per host when the loader can share them between threads.
 */
export function loadLexicon(models: ModelLoader): Lexicon {
  let lex = cache.get(models);
  if (!lex) {
    const build = () =>
      compileLexicon(models.has('gazetteer.json.gz') ? models.json<LexiconData>('gazetteer.json.gz') : EMPTY);
    lex = new Lexicon(models.shared ? models.shared('entities:lexicon', build) : build());
    cache.set(models, lex);
  }
  return lex;
}
