/**
 * Attributions written around or after their content, which the span tagger
 * (trained on US political copy) often gets wrong in wire and business copy:
 *
 * - "Commuters prefer fast trains, says a survey." — the tagger runs the
 *   content on through its own cue: content stops at the comma, and what
 *   follows the cue is the speaker;
 * - "On a larger scale, said Dr Okafor, the cells …" — the name after an
 *   inverted cue is taken for content: it is the speaker, and the content
 *   starts after its comma;
 * - "Commuters prefer fast trains, says a survey." — sometimes tagged the
 *   wrong way round, the clause as speaker and "a survey" as content;
 * - "Rail freight will double, analysts have predicted." — no speaker tagged
 *   before a cue that ends the sentence: the words between the comma and the
 *   cue are the speaker, and the clause before the comma is the content;
 * - "Mayor Petrov, who hopes to finish the bridge, said last week that …" — the speaker and the
 *   cue taken into the content, which starts at the "that";
 * - "Okafor, speaking to reporters in Tarvin, said …" — the participle's object
 *   taken for the speaker;
 * - "The minister, according to two officials, resigned on Friday." — content
 *   cut at the parenthetical attribution;
 * - "Officials said on condition of anonymity that …" — content starting with
 *   an adjunct of the cue instead of at its "that";
 * - "Okafor said the port, which was built in 1920, would close." — content
 *   ended at the relative clause inside its subject;
 * - "TARVIN, March 3 (Harbour Wire) — The minister arrived …, the agency reported." —
 *   the dateline taken into the content;
 * - "“…,” Kim said, according to KCNA." — the words given to the outlet that
 *   carried them; they are Kim's (see unnestAccordingTo), as in "The Review
 *   quoted Okafor as saying …" (quotedAsSaying).
 *
 * Each repair applies only where the tagger's own output shows the shape; the
 * rest is left alone.
 */
import type { Quote, Span } from '../document/types.ts';
import { SpanIndex } from './spanindex.ts';

/** The sentence holding `pos` (sentences are sorted and disjoint), or null. */
function sentenceAt(sentences: Span[], pos: number): Span | null {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}

const words = (s: string) => (s.trim() ? s.trim().split(/\s+/).length : 0);

/** The last comma in `text[from, to)`, or -1. */
function lastComma(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (text.charCodeAt(i) === 44) return i;
  return -1;
}

/** `[start, end)` without white space at either end. */
function trimmed(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /[\s.!?]/.test(text[end - 1])) end--;
  return { start, end };
}

/** A short noun phrase that can speak: no clause break, no quotation mark, at most `max` words. */
function speakerLike(s: string, max: number): boolean {
  const n = words(s);
  return n >= 1 && n <= max && !/[,;:“”"«»()]/.test(s) && !/\b(?:that|which|who|and|but)\b/i.test(s);
}

/**
 * A short noun phrase that can follow "says" at the end of a sentence: "a report", "the new
 * study", "analysts", "Ofcom" — and not a clause ("he fully supports the plan").
 */
function nounPhrase(s: string): boolean {
  s = s.trim();
  if (!speakerLike(s, 6) || AUXILIARY.test(s)) return false;
  return (
    /^(?:a|an|the|this|its|their|one|two|three|several|many|some|most|other|leading|senior|industry)\s+\S/i.test(
      s,
    ) ||
    /^\p{Lu}[\p{L}&.'’-]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}&.'’-]*){0,4}$/u.test(s) ||
    /^[a-z]+s$/.test(s)
  );
}

/** Words that start something other than the predicate of a cut subject. */
const NOT_A_PREDICATE =
  /^(?:but|and|or|nor|yet|so|who|whom|which|whose|where|when|while|the|a|an|its|their|his|her|compared|including|according|with|as|than|up|down|one|not)\b/i;

/** A finite verb form that makes "the visit was planned" a clause, not a noun phrase. */
const AUXILIARY =
  /\b(?:is|are|was|were|be|been|being|has|have|had|will|would|can|could|should|may|might|must|does|did|not)\b/i;

/** "Okafor, an envoy of the ministry," / "Petrov, who chairs the board,": a name with its apposition. */
const APPOSITION = /^[^,]{1,60},\s*(?:a|an|the|who|which|whose|its|his|her|their)\b/i;

/** Cues that report speech or writing (not "is expected", "appeared", "known as"). */
const REPORTING =
  /^(?:says|said|say|reports|reported|adds|added|notes|noted|told|tells|claims|claimed|warns|warned|argues|argued|predicts|predicted|ha(?:ve|s) predicted|ha(?:ve|s) said|ha(?:ve|s) warned|states|stated|insists|insisted|believes|believe|according to|suggests|suggested|found|finds|concluded|concludes|estimates|estimated)$/i;

const QUOTED = /[“”"«»„‟]|''|``/;

const INVERTED_NAME =
  /^\s*((?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Lord)\.?\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})\s*,\s*/u;

/** ", speaking to", ", citing", ", in an interview with": a phrase between a subject and its cue. */
const PARTICIPLE_BEFORE =
  /,\s*(?:(?:speaking|talking|writing|testifying|appearing)\s+(?:to|with|at|in|on|from|before)|addressing|citing|quoting|interviewed\s+by|in\s+(?:an?\s+)?(?:interview|remarks|comments|statement|letter|speech)\s+(?:with|to|on|at|for))\s+$/i;

/**
 * "Okafor, speaking to reporters in Tarvin, said …": the tagger may take the
 * participle's object ("reporters in Tarvin") for the speaker; the speaker is
 * the subject before the participle phrase. Applies when that subject is a
 * short noun phrase opening its sentence; works in place.
 */
function participleSpeaker(text: string, sent: Span, q: Quote): void {
  const sp = q.speakerSpan;
  if (!sp || !q.cue || sp.end > q.cue.start) return;
  // "A senior official, who asked not to be named, said …": the tagger's speaker stopped after "who"
  const rel = /,\s*(?:who|which|whose)\s*$/i.exec(text.slice(sp.start, sp.end));
  if (rel && words(text.slice(sp.start, sp.start + rel.index)) >= 1) sp.end = sp.start + rel.index;
  if (sp.start <= sent.start) return;
  const before = text.slice(sent.start, sp.start);
  const m = PARTICIPLE_BEFORE.exec(before);
  if (!m) return;
  const subject = before.slice(0, m.index);
  if (!/^\s*\p{Lu}/u.test(subject) || !speakerLike(subject, 8)) return;
  q.speakerSpan = trimmed(text, sent.start, sent.start + m.index);
}

/**
 * "The minister, according to two officials, resigned on Friday.": content the
 * tagger ended at the comma before a parenthetical "according to X" goes on
 * after X's comma to the end of the sentence, as one quote in two fragments.
 * Returns whether it applied; works in place.
 */
function parentheticalAccordingTo(text: string, sent: Span, q: Quote): boolean {
  const cue = q.cue;
  const sp = q.speakerSpan;
  if (!cue || !sp || q.fragments || !/^according to$/i.test(text.slice(cue.start, cue.end))) return false;
  if (q.end > cue.start || text.slice(q.end, cue.start).trim() !== ',' || sp.start < cue.end) return false;
  // the tagger may run the source on over the rest: "according to [the ministry, fell by a third]"
  const inner = text.indexOf(',', sp.start);
  const spEnd =
    inner >= 0 && inner < sp.end && /^,\s*\p{Ll}/u.test(text.slice(inner, sp.end)) ? inner : sp.end;
  let comma = spEnd;
  while (comma < sent.end && /\s/.test(text[comma])) comma++;
  if (text.charCodeAt(comma) !== 44) return false;
  const rest = trimmed(text, comma + 1, sent.end);
  const restText = text.slice(rest.start, rest.end);
  if (words(restText) < 2 || QUOTED.test(restText) || !/^\p{Ll}/u.test(restText)) return false;
  // only a subject cut from its verb: "The minister, …, resigned" — not a whole clause followed by
  // ", but …", ", who …" or ", the most of any …"
  const head = text.slice(q.start, q.end);
  if (words(head) > 8 || AUXILIARY.test(head) || NOT_A_PREDICATE.test(restText)) return false;
  q.speakerSpan = trimmed(text, sp.start, spEnd);
  q.fragments = [
    { start: q.start, end: q.end },
    { start: rest.start, end: rest.end },
  ];
  q.end = rest.end;
  return true;
}

const DAY_OR_PART =
  '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|weekend|month|year|night|morning|afternoon|evening)';

/**
 * An adjunct between a cue and its "that": an addressee ("to the judge", "to
 * Valmoran reporters"), a time ("last week", "on Monday"), a manner or medium
 * ("in a statement", "through a spokesman", "on condition of anonymity").
 * An infinitive ("to show that …") is not one: "to" must be followed by a
 * determiner, an object pronoun, a capitalised word or a number.
 */
const ADJUNCT_THAT = new RegExp(
  String.raw`^(?:to\s+(?:the|a|an|his|her|their|its|me|him|them|us|you|\p{Lu}[\p{L}.’'-]*|\d[\d,]*)(?:\s+[^\s,;:“”"]+){0,6}?` +
    String.raw`|(?:last|this|earlier|late|on)\s+${DAY_OR_PART}` +
    String.raw`|in\s+(?:a|an|the)\s+(?:statement|interview|filing|letter|e-?mail|post|speech|briefing|tweet|memo|report)\b(?:\s+[^\s,;:“”"]+){0,3}?` +
    String.raw`|through\s+(?:a|her|his|their|its)\s+(?:spokes\w+|lawyer|attorney|representative)` +
    String.raw`|on\s+(?:the\s+)?condition\s+of\s+anonymity)\s+(?=that\s)`,
  'u',
);

/**
 * "Officials said on condition of anonymity that …", "He told the judge that …":
 * unquoted content starting with an adjunct of its cue starts at the "that".
 * Works in place.
 */
function startAtThat(text: string, q: Quote): void {
  const cue = q.cue;
  if (!cue || q.start < cue.end || q.fragments || text.slice(cue.end, q.start).trim()) return;
  const m = ADJUNCT_THAT.exec(text.slice(q.start, Math.min(q.end, q.start + 120)));
  if (!m || words(text.slice(q.start + m[0].length, q.end)) < 3) return;
  q.start += m[0].length;
}

/** "told the Harbour Review that …": up to six words of addressee, then "that". */
const ADDRESSEE_THAT = /^(?:[^\s,;:“”"«»()]+\s+){1,6}?(?=that\s)/u;

/**
 * "Petrov later told the Harbour Review that …": content after "told" starts at the "that"
 * after its addressee, also when quoted words follow (the addressee holds none). Works in place.
 */
function pastAddressee(text: string, q: Quote): void {
  const cue = q.cue;
  if (!cue || q.start < cue.end || text.slice(cue.end, q.start).trim()) return;
  if (!/(?:^|\s)(?:told|tells|tell)$/i.test(text.slice(cue.start, cue.end))) return;
  const m = ADDRESSEE_THAT.exec(text.slice(q.start, Math.min(q.end, q.start + 100)));
  if (!m || words(text.slice(q.start + m[0].length, q.end)) < 3) return;
  const at = q.start + m[0].length;
  q.start = at;
  if (q.fragments) {
    const kept = q.fragments
      .filter((f) => f.end > at)
      .map((f) => ({ start: Math.max(f.start, at), end: f.end }));
    q.fragments = kept.length > 1 ? kept : undefined;
  }
}

/** ", Tarvin, was calm" / ", the old capital, has reopened": an apposition and a predicate after a subject. */
const APPOSED =
  /^,\s*(?:(?:the|a|an|its|his|her|their)\s[^,;:“”"()]{1,60}|\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}),\s*((?:is|are|was|were|has|have|had|will|would|could|should|may|might|must|can|cannot|did|does|remains|remained)\b[^;:“”"]*)$/u;

/**
 * "Okafor said the port, which was built in 1920, would close.": unquoted
 * content after its cue that the tagger ended at the comma of a relative clause
 * inside its subject goes on to the end of the sentence; so does content ended at
 * an apposition ("said the capital, Tarvin, was calm"). Applies when the content
 * is a short noun phrase and a predicate follows the clause or apposition.
 */
function acrossRelativeClause(text: string, sent: Span, q: Quote): void {
  const cue = q.cue;
  if (!cue || q.start < cue.end || q.fragments || sent.end - q.end > 400) return;
  const head = text.slice(q.start, q.end);
  if (words(head) > 5 || AUXILIARY.test(head) || QUOTED.test(head)) return;
  const rest = trimmed(text, q.end, sent.end);
  const after = text.slice(rest.start, rest.end);
  const m = /^,\s*(?:which|who|whose|where)\s[^,;:“”"]{3,200},\s*(\p{Ll}[^;:“”"]*)$/u.exec(after);
  // a list going on inside the clause (", putting up …") is no predicate
  if (m && !NOT_A_PREDICATE.test(m[1]) && !/^\p{Ll}+ing\b/u.test(m[1]) && words(m[1]) >= 2) {
    q.end = rest.end;
    return;
  }
  // "the capital, Tarvin, was calm": an apposition, then a predicate that opens with a verb
  const a = APPOSED.exec(after);
  if (a && words(a[1]) >= 2 && REPORTING.test(text.slice(cue.start, cue.end))) q.end = rest.end;
}

/**
 * A dateline opening a story ("TARVIN, March 3 (Harbour Wire) — ", "Tarvin, Valmora -- "): the place,
 * an optional region or date and agency, then a dash. No quote's content starts with one.
 */
const DATELINE =
  /^\p{Lu}[\p{L} .'’-]{1,40},(?:\s+\p{Lu}[\p{L}.]+,?)?(?:\s+\p{Lu}\p{Ll}+\.?\s+\d{1,2}|\s+\d{1,2}\s+\p{Lu}\p{Ll}+)?(?:\s+\([^()]{1,40}\))?(?:\s*(?:--|—|–)\s*|\s+-\s+)/u;

/**
 * Repairs the shapes above in place. `sentences` are the document's, in order. Every look-up
 * stays inside the quote, its sentence or a fixed window, so a long document stays linear.
 */
export function repairInversions(text: string, sentences: Span[], quotes: Quote[]): void {
  for (const q of quotes) {
    const cue = q.cue;
    if (!cue || q.kind === 'question' || q.kind === 'answer') continue;
    // nor does a speaker: "TARVIN, April 9 (Harbour Wire) - Valmora's minister said …"
    const sp = q.speakerSpan;
    const spDateline = sp ? DATELINE.exec(text.slice(sp.start, Math.min(sp.end, sp.start + 120))) : null;
    if (sp && spDateline && words(text.slice(sp.start + spDateline[0].length, sp.end)) >= 1)
      sp.start += spDateline[0].length;
    pastAddressee(text, q);
    // quotations and interrupted quotes (“…,” she said, “…”) are the mark rules' business
    if (QUOTED.test(text.slice(q.start, q.end))) continue;
    const sent = sentenceAt(sentences, cue.start);
    if (!sent) continue;
    const dateline = DATELINE.exec(text.slice(q.start, Math.min(q.end, q.start + 120)));
    if (dateline && words(text.slice(q.start + dateline[0].length, q.end)) >= 3)
      q.start += dateline[0].length;
    participleSpeaker(text, sent, q);
    startAtThat(text, q);
    acrossRelativeClause(text, sent, q);
    if (parentheticalAccordingTo(text, sent, q)) continue;
    if (
      cue.start > q.start &&
      cue.end <= q.end &&
      !q.speakerSpan &&
      (!q.fragments || q.fragments.filter((f) => f.start < cue.start).length === 1)
    ) {
      // "Mayor Petrov, who hopes to finish the bridge, said last week that …": the speaker and the cue
      // taken into the content; it starts at the "that" a few words after the cue
      const that = /^(?:\s+[\p{L}’'-]+){0,4}?\s+(that)\s/u.exec(
        text.slice(cue.end, Math.min(q.end, cue.end + 60)),
      );
      const subject = text.slice(q.start, cue.start);
      if (
        that &&
        REPORTING.test(text.slice(cue.start, cue.end)) &&
        /^\p{Lu}/u.test(subject) &&
        words(subject) <= 25 &&
        !/[.!?]\s/.test(subject)
      ) {
        const at = cue.end + that[0].length - 5;
        if (words(text.slice(at, q.end)) >= 3) {
          q.speakerSpan = trimmed(text, q.start, cue.start);
          if (text.charCodeAt(q.speakerSpan.end - 1) === 44) q.speakerSpan.end--;
          q.start = at;
          if (q.fragments) {
            const after = q.fragments.filter((f) => f.start >= at);
            q.fragments = after.length > 1 ? after : undefined;
          }
          continue;
        }
      }
    }
    if (cue.start > q.start && cue.end <= q.end) {
      // "…, says a report." / "…, the report says.": content running through its own cue
      if (!REPORTING.test(text.slice(cue.start, cue.end))) continue;
      const comma = lastComma(text, q.start, cue.start);
      if (comma < 0 || words(text.slice(q.start, comma)) < 3 || sent.end - cue.end > 200) continue;
      const lead = text.slice(comma + 1, cue.start);
      const tail = trimmed(text, cue.end, sent.end);
      const tailText = text.slice(tail.start, tail.end);
      let speaker: Span | null = null;
      if (words(lead) > 0) {
        if (!tailText && speakerLike(lead, 6)) speaker = trimmed(text, comma + 1, cue.start);
      } else if (nounPhrase(tailText)) speaker = tail;
      if (!speaker) continue;
      q.speakerSpan ??= speaker;
      q.end = trimmed(text, q.start, comma).end;
      if (q.fragments) {
        const kept = q.fragments.filter((f) => f.start < comma);
        if (kept.length) kept[kept.length - 1] = { start: kept[kept.length - 1].start, end: q.end };
        q.fragments = kept.length > 1 ? kept : undefined;
      }
      continue;
    }
    if (q.speakerSpan && q.start >= cue.end && q.speakerSpan.end <= cue.start && sent.end - q.end < 200) {
      // "Commuters prefer …, says a survey." tagged the wrong way round: speaker ↔ content
      const sp = q.speakerSpan;
      const tail = text.slice(q.end, sent.end);
      const clause = text.slice(sp.start, sp.end);
      if (
        REPORTING.test(text.slice(cue.start, cue.end)) &&
        !tail.replace(/[\s.!?]/g, '') &&
        nounPhrase(text.slice(q.start, q.end)) &&
        /,\s*$/.test(clause) &&
        !APPOSITION.test(clause) &&
        words(clause) >= 4 &&
        !QUOTED.test(clause)
      ) {
        q.speakerSpan = { start: q.start, end: q.end };
        const content = trimmed(text, sp.start, sp.end);
        q.start = content.start;
        q.end = trimmed(
          text,
          content.start,
          Math.max(content.start, lastComma(text, content.start, content.end)),
        ).end;
      }
      continue;
    }
    if (q.speakerSpan) continue;
    if (
      q.start >= cue.end &&
      !q.fragments &&
      !text.slice(cue.end, q.start).trim() &&
      REPORTING.test(text.slice(cue.start, cue.end))
    ) {
      // "…, said Dr Okafor, the cells …" (the tagger may have stopped at the name)
      const m = INVERTED_NAME.exec(text.slice(q.start, Math.min(sent.end, q.start + 80)));
      if (!m) continue;
      const rest = q.start + m[0].length;
      const end =
        words(text.slice(rest, q.end)) >= 3
          ? q.end
          : trimmed(text, rest, Math.min(sent.end, rest + 1000)).end;
      if (words(text.slice(rest, end)) < 3) continue;
      const nameStart = q.start + m[0].indexOf(m[1]);
      q.speakerSpan = { start: nameStart, end: nameStart + m[1].length };
      q.start = rest;
      q.end = end;
      continue;
    }
    if (
      q.end <= cue.start &&
      sent.end - cue.end < 200 &&
      REPORTING.test(text.slice(cue.start, cue.end)) &&
      !text.slice(cue.end, sent.end).replace(/[\s.!?]/g, '')
    ) {
      // "Rail freight will double, analysts have predicted."
      const comma = lastComma(text, Math.max(sent.start, q.start), cue.start);
      if (comma < 0) continue;
      const lead = text.slice(comma + 1, cue.start);
      if (!speakerLike(lead, 5)) continue;
      const content = trimmed(text, sent.start, comma);
      if (words(text.slice(content.start, content.end)) < 3) continue;
      q.speakerSpan = trimmed(text, comma + 1, cue.start);
      q.start = content.start;
      q.end = content.end;
      q.fragments = undefined;
    }
  }
}

/**
 * A cue joined to the previous one by "and" or "but" shares its speaker ("Kim conveyed his thanks
 * and requested that …", "She denied the report but said that …"), and so does a participle after
 * a comma in the same sentence ("…,” Petrov said, citing …"). Quotes are in text order; works
 * in place.
 */
export function shareCoordinatedSpeakers(text: string, quotes: Quote[]): void {
  for (let i = 1; i < quotes.length; i++) {
    const q = quotes[i];
    if (!q.cue) continue;
    // the quote just before whose content (or cue) ends right where "and" + this cue begins
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const p = quotes[k];
      if (!p.speakerSpan || !p.cue || p.cue.end > q.cue.start) continue;
      // a speaker of its own stands, unless it is a piece of the shared one ("President" of
      // "President Okafor")
      const own = q.speakerSpan;
      if (own && !(own.start >= p.speakerSpan.start && own.end <= p.speakerSpan.end)) break;
      const from = Math.max(p.end, p.cue.end);
      if (from > q.cue.start || q.cue.start - from > 200) continue;
      const gap = text.slice(from, q.cue.start);
      const joined = /^\s*,?\s*(?:and|but)\s+(?:also\s+|then\s+|later\s+)?$/.test(gap);
      // "…,” he told the group, adding that …": a participle after a comma, in the same sentence
      const participle =
        /^[a-z]+ing\b/.test(text.slice(q.cue.start, q.cue.end)) &&
        /,\s*$/.test(gap) &&
        !/[.!?]["”’']?\s/.test(gap);
      if (joined || participle) {
        q.speakerSpan = { start: p.speakerSpan.start, end: p.speakerSpan.end };
        q.speakerName = text.slice(p.speakerSpan.start, p.speakerSpan.end);
      }
      break;
    }
  }
}

/** Verbs of an attribution nested inside an "according to" one. */
const NESTED_VERB =
  'said|says|added|adds|told|stated|wrote|insisted|noted|warned|explained|declared|replied|stressed|emphasi[sz]ed|argued|claimed';

/** "…,” Kim said" / "…, the minister said on Monday" / "…,” said the envoy": the speaker and cue closing a content. */
const TRAILING_ATTRIBUTION = new RegExp(
  String.raw`^\s*(?:((?:(?:the|a|an|his|her|its|their)\s+)?[\p{L}][\p{L}.’'-]*(?:\s+[\p{L}][\p{L}.’'-]*){0,5}?)\s+(${NESTED_VERB})((?:\s+[^\s,;:“”"«»]+){0,8})` +
    String.raw`|(said|says|added)\s+((?:(?:the|a|an)\s+)?\p{Lu}[\p{L}.’'-]*(?:\s+[\p{L}][\p{L}.’'-]*){0,4}))\s*$`,
  'u',
);

/** "Kim said (that) …": the speaker and cue opening a content. */
const LEADING_ATTRIBUTION = new RegExp(
  String.raw`^((?:(?:the|a|an|his|her|its|their)\s+)?\p{Lu}[\p{L}.’'-]*(?:\s+[\p{L}][\p{L}.’'-]*){0,5}?)\s+(${NESTED_VERB})\s+(?!(?:on|in|at|last|this|to|during|after|before|when|while|of|about|for|with|by|and|but|or)\b)(?=[\p{L}\d“"«])`,
  'u',
);

const PRONOUN = /^(?:he|she|they|we|i)$/i;

/** A cue that reports speech ("said", "has told"), not an act ("demeaned", "plans"). */
const SPEECH_CUE = new RegExp(String.raw`(?:^|\s)(?:${NESTED_VERB})$`, 'i');

/** A speaker mention: a name, a pronoun or a determiner + noun, and no clause. */
function speakerMention(s: string): boolean {
  s = s.trim();
  if (!speakerLike(s, 6) || AUXILIARY.test(s)) return false;
  return PRONOUN.test(s) || /^(?:the|a|an|his|her|its|their)\s+\p{Ll}/u.test(s) || /^\p{Lu}/u.test(s);
}

/**
 * "“…,” Kim said, according to KCNA." and "Kim said the gates would open, according to KCNA.":
 * who spoke is Kim; KCNA is the outlet that carried it (the sources layer cites it). The
 * "according to" attribution becomes the one nested in its content: that one's speaker, cue and
 * content, found by the tagger or read off the content. A quote whose content runs on into the
 * ", according to KCNA" that follows it stops before it. Returns the quotes kept.
 */
export function unnestAccordingTo(text: string, quotes: Quote[]): Quote[] {
  const drop = new Set<Quote>();
  // each quote under the hull of its content, speaker and cue, so only neighbours are looked at
  let index: SpanIndex<{ start: number; end: number; q: Quote }> | null = null;
  for (const a of quotes) {
    const cue = a.cue;
    if (!cue || !a.speakerSpan || !/^according to$/i.test(text.slice(cue.start, cue.end))) continue;
    if (cue.start < a.end) continue;
    index ??= new SpanIndex(
      quotes.map((q) => ({
        start: Math.min(q.start, q.cue?.start ?? q.start, q.speakerSpan?.start ?? q.start),
        end: Math.max(q.end, q.cue?.end ?? q.end, q.speakerSpan?.end ?? q.end),
        q,
      })),
    );
    const near = index
      .overlapping(Math.max(0, a.start - 200), Math.max(a.end, a.speakerSpan.end) + 1)
      .map((x) => x.q);
    const speech = (b: Quote) => !!b.cue && SPEECH_CUE.test(text.slice(b.cue.start, b.cue.end));
    // an attribution inside that reaches the end of the content (its words, speaker or cue), so
    // that it is what "according to" reports, not a clause within it
    const reachesEnd = (b: Quote) => {
      const last = Math.max(b.end, b.cue!.end, b.speakerSpan!.end);
      const left = text.slice(Math.min(last, a.end), a.end);
      return words(left) <= 4 && !/[,;:]/.test(left);
    };
    const nested = near.filter(
      (b) =>
        b !== a &&
        b.cue &&
        b.cue.start >= a.start &&
        b.cue.end <= a.end &&
        b.speakerSpan &&
        speech(b) &&
        // not one that swallowed its own cue ("What Okafor has said …" as its own content)
        !(b.cue.start >= b.start && b.cue.end <= b.end && !QUOTED.test(text.slice(b.start, b.end))) &&
        reachesEnd(b),
    );
    // the tagger's own attributions inside: they stand, cut before the ", according to …"
    for (const b of near) {
      if (b === a || !b.cue || b.end <= cue.start || b.start >= cue.start || b.cue.start >= cue.start)
        continue;
      if (!b.speakerSpan || !speech(b)) continue;
      if (b.end > a.speakerSpan.end + 1 || b.cue.start < a.start - 200) continue;
      if (!/^\s*,?\s*$/.test(text.slice(a.end, cue.start))) continue;
      b.end = trimmed(text, b.start, a.end).end;
      while (b.end > b.start && text.charCodeAt(b.end - 1) === 44) b.end--;
      if (b.fragments) {
        const kept = b.fragments.filter((f) => f.start < b.end);
        if (kept.length) kept[kept.length - 1] = { start: kept[kept.length - 1].start, end: b.end };
        b.fragments = kept.length > 1 ? kept : undefined;
      }
      if (!nested.includes(b)) nested.push(b);
    }
    // … or one that carries the same words: "Okafor said [the gates would open], according to …"
    for (const b of near)
      if (
        b !== a &&
        b.cue &&
        b.speakerSpan &&
        speech(b) &&
        b.start <= a.start &&
        b.end >= a.end &&
        b.cue.end <= cue.start &&
        cue.start - b.cue.end < 200
      )
        if (!nested.includes(b)) nested.push(b);
    if (nested.length) {
      drop.add(a);
      continue;
    }
    if (a.fragments) continue;
    // read the nested attribution off the content: at its end, after a comma or closing mark …
    let sep = -1;
    for (let i = a.end - 1; i > a.start && i >= a.end - 160; i--) {
      if (',”"’»'.includes(text[i])) {
        sep = i;
        break;
      }
    }
    const tail = sep > a.start ? TRAILING_ATTRIBUTION.exec(text.slice(sep + 1, a.end)) : null;
    if (tail) {
      const name = tail[1] ?? tail[5];
      const verb = tail[1] ? tail[2] : tail[4];
      const rest = text.slice(sep + 1, a.end);
      const nameAt = sep + 1 + rest.indexOf(name, tail[1] ? 0 : rest.indexOf(verb) + verb.length);
      const verbAt =
        sep + 1 + (tail[1] ? rest.indexOf(verb, nameAt - sep - 1 + name.length) : rest.indexOf(verb));
      const end = text[sep] === ',' ? trimmed(text, a.start, sep).end : sep + 1;
      if (speakerMention(name) && words(text.slice(a.start, end)) >= 2) {
        a.speakerSpan = { start: nameAt, end: nameAt + name.length };
        a.speakerName = name;
        a.cue = { start: verbAt, end: verbAt + verb.length };
        a.end = end;
      }
      continue;
    }
    // … or at its start: "Kim said (that) …"
    const lead = LEADING_ATTRIBUTION.exec(text.slice(a.start, Math.min(a.end, a.start + 200)));
    if (lead && speakerMention(lead[1]) && words(text.slice(a.start + lead[0].length, a.end)) >= 3) {
      a.speakerSpan = { start: a.start, end: a.start + lead[1].length };
      a.speakerName = lead[1];
      const verbAt = a.start + lead[0].indexOf(lead[2], lead[1].length);
      a.cue = { start: verbAt, end: verbAt + lead[2].length };
      a.start += lead[0].length;
    }
  }
  return drop.size ? quotes.filter((q) => !drop.has(q)) : quotes;
}

/** "Okafor as saying (that) …", "a senior official, Ana Petrov, as telling reporters …". */
const AS_SAYING =
  /^((?:(?:the|a|an|one|two|three|his|her|its|their)\s+)?[\p{L}][\p{L}.’'-]*(?:\s+[\p{L}][\p{L}.’'-]*){0,6}?(?:,\s*[^,;:“”"]{1,60},)?)\s+(as\s+(?:saying|telling\s+(?:(?:the|a|an|his|her|their)\s+)?[^\s,;:“”"]+|writing|warning|adding))\s+(?=\S)/u;

/**
 * "The Harbour Review quoted Okafor as saying the port would reopen": the words are Okafor's; the
 * paper carried them (the sources layer cites it). A quote cued by "quoted" whose content opens
 * with "<speaker> as saying" gets that speaker, "as saying" as its cue and the rest as its
 * content. Works in place.
 */
export function quotedAsSaying(text: string, quotes: Quote[]): void {
  for (const q of quotes) {
    const cue = q.cue;
    if (!cue || q.fragments || q.start < cue.end || !/^quoted$/i.test(text.slice(cue.start, cue.end)))
      continue;
    if (text.slice(cue.end, q.start).trim()) continue;
    const m = AS_SAYING.exec(text.slice(q.start, Math.min(q.end, q.start + 200)));
    if (
      !m ||
      !speakerLike(m[1].replace(/,\s*[^,]*,$/, ''), 7) ||
      words(text.slice(q.start + m[0].length, q.end)) < 2
    )
      continue;
    let end = q.start + m[1].length;
    // "a senior official, Ana Petrov," names the speaker in the apposition: keep both, without the comma
    while (end > q.start && /[\s,]/.test(text[end - 1])) end--;
    q.speakerSpan = { start: q.start, end };
    q.speakerName = text.slice(q.start, end);
    const verbAt = q.start + m[0].lastIndexOf(m[2]);
    q.cue = { start: verbAt, end: verbAt + m[2].length };
    q.start += m[0].length;
  }
}
