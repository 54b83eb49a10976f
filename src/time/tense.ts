/**
 * Clause tense around a time expression, from cheap lexical cues: the nearest
 * future marker (will, 'll, going to, plans to, next…) or past marker (was,
 * were, had, said, -ed verbs, ago…) in the same sentence decides.
 */
import type { Span } from '../document/types.ts';

export type Tense = (start: number, end: number) => -1 | 0 | 1;

/**
 * An intention or arrangement governing a to-infinitive ("agreed to buy",
 * "a deal to acquire", "was to visit") points ahead of its governing verb, so
 * it counts as a future marker even when that verb is in the past.
 */
const INTENT_TO =
  '(?:agreed|agrees?|decided|decides?|voted|votes?|promised|promises?|pledged|pledges?|vowed|vows?|' +
  'threatened|threatens?|hopes?|hoped|wants?|wanted|seeks?|sought|aims?|aimed|' +
  'was|were|agreement|deal|plans?|bid|proposal|decision|pledge|promise|move|effort|attempt|ready)\\s+to\\s+(?!be\\b|have\\b|date\\b)[a-z]{3,}';

/**
 * A deadline moved or kept open ("postponed until", "extended its offer until")
 * points past the act of moving it: the new time lies ahead.
 */
const DEFERRAL =
  '(?:extend|postpon|delay|defer|adjourn|suspend|reschedul)(?:ed|s|es|ing)?\\s+(?:[a-z]+\\s+){0,3}?(?:until|till)(?=\\s)';

const MARKERS = new RegExp(
  '\\b(?:(' +
    DEFERRAL +
    "|will|won't|wo n't|shall|'ll|going to|plans? to|planning to|intends? to|expects? to|expected to|likely to|set to|scheduled to|poised to|is to|are to|" +
    INTENT_TO +
    '|is due|are due|would|should|might|can(?!\\s+(?:not\\s+)?have\\b)|upcoming|leaves|meets|begins|opens|arrives|starts|visits|travels|hosts|resumes|departs|convenes|next|coming|soon|expires?|payable|effective|scheduled|pending)|' +
    '(was|were|had|did|said|told|announced|reported|since|ago|last|earlier|began|came|went|met|made|took|gave|' +
    'left|held|saw|fell|rose|won|lost|led|sold|paid|bought|became|spent|withdrew|drew|grew|threw|flew|knew|' +
    'struck|fought|sent|built|brought|thought|caught|ran|wrote|broke|chose|spoke|stood|fled|shot|hit|killed|' +
    '[a-z]{2,}ed))\\b',
  'gi',
);

/** Words ending in -ed that are not past verbs. */
const NOT_PAST = new Set([
  'need',
  'speed',
  'indeed',
  'red',
  'bed',
  'seed',
  'feed',
  'hundred',
  'united',
  'limited',
  'based',
  'proposed',
  'expected',
  'scheduled',
  'planned',
  'supposed',
  'related',
  'shed',
  'breed',
  'creed',
  'weed',
  'greed',
]);

const FUTURE_AUX =
  /\b(?:will|would|shall|should|might|'ll|to)\s+(?:(?:still|also|not|never|now|then|soon|[a-z]+ly)\s+)?(?:be\s+|have\s+)?$/i;

/** Words after which an -ed form is an adjective, not a past verb. */
const ADJ_BEFORE =
  /\b(?:a|an|the|this|that|these|those|its|their|his|her|our|my|your|some|any|no|each|every|still|very|newly|recently|so-called)\s+$/i;

/** A plan marker under a pluperfect ("had been due to", "had previously been scheduled"). */
const PAST_PLAN =
  /\bhad\s+(?:\w+ly\s+)?been\s+(?:(?:due|scheduled|set|expected|supposed|planned|slated)\s+to\s+)?$/i;

/** "was/were planning to", "was about to": the future seen from a past moment. */
const FUTURE_IN_PAST =
  /^\s*(?:planning|going|about|preparing|due|expected|scheduled|set|poised|slated)\s+to\b/i;

interface Marker {
  pos: number;
  dir: -1 | 1;
  /** A reporting verb ("said", "added"): after a comma it heads its own clause. */
  report?: boolean;
}

/** The reporting verb closes the sentence: "…, officials said." / "…, said Ana Ortiz of the ministry." */
const CLAUSE_END = /^\w+(?:\s+[\w.'’-]+){0,4}?\s*[.!?]+(?:["”']|\s|$)/;

const REPORTING = /^(?:said|told|reported|announced|added|stated|noted|wrote|explained|insisted|confirmed)$/i;

function sentenceSpans(text: string): Span[] {
  const out: Span[] = [];
  const re = /[.!?]+["'”’)]*\s+|\n\s*\n/g;
  let s = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const e = m.index + m[0].length;
    out.push({ start: s, end: e });
    s = e;
  }
  if (s < text.length) out.push({ start: s, end: text.length });
  return out;
}

export function buildTense(text: string, sentences: Span[] | undefined): Tense {
  let sents: Span[] = sentences ?? [];
  let ready = Boolean(sentences?.length);
  const cache = new Map<number, Marker[]>();
  const find = (pos: number): number => {
    if (!ready) {
      sents = sentenceSpans(text);
      ready = true;
    }
    let lo = 0;
    let hi = sents.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sents[mid].end <= pos) lo = mid + 1;
      else if (sents[mid].start > pos) hi = mid - 1;
      else return mid;
    }
    return -1;
  };
  const markers = (i: number): Marker[] => {
    let ms = cache.get(i);
    if (ms) return ms;
    ms = [];
    const sp = sents[i];
    const re = new RegExp(MARKERS.source, MARKERS.flags);
    const chunk = text.slice(sp.start, sp.end);
    for (let m = re.exec(chunk); m; m = re.exec(chunk)) {
      if (m[1]) {
        // "had been due to expire", "had been scheduled": a plan already past
        const before = chunk.slice(Math.max(0, m.index - 40), m.index);
        ms.push({ pos: sp.start + m.index, dir: PAST_PLAN.test(before) ? -1 : 1 });
      } else if (m[2] && !NOT_PAST.has(m[2].toLowerCase())) {
        // "will be held", "to be signed": a participle after a modal is not the past
        const before = chunk.slice(Math.max(0, m.index - 28), m.index);
        // "a still unspecified date", "the revised plan": an -ed word after a determiner is an adjective
        if (m[2].length > 4 && /ed$/i.test(m[2]) && ADJ_BEFORE.test(before)) continue;
        // "were planning to", "was about to": a plan reported in the past points ahead
        const dir =
          FUTURE_AUX.test(before) ||
          (/^(?:was|were)$/i.test(m[2]) && FUTURE_IN_PAST.test(chunk.slice(m.index + 4, m.index + 30)))
            ? 1
            : -1;
        ms.push(
          REPORTING.test(m[2]) && CLAUSE_END.test(chunk.slice(m.index, m.index + 48))
            ? { pos: sp.start + m.index, dir, report: true }
            : { pos: sp.start + m.index, dir },
        );
      }
    }
    cache.set(i, ms);
    return ms;
  };
  return (start, end) => {
    const i = find(start);
    if (i < 0) return 0;
    let best: Marker | null = null;
    let bestDist = Number.POSITIVE_INFINITY;
    for (const mk of markers(i)) {
      if (mk.pos >= start && mk.pos < end) continue;
      // "…in March, officials said": a trailing reporting clause does not govern the expression
      if (mk.report && mk.pos >= end && /[,"”]|''/.test(text.slice(end, mk.pos))) continue;
      // markers before the expression count a little more than those after it
      const dist = mk.pos < start ? start - mk.pos : (mk.pos - end) * 1.5;
      if (dist < bestDist) {
        bestDist = dist;
        best = mk;
      }
    }
    return best ? best.dir : 0;
  };
}
