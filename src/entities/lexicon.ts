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
import { hashLower, IntMap, lowerCode, seqHash } from './hash.ts';
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
  const hit = keyCache.get(s);
  if (hit !== undefined) return hit;
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
  if (keyCache.size > 50_000) keyCache.clear();
  keyCache.set(s, out);
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

export class Lexicon {
  readonly countries = new Map<string, CountryInfo>();
  private readonly countryByName = new Map<string, string>();
  private readonly demonym = new Map<string, string>();
  private readonly places = new Map<string, string>();
  private readonly personByAlias = new Map<string, number>();
  private readonly orgByAlias = new Map<string, number>();
  private readonly agents = new Map<string, string>();
  private readonly data: LexiconData;
  /** Token-sequence hash → GAZ bit flags, for the tagger. */
  readonly gaz: IntMap;

  constructor(data: LexiconData) {
    this.data = data;
    for (const [iso3, cameo, name, names, demonyms] of data.countries) {
      this.countries.set(iso3, { iso3, cameo, name, demonyms });
      for (const n of names) {
        if (!this.countryByName.has(looseKey(n))) this.countryByName.set(looseKey(n), iso3);
      }
      for (const d of demonyms) if (!this.demonym.has(looseKey(d))) this.demonym.set(looseKey(d), iso3);
    }
    for (const [p, iso3] of Object.entries(data.places)) this.places.set(looseKey(p), iso3);
    data.people.forEach(([, aliases], i) => {
      for (const a of aliases)
        if (!this.personByAlias.has(looseKey(a))) this.personByAlias.set(looseKey(a), i);
    });
    data.orgs.forEach(([, aliases], i) => {
      for (const a of aliases) if (!this.orgByAlias.has(looseKey(a))) this.orgByAlias.set(looseKey(a), i);
    });
    for (const [p, c] of Object.entries(data.agents)) this.agents.set(looseKey(p), c);

    const flat = data.gaz ?? gazetteerPairs(data);
    this.gaz = new IntMap(flat.length / 2);
    for (let i = 0; i < flat.length; i += 2) this.gaz.set(flat[i], flat[i + 1]);
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
    const [display, , codes] = this.data.people[i];
    return { name: display, actor: pickCode(codes, date) };
  }

  /** A known organisation: canonical name and actor code (IGOUNO, RUSGOV, …). */
  org(name: string): { name: string; actor: string } | null {
    const i = this.orgByAlias.get(looseKey(name));
    if (i === undefined) return null;
    const [display, , code] = this.data.orgs[i];
    return { name: display, actor: code };
  }

  /** Actor code for any name: country (its CAMEO code), person (date-restricted), organisation. */
  actorOf(name: string, date: string | null = null): string | null {
    const c = this.countryByName.get(looseKey(name)) ?? this.demonymOf(name);
    if (c) return this.countries.get(c)?.cameo ?? c;
    return this.person(name, date)?.actor ?? this.org(name)?.actor ?? null;
  }
}

function pickCode(codes: [string, number, number][], date: string | null): string | null {
  if (!codes.length) return null;
  const d = date && /^\d{4}-\d{2}-\d{2}/.test(date) ? Number(date.slice(0, 10).replace(/-/g, '')) : 0;
  let best: [string, number, number] | null = null;
  for (const c of codes) {
    const [, from, to] = c;
    if (d) {
      if ((from && d < from) || (to && d > to)) continue;
      if (!best || from > best[1]) best = c;
    } else if (!best || (to === 0 && best[2] !== 0) || from > best[1]) best = c;
  }
  return best ? best[0] : null;
}

const cache = new WeakMap<ModelLoader, Lexicon>();
const EMPTY: LexiconData = { version: 1, countries: [], places: {}, people: [], orgs: [], agents: {} };

/** The lexicon from `models/gazetteer.json.gz`, built once per loader (an empty one when the file is absent). */
export function loadLexicon(models: ModelLoader): Lexicon {
  let lex = cache.get(models);
  if (!lex) {
    const data = models.has('gazetteer.json.gz') ? models.json<LexiconData>('gazetteer.json.gz') : EMPTY;
    lex = new Lexicon(data);
    cache.set(models, lex);
  }
  return lex;
}
