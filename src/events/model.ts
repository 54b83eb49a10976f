import type { ModelLoader } from '../models.ts';

/** The raw shape of `models/events.json.gz` (built by scripts/build/events-model.ts). */
export interface EventsModelFile {
  schema: string;
  synsets: Record<string, string[]>;
  /** [lemma, default code or null, particles, block index] */
  verbs: [string, string | null, string, number][];
  /** [words before the verb, words after the verb, code, the verb it was written for ('' = any)] per block */
  blocks: [string, string, string, string?][][];
  forms: Record<string, number[]>;
  nouns: Record<string, string>;
  objects: Record<string, Record<string, string>>;
  actors: Record<string, string>;
  agents: Record<string, string>;
  codes: Record<string, [string, number]>;
  plover: Record<string, string>;
  demonyms: string[];
  curated?: string[];
}

export interface VerbEntry {
  lemma: string;
  code: string | null;
  particles: string[];
  block: number;
}

/** One pattern item: a word lemma, or a synset (a list of lemma sequences). */
export type PatternItem = string | string[][];

/** A word trie over phrases: `c` is the code of the phrase ending here. */
export interface TrieNode {
  c?: string;
  n?: Map<string, TrieNode>;
}

function buildTrie(map: Map<string, string>): TrieNode {
  const root: TrieNode = {};
  for (const [phrase, code] of map) {
    let node = root;
    for (const w of phrase.split(' ')) {
      node.n ??= new Map();
      let next = node.n.get(w);
      if (!next) {
        next = {};
        node.n.set(w, next);
      }
      node = next;
    }
    node.c = code;
  }
  return root;
}

/** Patterns of one verb block, indexed by the first word after the verb. */
export interface BlockIndex {
  byFirst: Map<string, VerbPattern[]>;
  /** Patterns whose first post item is a synset, or that only have words before the verb. */
  other: VerbPattern[];
}

export interface VerbPattern {
  pre: PatternItem[];
  post: PatternItem[];
  code: string;
  /** Number of words, for choosing the most specific match. */
  weight: number;
  /**
   * The verb of the block the pattern was written for, with the root of that verb's code: the
   * pattern does not apply to a verb of the block coded in another root (another sense).
   */
  verb: string | null;
  verbRoot: string | null;
}

/** Everything the coder needs to know about one word, found with a single look-up per token. */
export interface WordInfo {
  forms?: VerbEntry[];
  /** Can start an event (coded verb form, verb with coded patterns or objects, noun trigger). */
  trigger: boolean;
  /** Starts a noun-trigger phrase. */
  noun: boolean;
  /** Trie nodes after this word in the actor and agent dictionaries. */
  actor?: TrieNode;
  agent?: TrieNode;
}

/** The events model indexed for coding: Maps and Sets built once at load time. */
export interface EventsModel {
  forms: Map<string, VerbEntry[]>;
  blocks: VerbPattern[][];
  blockIndex: BlockIndex[];
  nouns: Map<string, string>;
  /** Longest noun-trigger phrase length by first word. */
  nounFirst: Map<string, number>;
  objects: Map<string, Map<string, string>>;
  actors: Map<string, string>;
  actorFirst: Map<string, number>;
  actorTrie: TrieNode;
  agents: Map<string, string>;
  agentFirst: Map<string, number>;
  agentTrie: TrieNode;
  codes: Map<string, [string, number]>;
  plover: Map<string, string>;
  /** Nationality adjectives ("russian", "turkish"): a verb-looking word after one is a noun. */
  demonyms: Set<string>;
  /** Verbs whose default code was curated: dictionary patterns override it only when specific (2+ words). */
  curated: Set<string>;
  /** Words that can start an event (coded verb forms, verbs with coded patterns or objects, noun triggers). */
  triggers: Set<string>;
  /** Per-word index over forms, triggers, noun triggers and the first level of both dictionary tries. */
  lex: Map<string, WordInfo>;
}

const lemmaCache = new Map<string, string>();

/**
 * A small noun lemmatiser (plural → singular) with a few irregulars; verbs are
 * lemmatised through the inflection table of the model instead.
 */
export function nounLemma(w: string): string {
  const hit = lemmaCache.get(w);
  if (hit !== undefined) return hit;
  let l = w;
  const n = w.length;
  const irregular = IRREGULAR_NOUNS.get(w);
  if (irregular !== undefined) return irregular;
  if (w.charCodeAt(n - 1) !== 115 /* s */) return w;
  if (n > 4 && w.endsWith('ies')) l = `${w.slice(0, -3)}y`;
  else if (n > 4 && ES_PLURAL.test(w)) l = w.slice(0, -2);
  else if (n > 3 && !NOT_PLURAL.test(w)) l = w.slice(0, -1);
  if (lemmaCache.size < 50_000) lemmaCache.set(w, l);
  return l;
}

const ES_PLURAL = /(ches|shes|sses|xes|zes)$/;
const NOT_PLURAL = /(ss|us|is|ics|ws)$/;

const IRREGULAR_NOUNS = new Map<string, string>([
  ['men', 'man'],
  ['women', 'woman'],
  ['people', 'people'],
  ['children', 'child'],
  ['police', 'police'],
  ['forces', 'force'],
  ['talks', 'talk'],
  ['arms', 'arm'],
  ['news', 'news'],
  ['series', 'series'],
  ['crises', 'crisis'],
  ['analyses', 'analysis'],
]);

function firstIndex(keys: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) {
    const parts = k.split(' ');
    const n = parts.length;
    if ((m.get(parts[0]) ?? 0) < n) m.set(parts[0], n);
  }
  return m;
}

function compileItems(s: string, synsets: Map<string, string[][]>): PatternItem[] {
  if (!s) return [];
  const out: PatternItem[] = [];
  for (const w of s.split(' ')) {
    if (w.startsWith('&')) {
      const set = synsets.get(w);
      if (set) out.push(set);
    } else out.push(nounLemma(w));
  }
  return out;
}

const NON_TRIGGERS = (
  'is are was were be been being am has have had do does did will would can could may might shall ' +
  'said says say saying told tell tells according added adds stated noted'
).split(' ');

// The index is kept per loader, not beside the parsed file: once indexed, the file itself can be freed.
const cached = new WeakMap<ModelLoader, EventsModel>();

export const MODEL_FILE = 'events.json.gz';

/** Loads and indexes the events model (once per loader). */
export function loadEventsModel(models: ModelLoader): EventsModel {
  let model = cached.get(models);
  if (!model) {
    model = indexModel(models.json<EventsModelFile>(MODEL_FILE));
    cached.set(models, model);
  }
  return model;
}

export function indexModel(file: EventsModelFile): EventsModel {
  const synsets = new Map<string, string[][]>();
  for (const [name, phrases] of Object.entries(file.synsets)) {
    synsets.set(
      name,
      phrases.map((p) => p.split(' ').map(nounLemma)),
    );
  }
  const verbs: VerbEntry[] = file.verbs.map(([lemma, code, particles, block]) => ({
    lemma,
    code,
    particles: particles ? particles.split(' ') : [],
    block,
  }));
  const forms = new Map<string, VerbEntry[]>();
  for (const [f, idx] of Object.entries(file.forms))
    forms.set(
      f,
      idx.map((i) => verbs[i]),
    );
  const blockVerbCode = new Map<string, string | null>();
  for (const v of verbs) if (!v.particles.length) blockVerbCode.set(`${v.block} ${v.lemma}`, v.code);
  const blocks = file.blocks.map((b, bi) =>
    b.map(([pre, post, code, verb]) => {
      const p = compileItems(pre, synsets);
      const q = compileItems(post, synsets);
      const root = verb ? (blockVerbCode.get(`${bi} ${verb}`)?.slice(0, 2) ?? null) : null;
      return { pre: p, post: q, code, weight: p.length + q.length, verb: verb || null, verbRoot: root };
    }),
  );
  const objects = new Map<string, Map<string, string>>();
  for (const [verb, table] of Object.entries(file.objects)) objects.set(verb, new Map(Object.entries(table)));
  const nouns = new Map(Object.entries(file.nouns));
  const triggers = new Set<string>();
  for (const [f, entries] of forms) {
    if (entries.some((e) => e.code !== null || objects.has(e.lemma) || blocks[e.block]?.length))
      triggers.add(f);
  }
  // words that never start an event themselves (auxiliaries, plain reporting verbs)
  for (const w of NON_TRIGGERS) triggers.delete(w);
  for (const n of nouns.keys()) triggers.add(n.split(' ')[0]);
  for (const w of ['must', 'should']) triggers.add(w);
  const actors = new Map(Object.entries(file.actors));
  const agents = new Map(Object.entries(file.agents));
  const blockIndex: BlockIndex[] = blocks.map((b) => {
    const byFirst = new Map<string, VerbPattern[]>();
    const other: VerbPattern[] = [];
    for (const p of b) {
      const f = p.post[0];
      if (typeof f === 'string') {
        const list = byFirst.get(f);
        if (list) list.push(p);
        else byFirst.set(f, [p]);
      } else other.push(p);
    }
    return { byFirst, other };
  });
  const actorTrie = buildTrie(actors);
  const agentTrie = buildTrie(agents);
  const nounFirst = firstIndex(nouns.keys());
  const lex = new Map<string, WordInfo>();
  const info = (w: string): WordInfo => {
    let x = lex.get(w);
    if (!x) {
      // every entry gets all fields up front: one object shape keeps the coder's look-ups monomorphic
      x = { forms: undefined, trigger: false, noun: false, actor: undefined, agent: undefined };
      lex.set(w, x);
    }
    return x;
  };
  for (const [f, entries] of forms) info(f).forms = entries;
  for (const w of triggers) info(w).trigger = true;
  for (const w of nounFirst.keys()) info(w).noun = true;
  for (const [w, node] of actorTrie.n ?? []) info(w).actor = node;
  for (const [w, node] of agentTrie.n ?? []) info(w).agent = node;
  return {
    lex,
    forms,
    blocks,
    blockIndex,
    nouns,
    nounFirst,
    objects,
    actors,
    actorFirst: firstIndex(actors.keys()),
    actorTrie,
    agents,
    agentFirst: firstIndex(agents.keys()),
    agentTrie,
    codes: new Map(Object.entries(file.codes)),
    plover: new Map(Object.entries(file.plover)),
    demonyms: new Set(file.demonyms ?? []),
    curated: new Set(file.curated ?? []),
    triggers,
  };
}

/** CAMEO code name and Goldstein score, falling back from four digits to three to the root. */
export function codeInfo(model: EventsModel, code: string): { name: string; goldstein: number } {
  for (let n = code.length; n >= 2; n--) {
    const hit = model.codes.get(code.slice(0, n));
    if (hit) return { name: hit[0], goldstein: hit[1] };
  }
  return { name: code, goldstein: 0 };
}

/**
 * PLOVER 2.0 event type of a CAMEO code: the 2021 CAMEO→PLOVER table, falling
 * back to the root. Roots 01 (statements) have no PLOVER type; appeals (02)
 * are PLOVER REQUEST ("all requests, demands and orders"), which the table
 * leaves out.
 */
export function ploverOf(model: EventsModel, code: string): string | null {
  for (let n = code.length; n >= 3; n--) {
    const hit = model.plover.get(code.slice(0, n));
    if (hit) return hit;
  }
  const root = code.slice(0, 2);
  if (root === '02') return 'REQUEST';
  const rootHit = model.plover.get(`${root}0`);
  return rootHit ?? null;
}
