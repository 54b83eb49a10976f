import type { ModelLoader } from '../models.ts';
import { packStrings, StringTable, type StringTableData } from '../text/strings.ts';

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
  // every node gets both fields up front, so all nodes share one shape (packTrie reads them in a hot loop)
  const root: TrieNode = { c: undefined, n: undefined };
  for (const [phrase, code] of map) {
    let node = root;
    for (const w of phrase.split(' ')) {
      node.n ??= new Map();
      let next = node.n.get(w);
      if (!next) {
        next = { c: undefined, n: undefined };
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
  /** Trie node (in `actorTrie` / `agentTrie`, never the root 0) after this word in the actor and agent dictionaries. */
  actor?: number;
  agent?: number;
}

/** Look-ups by word (a Map or a packed table). */
export interface WordLookup<T> {
  get(word: string): T | undefined;
}

/** The events model indexed for coding. */
export interface EventsModel {
  forms: WordLookup<VerbEntry[]>;
  blockIndex: BlockIndex[];
  nouns: Map<string, string>;
  objects: Map<string, Map<string, string>>;
  actorTrie: WordTrie;
  agentTrie: WordTrie;
  codes: Map<string, [string, number]>;
  plover: Map<string, string>;
  /** Nationality adjectives ("russian", "turkish"): a verb-looking word after one is a noun. */
  demonyms: Set<string>;
  /** Verbs whose default code was curated: dictionary patterns override it only when specific (2+ words). */
  curated: Set<string>;
  /** Per-word index over forms, triggers, noun triggers and the first level of both dictionary tries. */
  lex: WordLookup<WordInfo>;
}

/** A word trie as typed arrays: node 0 is the root, and the children of a node are sorted by word. */
export interface WordTrieData {
  words: StringTableData;
  codes: StringTableData;
  /** Per node: index of its phrase's code in `codes`, or -1 when no phrase ends there. */
  nodeCode: Int32Array;
  /** The children of node `i` are edges `[childStart[i], childStart[i + 1])`. */
  childStart: Uint32Array;
  /** Per edge: the word (index into `words`) and the child node. */
  childWord: Int32Array;
  childNode: Int32Array;
}

/** Packs a JS word trie, numbering nodes depth-first from the root (0); `ids` gives each node's number. */
function packTrie(root: TrieNode): { data: WordTrieData; ids: Map<TrieNode, number> } {
  const nodes: TrieNode[] = [];
  const number = (node: TrieNode) => {
    nodes.push(node);
    for (const child of node.n?.values() ?? []) number(child);
  };
  number(root);
  const ids = new Map(nodes.map((n, i) => [n, i]));
  const wordIds = new Map<string, number>();
  const codeIds = new Map<string, number>();
  const nodeCode = new Int32Array(nodes.length).fill(-1);
  const childStart = new Uint32Array(nodes.length + 1);
  const childWord: number[] = [];
  const childNode: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.c !== undefined) {
      if (!codeIds.has(node.c)) codeIds.set(node.c, codeIds.size);
      nodeCode[i] = codeIds.get(node.c)!;
    }
    childStart[i] = childWord.length;
    // most nodes are leaves; skipping them keeps the loop below on one path (V8 kept
    // deoptimising this loop thousands of times at start-up when leaves went through it)
    if (!node.n) continue;
    const edges: [number, number][] = [];
    for (const [w, child] of node.n) {
      if (!wordIds.has(w)) wordIds.set(w, wordIds.size);
      edges.push([wordIds.get(w)!, ids.get(child)!]);
    }
    edges.sort((a, b) => a[0] - b[0]);
    for (const [w, c] of edges) {
      childWord.push(w);
      childNode.push(c);
    }
  }
  childStart[nodes.length] = childWord.length;
  const data = {
    words: packStrings([...wordIds.keys()]),
    codes: packStrings([...codeIds.keys()]),
    nodeCode,
    childStart,
    childWord: Int32Array.from(childWord),
    childNode: Int32Array.from(childNode),
  };
  return { data, ids };
}

/** Walks a packed word trie. */
export class WordTrie {
  private readonly words: StringTable;
  private readonly codes: StringTable;
  private readonly nodeCode: Int32Array;
  private readonly childStart: Uint32Array;
  private readonly childWord: Int32Array;
  private readonly childNode: Int32Array;

  constructor(data: WordTrieData) {
    this.words = new StringTable(data.words);
    this.codes = new StringTable(data.codes);
    this.nodeCode = data.nodeCode;
    this.childStart = data.childStart;
    this.childWord = data.childWord;
    this.childNode = data.childNode;
  }

  /** The node reached from `node` by `word`, or -1. */
  child(node: number, word: string): number {
    const w = this.words.indexOf(word);
    if (w < 0) return -1;
    let lo = this.childStart[node];
    let hi = this.childStart[node + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = this.childWord[mid];
      if (x === w) return this.childNode[mid];
      if (x < w) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The code of the phrase ending at `node`, or undefined. */
  code(node: number): string | undefined {
    const c = this.nodeCode[node];
    return c < 0 ? undefined : this.codes.at(c);
  }
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

/**
 * Loads and indexes the events model (once per loader). The dictionaries are packed once per host
 * when the loader can share them between threads; each thread indexes only the small parts.
 */
export function loadEventsModel(models: ModelLoader): EventsModel {
  let model = cached.get(models);
  if (!model) {
    const build = () => compileEventsModel(models.json<EventsModelFile>(MODEL_FILE));
    model = eventsModelFrom(models.shared ? models.shared('events:model', build) : build());
    cached.set(models, model);
  }
  return model;
}

/**
 * The events model with its large dictionaries (the per-word index and the actor and agent
 * tries) packed into typed arrays; the small parts stay as in the file.
 */
export interface CompiledEventsModel {
  file: Pick<
    EventsModelFile,
    'synsets' | 'verbs' | 'blocks' | 'nouns' | 'objects' | 'codes' | 'plover' | 'demonyms' | 'curated'
  >;
  /** The words of the per-word index. */
  words: StringTableData;
  /** The verb entries (indexes into `file.verbs`) of word `i` are `[formStart[i], formStart[i + 1])`. */
  formStart: Uint32Array;
  formVerbs: Int32Array;
  /** Per word: 1 when it can start an event, 2 when it starts a noun-trigger phrase. */
  flags: Uint8Array;
  /** Per word: its node in the actor and agent tries (0 = none). */
  actorNode: Int32Array;
  agentNode: Int32Array;
  actorTrie: WordTrieData;
  agentTrie: WordTrieData;
}

const TRIGGER = 1;
const NOUN = 2;

export function indexModel(file: EventsModelFile): EventsModel {
  return eventsModelFrom(compileEventsModel(file));
}

/** Words that can start an event: coded verb forms, verbs with coded patterns or objects, noun triggers. */
function triggerWords(file: EventsModelFile): Set<string> {
  const triggers = new Set<string>();
  for (const [f, idx] of Object.entries(file.forms)) {
    if (
      idx.some((i) => {
        const [lemma, code, , block] = file.verbs[i];
        return code !== null || Object.hasOwn(file.objects, lemma) || file.blocks[block]?.length;
      })
    )
      triggers.add(f);
  }
  // words that never start an event themselves (auxiliaries, plain reporting verbs)
  for (const w of NON_TRIGGERS) triggers.delete(w);
  for (const n of Object.keys(file.nouns)) triggers.add(n.split(' ')[0]);
  for (const w of ['must', 'should']) triggers.add(w);
  return triggers;
}

/** Packs the per-word index and the actor and agent tries of the model file (run once per host). */
export function compileEventsModel(file: EventsModelFile): CompiledEventsModel {
  const actorRoot = buildTrie(new Map(Object.entries(file.actors)));
  const agentRoot = buildTrie(new Map(Object.entries(file.agents)));
  const actorTrie = packTrie(actorRoot);
  const agentTrie = packTrie(agentRoot);

  const entries = new Map<string, { forms?: number[]; flags: number; actor: number; agent: number }>();
  const entry = (w: string) => {
    let x = entries.get(w);
    if (!x) {
      x = { flags: 0, actor: 0, agent: 0 };
      entries.set(w, x);
    }
    return x;
  };
  for (const [f, idx] of Object.entries(file.forms)) entry(f).forms = idx;
  for (const w of triggerWords(file)) entry(w).flags |= TRIGGER;
  for (const w of firstIndex(Object.keys(file.nouns)).keys()) entry(w).flags |= NOUN;
  for (const [w, node] of actorRoot.n ?? []) entry(w).actor = actorTrie.ids.get(node)!;
  for (const [w, node] of agentRoot.n ?? []) entry(w).agent = agentTrie.ids.get(node)!;

  const n = entries.size;
  const formStart = new Uint32Array(n + 1);
  const formVerbs: number[] = [];
  const flags = new Uint8Array(n);
  const actorNode = new Int32Array(n);
  const agentNode = new Int32Array(n);
  let i = 0;
  for (const x of entries.values()) {
    formStart[i] = formVerbs.length;
    if (x.forms) formVerbs.push(...x.forms);
    flags[i] = x.flags;
    actorNode[i] = x.actor;
    agentNode[i] = x.agent;
    i++;
  }
  formStart[n] = formVerbs.length;
  const { synsets, verbs, blocks, nouns, objects, codes, plover, demonyms, curated } = file;
  return {
    file: { synsets, verbs, blocks, nouns, objects, codes, plover, demonyms, curated },
    words: packStrings([...entries.keys()]),
    formStart,
    formVerbs: Int32Array.from(formVerbs),
    flags,
    actorNode,
    agentNode,
    actorTrie: actorTrie.data,
    agentTrie: agentTrie.data,
  };
}

/** The per-word index over a compiled model; a word's entry is made on its first look-up. */
class WordIndex implements WordLookup<WordInfo> {
  private readonly words: StringTable;
  private readonly infos: (WordInfo | undefined)[];

  constructor(
    private readonly compiled: CompiledEventsModel,
    private readonly verbs: VerbEntry[],
  ) {
    this.words = new StringTable(compiled.words);
    this.infos = new Array(this.words.size).fill(undefined);
  }

  get(word: string): WordInfo | undefined {
    const i = this.words.indexOf(word);
    if (i < 0) return undefined;
    return this.infos[i] ?? this.make(i);
  }

  private make(i: number): WordInfo {
    const { formStart, formVerbs, flags, actorNode, agentNode } = this.compiled;
    let forms: VerbEntry[] | undefined;
    if (formStart[i + 1] > formStart[i]) {
      forms = [];
      for (let k = formStart[i]; k < formStart[i + 1]; k++) forms.push(this.verbs[formVerbs[k]]);
    }
    // every entry gets all fields up front: one object shape keeps the coder's look-ups monomorphic
    const info: WordInfo = {
      forms,
      trigger: (flags[i] & TRIGGER) !== 0,
      noun: (flags[i] & NOUN) !== 0,
      actor: actorNode[i] || undefined,
      agent: agentNode[i] || undefined,
    };
    this.infos[i] = info;
    return info;
  }
}

/** The coder's view of a compiled model: the small parts indexed in this thread, the dictionaries packed. */
export function eventsModelFrom(compiled: CompiledEventsModel): EventsModel {
  const { file } = compiled;
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
  const lex = new WordIndex(compiled, verbs);
  return {
    lex,
    forms: { get: (w) => lex.get(w)?.forms },
    blockIndex,
    nouns: new Map(Object.entries(file.nouns)),
    objects,
    actorTrie: new WordTrie(compiled.actorTrie),
    agentTrie: new WordTrie(compiled.agentTrie),
    codes: new Map(Object.entries(file.codes)),
    plover: new Map(Object.entries(file.plover)),
    demonyms: new Set(file.demonyms ?? []),
    curated: new Set(file.curated ?? []),
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
