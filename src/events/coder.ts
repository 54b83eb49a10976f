import type { Document, Entity, Modality, PoliticalEvent, Span } from '../document/types.ts';
import { tokenize } from '../text/tokenize.ts';
import { type ActorMention, findActors, type SentenceTokens } from './actors.ts';
import {
  codeInfo,
  type EventsModel,
  nounLemma,
  type PatternItem,
  ploverOf,
  type VerbEntry,
  type VerbPattern,
  type WordInfo,
} from './model.ts';

/**
 * Shallow CAMEO coder. Per sentence:
 *  1. actor mentions (dictionaries + entities layer), combined and grouped (actors.ts);
 *  2. verb triggers from the compiled PETRARCH verb dictionary, chained through
 *     "to"-infinitives ("threatened to impose", "plans to visit", "refused to meet");
 *  3. the code: the most specific dictionary pattern around the verb, the
 *     object noun ("held talks" 043, "imposed sanctions" 163), then composed
 *     with the chain head (intent 03x, appeal 02x, demand 10x, reject 12x, threat 13x);
 *  4. source = subject actor left of the chain head in its clause (pronouns
 *     resolved to the reporting speaker, the quote speaker or the previous
 *     sentence's source), target = first actor right of the verb; passive
 *     "was attacked by X" swaps them;
 *  5. modality from cues (negation, future, conditional, allegedly, reporting
 *     clauses) — future cooperation becomes CAMEO intent (03x), future force a threat (13x);
 *  6. compound actors expand to one event per actor; reciprocal events (meet,
 *     negotiate, sign, cooperate) are coded in both directions, other pairs in the
 *     subject (clash, mediate) once per pair.
 * Document-level deduplication merges repeated mentions of the same event.
 */

export interface CodedEvent {
  code: string;
  /** PLOVER type when it differs from the code's mapping (future cooperation is PLOVER AGREE). */
  plover?: string | null;
  source: ActorMention | null;
  target: ActorMention | null;
  modality: Modality;
  trigger: Span;
  evidence: Span;
  sentence: number;
  /** A place named in the sentence ("in Tokyo"), used when the entities layer has none. */
  place?: string | null;
}

const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'its',
  'their',
  'his',
  'her',
  'our',
  'my',
  'your',
  "'s",
  '’s',
  'any',
  'no',
  'every',
  'each',
  'new',
  'first',
  'last',
  'recent',
  'latest',
  'further',
  'of',
  'for',
  'in',
  'on',
  'whose',
  'some',
  'such',
]);
const PREPOSITIONS = new Set([
  'in',
  'of',
  'from',
  'to',
  'with',
  'at',
  'for',
  'by',
  'against',
  'on',
  'into',
  'over',
  'between',
  'near',
  'toward',
  'towards',
  'about',
  'among',
  'across',
  'under',
  'within',
  'than',
  'like',
]);
const SUBORDINATORS = new Set([
  'whose',
  'which',
  'who',
  'whom',
  'while',
  'after',
  'before',
  'when',
  'because',
  'although',
  'though',
  'since',
  'whereas',
  'where',
  'unless',
  'if',
  'until',
  'that',
  'but',
]);
const REPORTING = new Set([
  'say',
  'tell',
  'state',
  'add',
  'report',
  'announce',
  'declare',
  'claim',
  'confirm',
  'note',
  'stress',
  'write',
  'believe',
  'think',
  'mention',
  'explain',
  'comment',
  'insist',
  'argue',
  'allege',
  'acknowledge',
  'admit',
  'assert',
  'reiterate',
  'emphasize',
  'emphasise',
  'indicate',
  'suggest',
  'learn',
  'know',
]);
/** Control verbs whose "to"-complement is what happens (with the given modality). */
const CONTROL = new Map<string, Modality>([
  ['want', 'planned'],
  ['plan', 'planned'],
  ['prepare', 'planned'],
  ['intend', 'planned'],
  ['hope', 'planned'],
  ['expect', 'planned'],
  ['schedule', 'planned'],
  ['seek', 'planned'],
  ['aim', 'planned'],
  ['decide', 'planned'],
  ['try', 'planned'],
  ['attempt', 'planned'],
  ['wish', 'planned'],
  ['continue', 'asserted'],
  ['begin', 'asserted'],
  ['start', 'asserted'],
  ['resume', 'asserted'],
  ['move', 'asserted'],
  ['fail', 'negated'],
  ['set', 'planned'],
]);
const COORDINATORS = new Set(['and', 'but', 'or']);

/** A one-word agent of unknown country used as a modifier of the noun after it ("military exercises"). */
function attributiveAgent(t: SentenceTokens, a: ActorMention): boolean {
  if (a.country || a.e - a.s !== 1 || a.e >= t.n || t.cap[a.s]) return false;
  const w = t.lower[a.e];
  return (
    /^[a-z]{3,}$/.test(w) &&
    !/(ed|ing|ly)$/.test(w) &&
    !PREPOSITIONS.has(w) &&
    !DETERMINERS.has(w) &&
    !SUBORDINATORS.has(w) &&
    !COORDINATORS.has(w) &&
    !AUX.has(w) &&
    !TIME_WORDS.has(w) &&
    !NUMBER_WORDS.test(w) &&
    !t.info[a.e]?.agent
  );
}
const NUMBER_WORDS = /^(one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?)$/;
const PROTESTERS = /\b(protest[eo]rs?|demonstrators?|rioters?)\b/i;

/** Whether a lower-case word has an upper-case letter after its first ("iSrael", "al-Qaeda"). */
function innerCapital(text: string, start: number, end: number): boolean {
  for (let k = start + 1; k < end; k++) {
    const ch = text.charCodeAt(k);
    if (ch >= 65 && ch <= 90) return true;
    if (!((ch >= 97 && ch <= 122) || ch === 45)) return false;
  }
  return false;
}

/** "as" + a bare noun phrase + a past-tense verb starts a clause ("… as street battles raged in …"). */
function asClause(t: SentenceTokens, i: number): boolean {
  if (i > 0 && (t.lower[i - 1] === 'such' || t.lower[i - 1] === 'well')) return false;
  for (let j = i + 2; j < Math.min(t.n, i + 5); j++) {
    const w = t.lower[j];
    if (!/^[a-z-]+$/.test(w) || PREPOSITIONS.has(w) || DETERMINERS.has(w)) return false;
    if (w.endsWith('ed') || PAST_IRREGULAR.test(w) || w === 'were' || w === 'was') return true;
  }
  return false;
}
const EXERCISES = new Set(['exercise', 'exercises', 'drill', 'drills', 'games', 'maneuvers', 'manoeuvres']);
/** Whether the object of the verb at `head` is called joint ("held joint naval drills"). */
function jointWords(t: SentenceTokens, head: number, after: number): boolean {
  for (let j = after; j < Math.min(t.n, after + 4); j++)
    if (t.lower[j] === 'joint' || t.lower[j] === 'combined') return true;
  return head > 0 && t.lower[head - 1] === 'jointly';
}
/** Control verbs that express an intention of their subject: with cooperation, CAMEO 03x. */
const INTENT_VERBS = new Set(['want', 'plan', 'intend', 'seek']);
/** Control verbs whose complement was carried out, successfully or not. */
const ATTEMPT_VERBS = new Set(['attempt', 'try']);
const FUTURE_ADJ = new Set([
  'willing',
  'ready',
  'prepared',
  'expected',
  'scheduled',
  'set',
  'due',
  'likely',
  'going',
  'poised',
  'determined',
  'eager',
  'keen',
  'planning',
  'about',
]);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", 'am', 'get', 'got', 'gets']);
const NEGATORS = new Set(['not', "n't", 'never', 'cannot', 'no', 'neither', 'nor']);
const FUTURE_AUX = new Set(['will', "'ll", 'shall']);
const CONDITIONAL_AUX = new Set(['would', "'d", 'should']);
const HYPOTHETICAL_AUX = new Set(['may', 'might', 'could']);
/** CAMEO codes coded once per pair when both parties are subjects ("A and B met"). */
export const SYMMETRIC = /^(040|041|043|045|046|057|06[0-4]|190)/;
/**
 * Reciprocal CAMEO codes: "two reciprocal events are coded with actors reversed" (CAMEO manual on
 * 050, 057, 060 and 164; 04 is "typically reciprocal"). Both directions are coded when both parties
 * are subjects ("A and B signed …"); negotiation, agreements and cooperation also when the second
 * party is named with "with" ("A held talks with B"). Visits, hosting and mediation have a direction.
 */
export const RECIPROCAL = /^(040|041|044|046|050|057|06[0-3]|164)/;
const RECIPROCAL_WITH = /^(046|050|057|06[0-3]|164)/;
/** Acts one party performs alone even on a shared agreement ("ratified an agreement with the EU"). */
const UNILATERAL = new Set(['ratify', 'approve', 'endorse']);

/** The CAMEO roots composed when a verb heads another: "agreed to meet" = 036, "threatened to attack" = 138. */
function compose(head: string, inner: string): string {
  const hr = head.slice(0, 2);
  const ir = inner.slice(0, 2);
  const pick = (table: Record<string, string>, dflt: string) => table[ir] ?? dflt;
  switch (hr) {
    case '03':
      return intent(inner);
    case '02':
      return pick({ '04': '026', '06': '021', '07': '023', '08': '025', '05': '022' }, '020');
    case '10':
      return pick({ '04': '106', '06': '101', '07': '103', '08': '105' }, '100');
    case '12':
      return pick({ '04': '125', '06': '121', '07': '121', '08': '124', '03': '120' }, '120');
    case '13':
      return threat(inner);
    default:
      return head;
  }
}

/** Future cooperation → CAMEO "express intent to …" (03x). */
function intent(code: string): string {
  const r = code.slice(0, 2);
  if (r === '03') return code;
  // reform conceded (083x) has its own intent codes (034x): "agreed to resign" is 0341
  if (code.startsWith('083')) return `034${code.slice(3)}`;
  return { '04': '036', '05': '032', '06': '031', '07': '033', '08': '035' }[r] ?? code;
}

/** Future coercion or force → CAMEO "threaten …" (13x). */
function threat(code: string): string {
  const r = code.slice(0, 2);
  if (r === '13') return code;
  if (code.startsWith('163') || code.startsWith('162')) return '1312';
  return (
    { '16': '131', '17': '137', '15': '138', '18': '138', '19': '138', '20': '138', '14': '133' }[r] ?? '130'
  );
}

function isCooperative(code: string): boolean {
  const r = Number(code.slice(0, 2));
  return r >= 3 && r <= 8;
}
function isForce(code: string): boolean {
  const r = Number(code.slice(0, 2));
  return r >= 15 && r <= 20;
}

/** (Chains are always built with every field, so that they share one object shape.) */
interface Chain {
  head: number;
  last: number;
  /** Token after the last verb (and its particles). */
  after: number;
  code: string | null;
  modality: Modality | null;
  report: boolean;
  lemma: string;
  noun: boolean;
  /** The head verb's own code (before composition), e.g. 100 for "demanded". */
  headCode: string | null;
  /** A "must"/"should" obligation: a demand of the speaker on the clause subject. */
  must?: boolean;
  /** Shares the subject of the previous event ("killed one soldier and wounded two"). */
  coordinated?: boolean;
  /** The addressee of an appeal or demand before its "to"-complement ("urged Sudan to …"). */
  object?: ActorMention;
  /** The actor owning a noun trigger ("Russia's visit", "Israeli airstrikes"). */
  owner?: ActorMention;
  /** "received weapons from X": X is the source and the subject the target. */
  giver?: ActorMention;
}

/** Document-level state shared across sentences. */
export interface CoderContext {
  text: string;
  model: EventsModel;
  entityMentions: { start: number; end: number; entity: Entity }[];
  quotes: Document['quotes'];
  speakerActors: Map<string, ActorMention | null>;
  lastSource: ActorMention | null;
  /** The last event's source and target, for "the two leaders", "both sides". */
  lastPair: [ActorMention, ActorMention] | null;
}

/** Tokens of `text[start, end)` with lower-cased forms, dictionary keys and word-index entries. */
export function sentenceTokens(text: string, start: number, end: number, model: EventsModel): SentenceTokens {
  const tk = tokenize(text, start, end);
  const n = tk.length;
  const lower: string[] = new Array(n);
  const key: string[] = new Array(n);
  const cap = new Uint8Array(n);
  const info: (WordInfo | undefined)[] = new Array(n);
  const low = text.slice(start, end).toLowerCase();
  for (let i = 0; i < n; i++) {
    const w = low.slice(tk.starts[i] - start, tk.ends[i] - start);
    lower[i] = w;
    let k = w.indexOf('.') >= 0 ? w.replace(/\./g, '') : w;
    let inf = model.lex.get(k);
    // "Vietnamese-led forces", "Saudi-backed", "Iranian-made": the name before the hyphen
    if (!inf && k.length > 6) {
      const h = k.lastIndexOf('-');
      if (h > 1 && AFFILIATION_SUFFIX.has(k.slice(h + 1))) {
        const head = k.slice(0, h);
        const hinf = model.lex.get(head);
        if (hinf?.actor) {
          k = head;
          inf = hinf;
        }
      }
    }
    key[i] = k;
    info[i] = inf;
    const c = text.charCodeAt(tk.starts[i]);
    // a capital inside a word also marks a name ("McAllister", "al-Qaeda", "iSrael")
    cap[i] =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122 && innerCapital(text, tk.starts[i], tk.ends[i])) ? 1 : 0;
  }
  return { n, starts: tk.starts, ends: tk.ends, lower, key, cap, info };
}

function itemMatches(item: PatternItem, t: SentenceTokens, j: number, lem: Lemmas): number {
  if (typeof item === 'string') return lem.at(j) === item ? 1 : 0;
  for (const seq of item) {
    let k = 0;
    while (k < seq.length && j + k < t.n && lem.at(j + k) === seq[k]) k++;
    if (k === seq.length) return k;
  }
  return 0;
}

const MAX_GAP = 3;

/** Whether `items` occur in order within tokens [from, to), each within a few tokens of the previous one. */
function matchSeq(items: PatternItem[], t: SentenceTokens, from: number, to: number, lem: Lemmas): boolean {
  let j = from;
  for (const item of items) {
    let found = false;
    const lim = Math.min(to, j + MAX_GAP + 1);
    while (j < lim) {
      const k = itemMatches(item, t, j, lem);
      j += k || 1;
      if (k) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/** Whether `items` end just before `end` (pre-verb words: "&AIRCRAFT * ATTACKS"). */
function matchPre(items: PatternItem[], t: SentenceTokens, end: number, lem: Lemmas): boolean {
  return matchSeq(items, t, Math.max(0, end - items.length - MAX_GAP), end, lem);
}

/** Token lemmas computed on demand (most tokens of a sentence are never looked at). */
class Lemmas {
  private readonly cache: (string | undefined)[];
  constructor(private readonly t: SentenceTokens) {
    this.cache = new Array(t.n);
  }
  at(i: number): string {
    let l = this.cache[i];
    if (l === undefined) {
      const f = this.t.info[i]?.forms;
      l = f ? f[0].lemma : nounLemma(this.t.lower[i]);
      this.cache[i] = l;
    }
    return l;
  }
}

function lemmaOf(model: EventsModel, w: string): string {
  const v = model.forms.get(w);
  if (v) return v[0].lemma;
  return nounLemma(w);
}

function pickEntry(
  entries: VerbEntry[],
  t: SentenceTokens,
  i: number,
): { entry: VerbEntry; after: number } | null {
  let withParticles: VerbEntry | null = null;
  let plain: VerbEntry | null = null;
  for (const e of entries) {
    if (!e.particles.length) {
      if (!plain || (plain.code === null && e.code !== null)) plain = e;
      continue;
    }
    let ok = true;
    for (let k = 0; k < e.particles.length; k++) {
      if (t.lower[i + 1 + k] !== e.particles[k]) {
        ok = false;
        break;
      }
    }
    if (ok && (!withParticles || withParticles.particles.length < e.particles.length)) withParticles = e;
  }
  if (withParticles) return { entry: withParticles, after: i + 1 + withParticles.particles.length };
  return plain ? { entry: plain, after: i + 1 } : null;
}

/**
 * Codes one sentence. (The work is spread over functions of moderate size on purpose: V8 compiles
 * and recompiles each hot function as a whole, and one very large function cost more CPU time in
 * the optimising compiler than the coding itself.)
 */
export function codeSentence(
  ctx: CoderContext,
  si: number,
  start: number,
  end: number,
  out: CodedEvent[],
): void {
  const { text, model } = ctx;
  const t = sentenceTokens(text, start, end, model);
  if (t.n < 3) return;
  // quick reject: no word that can trigger an event
  let any = false;
  for (let i = 0; i < t.n; i++) {
    if (t.info[i]?.trigger) {
      any = true;
      break;
    }
  }
  if (!any) return;
  const ents = entityMentionsIn(ctx.entityMentions, start, end);
  const actors = findActors(text, t, model, ents);
  if (!actors.length && !(ctx.lastPair && (t.lower.includes('both') || t.lower.includes('two')))) return;
  const lem = new Lemmas(t);
  const inActor = new Int32Array(t.n).fill(-1);
  actors.forEach((a, k) => {
    for (let j = a.s; j < a.e; j++) inActor[j] = k;
  });

  const chains = findChains(model, t, actors, inActor, lem);
  if (!chains.some((c) => c.code)) return;

  codeChains(ctx, si, start, end, out, t, actors, inActor, chains);
}

/** Clause boundaries: subordinators, semicolons, clause-opening "as" and reporting verbs. */
function clauseBoundaries(t: SentenceTokens, inActor: Int32Array, chains: Chain[]): Uint8Array {
  const boundary = new Uint8Array(t.n);
  for (let i = 0; i < t.n; i++) {
    const w = t.lower[i];
    if (w === ';' || w === ':' || SUBORDINATORS.has(w)) boundary[i] = 1;
    else if (
      w === 'as' &&
      i + 1 < t.n &&
      (t.cap[i + 1] ||
        PRONOUN_SUBJECTS.has(t.lower[i + 1]) ||
        t.lower[i + 1] === 'the' ||
        inActor[i + 1] >= 0 ||
        asClause(t, i))
    )
      boundary[i] = 1;
  }
  for (const c of chains) if (c.report) boundary[c.head] = 1;
  return boundary;
}

/** Codes the chains of a sentence into `out`, with the sentence's reporting clauses and place. */
function codeChains(
  ctx: CoderContext,
  si: number,
  start: number,
  end: number,
  out: CodedEvent[],
  t: SentenceTokens,
  actors: ActorMention[],
  inActor: Int32Array,
  chains: Chain[],
): void {
  const boundary = clauseBoundaries(t, inActor, chains);
  const sentenceHasIf = t.lower.includes('if') || t.lower.includes('unless');
  const accordingTo = t.lower.some((w, i) => w === 'according' && t.lower[i + 1] === 'to');
  // reporting verbs and their speakers
  const reports: Report[] = [];
  const hasCodedBefore = (at: number) => chains.some((x) => x.code && !x.report && x.head < at);
  for (const c of chains) {
    if (!c.report) continue;
    const sp = speakerOf(t, c.head, actors, boundary, ctx, si);
    // trailing attribution ("…, police said") vs a leading one ("The US said that …")
    const trailing =
      !sp || sp.s > c.head || (c.head > 0 && t.lower[sp.s - 1] === ',') || hasCodedBefore(c.head);
    reports.push({ at: c.head, speaker: sp, lemma: c.lemma, trailing });
  }

  const speakers = new Set<ActorMention>();
  for (const r of reports) if (r.speaker) speakers.add(r.speaker);
  // a place named after "in"/"at" (capitals and cities are in the actor dictionary)
  let place: string | null = null;
  for (const a of actors) {
    const w = a.s > 0 ? t.lower[a.s - 1] : '';
    if ((w === 'in' || w === 'at') && a.country && a.code.length === 3) {
      place = a.name;
      break;
    }
  }
  const sc: SentenceScope = {
    ctx,
    si,
    start,
    end,
    out,
    t,
    actors,
    inActor,
    chains,
    boundary,
    reports,
    speakers,
    place,
    sentenceHasIf,
    accordingTo,
    prevSource: [],
    prevSubject: [],
    emitted: 0,
    lastEmitted: null,
  };
  for (let ci = 0; ci < chains.length; ci++) emitChain(sc, ci);
  const last = out.length ? out[out.length - 1] : null;
  if (last?.source && last.sentence === si) ctx.lastSource = last.source;
  if (last?.source && last.target && last.sentence === si && last.source.country && last.target.country)
    ctx.lastPair = [last.source, last.target];
}

/** One sentence being coded: its tokens, actors, chains and the state carried from chain to chain. */
interface SentenceScope {
  ctx: CoderContext;
  si: number;
  start: number;
  end: number;
  out: CodedEvent[];
  t: SentenceTokens;
  actors: ActorMention[];
  inActor: Int32Array;
  chains: Chain[];
  boundary: Uint8Array;
  reports: Report[];
  speakers: Set<ActorMention>;
  place: string | null;
  sentenceHasIf: boolean;
  accordingTo: boolean;
  prevSource: ActorMention[];
  prevSubject: ActorMention[];
  emitted: number;
  lastEmitted: Chain | null;
}

interface Report {
  at: number;
  speaker: ActorMention | null;
  lemma: string;
  trailing: boolean;
}

/** Verb and noun triggers of a sentence, with their "to"-complements chained. */
function findChains(
  model: EventsModel,
  t: SentenceTokens,
  actors: ActorMention[],
  inActor: Int32Array,
  lem: Lemmas,
): Chain[] {
  const sentenceIf = t.lower.includes('if') || t.lower.includes('unless');
  // --- triggers and chains
  const chains: Chain[] = [];
  const used = new Uint8Array(t.n);
  let sawVerb = false;
  for (let i = 0; i < t.n; i++) {
    if (used[i] || inActor[i] >= 0) continue;
    const w = t.lower[i];
    const entries = t.info[i]?.forms;
    const prev = i > 0 ? t.lower[i - 1] : '';
    if (w === 'must' || (w === 'should' && !sentenceIf)) {
      // "… that Libya must hand over …": a demand, coded when a speaker is found
      const e2 = t.info[i + 1]?.forms;
      const p2 = e2 ? pickEntry(e2, t, i + 1) : null;
      const c2 = p2 ? codeFor(model, p2.entry, t, i + 1, p2.after, lem) : null;
      if (p2) used[i + 1] = 1;
      chains.push({
        head: i,
        last: p2 ? i + 1 : i,
        after: p2 ? p2.after : i + 1,
        code: compose('100', c2 ?? '100'),
        modality: null,
        report: false,
        lemma: 'must',
        noun: false,
        headCode: '100',
        must: true,
        coordinated: false,
        object: undefined,
        owner: undefined,
        giver: undefined,
      });
      continue;
    }
    if (!entries || DETERMINERS.has(prev) || (t.cap[i] && i > 0)) {
      const noun = nounTrigger(t, i, actors, inActor, model);
      if (noun) {
        chains.push(noun);
        used[i] = 1;
      }
      continue;
    }
    if (STOP_VERBS.has(w)) continue;
    // a plural noun right after a verb is its object, not a second verb ("will supply arms to …")
    const lastChain = chains.length ? chains[chains.length - 1] : null;
    if (lastChain && !lastChain.noun && lastChain.last === i - 1 && w.endsWith('s') && !w.endsWith('ss'))
      continue;
    if (!verbish(t, i, inActor, actors, model)) {
      // not a verb here: maybe a noun trigger ("Palestinian riots against …")
      const noun = nounTrigger(t, i, actors, inActor, model);
      if (noun) {
        chains.push(noun);
        used[i] = 1;
      }
      continue;
    }
    const seen = sawVerb;
    sawVerb = true;
    const chain = verbChain(model, t, i, entries, seen, actors, inActor, used, lem);
    if (chain) chains.push(chain);
  }
  return chains;
}

/** The event chain headed by the verb at `i`, or null when the verb is no event of its own here. */
function verbChain(
  model: EventsModel,
  t: SentenceTokens,
  i: number,
  entries: VerbEntry[],
  seen: boolean,
  actors: ActorMention[],
  inActor: Int32Array,
  used: Uint8Array,
  lem: Lemmas,
): Chain | null {
  const w = t.lower[i];
  const prev = i > 0 ? t.lower[i - 1] : '';
  const picked = pickEntry(entries, t, i);
  if (!picked) return null;
  const { entry, after } = picked;
  if (entry.lemma === 'be' || entry.lemma === 'have') return null;
  // a verb-looking word right after a demonym or a determiner + actor is a noun ("Turkish sides", "to U.S. exports")
  if (i > 0 && inActor[i - 1] >= 0 && !aux0(t, i) && !w.endsWith('ed') && !PAST_IRREGULAR.test(w)) {
    const a = actors[inActor[i - 1]];
    const before = a.s > 0 ? t.lower[a.s - 1] : '';
    // (after "the" + an agent noun phrase the -s form is the verb: "the Chilean president plans to …")
    const agentHead =
      before !== '' &&
      DETERMINERS.has(before) &&
      !PREPOSITIONS.has(before) &&
      a.role !== '' &&
      a.code.length > 3 &&
      !model.demonyms.has(t.key[a.e - 1]);
    if (
      !agentHead &&
      (model.demonyms.has(t.key[a.e - 1]) || PREPOSITIONS.has(before) || DETERMINERS.has(before))
    ) {
      if (w.endsWith('s') || before === 'to' || PREPOSITIONS.has(before)) return null;
    }
  }
  // gerunds and participial clauses ("…, killing 12", "hackers angered by …") are not main events
  const aux = auxBefore(t, i);
  if (w.endsWith('ing') && !aux && !REPORTING.has(entry.lemma)) return null;
  const next = t.lower[i + 1] ?? '';
  // (after a comma only once a verb was seen: "X, the UN envoy, demanded …" is the main verb)
  if (
    !aux &&
    (w.endsWith('ed') || w.endsWith('en')) &&
    ((prev === ',' && seen) || next === 'by' || next === 'of')
  )
    return null;
  // reduced relative clause after a main verb: "made remarks … on a trip aimed at …"
  if (
    seen &&
    !aux &&
    !TIME_WORDS.has(prev) &&
    w.endsWith('ed') &&
    !entry.particles.length &&
    i > 0 &&
    inActor[i - 1] < 0 &&
    !t.cap[i - 1] &&
    /^[a-z]+$/.test(prev) &&
    !ADVERBS.has(prev) &&
    !COORDINATORS.has(prev) &&
    !prev.endsWith('ly') &&
    PREPOSITIONS.has(next)
  )
    return null;
  // participles that are adjectival before a preposition ("militiamen armed with machetes")
  if (!aux && ADJECTIVAL_PARTICIPLES.has(w) && PREPOSITIONS.has(next)) return null;
  // a participle after the object of a preposition modifies it ("attacked by militiamen armed with
  // machetes", "a programme for Bosnia aimed at …"): such an actor cannot be a finite verb's subject
  if (seen && !aux && w.endsWith('ed') && i > 1 && inActor[i - 1] >= 0 && PREPOSITIONS.has(next)) {
    const a = actors[inActor[i - 1]];
    if (a.s > 0 && PREPOSITIONS.has(t.lower[a.s - 1]) && t.lower[a.s - 1] !== 'between') return null;
  }
  // an infinitive nobody governs here ("want Obama to head back", purpose clauses) is not an event
  if (prev === 'to' || (t.lower[i - 2] === 'to' && prev.endsWith('ly'))) {
    const j = prev === 'to' ? i - 2 : i - 3;
    const gov = j >= 0 ? t.lower[j] : '';
    if (
      !FUTURE_ADJ.has(gov) &&
      !BE.has(gov) &&
      !CONTROL.has(lemmaOf(model, gov)) &&
      gov !== 'has' &&
      gov !== 'have'
    )
      return null;
    if (gov.endsWith('ing') && j >= 0 && !auxBefore(t, j)) return null; // "…, seeking to mend ties"
    // "an issue likely to dominate …": the adjective modifies a plain noun, which is no actor
    if (
      FUTURE_ADJ.has(gov) &&
      j >= 2 &&
      DETERMINERS.has(t.lower[j - 2]) &&
      inActor[j - 1] < 0 &&
      /^[a-z]+$/.test(t.lower[j - 1]) &&
      !BE.has(t.lower[j - 1])
    )
      return null;
  }
  const chain: Chain = {
    head: i,
    last: i,
    after,
    code: codeFor(model, entry, t, i, after, lem),
    modality: null,
    report: REPORTING.has(entry.lemma),
    lemma: entry.lemma,
    noun: false,
    headCode: null,
    must: false,
    coordinated: false,
    object: undefined,
    owner: undefined,
    giver: undefined,
  };
  chain.headCode = chain.code;
  used[i] = 1;
  // "received weapons/aid from X" is X giving aid to the subject (CAMEO 07), not a visit received
  if (entry.lemma === 'receive') {
    let k = after;
    while (k < t.n && k < after + 4 && !RECEIVED_AID.has(t.lower[k]) && inActor[k] < 0) k++;
    if (RECEIVED_AID.has(t.lower[k] ?? '')) {
      let g = k + 1;
      while (g < t.n && g < k + 6 && t.lower[g] !== 'from') g++;
      const giver =
        t.lower[g] === 'from' ? actors.find((a) => a.s > g && a.s <= g + 3 && !a.pronoun) : undefined;
      if (giver) {
        const military = t.lower[k] === 'weapons' || t.lower[k] === 'arms';
        chain.code = military ? '072' : '070';
        chain.headCode = chain.code;
        chain.giver = giver;
        return chain;
      }
    }
  }
  if (chain.report) {
    // "announced a suspension of …", "declared a ceasefire": the object noun is the event
    const obj = objectCode(model, objectKey(model, entry), t, after, lem);
    if (obj) {
      chain.report = false;
      chain.code = obj;
      chain.headCode = obj;
      return chain;
    }
    chain.code = null;
    return chain;
  }
  // follow "to"-complements: V [object] to [adv] V2
  let cur = after;
  for (let hop = 0; hop < 3; hop++) {
    let k = cur;
    // skip an object actor between an appeal/demand verb and "to" ("urged Iraq to …")
    const objActor = inActor[k] >= 0 ? actors[inActor[k]] : null;
    if (
      hop === 0 &&
      objActor &&
      !objActor.pronoun &&
      (chain.code?.startsWith('02') || chain.code?.startsWith('10'))
    ) {
      k = objActor.e;
      chain.object = objActor;
    }
    if (t.lower[k] !== 'to') break;
    k++;
    if (t.lower[k]?.endsWith('ly')) k++;
    if (t.lower[k] === 'be') break;
    const e2 = k < t.n ? t.info[k]?.forms : undefined;
    if (!e2 || inActor[k] >= 0) break;
    const p2 = pickEntry(e2, t, k);
    if (!p2) break;
    const { entry: v2, after: a2 } = p2;
    const c2 = codeFor(model, v2, t, k, a2, lem);
    used[k] = 1;
    const ctl = CONTROL.get(chain.lemma);
    if (chain.code === null) {
      if (ctl && ctl !== 'asserted') chain.modality = ctl;
      chain.code = c2;
      // wanting, planning, intending or preparing to cooperate expresses intent (CAMEO 03x, as the
      // PETRARCH dictionary codes "want", "plan", "intend", "prepare", "seek")
      if (c2 && INTENT_VERBS.has(chain.lemma) && isCooperative(c2)) chain.code = intent(c2);
      // an attempted attack took place ("tried to assassinate"): force, not a threat of it
      if (c2 && ATTEMPT_VERBS.has(chain.lemma) && isForce(c2)) chain.modality = null;
      chain.lemma = v2.lemma;
    } else if (c2 !== null) chain.code = compose(chain.code, c2);
    chain.last = k;
    chain.after = a2;
    cur = a2;
  }
  // "failed" alone ("attempts … have failed") is no event; "failed to reach agreement" is
  if (entry.lemma === 'fail' && chain.last === chain.head) return null;
  return chain.code || REPORTING.has(chain.lemma) ? chain : null;
}

/** Codes the event of one chain (modality, the subject, the target) into `sc.out`. */
function emitChain(sc: SentenceScope, ci: number): void {
  const { ctx, t, actors, inActor, chains, boundary, reports, sentenceHasIf, si } = sc;
  const model = ctx.model;
  const c = chains[ci];
  if (!c.code || c.report) return;
  // "and"/"but" right before the verb (auxiliaries and adverbs between): a coordinated verb phrase
  // sharing the subject ("condemned the attack and recalled its envoy", "… but was still refusing …")
  let coordWord = '';
  for (let j = c.head - 1; j >= Math.max(0, c.head - 4); j--) {
    const w = t.lower[j];
    if (w === 'and' || w === 'but') {
      coordWord = w;
      break;
    }
    const skippable = (AUX.has(w) && w !== 'to') || ADVERBS.has(w) || w.endsWith('ly');
    if (!skippable) break;
  }
  // the complement of a verbal event is its content, not another event ("demanded that the US match …",
  // "urged Iran to stop and return …"); a verb coordinated with the verbal event itself is not
  if (sc.lastEmitted?.headCode && /^(01|02|10|11|12|13)/.test(sc.lastEmitted.headCode)) {
    let sawThat = false;
    let sawTo = false;
    for (let j = sc.lastEmitted.after; j < c.head; j++) {
      if (t.lower[j] === 'that') sawThat = true;
      if (t.lower[j] === 'to' && t.info[j + 1]?.forms) sawTo = true;
    }
    const ownPhrase = coordWord !== '' && !sawTo && sc.lastEmitted.last === sc.lastEmitted.head;
    if (sawThat || (c.head - sc.lastEmitted.after < 8 && !ownPhrase)) return;
  }
  // one main event per clause: later verbs need their own subject right before them, or "and" coordination
  if (sc.emitted > 0 && !c.noun) {
    // ("and" only right after the sc.emitted verb's phrase; "but" opens a contrasting verb phrase of the
    // same subject even after a participle clause: "opened its borders to Africans ordered out …, but was …")
    const coordinated = coordWord === 'but' || (coordWord === 'and' && chains[ci - 1] === sc.lastEmitted);
    let own = false;
    for (const a of actors) {
      if (a.e <= c.head && c.head - a.e <= 3) {
        let ok = true;
        for (let j = a.e; j < c.head; j++)
          if (!AUX.has(t.lower[j]) && !ADVERBS.has(t.lower[j]) && !t.lower[j].endsWith('ly')) ok = false;
        if (ok) own = true;
      }
    }
    if (!coordinated && !own) return;
    c.coordinated = coordinated && !own;
  }
  const code0 = c.code;
  // modality cues before the chain head
  let modality: Modality = c.modality ?? 'asserted';
  let negated = c.lemma === 'fail' || modality === 'negated';
  let future = modality === 'planned';
  let hypothetical = false;
  let must = false;
  const from = Math.max(0, c.head - 6);
  for (let j = c.head - 1; j >= from; j--) {
    const w = t.lower[j];
    if (boundary[j] || inActor[j] >= 0) {
      if (w === 'if' || w === 'unless') hypothetical = true;
      break;
    }
    if (NEGATORS.has(w)) negated = true;
    else if (FUTURE_AUX.has(w)) {
      future = true;
      // "will impose sanctions if/unless …": a conditional act
      for (let k = c.after; k < t.n; k++)
        if (t.lower[k] === 'if' || t.lower[k] === 'unless') hypothetical = true;
    } else if (CONDITIONAL_AUX.has(w)) {
      if (sentenceHasIf) hypothetical = true;
      else if (w === 'should') must = true;
      else future = true;
    } else if (HYPOTHETICAL_AUX.has(w)) hypothetical = true;
    else if (w === 'must') must = true;
    else if (
      w === 'to' &&
      j > 0 &&
      (FUTURE_ADJ.has(t.lower[j - 1]) || CONTROL.get(lemmaOf(model, t.lower[j - 1])) === 'planned')
    )
      future = true;
    else if (w === 'allegedly' || w === 'purportedly' || w === 'suspected') modality = 'alleged';
    else if (w === 'reportedly') modality = 'reported';
  }
  // "is to visit", "are due to"
  if (!future && c.head >= 2 && t.lower[c.head - 1] === 'to' && BE.has(t.lower[c.head - 2])) future = true;
  let code = code0;
  let plover: string | null | undefined;
  if (negated && future && isCooperative(code)) code = compose('120', code);
  // planned or conditional force is a threat; a reduction of relations announced for the future
  // ("will suspend aid", "would prohibit all aid") is the sanction itself, planned, unless conditional
  else if ((future || hypothetical) && isForce(code) && !negated && (hypothetical || !code.startsWith('16')))
    code = threat(code);
  else if ((future || hypothetical) && isCooperative(code) && !negated) plover = 'AGREE';
  // PLOVER 2.0 codes an official resignation as RETREAT (mode "resign"), not CONCEDE
  else if (c.lemma === 'resign' && code.startsWith('083')) plover = 'RETREAT';
  // a condition ("… unless Israel rescinded …") or a relative clause ("…, whom authorities blame")
  // is not an event of its own beside the main one
  if (sc.emitted > 0 && (conditionClause(t, c.head, boundary) || relativeClause(t, c.head, boundary))) return;
  if (negated) modality = 'negated';
  else if (hypothetical) modality = 'hypothetical';
  else if (future) modality = 'planned';
  // "X said Y must …", "X warned that Y must …": a demand of X on Y
  let demandBy: ActorMention | null = null;
  if ((must || c.must) && !negated) {
    const rep = [...reports].reverse().find((r) => r.at < c.head && r.speaker);
    if (rep?.speaker) demandBy = rep.speaker;
    else {
      let thatAt = -1;
      for (let j = c.head - 1; j >= 0; j--)
        if (t.lower[j] === 'that') {
          thatAt = j;
          break;
        }
      if (thatAt > 0) demandBy = subjectOf(t, thatAt, actors, boundary, ctx, null, si).single;
    }
    if (demandBy) {
      if (!c.must) code = compose('100', code);
      modality = 'asserted';
      plover = undefined;
    } else if (c.must) return;
  }
  emitRoles(sc, c, code, plover, modality, demandBy);
}

/** Source and target actors of a chain (passive, addressees, the lead speaker of a report). */
function emitRoles(
  sc: SentenceScope,
  c: Chain,
  code0: string,
  plover0: string | null | undefined,
  modality0: Modality,
  demandBy: ActorMention | null,
): void {
  const { ctx, t, actors, inActor, boundary, reports, accordingTo, si } = sc;
  const model = ctx.model;
  let code = code0;
  let plover = plover0;
  let modality = modality0;

  // passive voice: "was attacked by X"
  const lastW = t.lower[c.last];
  const passive =
    !c.noun &&
    (lastW.endsWith('ed') || lastW.endsWith('en') || PAST_IRREGULAR.test(lastW)) &&
    c.last > 0 &&
    (BE.has(t.lower[c.last - 1]) ||
      (c.last > 1 && BE.has(t.lower[c.last - 2]) && t.lower[c.last - 1].endsWith('ly')));

  const subj = c.owner
    ? { group: [c.owner], single: c.owner }
    : c.coordinated && sc.prevSubject.length
      ? { group: sc.prevSubject, single: sc.prevSubject[0] }
      : subjectOf(t, c.head, actors, boundary, ctx, sc.prevSource, si);
  sc.prevSubject = subj.group;
  let sources = subj.group.map((a) => withCountry(a, actors, c.head, t));
  let targets: ActorMention[] = [];
  if (demandBy) {
    targets = sources.filter((x) => x.code !== (demandBy as ActorMention).code);
    if (!targets.length) {
      // "told Iraq that it must …": the addressee is the last other actor before the obligation
      for (const a of actors) {
        if (a.e > c.head) break;
        if (!a.pronoun && a.group !== demandBy.group && a.code !== demandBy.code) targets = [a];
      }
    }
    sources = [demandBy];
  }
  let byAgent: ActorMention[] = [];
  let withTarget = false;
  const clauseEnd = clauseEndOf(t, c.after, boundary);
  if (demandBy) {
    // source and target are set
  } else if (passive) {
    byAgent = byAgentOf(t, c, clauseEnd, actors, inActor);
    if (byAgent.length) {
      targets = sources;
      sources = byAgent;
    } else {
      targets = sources;
      sources = [];
      if (!isForce(code)) return;
    }
  } else {
    const obj = objectOf(sc, c, code, sources, clauseEnd);
    let first = obj.first;
    withTarget = obj.withTarget;
    if (c.giver) {
      targets = sources;
      sources = actors.filter((x) => x.group === (c.giver as ActorMention).group && !x.pronoun);
      first = null;
    }
    if (first) targets = actors.filter((x) => x.group === (first as ActorMention).group && !x.pronoun);
  }
  if (!sources.length && !targets.length) return;
  // "A said (that) B attacked C" is A accusing B (112); "A said it attacked C" is A claiming it (015)
  const lead = relativeClause(t, c.head, boundary)
    ? undefined
    : [...reports].reverse().find((r) => r.at < c.head && r.speaker && !r.trailing);
  if (lead?.speaker && /^(18|19|20)/.test(code) && modality === 'asserted' && sources.length) {
    const sp = withCountry(lead.speaker, actors, c.head, t);
    const same = sources.some((x) => x.start === sp.start || (x.country && x.country === sp.country));
    plover = undefined;
    if (same) {
      // PLOVER has no statement type: a claim of responsibility reports the claimant's own act
      plover = ploverOf(model, code);
      code = '015';
    } else {
      targets = sources;
      code = lead.lemma === 'deny' ? '016' : '112';
    }
    sources = [sp];
  }
  // modality from reporting clauses
  if (modality === 'asserted') {
    const rep = reports.find((r) => r.speaker);
    if (accordingTo) modality = 'reported';
    else if (rep?.speaker && !sources.some((s) => s.code.slice(0, 3) === rep.speaker?.code.slice(0, 3))) {
      modality = rep.lemma === 'claim' || rep.lemma === 'allege' ? 'alleged' : 'reported';
    }
  }
  if (sources.length) sc.prevSource = sources;
  sc.emitted++;
  sc.lastEmitted = c;
  emitEvents(sc, c, code, plover, modality, sources, targets, withTarget, demandBy);
}

/** The agent of a passive verb ("was attacked by X"): X's compound group, or none. */
function byAgentOf(
  t: SentenceTokens,
  c: Chain,
  clauseEnd: number,
  actors: ActorMention[],
  inActor: Int32Array,
): ActorMention[] {
  let byAgent: ActorMention[] = [];
  for (let j = c.after; j < clauseEnd && j < c.after + 4; j++) {
    if (t.lower[j] !== 'by') continue;
    for (let k = j + 1; k < Math.min(t.n, j + 5); k++) {
      if (inActor[k] >= 0) {
        const a = actors[inActor[k]];
        if (!a.pronoun) byAgent = actors.filter((x) => x.group === a.group && !x.pronoun);
        break;
      }
    }
    break;
  }
  return byAgent;
}

/** The first actor after the verb that can be its object, and whether it follows "with". */
function objectOf(
  sc: SentenceScope,
  c: Chain,
  code: string,
  sources: ActorMention[],
  clauseEnd: number,
): { first: ActorMention | null; withTarget: boolean } {
  const { t, actors, speakers } = sc;
  let withTarget = false;
  const srcStarts = new Set(sources.map((s) => s.start));
  const srcGroups = new Set(actors.filter((a) => srcStarts.has(a.start)).map((a) => a.group));
  const lim = Math.min(clauseEnd, c.after + 14);
  let first: ActorMention | null = null;
  const meeting = /^(040|041|043|044|045|046|057|06)/.test(code);
  for (const a of actors) {
    if (a.s < c.after || a.s >= lim || a.pronoun || srcGroups.has(a.group) || speakers.has(a)) continue;
    // "met in Moscow": the place of a meeting is its location, not its target
    if (meeting && a.s > 0 && (t.lower[a.s - 1] === 'in' || t.lower[a.s - 1] === 'at') && a.code.length === 3)
      continue;
    // an agent word modifying the noun after it is no actor ("military exercises", "war games")
    if (attributiveAgent(t, a)) continue;
    first ??= a;
    if (a.country) {
      first = a;
      break;
    }
  }
  if (c.object) first = c.object;
  if (first && !c.object) {
    const w1 = first.s > 0 ? t.lower[first.s - 1] : '';
    const w2 = first.s > 1 ? t.lower[first.s - 2] : '';
    withTarget = w1 === 'with' || (w2 === 'with' && DETERMINERS.has(w1));
  }
  return { first, withTarget };
}

/** The codebook rules on the coded roles, then one event per source and target pair. */
function emitEvents(
  sc: SentenceScope,
  c: Chain,
  code0: string,
  plover: string | null | undefined,
  modality: Modality,
  sources0: ActorMention[],
  targets: ActorMention[],
  withTarget: boolean,
  demandBy: ActorMention | null,
): void {
  const { t, si, start, end, out, place } = sc;
  let code = code0;
  let sources = sources0;
  if (!sources.some((x) => x.country) && !targets.some((x) => x.country)) return;
  // plain statements are attribution, not events (denials 016, claims 015 and symbolic acts stay)
  if (/^01[0-4]/.test(code)) return;
  // "deny entry/visas/access to …" withholds something; only denying a claim is CAMEO 016
  if (code === '016' && c.lemma === 'deny' && WITHHELD.has(t.lower[c.after] ?? '')) return;
  // material cooperation, aid and sanctions need a recipient (PLOVER COOPERATE, AID, SANCTION)
  if (/^(06|07|16)/.test(code) && !targets.length && !(SYMMETRIC.test(code) && sources.length > 1)) return;
  // an agent of unknown country acting on actors of one country is most often domestic:
  // "a judge opened investigations against Chilean officials", "refugees … against the Russian government"
  // (not for appeals, demands, criticism and threats, which are as often addressed abroad)
  const tc = targets.length ? targets[0].country : null;
  if (tc && targets.every((x) => x.country === tc) && !/^(02|10|11|12|13)/.test(code)) {
    sources = sources.map((x) =>
      !x.country &&
      !x.pronoun &&
      x.code.startsWith('---') &&
      !targets.some((g) => g.code === tc + x.code.slice(3))
        ? { ...x, code: tc + x.code.slice(3), country: tc }
        : x,
    );
  }
  // armed forces or rebels surrendering retreat militarily (CAMEO 0874 "retreat or surrender militarily")
  if (code === '080' && c.lemma === 'surrender' && sources.some((x) => /^(MIL|REB|UAF)/.test(x.role)))
    code = '0874';
  // damage or violence by protesters is a violent protest (CAMEO 145 "protest violently, riot";
  // PLOVER PROTEST, mode vandalize): "the embassy was torched by protesters"
  // (not the use of weapons of war: "demonstrators launched missiles" stays 19x)
  if (
    (/^(171|18)/.test(code) || code === '190') &&
    sources.length &&
    sources.every((x) => !x.pronoun && (PROTESTERS.test(x.name) || PROTESTERS.test(t.lower[x.e] ?? '')))
  )
    code = '145';
  // joint exercises are military cooperation (CAMEO 062; PLOVER COOPERATE: "joint military games and
  // maneuvers"), not a show of force: exercises held by two parties together, or called joint
  if (code.startsWith('15') && (sources.length > 1 || withTarget || jointWords(t, c.head, c.after))) {
    for (let j = c.after; j < Math.min(t.n, c.after + 6) && t.lower[j] !== ','; j++)
      if (EXERCISES.has(t.lower[j])) {
        code = '062';
        break;
      }
  }
  const trigger: Span = { start: t.starts[c.head], end: t.ends[Math.max(c.last, c.after - 1)] };
  const evidence: Span = { start, end };
  const push = (s: ActorMention | null, g: ActorMention | null) => {
    if (s && g && (s.start === g.start || (s.code === g.code && s.code.length > 3))) return;
    // "X killed A and wounded B": a second event of the same kind by the same source without a
    // target of its own (or with the same target: "donated and delivered goods to B") adds nothing
    // to the one already coded in this sentence
    if (s) {
      for (let k = out.length - 1; k >= 0 && out[k].sentence === si; k--) {
        const o = out[k];
        if (
          o.source?.code === s.code &&
          o.code.slice(0, 2) === code.slice(0, 2) &&
          o.trigger.start !== trigger.start &&
          (!g || o.target?.code === g.code)
        )
          return;
      }
    }
    out.push({ code, plover, source: s, target: g, modality, trigger, evidence, sentence: si, place });
  };
  const symmetric = SYMMETRIC.test(code);
  const reciprocal = RECIPROCAL.test(code);
  if (symmetric && sources.length > 1 && !targets.length) {
    for (let a = 0; a < sources.length; a++)
      for (let b = a + 1; b < sources.length; b++) {
        push(sources[a], sources[b]);
        if (reciprocal) push(sources[b], sources[a]);
      }
  } else if (
    withTarget &&
    RECIPROCAL_WITH.test(code) &&
    sources.length &&
    !demandBy &&
    !UNILATERAL.has(c.lemma)
  ) {
    for (const s of sources)
      for (const g of targets) {
        push(s, g);
        push(g, s);
      }
  } else if (!sources.length) {
    for (const g of targets) push(null, g);
  } else if (!targets.length) {
    for (const s of sources) push(s, null);
  } else {
    for (const s of sources) for (const g of targets) push(s, g);
  }
}

/** Objects of "receive" that are aid ("received weapons from …"). */
const RECEIVED_AID = new Set([
  'weapons',
  'arms',
  'aid',
  'assistance',
  'funds',
  'funding',
  'loans',
  'loan',
  'supplies',
  'donations',
]);

/** Objects of "deny" that are withheld things, not claims ("denied entry to …"). */
const WITHHELD = new Set([
  'entry',
  'access',
  'visa',
  'visas',
  'permission',
  'admission',
  'passage',
  'landing',
]);

/** Participles read as adjectives when a preposition follows ("armed with", "aimed at", "linked to"). */
const ADJECTIVAL_PARTICIPLES = new Set(['armed', 'aimed', 'equipped', 'loaded', 'linked', 'based', 'tasked']);

const STOP_VERBS = new Set([
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'am',
  'has',
  'have',
  'had',
  'do',
  'does',
  'did',
  'will',
  'would',
  'can',
  'could',
  'may',
  'might',
  'shall',
  'should',
  'must',
]);

const AFFILIATION_SUFFIX = new Set([
  'led',
  'backed',
  'based',
  'made',
  'owned',
  'run',
  'sponsored',
  'allied',
  'funded',
  'supported',
  'controlled',
  'held',
]);
const PRONOUN_SUBJECTS = new Set(['he', 'she', 'it', 'they', 'we', 'i']);
const TIME_WORDS = new Set([
  'today',
  'yesterday',
  'tonight',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'now',
  'then',
  'recently',
  'earlier',
  'later',
  'overnight',
  'week',
  'month',
  'year',
  'ago',
]);
const SUBJECT_WORDS = new Set([
  'who',
  'which',
  'that',
  'and',
  'or',
  'also',
  'then',
  'both',
  'jointly',
  'together',
]);
const PAST_IRREGULAR =
  /^(said|told|met|held|gave|took|made|sent|sold|told|fought|shot|sought|brought|left|led|struck|withdrew|broke|threw|blew|drew|flew|went|came|saw|spoke|wrote|rose|laid|paid|won|lost|stole|swore|overthrew|began|kept|fled|froze|stood|understood|beat|hit|cut|set|put|shut|cast|spread|bid|hurt|forbade|forgave|undertook|dealt|bore)$/;

/**
 * Whether a word the verb dictionary knows is used as a verb here: past tense
 * forms are, unless a determiner precedes; base and -s forms need a subject,
 * an auxiliary, an adverb or a coordinator right before ("Russia warns",
 * "will meet"), so that "military aid", "power lines" or "supply arms" are not verbs.
 */
function verbish(
  t: SentenceTokens,
  i: number,
  inActor: Int32Array,
  actors: ActorMention[],
  model: EventsModel,
): boolean {
  if (i === 0) return false;
  const w = t.lower[i];
  const prev = t.lower[i - 1];
  if (DETERMINERS.has(prev)) return false;
  const past = w.endsWith('ed') || PAST_IRREGULAR.test(w);
  if (past || w.endsWith('ing')) return true;
  if (BE.has(prev)) return false; // "was fine", "is key
  if (AUX.has(prev) || ADVERBS.has(prev) || prev.endsWith('ly') || SUBJECT_WORDS.has(prev) || prev === ',')
    return true;
  const k = inActor[i - 1];
  if (k >= 0) {
    const a = actors[k];
    if (a.pronoun) return true;
    if (a.code.startsWith('---') && a.e - a.s === 1 && !t.lower[a.s].endsWith('s')) return false; // "military aid"
    if (model.demonyms.has(t.key[a.e - 1])) return false; // "Russian aid"
    const pa = a.s > 0 ? t.lower[a.s - 1] : '';
    if (
      pa === 'a' ||
      pa === 'an' ||
      (/^[a-z]+$/.test(pa) &&
        !DETERMINERS.has(pa) &&
        !AUX.has(pa) &&
        !SUBJECT_WORDS.has(pa) &&
        !PREPOSITIONS.has(pa) &&
        !TIME_WORDS.has(pa) &&
        !SUBORDINATORS.has(pa))
    )
      return false; // "a key U.S. ally"
    return true;
  }
  // a capitalised name before: "Obama wants", "Putin meets"
  return t.cap[i - 1] === 1 && /^[a-z]+$/.test(prev);
}

/** Whether the token before i is an auxiliary (so i is a verb, whatever precedes). */
function aux0(t: SentenceTokens, i: number): boolean {
  return i > 0 && AUX.has(t.lower[i - 1]);
}

const ADVERBS = new Set([
  'also',
  'still',
  'not',
  "n't",
  'already',
  'again',
  'now',
  'never',
  'just',
  'then',
  'reportedly',
  'allegedly',
]);
const AUX = new Set([
  ...BE,
  'has',
  'have',
  'had',
  'will',
  'would',
  'shall',
  'should',
  'may',
  'might',
  'could',
  'can',
  'do',
  'does',
  'did',
  'to',
  "'ll",
  "'d",
  'must',
]);

/** Whether an auxiliary (be, have, a modal or infinitive "to") governs the verb at i. */
function auxBefore(t: SentenceTokens, i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const w = t.lower[j];
    if (AUX.has(w)) return true;
    if (!ADVERBS.has(w) && !w.endsWith('ly')) return false;
  }
  return false;
}

function entityMentionsIn(all: CoderContext['entityMentions'], start: number, end: number) {
  // binary search for the first mention at or after start
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: CoderContext['entityMentions'] = [];
  for (let i = lo; i < all.length && all[i].start < end; i++) if (all[i].end <= end) out.push(all[i]);
  return out;
}

function clauseEndOf(t: SentenceTokens, from: number, boundary: Uint8Array): number {
  for (let j = from; j < t.n; j++) {
    if (boundary[j] && t.lower[j] !== 'that') return j;
  }
  return t.n;
}

/** The object table of a verb: its phrasal form first ("call off" a strike), else its lemma. */
function objectKey(model: EventsModel, entry: VerbEntry): string {
  if (entry.particles.length) {
    const phrasal = `${entry.lemma} ${entry.particles.join(' ')}`;
    if (model.objects.has(phrasal)) return phrasal;
  }
  return entry.lemma;
}

/** The code given by the object noun of a light verb ("held talks", "imposed sanctions"); null = no event; undefined = no object found. */
function objectCode(
  model: EventsModel,
  lemma: string,
  t: SentenceTokens,
  after: number,
  lem: Lemmas,
): string | null | undefined {
  const objects = model.objects.get(lemma);
  if (!objects) return undefined;
  const lim = Math.min(t.n, after + 5);
  for (let j = after; j < lim; j++) {
    const w = t.lower[j];
    if (w === ',' || w === '.' || w === 'that') break;
    const hit =
      objects.get(lem.at(j)) ??
      objects.get(w) ??
      (j + 1 < t.n ? objects.get(`${w} ${t.lower[j + 1]}`) : undefined);
    if (hit !== undefined) return hit === '' ? null : hit;
  }
  return undefined;
}

/** The code of a verb at token i: object nouns, then the most specific dictionary pattern, then the default. */
function codeFor(
  model: EventsModel,
  entry: VerbEntry,
  t: SentenceTokens,
  i: number,
  after: number,
  lem: Lemmas,
): string | null {
  const obj = objectCode(model, objectKey(model, entry), t, after, lem);
  if (obj !== undefined) return obj;
  const index = model.blockIndex[entry.block];
  let best: string | null = null;
  // a curated default (or a curated "no event") yields only to specific patterns of two words or more
  let bestW = model.curated.has(entry.lemma) || CONTROL.has(entry.lemma) ? 1 : 0;
  if (index) {
    let postEnd = Math.min(t.n, after + 8);
    for (let j = after; j < postEnd - 1; j++) {
      if (t.lower[j] === 'to' && t.info[j + 1]?.forms) {
        postEnd = j;
        break;
      }
    }
    // lemmas of the window after the verb: a pattern whose words are not all there cannot match
    // (at most eight lemmas: a plain array scan is cheaper than building a Set per verb)
    const win: string[] = [];
    for (let j = after; j < postEnd; j++) win.push(lem.at(j));
    const root = entry.code ? entry.code.slice(0, 2) : null;
    const consider = (p: VerbPattern) => {
      if (p.weight <= bestW) return;
      // a pattern written for a verb of the block used in another sense ("* POWERS [111] # BLAST"
      // in the block of "blow up") does not code this verb
      if (p.verb !== null && p.verb !== entry.lemma && p.verbRoot !== root) return;
      for (const item of p.post) if (typeof item === 'string' && !win.includes(item)) return;
      if (p.post.length && !matchSeq(p.post, t, after, postEnd, lem)) return;
      if (p.pre.length && !matchPre(p.pre, t, i, lem)) return;
      if (!p.post.length && !p.pre.length) return;
      best = p.code;
      bestW = p.weight;
    };
    const lim = Math.min(postEnd, after + MAX_GAP + 1);
    for (let j = after; j < lim; j++) {
      const list = index.byFirst.get(lem.at(j));
      if (list) for (const p of list) consider(p);
    }
    for (const p of index.other) consider(p);
  }
  if (entry.code === null && best && bestW < 1) return null;
  return best ?? entry.code;
}

/** "Russia's visit to …", "Russian airstrikes on …": a noun trigger owned by an actor just before it. */
function nounTrigger(
  t: SentenceTokens,
  i: number,
  actors: ActorMention[],
  inActor: Int32Array,
  model: EventsModel,
): Chain | null {
  if (inActor[i] >= 0 || !t.info[i]?.noun) return null;
  let code = model.nouns.get(t.lower[i]);
  let end = i + 1;
  if (i + 1 < t.n) {
    const two = model.nouns.get(`${t.lower[i]} ${t.lower[i + 1]}`);
    if (two) {
      code = two;
      end = i + 2;
    }
  }
  if (!code) return null;
  // owner: actor immediately before (possibly with 's)
  let j = i - 1;
  if (j >= 0 && (t.lower[j] === "'s" || t.lower[j] === '’s')) j--;
  if (j < 0 || inActor[j] < 0) return null;
  const owner = actors[inActor[j]];
  if (owner.pronoun || !owner.country) return null; // "military aid", "naval blockade" have no owner
  // needs a directed complement: visit to X, strikes on X, sanctions against X, talks with X
  const w = t.lower[end];
  if (!w || !['to', 'on', 'against', 'with', 'in', 'into', 'of', 'for', 'between'].includes(w)) return null;
  return {
    head: owner.s,
    last: i,
    after: end,
    code,
    modality: null,
    report: false,
    lemma: t.lower[i],
    noun: true,
    headCode: code,
    must: false,
    coordinated: false,
    object: undefined,
    owner,
    giver: undefined,
  };
}

/** The subject of the clause whose verb is at `head`: first actor group not inside a prepositional phrase. */
function subjectOf(
  t: SentenceTokens,
  head: number,
  actors: ActorMention[],
  boundary: Uint8Array,
  ctx: CoderContext,
  prevSource: ActorMention[] | null,
  si: number,
): { group: ActorMention[]; single: ActorMention | null } {
  let clauseStart = 0;
  for (let j = head - 1; j >= 0; j--) {
    if (boundary[j]) {
      clauseStart = j + 1;
      break;
    }
  }
  let pick: ActorMention | null = null;
  let fallback: ActorMention | null = null;
  for (const a of actors) {
    if (a.e > head) break;
    if (a.s < clauseStart) continue;
    const before = a.s > 0 ? t.lower[a.s - 1] : '';
    if (a.s === head) continue;
    const before2 = a.s > 1 ? t.lower[a.s - 2] : '';
    const inPP =
      (PREPOSITIONS.has(before) && !(before === 'of' && a.s >= 2 && isQuantity(before2))) ||
      (DETERMINERS.has(before) &&
        PREPOSITIONS.has(before2) &&
        !(before2 === 'of' && a.s >= 3 && isQuantity(t.lower[a.s - 3])));
    if (inPP) {
      fallback = a;
      continue;
    }
    pick = a;
    break;
  }
  if (!pick && fallback && !fallback.pronoun) pick = fallback;
  if (pick?.pronoun) {
    const resolved = resolvePronoun(t, pick, ctx, si, prevSource, actors, clauseStart);
    return { group: resolved ? [resolved] : [], single: resolved };
  }
  if (!pick && ctx.lastPair && head >= 2) {
    // "the two countries signed …", "both sides praised …": the pair of the previous event
    const n1 = t.lower[head - 1];
    const n2 = t.lower[head - 2];
    const n3 = head >= 3 ? t.lower[head - 3] : '';
    if (/^[a-z]+s$/.test(n1) && (n2 === 'both' || (n2 === 'two' && n3 === 'the'))) {
      const pair = ctx.lastPair.map((a) => ({ ...a, group: -2, s: head - 1, e: head }));
      return { group: pair, single: pair[0] };
    }
  }
  if (!pick) {
    // no subject in this clause: a coordinated verb shares the previous subject ("met X and signed …")
    if (prevSource?.length && clauseStart === 0) return { group: prevSource, single: prevSource[0] };
    if (
      clauseStart > 0 &&
      prevSource?.length &&
      (t.lower[clauseStart - 1] === 'and' || t.lower[clauseStart - 1] === 'but')
    )
      return { group: prevSource, single: prevSource[0] };
    return { group: [], single: null };
  }
  // "Kenzo Oshima, the UN relief coordinator, demanded …": the apposition names the role acted in
  if (!pick.pronoun && t.lower[pick.e] === ',' && DETERMINERS.has(t.lower[pick.e + 1] ?? '')) {
    const p0 = pick;
    const app = actors.find(
      (b) =>
        b.s > p0.e + 1 &&
        b.s <= p0.e + 4 &&
        b.e < head &&
        /^(IGO|NGO)/.test(b.code) &&
        b.code.slice(0, 3) !== p0.code.slice(0, 3),
    );
    if (app) {
      let closed = false;
      for (let j = app.e; j < head && j <= app.e + 6; j++) if (t.lower[j] === ',') closed = true;
      if (closed && !t.lower.slice(p0.e + 1, app.s).includes(',')) pick = app;
    }
  }
  // "the two leaders", "both sides": the pair of the previous event
  if (!pick.country && ctx.lastPair) {
    const w1 = pick.s > 0 ? t.lower[pick.s - 1] : '';
    const w2 = pick.s > 1 ? t.lower[pick.s - 2] : '';
    if ((w1 === 'two' && w2 === 'the') || w1 === 'both') {
      const role = pick.role;
      const pair = ctx.lastPair.map((a) => {
        const code = a.country ? a.country + (role || a.role) : a.code;
        // the actors keep their own (earlier) mentions as spans
        return { ...a, code, role: role || a.role, group: pick.group, s: pick.s, e: pick.e };
      });
      return { group: pair, single: pair[0] };
    }
  }
  const group = actors.filter((x) => x.group === pick.group && !x.pronoun);
  return { group, single: pick };
}

/**
 * An agent without a country borrows one from the rest of its noun phrase:
 * "doctors from two American aid groups", "militants loyal to Iraq's …",
 * "students throughout Indonesia".
 */
function withCountry(a: ActorMention, actors: ActorMention[], head: number, t: SentenceTokens): ActorMention {
  // an ethnic group is coded by where it lives: "ethnic Albanians in south Serbia" → SRBCVL
  if (a.code.length === 3 && a.s >= 0 && a.e - a.s === 1 && t.lower[a.s]?.endsWith('s') && a.e < head) {
    let j = a.e;
    if (t.lower[j] === 'in' || t.lower[j] === 'of') {
      j++;
      while (j < head && j - a.e <= 3 && !t.cap[j]) j++;
      const b = actors.find((x) => x.s === j && x.country && x.country !== a.country && x.code.length === 3);
      if (b) return { ...a, code: `${b.country}CVL`, country: b.country, role: 'CVL' };
    }
  }
  // "ethnic Albanians demonstrated in Serbia": an ethnic group acting in another country lives there
  if (a.code.length === 3 && a.s > 0 && t.lower[a.s - 1] === 'ethnic') {
    const p = actors.find(
      (x) =>
        x.s > a.e &&
        (t.lower[x.s - 1] === 'in' || t.lower[x.s - 1] === 'throughout') &&
        x.country &&
        x.country !== a.country &&
        x.code.length === 3,
    );
    if (p) return { ...a, code: `${p.country}CVL`, country: p.country, role: 'CVL' };
  }
  if (a.country || a.pronoun || !a.code.startsWith('---')) return a;
  for (const b of actors) {
    if (b.s < a.e || b.pronoun) continue;
    if (b.s >= head || b.s - a.e > 6) break;
    if (!b.country) continue;
    let clean = true;
    for (let j = a.e; j < b.s; j++) if (t.lower[j] === ',' || t.lower[j] === 'and') clean = false;
    if (!clean) break;
    const code = b.country + a.code.slice(3);
    return { ...a, code, country: b.country };
  }
  return a;
}

/** Who a reporting verb attributes to: "…, Turkish state media said", "…, said the minister", "X said that …". */
function speakerOf(
  t: SentenceTokens,
  head: number,
  actors: ActorMention[],
  boundary: Uint8Array,
  ctx: CoderContext,
  si: number,
): ActorMention | null {
  let before: ActorMention | null = null;
  let after: ActorMention | null = null;
  for (const a of actors) {
    if (a.e <= head && head - a.e <= 2) before = a;
    if (a.s > head && a.s - head <= 2 && !after) after = a;
  }
  const comma =
    head > 0 && (t.lower[head - 1] === ',' || t.lower[head - 1] === '"' || t.lower[head - 1] === '”');
  if (comma && after && !after.pronoun) return after;
  if (before && !before.pronoun) {
    // trailing attribution: the speaker phrase follows the last comma
    let k = before.s - 1;
    while (k >= 0 && DETERMINERS.has(t.lower[k])) k--;
    if (k < 0 || t.lower[k] === ',' || t.lower[k] === '"' || t.lower[k] === '”' || boundary[k]) return before;
  }
  return subjectOf(t, head, actors, boundary, ctx, null, si).single;
}

/** Whether the clause of the verb at `head` is a relative clause (who, whom, which, whose). */
function relativeClause(t: SentenceTokens, head: number, boundary: Uint8Array): boolean {
  for (let j = head - 1; j >= 0; j--) {
    if (boundary[j]) {
      const w = t.lower[j];
      return w === 'who' || w === 'whom' || w === 'which' || w === 'whose';
    }
  }
  return false;
}

/** Whether the clause of the verb at `head` is introduced by "if" or "unless". */
function conditionClause(t: SentenceTokens, head: number, boundary: Uint8Array): boolean {
  for (let j = head - 1; j >= 0; j--) {
    if (boundary[j]) return t.lower[j] === 'if' || t.lower[j] === 'unless';
  }
  return false;
}

function isQuantity(w: string): boolean {
  return /^(\d|hundreds|thousands|dozens|millions|group|members|some|many|most|all|one|two|three|several|scores|tens)/.test(
    w,
  );
}

function resolvePronoun(
  t: SentenceTokens,
  p: ActorMention,
  ctx: CoderContext,
  si: number,
  prevSource: ActorMention[] | null,
  actors: ActorMention[],
  clauseStart: number,
): ActorMention | null {
  const w = t.lower[p.s];
  if (w === 'we' || w === 'i') {
    const q = ctx.quotes.find((q) => q.start <= p.start && q.end >= p.end);
    if (q) {
      const key = q.id;
      if (!ctx.speakerActors.has(key)) ctx.speakerActors.set(key, speakerActor(ctx, q));
      return ctx.speakerActors.get(key) ?? null;
    }
    return null;
  }
  // the subject of an earlier clause in the sentence ("Syria says it will …")
  for (const a of actors) {
    if (a.s >= clauseStart || a.pronoun) break;
    const before = a.s > 0 ? t.lower[a.s - 1] : '';
    const before2 = a.s > 1 ? t.lower[a.s - 2] : '';
    if (PREPOSITIONS.has(before) || (DETERMINERS.has(before) && PREPOSITIONS.has(before2))) continue;
    return a;
  }
  if (prevSource?.length) return prevSource[0];
  void si;
  return ctx.lastSource;
}

function speakerActor(ctx: CoderContext, q: Document['quotes'][number]): ActorMention | null {
  const span = q.speakerSpan;
  if (!span) return null;
  const t = sentenceTokens(ctx.text, span.start, span.end, ctx.model);
  const ents = entityMentionsIn(ctx.entityMentions, span.start, span.end);
  const found = findActors(ctx.text, t, ctx.model, ents).filter((a) => !a.pronoun);
  return found[0] ?? null;
}

// ---------------------------------------------------------------- document level

/** Codes every sentence of a document and deduplicates repeated mentions. */
export function codeDocument(doc: Document, model: EventsModel): PoliticalEvent[] {
  const entityMentions: CoderContext['entityMentions'] = [];
  for (const e of doc.entities ?? []) {
    if (!e.actor && !e.country) continue;
    for (const m of e.mentions) entityMentions.push({ start: m.start, end: m.end, entity: e });
  }
  entityMentions.sort((a, b) => a.start - b.start || b.end - a.end);
  const ctx: CoderContext = {
    text: doc.text,
    model,
    entityMentions,
    quotes: doc.quotes ?? [],
    speakerActors: new Map(),
    lastSource: null,
    lastPair: null,
  };
  const coded: CodedEvent[] = [];
  doc.sentences.forEach((s, si) => {
    codeSentence(ctx, si, s.start, s.end, coded);
  });
  return finalize(doc, model, coded);
}

const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?/;

function finalize(doc: Document, model: EventsModel, coded: CodedEvent[]): PoliticalEvent[] {
  const times = (doc.times ?? []).filter(
    (x) => (x.type === 'DATE' || x.type === 'TIME') && DATE_RE.test(x.value),
  );
  const locations = (doc.entities ?? [])
    .filter((e) => e.type === 'GPE' || e.type === 'LOC' || e.type === 'FAC')
    .flatMap((e) => e.mentions.map((m) => ({ start: m.start, end: m.end, name: e.name })));
  const events: PoliticalEvent[] = [];
  const byKey = new Map<string, { ev: PoliticalEvent; dated: boolean }[]>();
  for (const c of coded) {
    const stated = dateFor(times, c);
    const date = stated ?? doc.meta.published ?? null;
    const location = locationFor(doc.text, locations, c);
    const src = c.source;
    const tgt = c.target;
    // a pair coded once (A and B clashed) is the same event whichever actor is named first;
    // reciprocal events are coded in both directions, so their direction is kept
    const sym = SYMMETRIC.test(c.code) && !RECIPROCAL.test(c.code);
    const a = src?.code ?? '';
    const b = tgt?.code ?? '';
    const pair = sym && a > b ? `${b}|${a}` : `${a}|${b}`;
    // the same event again: same code, actors and modality, and no conflicting stated date
    const key = `${c.code}|${pair}|${c.modality}`;
    const same = byKey.get(key)?.find((x) => !stated || !x.dated || x.ev.date === date);
    if (same) {
      const seen = same.ev;
      if (seen.evidence.start !== c.evidence.start) {
        seen.mentions ??= [];
        if (!seen.mentions.some((m) => m.start === c.evidence.start)) seen.mentions.push(c.evidence);
      }
      if (stated && !same.dated) {
        seen.date = date;
        same.dated = true;
      }
      continue;
    }
    const info = codeInfo(model, c.code);
    const ev: PoliticalEvent = {
      id: `ev${events.length + 1}`,
      code: c.code,
      plover: c.plover ?? ploverOf(model, c.code),
      source: src ? toActor(src) : { entity: null, name: '', country: null, actor: null, span: null },
      target: tgt ? toActor(tgt) : null,
      date,
      location,
      goldstein: info.goldstein,
      modality: c.modality,
      evidence: c.evidence,
      trigger: c.trigger,
    };
    const list = byKey.get(key);
    if (list) list.push({ ev, dated: stated !== null });
    else byKey.set(key, [{ ev, dated: stated !== null }]);
    events.push(ev);
  }
  return events;
}

function toActor(a: ActorMention) {
  return {
    entity: a.entity,
    name: a.name,
    country: a.country,
    actor: a.code || null,
    span: { start: a.start, end: a.end },
  };
}

/** The time expression of the event's sentence nearest its trigger (within a clause's reach), or null. */
function dateFor(times: Document['times'], c: CodedEvent): string | null {
  let best: string | null = null;
  let bestD = MAX_DATE_DISTANCE;
  for (const x of times) {
    if (x.start < c.evidence.start || x.end > c.evidence.end) continue;
    const d = x.start >= c.trigger.end ? x.start - c.trigger.end : Math.max(0, c.trigger.start - x.end);
    if (d <= bestD) {
      bestD = d;
      best = x.value.split('/')[0];
    }
  }
  return best;
}

/** Characters between a trigger and a time expression beyond which the time belongs to another clause. */
const MAX_DATE_DISTANCE = 60;

function locationFor(
  text: string,
  locs: { start: number; end: number; name: string }[],
  c: CodedEvent,
): string | null {
  for (const l of locs) {
    if (l.start < c.evidence.start || l.end > c.evidence.end) continue;
    const before = text.slice(Math.max(c.evidence.start, l.start - 4), l.start).toLowerCase();
    if (/\b(in|at)\s+$/.test(before)) return l.name;
  }
  // dictionary places after "in"/"at" (capitals, cities) when no entity layer is present
  return c.place ?? null;
}
