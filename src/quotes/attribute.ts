/**
 * Speaker resolution: a speaker mention (name, pronoun or nominal such as
 * "the minister", "the ministry", "the White House") to an entity of the
 * `entities` layer. Mentions are flattened and sorted once per document;
 * every lookup is a binary search plus a bounded walk.
 */
import type { Entity, Quote, Span } from '../document/types.ts';

const PRONOUNS_PERSON = new Set(['he', 'she', 'him', 'her', 'his']);
const PRONOUNS_GROUP = new Set(['they', 'it', 'we']);
const FIRST_PERSON = new Set(['i', 'me', 'my']);
/** Whether a speaker mention is the first person ("I"), who is whoever is quoted around it. */
export const isFirstPerson = (mention: string): boolean => FIRST_PERSON.has(mention.trim().toLowerCase());
const RELATIVE = new Set(['who', 'which', 'that']);
/** An unnamed speaker described by a noun phrase: "a customs spokesman", "one central bank official". */
const NOMINAL = /^(?:a|an|one|another|the|some|several|two|three|many|other)\s+\S/i;
/** Heads of nominals that speak for the state named in them ("U.S. officials", "a Chinese diplomat"). */
const STATE_VOICES = new Set(
  (
    'official officials spokesman spokeswoman spokesperson diplomat diplomats source sources government ' +
    'authorities authority negotiator negotiators envoy envoys minister ministers ministry delegation leader ' +
    'leaders military army forces troops police embassy president officer officers administration state'
  ).split(' '),
);
const DETERMINERS = /^(?:the|this|that|a|an|its|their|his|her)\s+/i;

/** Nominal heads that denote organisations rather than people (business heads: COMPANY_HEADS). */
const ORG_HEADS = new Set([
  'ministry',
  'department',
  'agency',
  'government',
  'office',
  'committee',
  'council',
  'party',
  'campaign',
  'embassy',
  'service',
  'commission',
  'bureau',
  'administration',
  'parliament',
  'court',
  'organization',
  'organisation',
  'union',
  'army',
  'military',
  'newspaper',
  'network',
  'channel',
  'kremlin',
  'pentagon',
  'statement',
  'board',
  'authority',
  'association',
  'federation',
  'institute',
  'foundation',
  'coalition',
  'alliance',
  'regulator',
  'university',
  'league',
  'exchange',
]);

/** Heads of "the company", "the firm", "the carrier": the business the article is about. */
const COMPANY_HEADS = new Set([
  'company',
  'firm',
  'group',
  'carrier',
  'airline',
  'bank',
  'lender',
  'insurer',
  'maker',
  'manufacturer',
  'retailer',
  'chain',
  'giant',
  'conglomerate',
  'operator',
  'developer',
  'publisher',
  'supplier',
  'startup',
  'corporation',
]);

export interface MentionIndex {
  starts: Int32Array;
  ends: Int32Array;
  entity: Int32Array;
  entities: Entity[];
  /** Entity id → index in `entities`. */
  byId: Map<string, number>;
  /** Lower-cased role word → the first PERSON entity holding it. */
  byRole: Map<string, number>;
}

export function indexMentions(entities: Entity[]): MentionIndex {
  const rows: [number, number, number][] = [];
  entities.forEach((e, i) => {
    for (const m of e.mentions ?? []) {
      if (m && Number.isFinite(m.start) && Number.isFinite(m.end) && m.end > m.start)
        rows.push([m.start, m.end, i]);
    }
  });
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const byId = new Map<string, number>();
  const byRole = new Map<string, number>();
  entities.forEach((e, i) => {
    byId.set(e.id, i);
    if (e.type !== 'PERSON') return;
    for (const r of e.roles ?? [])
      for (const w of r.toLowerCase().split(/\s+/)) if (!byRole.has(w)) byRole.set(w, i);
  });
  return {
    byId,
    byRole,
    starts: Int32Array.from(rows, (r) => r[0]),
    ends: Int32Array.from(rows, (r) => r[1]),
    entity: Int32Array.from(rows, (r) => r[2]),
    entities,
  };
}

function upper(arr: Int32Array, x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The entity mentioned at the head of the span: among mentions overlapping
 * it, the one starting first ("Marta Oyelaran, an analyst at the Institute"
 * → Marta Oyelaran), the longer one on ties; with `preferPerson`, any person
 * before other types. -1 when none.
 */
export function overlappingEntity(ix: MentionIndex, span: Span, preferPerson = false): number {
  const hi = upper(ix.starts, span.end - 1);
  let best = -1;
  let bestRank = Number.POSITIVE_INFINITY;
  let bestLen = 0;
  for (let k = hi - 1, steps = 0; k >= 0 && steps < 40; k--, steps++) {
    if (ix.ends[k] < span.start - 200) break;
    if (Math.min(span.end, ix.ends[k]) <= Math.max(span.start, ix.starts[k])) continue;
    // people first ("ministry spokesperson Kim Ha-eun" is Kim Ha-eun), then the earliest mention
    const person = preferPerson && ix.entities[ix.entity[k]].type === 'PERSON' ? 0 : 1;
    const rank = person * 1e9 + Math.max(ix.starts[k], span.start);
    const len = ix.ends[k] - ix.starts[k];
    if (rank < bestRank || (rank === bestRank && len > bestLen)) {
      best = ix.entity[k];
      bestRank = rank;
      bestLen = len;
    }
  }
  return best;
}

/** Words of a speaker mention that are not part of a name. */
const NAME_FILLER =
  /^(?:mr|mrs|ms|dr|prof|sir|lord|lady|president|minister|senator|sen|rep|gov|governor|general|gen|secretary|chairman|king|queen|prince|pope|judge|mayor|ambassador|foreign|prime|deputy|vice|former|the)\.?$/i;

/**
 * Whether a bare name of two or three capitalised words ("Daniel Kim") can be `e`: every word
 * that is not a title is one of the words of its name or aliases. Other mentions pass.
 */
function fitsNames(raw: string, e: Entity): boolean {
  // "Pekao's Okonjo": the possessive names the employer, not the person
  const words = raw.split(/\s+/).filter((w) => !/['’]s$/.test(w));
  if (words.length < 2 || words.length > 3 || !words.every((w) => /^\p{Lu}[\p{L}’'.-]*$/u.test(w)))
    return true;
  const lower = words.map((w) => w.toLowerCase());
  // "Councillor Lee Min-jun" holds the whole of "Lee Min-jun"
  if (
    e.name
      .toLowerCase()
      .split(/\s+/)
      .every((w) => lower.includes(w))
  )
    return true;
  const known = new Set<string>();
  for (const n of [e.name, ...(e.aliases ?? [])])
    for (const w of n.toLowerCase().split(/[\s-]+/)) known.add(w);
  return lower.every((w, i) => NAME_FILLER.test(words[i]) || w.split('-').every((p) => known.has(p)));
}

/** Title words that make a mention a person's role ("Minister for Trade"), whatever organisation it names. */
const TITLED =
  /\b(?:minister|secretary|president|chairman|chairwoman|spokesman|spokeswoman|spokesperson|ambassador|envoy|director|chief|head|governor|commissioner)\b/i;

/** Where the last word of `span` ends (trailing spaces and , . ; : aside). */
function lastWordEnd(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && /[\s,.;:]/.test(text[end - 1])) end--;
  return end;
}

/** Whether a mention of entity `e` ends where `span` ends (trailing punctuation aside). */
function endsWith(ix: MentionIndex, span: Span, e: number, text: string): boolean {
  const end = lastWordEnd(text, span);
  const hi = upper(ix.starts, end - 1);
  for (let k = hi - 1, steps = 0; k >= 0 && steps < 40 && ix.ends[k] >= span.start; k--, steps++)
    if (ix.entity[k] === e && ix.ends[k] >= end && ix.ends[k] <= span.end) return true;
  return false;
}

/** An organisation or person whose mention ends where `span` ends (its head noun), or -1. */
function headEntity(ix: MentionIndex, span: Span, text: string): number {
  const end = lastWordEnd(text, span);
  const hi = upper(ix.starts, end - 1);
  for (let k = hi - 1, steps = 0; k >= 0 && steps < 40 && ix.starts[k] >= span.start; k--, steps++) {
    const t = ix.entities[ix.entity[k]].type;
    if (ix.ends[k] >= end && ix.ends[k] <= span.end && (t === 'ORG' || t === 'PERSON')) return ix.entity[k];
  }
  return -1;
}

/** Nearest entity mention ending before `pos` that passes `ok`, within `maxBack` characters. */
export function precedingEntity(
  ix: MentionIndex,
  pos: number,
  ok: (e: Entity) => boolean,
  maxBack = 3000,
): number {
  for (let k = upper(ix.starts, pos - 1) - 1, steps = 0; k >= 0 && steps < 200; k--, steps++) {
    if (ix.ends[k] > pos) continue;
    if (ix.starts[k] < pos - maxBack) break;
    const e = ix.entities[ix.entity[k]];
    if (ok(e)) return ix.entity[k];
  }
  return -1;
}

/**
 * The organisation named most often before `pos` (the nearer one on ties), or -1: "the company"
 * in a business story is the company the story is about, not the partner named last.
 */
function mainOrganisation(ix: MentionIndex, pos: number): number {
  const count = new Map<number, number>();
  let best = -1;
  let bestCount = 0;
  const hi = upper(ix.starts, pos - 1);
  // the last few hundred mentions are the story so far; a bounded look keeps long documents linear
  for (let k = Math.max(0, hi - 400); k < hi; k++) {
    const e = ix.entity[k];
    if (ix.entities[e].type !== 'ORG') continue;
    const c = (count.get(e) ?? 0) + 1;
    count.set(e, c);
    if (c >= bestCount) {
      best = e;
      bestCount = c;
    }
  }
  return best;
}

function roleMatches(e: Entity, head: string): boolean {
  if (!e.roles?.length) return false;
  for (const r of e.roles) if (r.toLowerCase().split(/\s+/).includes(head)) return true;
  return false;
}

/**
 * The head of a speaker mention with an apposition: "Park Ji-won, a lawmaker in Seoul," is Park
 * Ji-won, whatever the tagger found in the apposition (Seoul); a medium speaks for its owner ("the
 * Telegram channel of the Foreign Ministry" is the ministry). The whole span otherwise.
 */
function headOf(text: string, sp: Span): Span {
  let end = sp.start;
  while (end < sp.end && text.charCodeAt(end) !== 44) end++;
  while (end > sp.start && text.charCodeAt(end - 1) === 32) end--;
  if (end <= sp.start) return sp;
  // a channel speaks for its owner: "the Telegram channel of the Foreign Ministry"
  const owner = MEDIUM_OF.exec(text.slice(sp.start, end));
  if (owner) return { start: sp.start + owner.index + owner[0].length, end };
  return end < sp.end ? { start: sp.start, end } : sp;
}

/** The part of a mention after its last possessive ("Tarvin's envoy" → "envoy"), else the mention. */
function afterPossessive(text: string, sp: Span): Span {
  if (sp.end - sp.start > 160) return sp;
  const m = /^.*['’]s\s+/su.exec(text.slice(sp.start, sp.end));
  return m && m[0].length < sp.end - sp.start ? { start: sp.start + m[0].length, end: sp.end } : sp;
}

/**
 * "Valmora's Trade Minister Daniel Okafor" is the minister: a possessive names the employer, and
 * the person named after it is the speaker. The span after the last possessive when a person is
 * named there, else `sp`.
 */
function pastPossessive(text: string, sp: Span, ix: MentionIndex): Span {
  if (!ix.entities.length) return sp;
  const rest = afterPossessive(text, sp);
  if (rest === sp) return sp;
  const i = overlappingEntity(ix, rest, true);
  return i >= 0 && ix.entities[i].type === 'PERSON' ? rest : sp;
}

const MEDIUM_OF =
  /\b(?:channel|account|accounts|website|web site|page|feed|blog|newsletter|broadcaster|mouthpiece)\s+of\s+/i;

/**
 * Resolves a speaker mention: fills `speaker` (entity id) and `speakerName`
 * (the entity's canonical name, else the mention text). `previous` is the
 * last quote already resolved (for pronoun continuity).
 */
export function resolveSpeaker(text: string, q: Quote, ix: MentionIndex, previous: Quote | null): void {
  if (!q.speakerSpan) return;
  let sp = headOf(text, q.speakerSpan);
  if (sp !== q.speakerSpan && ix.entities.length) {
    // …unless only the rest names a person ("Tarvin, Valmora, Mayor Ana Petrov")
    const isPerson = (i: number) => i >= 0 && ix.entities[i].type === 'PERSON';
    // (a possessive names the employer: "Tarvin's envoy to the UN, Daniel Okafor," is Okafor even
    // where the tagger took the place for a person)
    if (
      !isPerson(overlappingEntity(ix, afterPossessive(text, sp), true)) &&
      isPerson(overlappingEntity(ix, q.speakerSpan, true))
    )
      sp = q.speakerSpan;
  }
  sp = pastPossessive(text, sp, ix);
  const raw = text.slice(sp.start, sp.end).trim();
  q.speakerName = raw || q.speakerName;
  if (!ix.entities.length) return;
  const lower = raw.toLowerCase();
  const set = (i: number) => {
    if (i < 0) return;
    const e = ix.entities[i];
    q.speaker = e.id;
    q.speakerName = e.name;
  };
  if (FIRST_PERSON.has(lower)) return;
  if (PRONOUNS_PERSON.has(lower)) {
    const prevIndex = previous?.speaker ? (ix.byId.get(previous.speaker) ?? -1) : -1;
    if (
      prevIndex >= 0 &&
      ix.entities[prevIndex].type === 'PERSON' &&
      previous &&
      sp.start - previous.end < 1500
    ) {
      set(prevIndex);
      return;
    }
    // "…, a customs spokesman said. “…,” he said.": the unnamed speaker goes on
    const prevSpan = previous?.speakerSpan;
    if (
      previous &&
      prevSpan &&
      sp.start - previous.end < 1500 &&
      NOMINAL.test(text.slice(prevSpan.start, prevSpan.end).trim()) &&
      precedingEntity(ix, sp.start, (e) => e.type === 'PERSON', sp.start - prevSpan.end) < 0
    ) {
      q.speaker = previous.speaker;
      q.speakerName = previous.speakerName;
      return;
    }
    set(precedingEntity(ix, sp.start, (e) => e.type === 'PERSON'));
    return;
  }
  if (RELATIVE.has(lower)) {
    // "…, said Ana Petrov, who chairs the board": the name just before the relative pronoun
    const ok = (e: Entity) =>
      lower === 'who' ? e.type === 'PERSON' || e.type === 'ORG' : e.type !== 'PERSON';
    set(precedingEntity(ix, sp.start, ok, 120));
    return;
  }
  if (PRONOUNS_GROUP.has(lower)) {
    set(
      precedingEntity(ix, sp.start, (e) => e.type === 'ORG' || e.type === 'GPE' || e.type === 'NORP', 1500),
    );
    return;
  }
  const direct = overlappingEntity(ix, sp, true);
  if (direct >= 0) {
    const type = ix.entities[direct].type;
    if (type === 'GPE' || type === 'NORP') {
      // "the Russian Foreign Ministry" is the ministry: a name that ends the mention is its head
      // (but "Valmora's Minister for Trade Negotiations" is a minister, not an organisation)
      const head = TITLED.test(raw) ? -1 : headEntity(ix, sp, text);
      if (head >= 0) {
        set(head);
        return;
      }
      // "one large U.S. miller" is a miller and "the Tarvin weekly Harbour Review" a paper, not
      // a state; "U.S. officials" speak for it, and "the Russian Federation" is it
      const last = (raw.split(/\s+/).pop() ?? '').toLowerCase();
      if (!endsWith(ix, sp, direct, text) && !STATE_VOICES.has(last)) return;
    }
    // "Daniel Kim" is not the "Kim" of Kim Jong-un: a bare full name must fit the person's names
    if (type === 'PERSON' && !fitsNames(raw, ix.entities[direct])) return;
    set(direct);
    return;
  }
  // nominal: "the minister", "the foreign ministry", "the spokeswoman"
  if (DETERMINERS.test(raw)) {
    const words = lower.replace(DETERMINERS, '').split(/\s+/);
    const head = words[words.length - 1];
    if (ORG_HEADS.has(head) || COMPANY_HEADS.has(head)) {
      const named = precedingEntity(
        ix,
        sp.start,
        (e) => e.type === 'ORG' && (e.name.toLowerCase().includes(head) || roleMatches(e, head)),
      );
      set(named >= 0 || !COMPANY_HEADS.has(head) ? named : mainOrganisation(ix, sp.start));
      return;
    }
    const byRole = precedingEntity(ix, sp.start, (e) => e.type === 'PERSON' && roleMatches(e, head), 6000);
    if (byRole >= 0) set(byRole);
    else {
      // a role named later in the text ("…, the minister said" before "Foreign Minister X" appears)
      set(ix.byRole.get(head) ?? -1);
    }
  }
}
