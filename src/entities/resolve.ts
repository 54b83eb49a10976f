/**
 * Within-document resolution: typed mentions → entities.
 *
 * - people: full name, surname and given-name mentions; transliteration and hyphenation
 *   variants ("Kim Il-sung" = "Kim Il Sung") via a loose key;
 * - countries: every name of a state ("Russia", "the Russian Federation") joins one GPE;
 * - organisations: acronyms introduced in parentheses or used bare, matched to initials;
 * - roles and countries from pre-modifiers ("Russia's Foreign Minister Sergey Lavrov") and
 *   appositions ("John Kirby, Coordinator for … at the National Security Council");
 * - nominal mentions ("the foreign minister", "the Minister", "the ministry") joined to the
 *   most recent entity holding that role / with that head noun.
 */
import type { Entity, EntityType, Span } from '../document/types.ts';
import { type Lexicon, looseKey } from './lexicon.ts';

export interface Mention extends Span {
  type: EntityType;
  /** Index of the first/last token (into the document token arrays). */
  t0: number;
  t1: number;
}

interface Cluster {
  type: EntityType;
  mentions: Span[];
  forms: Map<string, string>; // loose key → first surface form
  roles: string[];
  country: string | null;
  actor: string | null;
  acronym: string | null;
  /** Last token keys of names (for surname matching). */
  tokens: Set<string>;
  last: string;
  first: number;
  /** Set when this cluster was merged into another. */
  into?: Cluster;
}

function follow(c: Cluster | null): Cluster | null {
  let x = c;
  while (x?.into) x = x.into;
  return x;
}

const TITLE_HEADS = new Set(
  (
    'minister president premier chancellor secretary spokesman spokeswoman spokesperson ambassador envoy ' +
    'chairman chairwoman chair leader governor mayor senator general commander chief director head king queen ' +
    'prince princess emir sheikh coordinator adviser advisor representative official diplomat negotiator ' +
    'prosecutor judge justice speaker lawmaker officer ceo executive secretary-general ' +
    'commissioner deputy vice-president vice-chairman lieutenant colonel admiral marshal pope patriarch ' +
    'ayatollah cardinal bishop dictator monarch attache attaché consul chargé rapporteur'
  ).split(' '),
);

const TITLE_WORDS = new Set(
  (
    'foreign prime deputy vice first second defence defense finance interior home trade economy economic ' +
    'state general chief executive national security former acting interim senior special top supreme high ' +
    'affairs of for and communications strategic council staff joint armed forces army navy air military ' +
    'permanent united nations un u.n. white house press policy public international development energy ' +
    'justice health labour labor education culture agriculture environment industry transport commerce ' +
    'treasury intelligence presidential parliamentary party secretary-general assistant under principal ' +
    'regional provincial federal crown grand supreme-court nuclear envoy spokesperson'
  ).split(' '),
);

const ORG_HEADS = new Set(
  (
    'ministry agency council committee party government company commission office department bank ' +
    'court parliament assembly embassy army navy union federation organisation organization group ' +
    'administration service institute alliance coalition authority bureau corporation fund'
  ).split(' '),
);

const STOP_INITIALS = new Set([
  'of',
  'the',
  'and',
  'for',
  'in',
  'on',
  'at',
  'to',
  '&',
  'de',
  'la',
  'du',
  'des',
]);

function initials(name: string): string {
  let out = '';
  for (const w of name.split(/[\s-]+/)) {
    if (!w || STOP_INITIALS.has(w.toLowerCase())) continue;
    const c = w[0];
    if (/\p{Lu}/u.test(c)) out += c;
    else if (/\p{Ll}/u.test(c)) return '';
  }
  return out;
}

/** Institution nouns that, alone and capitalised, refer back to the full name ("the Bank", "the Commission"). */
const INSTITUTION = new Set(
  (
    'bank commission ministry council party committee agency court fund union assembly parliament ' +
    'department corporation board authority institute federation association organisation organization ' +
    'bureau congress senate cabinet tribunal foundation exchange'
  ).split(' '),
);

function isAcronym(s: string): boolean {
  return /^[A-Z][A-Z.&-]{1,9}$/.test(s) && s.replace(/[.&-]/g, '').length >= 2;
}

export interface ResolveInput {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  mentions: Mention[];
  lexicon: Lexicon;
  published: string | null;
}

/** Clusters typed mentions into entities with roles, countries, actor codes and keys. */
export function resolveEntities(inp: ResolveInput): Entity[] {
  const { text, lexicon } = inp;
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>(); // `${type}:${looseKey}` and country keys
  const surname = new Map<string, Cluster>(); // PERSON name token → most recent cluster
  const acronyms = new Map<string, Cluster>();
  const orgHeads = new Map<string, Cluster>(); // institution noun → latest multi-word ORG holding it
  const orgCountry = new Map<Cluster, string>(); // the country named in front of an organisation
  /** The country of a nationality or country mention right before mention `mi` ("Russian", "Russia's"). */
  const modifierCountry = (mi: number): string | null => {
    const m = inp.mentions[mi];
    const p = mi > 0 ? inp.mentions[mi - 1] : null;
    if (!p || (p.type !== 'GPE' && p.type !== 'NORP')) return null;
    const between = p.t1 === m.t0 - 2 ? text.slice(inp.starts[m.t0 - 1], inp.ends[m.t0 - 1]) : null;
    if (p.t1 !== m.t0 - 1 && !(between && /^['’]s$/.test(between))) return null;
    return lexicon.countryOf(text.slice(p.start, p.end));
  };
  const mentionOwner: (Cluster | null)[] = new Array(inp.mentions.length).fill(null);

  const newCluster = (m: Mention, form: string, k: string): Cluster => {
    const c: Cluster = {
      type: m.type,
      mentions: [],
      forms: new Map([[k, form]]),
      roles: [],
      country: null,
      actor: null,
      acronym: null,
      tokens: new Set(),
      last: '',
      first: m.start,
    };
    clusters.push(c);
    return c;
  };

  inp.mentions.forEach((m, mi) => {
    const form = text.slice(m.start, m.end);
    const k = looseKey(form);
    if (!k) return;
    let c: Cluster | undefined;
    if (m.type === 'GPE' || m.type === 'NORP') {
      const iso = m.type === 'GPE' ? lexicon.countryByExactName(form) : lexicon.demonymOf(form);
      const ck = iso ? `${m.type}#${iso}` : `${m.type}:${k}`;
      c = byKey.get(ck);
      if (!c) {
        c = newCluster(m, form, k);
        byKey.set(ck, c);
        c.country = iso ?? lexicon.countryOf(form);
      }
    } else if (m.type === 'PERSON') {
      const words = k.split(' ');
      c = byKey.get(`PERSON:${k}`);
      if (!c && words.length === 1) c = surname.get(words[0]);
      if (!c && words.length > 1) {
        // "Sergey Viktorovich Lavrov" / "Sergey Lavrov": same surname and the shorter's tokens all inside
        const cand = surname.get(words[words.length - 1]);
        if (cand && compatibleNames(cand, k)) c = cand;
      }
      if (!c) {
        c = newCluster(m, form, k);
      }
      byKey.set(`PERSON:${k}`, c);
      for (const w of words) if (w.length > 1) surname.set(w, c);
    } else {
      // "the Russian Foreign Ministry" and "the Chinese Foreign Ministry" are two ministries
      const iso = m.type === 'ORG' ? modifierCountry(mi) : null;
      if (iso) {
        c = byKey.get(`ORG#${iso}:${k}`);
        const plain = byKey.get(`ORG:${k}`);
        if (!c && plain && (orgCountry.get(plain) ?? iso) === iso) c = plain;
        if (!c) {
          c = newCluster(m, form, k);
          byKey.set(`ORG:${k}`, c);
        }
        byKey.set(`ORG#${iso}:${k}`, c);
        if (!orgCountry.has(c)) orgCountry.set(c, iso);
      } else c = byKey.get(`${m.type}:${k}`);
      if (!c && m.type === 'ORG' && isAcronym(form)) c = acronyms.get(form.replace(/\./g, ''));
      if (!c && m.type === 'ORG' && k.startsWith('the ')) c = byKey.get(`ORG:${k.slice(4)}`);
      // "the Bank" after "the Bank of England", "the Commission" after "the European Commission"
      if (!c && m.type === 'ORG') {
        const bare = k.startsWith('the ') ? k.slice(4) : k;
        if (INSTITUTION.has(bare)) c = orgHeads.get(bare);
      }
      if (!c) {
        c = newCluster(m, form, k);
        byKey.set(`${m.type}:${k}`, c);
        if (m.type === 'ORG') {
          const ini = initials(form);
          if (ini.length >= 2 && !acronyms.has(ini)) acronyms.set(ini, c);
          if (isAcronym(form)) c.acronym = form.replace(/\./g, '');
        }
      }
    }
    if (!c.forms.has(k)) c.forms.set(k, form);
    c.mentions.push({ start: m.start, end: m.end });
    mentionOwner[mi] = c;
    if (m.type === 'ORG') {
      // a later bare "the Foreign Ministry" is the one named last
      if (orgCountry.has(c)) byKey.set(`ORG:${k}`, c);
      const ws = k.split(' ');
      if (ws.length > 1)
        for (const w of [ws[0] === 'the' ? ws[1] : ws[0], ws[ws.length - 1]])
          if (INSTITUTION.has(w)) orgHeads.set(w, c);
    }
  });

  // acronyms introduced in parentheses: "International Atomic Energy Agency (IAEA)"
  inp.mentions.forEach((m, mi) => {
    const c = follow(mentionOwner[mi]);
    if (c?.type !== 'ORG') return;
    const after = /^\s*\(([A-Z][A-Za-z.&-]{1,11})\)/.exec(text.slice(m.end, m.end + 16));
    if (!after) return;
    const acro = after[1].replace(/\./g, '');
    const other = byKey.get(`ORG:${looseKey(after[1])}`);
    const open = m.end + after[0].indexOf('(') + 1;
    if (other && other !== c) mergeInto(c, other, clusters);
    else if (!other) c.mentions.push({ start: open, end: open + after[1].length });
    c.acronym = acro;
    acronyms.set(acro, c);
    byKey.set(`ORG:${looseKey(after[1])}`, c);
    if (!c.forms.has(looseKey(after[1]))) c.forms.set(looseKey(after[1]), after[1]);
  });
  // bare acronyms that match the initials of a spelled-out organisation
  for (const c of [...clusters]) {
    if (c.type !== 'ORG' || c.mentions.length === 0) continue;
    const form = [...c.forms.values()][0];
    if (!isAcronym(form)) continue;
    const target = acronyms.get(form.replace(/\./g, ''));
    if (target && target !== c && target.mentions.length) mergeInto(target, c, clusters);
  }

  // organisations and people the dictionaries know under one entry ("ASEAN" and "Association of
  // Southeast Asian Nations") are one entity
  const known = new Map<string, Cluster>();
  for (const c of clusters) {
    if ((c.type !== 'ORG' && c.type !== 'PERSON') || c.mentions.length === 0) continue;
    for (const f of [...c.forms.values()]) {
      if (c.type === 'PERSON' && !f.includes(' ')) continue;
      const hit = c.type === 'ORG' ? lexicon.org(f) : lexicon.person(f);
      if (!hit) continue;
      const code = 'actor' in hit ? hit.actor : null;
      // specific inter-governmental codes (IGOSEAASN, IGOUNOIAE) name one organisation
      const id = code && /^IGO[A-Z]{6,}$/.test(code) ? `code:${code}` : `${c.type}:${hit.name}`;
      const other = known.get(id);
      if (other && other !== c && other.mentions.length) {
        mergeInto(other, c, clusters);
        break;
      }
      known.set(id, c);
    }
  }

  // roles and countries from pre-modifiers and appositions
  inp.mentions.forEach((m, mi) => {
    const c = follow(mentionOwner[mi]);
    if (!c || c.mentions.length === 0) return;
    if (c.type === 'ORG' && !c.country && mi > 0) {
      // "Iranian Foreign Ministry", "Russia's Defence Ministry"
      const p = inp.mentions[mi - 1];
      if (
        (p.type === 'GPE' || p.type === 'NORP') &&
        (p.t1 === m.t0 - 1 ||
          (p.t1 === m.t0 - 2 && /^['’]s$/.test(inp.text.slice(inp.starts[m.t0 - 1], inp.ends[m.t0 - 1]))))
      )
        c.country = inp.lexicon.countryOf(inp.text.slice(p.start, p.end));
    }
    if (c.type === 'PERSON') {
      const pre = preModifier(inp, m, mi);
      // a title before a bare surname adds a role only to someone with none yet
      if (pre.role && (m.t1 > m.t0 || c.roles.length === 0)) addRole(c, pre.role);
      if (pre.country && !c.country) c.country = pre.country;
      // appositions only around full names: a bare surname may belong to someone else
      if (m.t1 === m.t0) return;
      const app = apposition(inp, m);
      if (app.role) addRole(c, app.role);
      if (app.country && !c.country) c.country = app.country;
      const rev = reverseApposition(inp, m);
      if (rev.role) addRole(c, rev.role);
      if (rev.country && !c.country) c.country = rev.country;
    }
  });

  // nominal mentions: "the foreign minister", "the Minister", "the ministry"
  addNominals(inp, clusters);

  // finish: names, countries, actor codes, keys
  const live = clusters.filter((c) => c.mentions.length > 0);
  for (const c of live) {
    c.mentions.sort((a, b) => a.start - b.start || a.end - b.end);
    c.mentions = c.mentions.filter(
      (s, i, arr) => i === 0 || s.start !== arr[i - 1].start || s.end !== arr[i - 1].end,
    );
  }
  live.sort((a, b) => a.mentions[0].start - b.mentions[0].start);
  return live.map((c, i) => finish(c, i, lexicon, inp.published));
}

/**
 * Whether full name `k` can be the person of cluster `c`: one of its names is part of `k` or holds
 * it, and no full name it already has conflicts ("Daniel Kim" is not the "Kim" of a cluster that
 * is "Kim Jong-un" and was later called "Kim").
 */
function compatibleNames(c: Cluster, k: string): boolean {
  let some = false;
  for (const f of c.forms.keys()) {
    const ok = subsetNames(f, k);
    if (!ok && f.includes(' ')) return false;
    some ||= ok;
  }
  return some;
}

function subsetNames(a: string, b: string): boolean {
  const wa = a.split(' ');
  const wb = new Set(b.split(' '));
  const small = wa.length <= wb.size ? wa : b.split(' ');
  const big = wa.length <= wb.size ? wb : new Set(wa);
  return small.every((w) => big.has(w));
}

function mergeInto(into: Cluster, from: Cluster, _all: Cluster[]): void {
  if (into === from) return;
  for (const s of from.mentions) into.mentions.push(s);
  for (const [k, f] of from.forms) if (!into.forms.has(k)) into.forms.set(k, f);
  for (const r of from.roles) addRole(into, r);
  into.country ??= from.country;
  into.acronym ??= from.acronym;
  into.first = Math.min(into.first, from.first);
  from.mentions = [];
  from.forms.clear();
  from.into = into;
}

function addRole(c: Cluster, role: string): void {
  const r = role.replace(/\s+/g, ' ').trim();
  if (!r) return;
  const lower = r.toLowerCase();
  if (c.roles.some((x) => x.toLowerCase() === lower)) return;
  c.roles.push(r);
}

/** Title words right before a person mention, and the country a GPE/NORP in front of them names. */
function preModifier(
  inp: ResolveInput,
  m: Mention,
  mi: number,
): { role: string | null; country: string | null } {
  const { text, starts, ends, lexicon } = inp;
  let t = m.t0 - 1;
  let hasHead = false;
  let from = -1;
  let country: string | null = null;
  const prevMention = mi > 0 ? inp.mentions[mi - 1] : null;
  while (t >= 0 && m.t0 - t <= 8) {
    const w = text.slice(starts[t], ends[t]);
    const lw = w.toLowerCase();
    if (prevMention && prevMention.t1 === t) break;
    if (TITLE_HEADS.has(lw)) hasHead = true;
    else if (!TITLE_WORDS.has(lw) && !(/^\p{Lu}/u.test(w) && lexicon.agentOf(lw))) break;
    // between a title and the name, only title words; lower-case "of/and/for" cannot start the role
    from = t;
    t--;
  }
  while (from >= 0 && from < m.t0 && /^(of|and|for|the)$/i.test(text.slice(starts[from], ends[from]))) from++;
  // a country / nationality in front: "Russia's Foreign Minister", "Russian Foreign Minister"
  const before = from >= 0 ? from - 1 : m.t0 - 1;
  if (prevMention && (prevMention.type === 'GPE' || prevMention.type === 'NORP')) {
    let end = prevMention.t1;
    const tail = before >= 0 ? text.slice(starts[before], ends[before]) : '';
    const adjacent = end === before || (end === before - 1 && /^['’]s$/.test(tail));
    if (end === before - 1 && !/^['’]s$/.test(tail)) end = -1;
    if (adjacent) country = lexicon.countryOf(text.slice(prevMention.start, prevMention.end));
  }
  if (!hasHead || from < 0 || from >= m.t0) return { role: null, country: hasHead ? country : null };
  const role = text.slice(starts[from], ends[m.t0 - 1]);
  return { role: /^\p{Ll}/u.test(role) && role.split(' ').length === 1 ? role : capitalise(role), country };
}

function capitalise(s: string): string {
  return s
    .replace(/(^|\s)(\p{Ll})/gu, (_, sp: string, c: string) => sp + c.toUpperCase())
    .replace(/\b(Of|And|For|The|To|At)\b/g, (w) => w.toLowerCase());
}

const APPOS =
  /^,\s+(?:the\s+|a\s+|an\s+)?((?:[\p{L}][\p{L}'’.-]*\s+){0,10}?[\p{L}][\p{L}'’.-]*)\s*(?=[,.;:)]|\s+(?:said|says|told|who|which|has|had|was|is|and)\b)/u;

/** "Name, Foreign Minister of X," / "Name, the DPRK foreign minister," → role and country. */
function apposition(inp: ResolveInput, m: Mention): { role: string | null; country: string | null } {
  const { text, lexicon } = inp;
  if (text.charCodeAt(m.end) !== 44) return { role: null, country: null };
  const slice = text.slice(m.end, m.end + 160);
  const a = APPOS.exec(slice);
  if (!a) return { role: null, country: null };
  const phrase = a[1];
  const words = phrase.split(/\s+/);
  let headAt = -1;
  for (let i = 0; i < words.length && i < 6; i++) {
    if (TITLE_HEADS.has(words[i].toLowerCase().replace(/['’]s$/, ''))) headAt = i;
  }
  if (headAt < 0) return { role: null, country: null };
  let country: string | null = null;
  // country words in the phrase ("of Russia", "DPRK", "North Korean")
  for (let n = Math.min(3, words.length); n >= 1 && !country; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const cand = words
        .slice(i, i + n)
        .join(' ')
        .replace(/['’]s$/, '');
      if (!/^\p{Lu}/u.test(cand)) continue;
      const iso = lexicon.countryByExactName(cand) ?? lexicon.demonymOf(cand);
      if (iso) {
        country = iso;
        break;
      }
    }
  }
  // role: from the first title word up to the head and its complement, without leading country words
  let start = 0;
  while (start < headAt) {
    const w = words[start];
    const lw = w.toLowerCase();
    if (TITLE_WORDS.has(lw) || TITLE_HEADS.has(lw)) break;
    start++;
  }
  let role = words.slice(start).join(' ');
  role = role.replace(/\s+(?:at|with|in)\s+.*$/u, (tail) => (tail.length > 60 ? '' : tail));
  return { role: role.length <= 90 ? capitaliseRole(role) : null, country };
}

const REV_APPOS =
  /(?:^|[.;:!?"“”—–\n]\s*|\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+)([^,.;:!?"“”()—–\n]{2,140}),[^\S\n]*$/u;

/** "The Foreign Minister of the DPRK, Choe Son Hui" → role and country from the phrase before the name. */
function reverseApposition(inp: ResolveInput, m: Mention): { role: string | null; country: string | null } {
  const { text, lexicon } = inp;
  let k = m.start - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 0xa0)) k--;
  if (k < 0 || text.charCodeAt(k) !== 44) return { role: null, country: null };
  const from = Math.max(0, m.start - 160);
  const a = REV_APPOS.exec(text.slice(from, m.start));
  if (!a) return { role: null, country: null };
  const phrase = a[1].trim();
  const words = phrase.split(/\s+/);
  let headAt = -1;
  for (let i = 0; i < words.length && i < 5; i++) {
    if (TITLE_HEADS.has(words[i].toLowerCase().replace(/['’]s$/, ''))) headAt = i;
  }
  if (headAt < 0 || words.length > 14) return { role: null, country: null };
  const pStart = from + a.index + a[0].indexOf(a[1]);
  const pEnd = pStart + a[1].length;
  let country: string | null = null;
  for (const o of inp.mentions) {
    if (o.start >= pEnd) break;
    if (o.start >= pStart && (o.type === 'GPE' || o.type === 'NORP')) {
      country = lexicon.countryOf(text.slice(o.start, o.end));
      if (country) break;
    }
  }
  let start = 0;
  while (start < headAt && !TITLE_WORDS.has(words[start].toLowerCase())) start++;
  const role = words.slice(start).join(' ');
  return { role: role.length <= 90 ? capitaliseRole(role) : null, country };
}

function capitaliseRole(s: string): string {
  // keep the text's own capitalisation of proper parts, capitalise the leading title words
  return s[0].toUpperCase() + s.slice(1);
}

const NOMINAL =
  /\b(?:the|The)\s+((?:(?:[\p{L}-]+)\s+){0,3}?)(minister|president|premier|chancellor|secretary|spokesman|spokeswoman|spokesperson|ambassador|envoy|chairman|chairwoman|leader|governor|mayor|senator|general|commander|coordinator|ministry|agency|council|committee|party|government|commission|embassy|alliance|organisation|organization|company|bank)\b/giu;

function addNominals(inp: ResolveInput, clusters: Cluster[]): void {
  const { text } = inp;
  // every named mention start, for "is this nominal followed by a name?"
  const starts = new Set<number>();
  const spans: Span[] = [];
  for (const c of clusters) for (const s of c.mentions) spans.push(s);
  spans.sort((a, b) => a.start - b.start);
  for (const s of spans) starts.add(s.start);
  // recent mentions for lookup
  const events: { at: number; c: Cluster }[] = [];
  for (const c of clusters) for (const s of c.mentions) events.push({ at: s.start, c });
  events.sort((a, b) => a.at - b.at);
  NOMINAL.lastIndex = 0;
  let ei = 0;
  const seen: Cluster[] = [];
  for (let mt = NOMINAL.exec(text); mt; mt = NOMINAL.exec(text)) {
    const start = mt.index;
    const end = start + mt[0].length;
    // skip if it overlaps a named mention or directly precedes one ("the Foreign Minister Sergey Lavrov")
    if (overlaps(spans, start, end)) continue;
    const rest = text.slice(end, end + 3);
    if (/^\s+\p{Lu}/u.test(rest) && starts.has(end + 1)) continue;
    while (ei < events.length && events[ei].at < start) {
      const c = events[ei].c;
      const k = seen.indexOf(c);
      if (k >= 0) seen.splice(k, 1);
      seen.push(c);
      ei++;
    }
    const head = mt[2].toLowerCase();
    const mods = mt[1].trim().toLowerCase();
    let target: Cluster | null = null;
    for (let i = seen.length - 1; i >= 0 && !target; i--) {
      const c = seen[i];
      if (c.mentions.length === 0) continue;
      if (ORG_HEADS.has(head)) {
        if (c.type !== 'ORG') continue;
        const names = [...c.forms.keys()].join(' | ');
        if (names.includes(head) && (!mods || mods.split(' ').every((w) => names.includes(w)))) target = c;
      } else if (c.type === 'PERSON') {
        const roles = c.roles.map((r) => r.toLowerCase());
        if (
          roles.some(
            (r) => r.split(/\s+/).includes(head) && (!mods || mods.split(' ').every((w) => r.includes(w))),
          )
        )
          target = c;
      }
    }
    if (target) target.mentions.push({ start, end });
  }
}

function overlaps(sorted: Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < end) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && i >= lo - 4; i--) if (sorted[i].end > start) return true;
  return false;
}

const CAPITAL_START = /^\p{Lu}/u;
const SPACE = /\s/;

/** Words in a name, as `split(/\s+/).length` counts them, without building the array. */
function wordCount(s: string): number {
  let n = 1;
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ws = c < 128 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(s[i]);
    if (ws && !space) n++;
    space = ws;
  }
  return n;
}

function finish(c: Cluster, i: number, lexicon: Lexicon, published: string | null): Entity {
  // canonical name: the longest proper-name form (most words, then longest)
  const forms = [...c.forms.values()].filter(
    (f) => /\p{Lu}/u.test(f[0] ?? '') || /^\p{Lu}/u.test(f.replace(/^the\s+/i, '')),
  );
  let name = forms[0] ?? [...c.forms.values()][0] ?? '';
  let nameWords = wordCount(name);
  for (const f of forms) {
    const a = wordCount(f);
    if (a > nameWords || (a === nameWords && f.length > name.length)) {
      name = f;
      nameWords = a;
    }
  }
  name = name.replace(/^the\s+/i, '');
  let actor: string | null = null;
  let country = c.country;
  if (c.type === 'GPE' || c.type === 'LOC' || c.type === 'FAC') {
    for (const f of c.forms.values()) {
      const iso = lexicon.countryOf(f);
      if (iso) {
        country ??= iso;
        break;
      }
    }
    const iso = lexicon.countryByExactName(name);
    if (iso) actor = lexicon.countries.get(iso)?.cameo ?? iso;
    else if (c.type === 'GPE' && country) actor = lexicon.countries.get(country)?.cameo ?? country;
  } else if (c.type === 'NORP') {
    for (const f of c.forms.values()) country ??= lexicon.demonymOf(f);
    if (country) actor = lexicon.countries.get(country)?.cameo ?? country;
  } else if (c.type === 'PERSON') {
    for (const f of [name, ...c.forms.values()]) {
      const p = lexicon.person(f, published);
      if (p?.actor && f.includes(' ')) {
        actor = p.actor;
        break;
      }
    }
    if (actor && !country && lexicon.countries.has(actor.slice(0, 3))) country = actor.slice(0, 3);
    if (!actor && country) {
      for (const r of c.roles) {
        const code = agentCode(lexicon, r);
        if (code) {
          actor = (lexicon.countries.get(country)?.cameo ?? country) + code;
          break;
        }
      }
    }
  } else if (c.type === 'ORG') {
    for (const f of [name, ...c.forms.values()]) {
      const o = lexicon.org(f);
      if (o) {
        actor = o.actor;
        break;
      }
    }
    if (!country) {
      // "Russian Foreign Ministry", "Ministry of Foreign Affairs of the DPRK"
      for (const f of c.forms.values()) {
        const words = f.replace(/['’]s\b/g, '').split(/\s+/);
        for (let n = 3; n >= 1 && !country; n--)
          for (let j = 0; j + n <= words.length && !country; j++) {
            if (!CAPITAL_START.test(words[j])) continue;
            const cand = n === 1 ? words[j] : words.slice(j, j + n).join(' ');
            country = lexicon.countryByExactName(cand) ?? lexicon.demonymOf(cand);
          }
        if (country) break;
      }
    }
    if (actor && !country && lexicon.countries.has(actor.slice(0, 3))) country = actor.slice(0, 3);
    if (!actor && country) {
      const code = agentCode(lexicon, name);
      if (code) actor = (lexicon.countries.get(country)?.cameo ?? country) + code;
    }
  }
  const aliases = [...c.forms.values()].filter((f) => f !== name);
  const isCountry = c.type === 'GPE' && country !== null && lexicon.countryByExactName(name) === country;
  const key = `${c.type}:${looseKey(isCountry ? (lexicon.countryName(country as string) ?? name) : name)}${actor ? `|${actor}` : ''}`;
  return {
    id: `e${i + 1}`,
    type: c.type,
    name,
    country: country ?? null,
    roles: c.roles,
    mentions: c.mentions,
    aliases,
    key,
    actor,
  };
}

/** Agent code of a role or organisation name: tries the whole phrase, then its last one/two words. */
function agentCode(lexicon: Lexicon, phrase: string): string | null {
  const words = phrase
    .toLowerCase()
    .replace(/[^\p{L}\s-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const code = lexicon.agentOf(words.slice(words.length - n).join(' '));
    if (code) return code;
  }
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const code = lexicon.agentOf(words.slice(0, n).join(' '));
    if (code) return code;
  }
  return null;
}
