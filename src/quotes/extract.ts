/**
 * Quote extraction: the statistical taggers for cue-anchored attributions
 * (direct, indirect and mixed speech), then rules for what the news corpus
 * under-represents — quotation-mark regions with no cue in their paragraph,
 * quotes interrupted by their attribution, multi-paragraph quotes, Q&A
 * transcripts — then speaker resolution against the entities layer and the
 * cited-sources layer.
 */
import type { Document, Entity, Quote, QuoteKind, Source, Span, Warning } from '../document/types.ts';
import {
  indexMentions,
  isFirstPerson,
  type MentionIndex,
  overlappingEntity,
  resolveSpeaker,
} from './attribute.ts';
import { type DocTokens, prepareTokens } from './features.ts';
import {
  quotedAsSaying,
  repairInversions,
  shareCoordinatedSpeakers,
  unnestAccordingTo,
} from './inversions.ts';
import { pairQuoteMarks, type QuoteRegion } from './marks.ts';
import {
  applyMarkRules,
  asReportedBy,
  dropIdiomCues,
  dropNonSpeakers,
  type Verbs,
  verbSet,
} from './rules.ts';
import { findSources } from './sources.ts';
import { SpanIndex } from './spanindex.ts';
import { type QuoteTagger, type RawAttribution, tokenRanges } from './tagger.ts';
import { findTurns, headlineQuote, turnsToQuotes } from './transcript.ts';

export interface ExtractOptions {
  /** Add rule-based quotes (quotation marks without a tagged cue, transcripts). Default true. */
  rules?: boolean;
  /**
   * Cue spans to use instead of the cue tagger's (evaluation only: `eval:quotes
   * --gold-cues` measures the span tagger and the rules on the annotated cues).
   */
  givenCues?: (doc: Document) => readonly Span[] | null;
}

export interface Extracted {
  quotes: Quote[];
  sources: Source[];
  warnings: Warning[];
}

/** Either end of a quotation may carry any mark (broken typography swaps them). */
const MARKS = '“”"‘’\'«»„‚‹›';

/** Whether the text of a span is one quotation from mark to mark (trailing . , ; : allowed). */
function isFullyQuoted(text: string, s: number, e: number): boolean {
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /[\s.,;:]/.test(text[e - 1])) e--;
  return e - s >= 2 && MARKS.includes(text[s]) && MARKS.includes(text[e - 1]);
}

const ANY_MARK = /[“”"«»„]/;

export function kindOf(text: string, pieces: Span[]): QuoteKind {
  if (pieces.every((p) => isFullyQuoted(text, p.start, p.end))) return 'direct';
  for (const p of pieces) if (ANY_MARK.test(text.slice(p.start, p.end))) return 'mixed';
  return 'indirect';
}

function trimSpan(text: string, s: number, e: number): Span {
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}

/** Whether `text[s, e)` is only quotation marks and punctuation (at most two characters). */
function onlyMarks(text: string, s: number, e: number): boolean {
  if (e - s > 2 || e < s) return false;
  for (let i = s; i < e; i++) if (!MARKS.includes(text[i]) && !',.;:!?'.includes(text[i])) return false;
  return true;
}

/**
 * Snaps a content piece to the quotation region it nearly covers: a piece that
 * starts at a region's opening mark and stops a mark short of its end (or the
 * reverse) is the whole quotation.
 */
function snapToRegion(text: string, p: Span, byStart: Map<number, Span>, byEnd: Map<number, Span>): Span {
  const a = byStart.get(p.start);
  if (a && a.end !== p.end && onlyMarks(text, p.end, a.end)) return { start: p.start, end: a.end };
  const b = byEnd.get(p.end);
  if (b && b.start !== p.start && onlyMarks(text, b.start, p.start)) return { start: b.start, end: p.end };
  return p;
}

function rawToQuote(
  d: DocTokens,
  r: RawAttribution,
  byStart: Map<number, Span>,
  byEnd: Map<number, Span>,
): Quote {
  const { text, starts, ends } = d;
  const pieces = r.content.map(([a, b]) =>
    snapToRegion(text, trimSpan(text, starts[a], ends[b - 1]), byStart, byEnd),
  );
  const start = pieces[0].start;
  const end = pieces[pieces.length - 1].end;
  const q: Quote = {
    id: '',
    start,
    end,
    kind: kindOf(text, pieces),
    speaker: null,
    speakerName: r.speaker ? text.slice(starts[r.speaker[0]], ends[r.speaker[1] - 1]) : null,
    speakerSpan: r.speaker ? { start: starts[r.speaker[0]], end: ends[r.speaker[1] - 1] } : null,
    cue: { start: starts[r.cueStart], end: ends[r.cueEnd - 1] },
  };
  if (pieces.length > 1) q.fragments = pieces;
  return q;
}

/** Binary search for the paragraph containing `pos` (or the nearest one before it). */
function paragraphLookup(paragraphs: Span[], textLength: number): (pos: number) => Span {
  return (pos) => {
    let lo = 0;
    let hi = paragraphs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (paragraphs[mid].start <= pos) lo = mid;
      else hi = mid - 1;
    }
    return paragraphs[lo] ?? { start: 0, end: textLength };
  };
}

/** Who answers unlabelled "A:" turns: the most-mentioned person, else the last named speaker before the transcript. */
function findAnswerer(
  text: string,
  ix: MentionIndex,
  quotes: Quote[],
  firstTurn: number,
): { name: string; span: Span | null } | null {
  let best: Entity | null = null;
  for (const e of ix.entities)
    if (e.type === 'PERSON' && (!best || e.mentions.length > best.mentions.length)) best = e;
  if (best?.mentions.length) {
    const before = best.mentions.filter((m) => m.end <= firstTurn);
    const m = before.length ? before[before.length - 1] : best.mentions[0];
    return { name: best.name, span: { start: m.start, end: m.end } };
  }
  const prev = quotes.filter((q) => q.speakerSpan && q.end <= firstTurn).sort((a, b) => b.end - a.end)[0];
  if (prev?.speakerSpan)
    return { name: text.slice(prev.speakerSpan.start, prev.speakerSpan.end), span: prev.speakerSpan };
  return null;
}

let defaultVerbs: Verbs | null = null;

/** Runs the whole extraction over a Document (its `entities` layer is used when present). */
export function extractQuotes(
  doc: Document,
  tagger: QuoteTagger | null,
  verbs: Verbs | null = null,
  opts: ExtractOptions = {},
): Extracted {
  defaultVerbs ??= verbSet([]);
  const v = verbs ?? defaultVerbs;
  const warnings: Warning[] = [];
  const text = doc.text;
  if (!text) return { quotes: [], sources: [], warnings };
  const paragraphs = doc.paragraphs?.length ? doc.paragraphs : [{ start: 0, end: text.length }];
  const sentences = doc.sentences?.length ? doc.sentences : paragraphs;
  const regions: QuoteRegion[] = pairQuoteMarks(text, paragraphs);
  let quotes: Quote[] = [];
  if (tagger) {
    const d = prepareTokens(text, paragraphs, sentences, regions);
    const lx = tagger.lexArrays(d);
    const given = opts.givenCues?.(doc);
    const cues = given ? tokenRanges(d, given) : tagger.cues(d, lx);
    const byStart = new Map<number, Span>();
    const byEnd = new Map<number, Span>();
    for (const g of regions)
      if (g.depth === 0 && g.closed) {
        byStart.set(g.start, g);
        byEnd.set(g.end, g);
      }
    for (const r of tagger.spans(d, cues, lx)) quotes.push(rawToQuote(d, r, byStart, byEnd));
  }
  const rules = opts.rules ?? true;
  if (rules) {
    const paraOf = paragraphLookup(paragraphs, text.length);
    quotes = dropIdiomCues(text, applyMarkRules(text, regions, quotes, paraOf, sentences, v));
    quotes = dropNonSpeakers(text, asReportedBy(text, sentences, quotes));
    repairInversions(text, sentences, quotes);
    quotes = unnestAccordingTo(text, quotes);
    quotedAsSaying(text, quotes);
  }
  const ix = indexMentions(Array.isArray(doc.entities) ? doc.entities : []);
  if (rules) {
    const turns = findTurns(text, paragraphs);
    if (turns.length) {
      const answerer = findAnswerer(text, ix, quotes, turns[0].label.start);
      const turnQuotes = turnsToQuotes(text, turns, answerer);
      // tagger or rule quotes that restate a turn (no speaker of their own, or cued by the turn label) go
      const hits = (a: Span | null, b: Span | null) => !!a && !!b && a.start < b.end && b.start < a.end;
      const turnIndex = new SpanIndex(
        turnQuotes.map((t) => ({
          start: Math.min(t.cue!.start, t.speakerSpan?.start ?? t.start),
          end: t.end,
          quote: t,
        })),
      );
      quotes = quotes.filter((q) => {
        const lo = Math.min(q.start, q.cue?.start ?? q.start);
        const hi = Math.max(q.end, q.cue?.end ?? q.end);
        for (const { quote: t } of turnIndex.overlapping(lo, hi)) {
          if (!hits(q, t) && !hits(q.cue, t.cue)) continue;
          if (!q.speakerSpan || q.kind === 'direct' || hits(q.cue, t.cue) || hits(q.speakerSpan, t.cue))
            return false;
        }
        return true;
      });
      quotes.push(...turnQuotes);
    }
    const h = turns.some((t) => t.content.start < paragraphs[0].end) ? null : headlineQuote(text, paragraphs);
    // a headline's claim with a named source ("Lavrov: …", "Poll: …"), where the name is an
    // entity or a poll; a quote the taggers found inside it gives way
    if (
      h?.speakerSpan &&
      (overlappingEntity(ix, h.speakerSpan) >= 0 || /^(?:new )?(?:poll|survey)$/i.test(h.speakerName ?? ''))
    ) {
      quotes = quotes.filter((q) => !(q.start < h.end && h.start < q.end));
      quotes.push(h);
    }
  }
  quotes.sort((a, b) => a.start - b.start || a.end - b.end);
  if (rules) shareCoordinatedSpeakers(text, quotes);
  quotes = quotes.filter((q) => withWords(text, q));
  let previous: Quote | null = null;
  for (let i = 0; i < quotes.length; i++) {
    const q = quotes[i];
    q.id = `q${i + 1}`;
    if (q.kind !== 'question' && q.kind !== 'answer') q.kind = kindOf(text, q.fragments ?? [q]);
    if (q.speakerSpan) {
      resolveSpeaker(text, q, ix, previous);
      if (q.kind !== 'question') previous = q;
    }
  }
  speakInside(text, quotes);
  const sources = findSources(text, ix, quotes);
  return { quotes, sources, warnings };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Drops fragments that hold no word (a lone quotation mark the tagger cut off) and merges
 * overlapping ones, then says whether the quote still holds a word: a quote of nothing but marks
 * and punctuation is no quote. Works in place.
 */
function withWords(text: string, q: Quote): boolean {
  if (q.fragments) {
    const kept: Span[] = [];
    for (const f of [...q.fragments].sort((a, b) => a.start - b.start)) {
      if (!WORD_CHAR.test(text.slice(f.start, f.end))) continue;
      const last = kept[kept.length - 1];
      if (last && f.start < last.end) last.end = Math.max(last.end, f.end);
      else kept.push({ start: f.start, end: f.end });
    }
    // the quote's own bounds move only past what held no word
    if (kept.length && !WORD_CHAR.test(text.slice(q.start, kept[0].start)))
      q.start = Math.max(q.start, kept[0].start);
    if (kept.length && !WORD_CHAR.test(text.slice(kept[kept.length - 1].end, q.end)))
      q.end = Math.min(q.end, kept[kept.length - 1].end);
    q.fragments = kept.length > 1 ? kept : undefined;
  }
  return WORD_CHAR.test(text.slice(q.start, q.end));
}

/**
 * "I" or "we" speaking inside someone's quotation or answer ("Lavrov: … I believe the region will
 * back this", "…: We expect it to reopen") is that quotation's speaker: the innermost enclosing
 * quote that has one. Works in place.
 */
function speakInside(text: string, quotes: Quote[]): void {
  let index: SpanIndex<Quote> | null = null;
  for (const q of quotes) {
    const sp = q.speakerSpan;
    if (!sp) continue;
    const mention = text.slice(sp.start, sp.end);
    // "we" inside a quotation is the quoted speaker too, not the organisation or place named last,
    // when that speaker is a known entity (else the group it already resolved to stands)
    const we = /^\s*we\s*$/i.test(mention);
    if (!(isFirstPerson(mention) && !q.speaker) && !we) continue;
    index ??= new SpanIndex(quotes);
    let best: Quote | null = null;
    for (const t of index.overlapping(sp.start, sp.end)) {
      if (t === q || t.start > sp.start || t.end < sp.end || !t.speakerSpan || !t.speakerName) continue;
      if (we && !t.speaker) continue;
      if (isFirstPerson(text.slice(t.speakerSpan.start, t.speakerSpan.end))) continue;
      if (!best || t.end - t.start < best.end - best.start) best = t;
    }
    if (best) {
      q.speaker = best.speaker;
      q.speakerName = best.speakerName;
    }
  }
}
