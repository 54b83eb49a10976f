/**
 * Builds `models/gazetteer.json.gz`, the entity lexicon compiled from the CAMEO / Phoenix /
 * NGEC dictionaries in ../shared/data/actors and ../shared/data/cameo:
 *
 *   npx tsx scripts/build/entities-lexicon.ts
 *
 * - countries: ISO-3, CAMEO code, display name, lower-case names and demonyms
 *   (ngec_countries.csv + cameo_country_codes.tsv + Phoenix country entries);
 * - places: other phrases listed under a Phoenix country entry (mostly cities and regions) → ISO-3;
 * - people: Phoenix entries that look like personal names, with their date-restricted actor codes;
 * - orgs: international, non-state and national organisations with their actor codes;
 * - agents: agent nouns ("foreign minister" → GOV) from phoenix_agents.tsv;
 * - gaz: the tagger's gazetteer, precomputed as [token-sequence hash, category bits] pairs.
 * Deterministic: sorted inputs, no randomness.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { gazetteerPairs, type LexiconData } from '../../src/entities/lexicon.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const data = resolve(root, '..', 'shared', 'data');

function tsv(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split('\t'));
}

function csvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const norm = (s: string) => s.replace(/_/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();

const ORG_WORDS = new Set(
  (
    'ministry ministries party army forces force council government committee association union bank ' +
    'agency organization organisation organisations front movement league corporation company group institute ' +
    'university court parliament assembly congress senate navy police guard brigade brigades battalion ' +
    'office department federation fund foundation commission authority service services society ' +
    'board bureau church tribunal alliance coalition network centre center academy mission embassy ' +
    'cabinet administration regime military militia rebels insurgents opposition people peoples state states ' +
    'republic kingdom national international news agency press radio television tv times post daily'
  ).split(' '),
);

const TITLE_WORDS = new Set(
  (
    'minister president premier ambassador secretary chairman chairwoman spokesman spokeswoman spokesperson ' +
    'general colonel king queen prince princess sheikh emir chief leader governor mayor envoy deputy ' +
    'former prime foreign senator representative judge commander director head vice acting interim ' +
    'the of and for to in mr mrs ms dr sir lord president-elect'
  ).split(' '),
);

function parseDate(s: string): number {
  const d = s.trim();
  if (/^\d{8}$/.test(d)) return Number(d);
  if (/^\d{6}$/.test(d)) {
    const yy = Number(d.slice(0, 2));
    return Number((yy <= 30 ? '20' : '19') + d);
  }
  return 0;
}

function parseRestriction(r: string): [number, number] {
  const s = r.trim();
  if (!s) return [0, 0];
  if (s.startsWith('>')) return [parseDate(s.slice(1)), 0];
  if (s.startsWith('<')) return [0, parseDate(s.slice(1))];
  const [a, b] = s.split('-');
  return [parseDate(a ?? ''), parseDate(b ?? '')];
}

function looksLikePerson(phrase: string): boolean {
  const words = phrase.split(' ');
  if (words.length < 2 || words.length > 5) return false;
  if (/[0-9()&/,]/.test(phrase)) return false;
  for (const w of words) if (ORG_WORDS.has(w) || TITLE_WORDS.has(w)) return false;
  return true;
}

function titleCase(s: string): string {
  return s.replace(/[\p{L}][\p{L}'’.-]*/gu, (w) => {
    if (/^(of|the|and|for|de|al|bin|von|van|la|le|du|del|da|y)$/i.test(w) && w !== s.slice(0, w.length))
      return w.toLowerCase();
    if (/^[a-z]{2,5}$/i.test(w) && !/[aeiouy]/i.test(w)) return w.toUpperCase();
    return w[0].toUpperCase() + w.slice(1).toLowerCase();
  });
}

function main(): void {
  const actorsDir = join(data, 'actors');
  if (!existsSync(actorsDir)) throw new Error('../shared/data/actors is missing');

  // ---- countries
  type C = { iso3: string; cameo: string; name: string; names: Set<string>; demonyms: Set<string> };
  const countries = new Map<string, C>();
  for (const line of readFileSync(join(actorsDir, 'ngec_countries.csv'), 'utf8').split('\n').slice(1)) {
    if (!line.trim()) continue;
    const [, name, iso3, nat] = csvLine(line);
    // NGEC lists the United Nations among countries; it is an organisation here
    if (iso3?.length !== 3 || iso3 === 'UNO') continue;
    const c: C = { iso3, cameo: iso3, name, names: new Set([norm(name)]), demonyms: new Set() };
    for (const n of (nat ?? '').split(',')) {
      const t = norm(n);
      if (!t) continue;
      // ngec lists some dependent territories among nationalities; keep adjectival forms only
      if (
        /(an|ans|ese|ish|i|is|ic|ch|ot|ots|er|ers|ene|enes|ine|ines|iote|iotes)$/.test(t) &&
        t.split(' ').length <= 2
      )
        c.demonyms.add(t);
      else if (/^[a-z.]+$/.test(t) && t.length <= 5) c.names.add(t);
    }
    countries.set(iso3, c);
  }
  const cameoCountries = tsv(join(data, 'cameo', 'cameo_country_codes.tsv'));
  for (const [code, name] of cameoCountries) {
    if (!countries.has(code))
      countries.set(code, {
        iso3: code,
        cameo: code,
        name,
        names: new Set([norm(name)]),
        demonyms: new Set(),
      });
    else countries.get(code)?.names.add(norm(name));
  }
  const extraNames: Record<string, string[]> = {
    USA: ['u.s.', 'us', 'u.s.a.', 'usa', 'united states of america', 'america', 'the united states'],
    GBR: ['britain', 'great britain', 'u.k.', 'uk', 'united kingdom', 'england', 'scotland', 'wales'],
    RUS: ['russian federation', 'the russian federation'],
    PRK: ['dprk', "democratic people's republic of korea", 'north korea'],
    KOR: ['south korea', 'republic of korea', 'rok'],
    CHN: ['prc', "people's republic of china"],
    TWN: ['taiwan', 'republic of china'],
    IRN: ['islamic republic of iran'],
    SYR: ['syrian arab republic'],
    ARE: ['uae', 'u.a.e.', 'united arab emirates'],
  };
  for (const [iso3, names] of Object.entries(extraNames))
    for (const n of names) countries.get(iso3)?.names.add(n);
  const byName = new Map<string, string>();
  for (const c of countries.values()) for (const n of c.names) if (!byName.has(n)) byName.set(n, c.iso3);
  const demonymOf = new Map<string, string>();
  for (const c of countries.values())
    for (const n of c.demonyms) if (!demonymOf.has(n)) demonymOf.set(n, c.iso3);

  // ---- Phoenix actors
  const rows = tsv(join(actorsDir, 'phoenix_actors.tsv')).sort((a, b) =>
    a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1,
  );
  const places = new Map<string, string>();
  type P = { name: string; aliases: Set<string>; codes: Map<string, [string, number, number]> };
  const people = new Map<string, P>();
  type O = { name: string; aliases: Set<string>; code: string };
  const orgs = new Map<string, O>();
  for (const [entityRaw, phraseRaw, , code, restriction, source] of rows) {
    if (!code || /[ÃÂ]/.test(phraseRaw)) continue;
    const entity = norm(entityRaw.replace(/"/g, ''));
    const phrase = norm(phraseRaw.replace(/"/g, ''));
    if (!phrase || phrase.length < 2) continue;
    const isCountryFile = source.includes('Countries');
    if (
      isCountryFile &&
      code.length === 3 &&
      countries.has(code) &&
      (byName.get(entity) === code || entity === norm(countries.get(code)?.name ?? ''))
    ) {
      if (byName.has(phrase) || demonymOf.has(phrase)) continue;
      if (/(an|ans|ese|ish)$/.test(phrase) && phrase.split(' ').length === 1) {
        if (!demonymOf.has(phrase)) countries.get(code)?.demonyms.add(phrase);
        continue;
      }
      if (phrase.split(' ').length <= 3 && !/[0-9]/.test(phrase) && !places.has(phrase))
        places.set(phrase, code);
      continue;
    }
    if (looksLikePerson(entity) && code.length >= 3) {
      let p = people.get(entity);
      if (!p) {
        p = { name: titleCase(entity), aliases: new Set(), codes: new Map() };
        people.set(entity, p);
      }
      const words = phrase.split(' ');
      if (!words.some((w) => TITLE_WORDS.has(w) && w !== 'the') || phrase === entity) p.aliases.add(phrase);
      const [from, to] = parseRestriction(restriction ?? '');
      p.codes.set(`${code}|${from}|${to}`, [code, from, to]);
      continue;
    }
    if (code.length >= 3 && !looksLikePerson(phrase)) {
      let o = orgs.get(entity);
      if (!o) {
        o = { name: titleCase(entity.replace(/^the /, '')), aliases: new Set(), code };
        orgs.set(entity, o);
      }
      o.aliases.add(phrase.replace(/^the /, ''));
    }
  }
  for (const [code, name] of tsv(join(data, 'cameo', 'cameo_international_actor_codes.tsv'))) {
    const n = norm(name.replace(/\(.*?\)/g, ''));
    const acro = /\(([A-Z]{2,8})\)/.exec(name)?.[1];
    const o = orgs.get(n) ?? {
      name: name.replace(/\s*\(.*?\)/g, '').trim(),
      aliases: new Set<string>(),
      code,
    };
    o.aliases.add(n);
    if (acro) o.aliases.add(acro.toLowerCase());
    orgs.set(n, o);
  }

  // ---- agents
  const agents = new Map<string, string>();
  for (const [phrase, , , code] of tsv(join(actorsDir, 'phoenix_agents.tsv'))) {
    const p = norm(phrase);
    if (!p || !code || /[!~]/.test(p) || agents.has(p)) continue;
    agents.set(p, code);
  }

  const out: LexiconData = {
    version: 1,
    countries: [...countries.values()]
      .sort((a, b) => (a.iso3 < b.iso3 ? -1 : 1))
      .map((c) => [c.iso3, c.cameo, c.name, [...c.names].sort(), [...c.demonyms].sort()]),
    places: Object.fromEntries([...places].sort()),
    people: [...people.values()].map((p) => [p.name, [...p.aliases].sort(), [...p.codes.values()]]),
    orgs: [...orgs.values()].map((o) => [o.name, [...o.aliases].sort(), o.code]),
    agents: Object.fromEntries([...agents].sort()),
  };
  out.gaz = gazetteerPairs(out);
  const file = join(root, 'models', 'gazetteer.json.gz');
  mkdirSync(dirname(file), { recursive: true });
  const json = JSON.stringify(out);
  writeFileSync(file, gzipSync(json, { level: 9 }));
  console.log(
    `wrote ${file}: ${out.countries.length} countries, ${Object.keys(out.places).length} places, ` +
      `${out.people.length} people, ${out.orgs.length} orgs, ${Object.keys(out.agents).length} agents ` +
      `(${(json.length / 1e6).toFixed(2)} MB json)`,
  );
}

main();
