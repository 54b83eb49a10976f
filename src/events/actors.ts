import type { Entity } from '../document/types.ts';
import type { EventsModel, WordInfo } from './model.ts';

/**
 * An actor mention in a sentence: token range `[s, e)` into the sentence's
 * tokens, and the CAMEO actor code it carries (country + role, e.g. RUSGOV;
 * `---` as country when only the role is known, e.g. `---COP` for "police").
 */
export interface ActorMention {
  s: number;
  e: number;
  start: number;
  end: number;
  code: string;
  country: string | null;
  role: string;
  name: string;
  entity: string | null;
  /** Compound group id: mentions joined by "and" / "," share it. */
  group: number;
  /** A personal pronoun standing for an actor (resolved by the coder). */
  pronoun?: boolean;
}

/** Words of one sentence, with the keys used for dictionary look-ups. */
export interface SentenceTokens {
  n: number;
  starts: Int32Array;
  ends: Int32Array;
  /** Lower-cased token text. */
  lower: string[];
  /** Lower-cased token without dots ("u.s." → "us"). */
  key: string[];
  /** Whether the token starts with an upper-case letter. */
  cap: Uint8Array;
  /** The model's word index entry for each token (by `key`), looked up once. */
  info: (WordInfo | undefined)[];
}

const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i']);
const ROLE_PHRASE_MAX = 5;
const ACTOR_PHRASE_MAX = 7;
/** Lower-case words that are also actor phrases but should not be read as actors in running text. */
const ACTOR_LOWER_OK = new Set<string>();
/** Capitalised names that are common words at the start of a sentence. */
const SENTENCE_START_STOP = new Set(['us', 'chad', 'may', 'will', 'nice', 'sale', 'new']);

/** Country codes of older dictionaries and their ISO 3166-1 alpha-3 successors (East Timor, Angola). */
const OLD_COUNTRY_CODES: Record<string, string> = { TMP: 'TLS', ANG: 'AGO' };

/** An actor code with an older dictionary's country prefix replaced by the ISO code ("TMPCVL" → "TLSCVL"). */
export function isoActorCode(code: string): string {
  const iso = OLD_COUNTRY_CODES[code.slice(0, 3)];
  return iso ? iso + code.slice(3) : code;
}

function isCountryOnly(code: string): boolean {
  return code.length === 3;
}

function countryOf(code: string): string | null {
  if (code.startsWith('---')) return null;
  const c = code.slice(0, 3);
  return /^[A-Z]{3}$/.test(c) ? c : null;
}

/** Longest dictionary phrase starting at token `i` (length in tokens, 0 when none), walking a word trie. */
function longest(model: EventsModel, t: SentenceTokens, i: number, which: 'actor' | 'agent', max: number) {
  const trie = which === 'actor' ? model.actorTrie : model.agentTrie;
  let node = t.info[i]?.[which] ?? -1;
  let best = 0;
  let code = '';
  for (let k = 1; node > 0; k++) {
    const c = trie.code(node);
    if (c !== undefined) {
      best = k;
      code = c;
    }
    if (k >= max || i + k >= t.n) break;
    node = trie.child(node, t.key[i + k]);
  }
  return { len: best, code };
}

/**
 * Finds actor mentions in a sentence: names from the actor dictionary
 * (countries, demonyms, capitals, organisations, office holders), agent nouns
 * (minister, army, police, protesters …) and entities of the entities layer,
 * then combines them: "Russian foreign minister", "Russia's foreign minister",
 * "the foreign minister of Russia", "Foreign Minister Sergey Lavrov", and
 * compound lists ("Russia and North Korea", "Hungarian and Romanian officials").
 */
export function findActors(
  text: string,
  t: SentenceTokens,
  model: EventsModel,
  entityMentions: { start: number; end: number; entity: Entity }[],
): ActorMention[] {
  type Raw = { s: number; e: number; code: string; kind: 'actor' | 'agent' | 'pron'; entity: string | null };
  const raw: Raw[] = [];
  let ei = 0;
  for (let i = 0; i < t.n; ) {
    // entity-layer mentions first: they carry resolved identities
    while (ei < entityMentions.length && entityMentions[ei].end <= t.starts[i]) ei++;
    const em = ei < entityMentions.length ? entityMentions[ei] : null;
    if (em && em.start === t.starts[i]) {
      let j = i;
      while (j < t.n && t.ends[j] <= em.end) j++;
      const ent = em.entity;
      const dictHit = longest(model, t, i, 'actor', ACTOR_PHRASE_MAX);
      // the actor dictionary wins when it names exactly this span; else the entity's own codes
      const entCode = ent.actor ?? (ent.country ? ent.country : null);
      const code = (dictHit.len === j - i ? dictHit.code : null) ?? (entCode ? isoActorCode(entCode) : null);
      if (code && j > i) {
        raw.push({ s: i, e: j, code, kind: 'actor', entity: ent.id });
        i = j;
        continue;
      }
    }
    const k = t.key[i];
    if (!t.cap[i] && !t.info[i]?.agent) {
      if (PRONOUNS.has(k)) raw.push({ s: i, e: i + 1, code: '', kind: 'pron', entity: null });
      i++;
      continue;
    }
    if (t.cap[i] && !(i === 0 && SENTENCE_START_STOP.has(k) && !(k === 'us' && t.lower[i] !== 'us'))) {
      // two-letter names ("US", "UN", "EU") only in capitals: "us" is a pronoun
      if (
        k.length <= 2 &&
        !t.lower[i].includes('.') &&
        text.slice(t.starts[i], t.ends[i]) !== k.toUpperCase()
      ) {
        if (PRONOUNS.has(k)) raw.push({ s: i, e: i + 1, code: '', kind: 'pron', entity: null });
        i++;
        continue;
      }
      const a = longest(model, t, i, 'actor', ACTOR_PHRASE_MAX);
      const g = longest(model, t, i, 'agent', ROLE_PHRASE_MAX);
      if (a.len && a.len >= g.len) {
        raw.push({ s: i, e: i + a.len, code: a.code, kind: 'actor', entity: null });
        i += a.len;
        continue;
      }
    } else if (ACTOR_LOWER_OK.has(k)) {
      const a = longest(model, t, i, 'actor', ACTOR_PHRASE_MAX);
      if (a.len) {
        raw.push({ s: i, e: i + a.len, code: a.code, kind: 'actor', entity: null });
        i += a.len;
        continue;
      }
    }
    const g = longest(model, t, i, 'agent', ROLE_PHRASE_MAX);
    if (g.len) {
      raw.push({ s: i, e: i + g.len, code: g.code, kind: 'agent', entity: null });
      i += g.len;
      continue;
    }
    if (PRONOUNS.has(t.lower[i])) raw.push({ s: i, e: i + 1, code: '', kind: 'pron', entity: null });
    i++;
  }

  // combine adjacent pieces into actor phrases
  const out: ActorMention[] = [];
  const mk = (s: number, e: number, code: string, entity: string | null, pronoun = false): ActorMention => ({
    s,
    e,
    start: t.starts[s],
    end: t.ends[e - 1],
    code,
    country: countryOf(code),
    role: code.length > 3 ? code.slice(3) : '',
    name: text.slice(t.starts[s], t.ends[e - 1]),
    entity,
    group: -1,
    pronoun,
  });
  for (let r = 0; r < raw.length; r++) {
    const cur = raw[r];
    const next = raw[r + 1];
    const next2 = raw[r + 2];
    if (cur.kind === 'pron') {
      out.push(mk(cur.s, cur.e, '', null, true));
      continue;
    }
    if (cur.kind === 'actor') {
      // Country [adjective words] Agent  ("Russian foreign minister", "Russia's defence ministry")
      if (next && next.kind === 'agent' && isCountryOnly(cur.code)) {
        const gap = next.s - cur.e;
        const poss = gap >= 1 && (t.lower[cur.e] === "'s" || t.lower[cur.e] === '’s');
        const adj = gap === 1 && /^[a-z-]+$/.test(t.lower[cur.e]) && !t.info[cur.e]?.forms;
        if (gap <= 2 && (gap === 0 || poss || adj)) {
          let e = next.e;
          let code = cur.code + next.code;
          // Agent followed by a dictionary person ("Russian Foreign Minister Sergey Lavrov")
          if (next2 && next2.kind === 'actor' && next2.s === e && next2.code.startsWith(cur.code)) {
            code = next2.code.length > 3 ? next2.code : code;
            e = next2.e;
            r++;
          } else e = extendName(t, e);
          out.push(mk(cur.s, e, code, cur.entity));
          r++;
          continue;
        }
      }
      // Country's Institution ("Rwanda's Senate", "Iraq's Security Council"): the institution of that country
      if (
        next &&
        next.kind === 'actor' &&
        isCountryOnly(cur.code) &&
        next.s === cur.e + 1 &&
        (t.lower[cur.e] === "'s" || t.lower[cur.e] === '’s') &&
        next.code.length >= 6 &&
        !next.code.startsWith(cur.code) &&
        /^(GOV|LEG|JUD|MIL|COP|SPY|PTY|OPP)/.test(next.code.slice(3))
      ) {
        out.push(mk(cur.s, next.e, cur.code + next.code.slice(3, 6), cur.entity));
        r++;
        continue;
      }
      out.push(mk(cur.s, cur.e, cur.code, cur.entity));
      continue;
    }
    // Agent of/in Country ("foreign minister of Russia", "security forces in Guinea")
    if (next && next.kind === 'actor' && next.s === cur.e + 1 && countryOf(next.code)) {
      const w = t.lower[cur.e];
      if (w === 'of' || w === 'in' || w === 'from') {
        out.push(mk(cur.s, next.e, (countryOf(next.code) as string) + cur.code, next.entity));
        r++;
        continue;
      }
    }
    // Agent Person ("Foreign Minister Sergey Lavrov", "President Michel Suleiman")
    if (next && next.kind === 'actor' && next.s === cur.e && (!isCountryOnly(next.code) || next.entity)) {
      out.push(mk(cur.s, next.e, isCountryOnly(next.code) ? next.code + cur.code : next.code, next.entity));
      r++;
      continue;
    }
    out.push(mk(cur.s, extendName(t, cur.e), `---${cur.code}`, null));
  }

  // compound groups: A and B, A, B and C; "Hungarian and Romanian officials" shares the role
  let group = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i].pronoun) continue;
    if (out[i].group < 0) out[i].group = group++;
    const a = out[i];
    const b = out[i + 1];
    if (!b || b.pronoun) continue;
    const gap = b.s - a.e;
    const w1 = t.lower[a.e];
    const w2 = t.lower[a.e + 1];
    // a comma joins list members only when the list goes on ("A, B and C"), not appositions ("the minister, Lavrov")
    const c = out[i + 2];
    const listGoesOn =
      !!c &&
      !c.pronoun &&
      c.s - b.e <= 2 &&
      (t.lower[b.e] === 'and' || t.lower[b.e] === ',' || t.lower[b.e] === '&');
    const joined =
      (gap === 1 && (w1 === 'and' || w1 === '&')) ||
      (gap === 1 && w1 === ',' && listGoesOn) ||
      (gap === 2 && ((w1 === ',' && w2 === 'and') || (w1 === 'and' && w2 === 'the')));
    if (joined) {
      b.group = a.group;
      if (
        isCountryOnly(a.code) &&
        b.role &&
        b.country &&
        model.demonyms.has(t.key[a.e - 1]) &&
        model.demonyms.has(t.key[b.s])
      ) {
        a.code = a.code + b.role;
        a.role = b.role;
      }
    }
  }
  return out;
}

/** Extends an agent over a following capitalised name ("President Michel Suleiman"). */
function extendName(t: SentenceTokens, e: number): number {
  let j = e;
  while (j < t.n && j - e < 4 && t.cap[j] && /^[a-z][a-z'.-]*$/.test(t.lower[j])) j++;
  return j;
}
