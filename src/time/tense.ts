/**
 * Clause tense around a time expression, from cheap lexical cues: the nearest
 * future marker (will, 'll, going to, plans to, next…) or past marker (was,
 * were, had, said, -ed verbs, ago…) in the same sentence decides.
 */
import type { Span } from '../document/types.ts';

export type Tense = (start: number, end: number) => -1 | 0 | 1;

const MARKERS = new RegExp(
  "\\b(?:(will|won't|wo n't|shall|'ll|going to|plans? to|planning to|intends? to|expects? to|expected to|set to|scheduled to|poised to|is to|are to|" +
    'is due|are due|would|should|might|upcoming|leaves|meets|begins|opens|arrives|starts|visits|travels|hosts|resumes|departs|convenes|next|coming|soon|expires?|payable|effective|scheduled|pending)|' +
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

const FUTURE_AUX = /\b(?:will|would|shall|should|might|'ll|to)\s+(?:be\s+|have\s+)?$/i;

interface Marker {
  pos: number;
  dir: -1 | 1;
}

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
      if (m[1]) ms.push({ pos: sp.start + m.index, dir: 1 });
      else if (m[2] && !NOT_PAST.has(m[2].toLowerCase())) {
        // "will be held", "to be signed": a participle after a modal is not the past
        const before = chunk.slice(Math.max(0, m.index - 16), m.index);
        const dir = FUTURE_AUX.test(before) ? 1 : -1;
        ms.push({ pos: sp.start + m.index, dir });
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
