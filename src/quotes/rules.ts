/**
 * Typography rules on top of the taggers: quotes interrupted by their
 * attribution (“…,” he said, “…”), attribution by a dash after the quote
 * (“…” — Name), and quotation-mark regions the taggers left without a cue,
 * whose speaker comes from the text right after them or the sentence before.
 */
import type { Quote, Span } from '../document/types.ts';
import type { QuoteRegion } from './marks.ts';
import { SpanIndex } from './spanindex.ts';

/** Longest text between the two parts of an interrupted quotation (characters). */
const MAX_GAP = 300;

/** Reporting verbs recognised by the rules (the taggers learn their own from data). */
const BASE_VERBS =
  'said says say told tells added adds stressed stresses emphasized emphasised emphasizes emphasises noted notes ' +
  'warned warns explained explains insisted insists declared declares stated states asked asks replied replies ' +
  'answered answers continued continues wrote writes recalled recalls argued argues remarked remarks observed ' +
  'commented comments announced announces claimed claims acknowledged admitted admits concluded concludes ' +
  'responded responds quipped joked tweeted posted pointed underlined underscored urged urges affirmed reiterated ' +
  'reiterates conceded cautioned predicted suggested suggests shouted cried whispered murmured demanded demands ' +
  'denied denies confirmed confirms assured assures vowed vows promised promises';

/** Reporting verbs and the attribution patterns compiled from them (built once per stage). */
export interface Verbs {
  set: Set<string>;
  /** "he said", "Kim Jong-un emphasized", "said Lavrov", "the minister added" at the start of a text. */
  after: RegExp;
  /** "The envoy said:" / "Lavrov told reporters," at the end of a text. */
  lead: RegExp;
}

export function verbSet(lexicon: string[]): Verbs {
  const set = new Set(BASE_VERBS.split(' '));
  for (const c of lexicon) if (/^[a-z]+$/.test(c) && /(?:ed|s|id|ld|te|ote)$/.test(c)) set.add(c);
  const alt = [...set].sort((a, b) => b.length - a.length).join('|');
  const after = new RegExp(
    String.raw`^\s*[,–—-]?\s*(?:(${SPEAKER})\s+(?:also\s+|then\s+|later\s+)?(${alt})|(${alt})\s+(${SPEAKER}))(?=[\s,.:;!?]|$)`,
    'u',
  );
  const lead = new RegExp(
    String.raw`(${SPEAKER})\s+(?:also\s+|then\s+|later\s+)?(${alt})(?:\s+[^“”"«».!?]{0,40}?)?\s*[:,]\s*$`,
    'u',
  );
  return { set, after, lead };
}

const SPEAKER = String.raw`(?:he|she|they|we|I|it|(?:[Tt]he\s+)?[\p{Lu}][\p{L}.'’-]*(?:\s+(?:of\s+the\s+|of\s+|de\s+|al-)?[\p{Lu}][\p{L}.'’-]*){0,5}|[Tt]he\s+[\p{Ll}-]+(?:\s+[\p{Ll}-]+)?)`;

export interface Attribution {
  speaker: Span;
  cue: Span;
  /** End of the whole attribution clause (to the next mark or sentence end). */
  end: number;
}

/** An attribution clause at `text[from…]` ("he said", "said Lavrov"), or null. */
export function attributionAt(text: string, from: number, limit: number, verbs: Verbs): Attribution | null {
  const chunk = text.slice(from, Math.min(limit, from + 160));
  const m = verbs.after.exec(chunk);
  if (!m) return null;
  const whole = m[0];
  let speakerText: string;
  let verbText: string;
  let speakerFirst: boolean;
  if (m[1] !== undefined) {
    speakerText = m[1];
    verbText = m[2];
    speakerFirst = true;
  } else {
    verbText = m[3];
    speakerText = m[4];
    speakerFirst = false;
  }

  if (
    !speakerFirst &&
    /^(?:he|she|they|we|I|it)$/.test(speakerText) === false &&
    /^[\p{Ll}]/u.test(speakerText)
  ) {
    // "said the minister" is fine; "said that" is not an attribution
    if (!/^the\s/.test(speakerText)) return null;
  }
  const verbOff = speakerFirst ? whole.lastIndexOf(verbText) : whole.indexOf(verbText);
  const spOff = speakerFirst ? whole.indexOf(speakerText) : whole.lastIndexOf(speakerText);
  let end = from + whole.length;
  // extend over a short tail ("said on Tuesday", "told reporters") up to punctuation
  const tail = /^[^“”"«».!?;:\n]{0,50}?(?=[,.:;!?]|\s*[“"«]|$)/u.exec(
    text.slice(end, Math.min(limit, end + 60)),
  );
  if (tail) end += tail[0].length;
  return {
    speaker: { start: from + spOff, end: from + spOff + speakerText.length },
    cue: { start: from + verbOff, end: from + verbOff + verbText.length },
    end,
  };
}

/** The subject at the start of a sentence: a name or "the" + noun, before a verb. */
const SUBJECT =
  /^((?:[Tt]he\s+[\p{Ll}-]+(?:\s+[\p{Ll}-]+)?)|(?:\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}))(?=\s+(?:was|is|were|are|has|had|did|looked|sounded|remained|spoke|replied|went|seemed|appeared|turned|\p{Ll}+ed)\b)/u;

const DASH_NAME =
  /^\s*[―—–]\s*((?:\p{Lu}[\p{L}.'’-]*)(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|bin|al-\p{Lu}[\p{L}'’-]*)){0,5})/u;

/** “…” ― Name: the dash is the cue and the name the speaker. */
export function dashAttribution(text: string, r: QuoteRegion, limit: number): Attribution | null {
  const m = DASH_NAME.exec(text.slice(r.end, Math.min(limit, r.end + 100)));
  if (!m) return null;
  const dashOff = m[0].search(/[―—–]/);
  const nameOff = m[0].length - m[1].length;
  let nameEnd = r.end + m[0].length;
  while (nameEnd > r.end + nameOff && /[.,]/.test(text[nameEnd - 1])) nameEnd--;
  return {
    speaker: { start: r.end + nameOff, end: nameEnd },
    cue: { start: r.end + dashOff, end: r.end + dashOff + 1 },
    end: r.end + m[0].length,
  };
}

/** Whether a region is worth treating as speech (not a scare quote or a title). */
function speechLike(text: string, r: QuoteRegion): boolean {
  const inner = text.slice(r.start + 1, r.closed ? r.end - 1 : r.end);
  const words = inner.trim().split(/\s+/).length;
  return words >= 5 || (words >= 3 && /[.!?,]\s*$/.test(inner));
}

function newQuote(start: number, end: number, speaker: Span | null, cue: Span | null, text: string): Quote {
  return {
    id: '',
    start,
    end,
    kind: 'direct',
    speaker: null,
    speakerName: speaker ? text.slice(speaker.start, speaker.end) : null,
    speakerSpan: speaker,
    cue,
  };
}

/**
 * Applies the typography rules to the tagger output and returns the whole
 * list (tagger quotes, some merged or extended, plus new ones), sorted by
 * start. `paraOf(pos)` gives the paragraph span containing `pos`.
 */
export function applyMarkRules(
  text: string,
  regions: QuoteRegion[],
  quotes: Quote[],
  paraOf: (pos: number) => Span,
  sentences: Span[],
  verbs: Verbs,
): Quote[] {
  const top = regions.filter((r) => r.depth === 0);
  const index = new SpanIndex(quotes);
  const tagged = new Set(quotes);
  const added = { push: (q: Quote) => index.add(q) };
  const covered = (s: Span) => index.overlapping(s.start, s.end).length > 0;
  const used = new Uint8Array(top.length);
  // 0. a quotation that runs over several paragraphs is one quote, whatever the tagger cut out of it
  for (const r of top) {
    if (r.pieces.length < 2) continue;
    const inside = index.overlapping(r.start, r.end).filter((q) => tagged.has(q));
    if (!inside.length) continue;
    const q = inside[0];
    const first = { start: Math.min(q.start, r.pieces[0].start), end: r.pieces[0].end };
    q.fragments = [first, ...r.pieces.slice(1).map((p) => ({ start: p.start, end: p.end }))];
    q.start = first.start;
    q.end = Math.max(q.end, r.end);
    index.update(q);
    for (const other of inside.slice(1)) {
      // pieces the tagger cut out of the same quotation (no cue of their own outside it) merge in
      if (!other.cue || (other.cue.start >= r.start && other.cue.end <= r.end) || other.end <= r.end)
        index.remove(other);
    }
  }
  // 1. interrupted quotes: R1, attribution, R2 in the same paragraph
  for (let i = 0; i + 1 < top.length; i++) {
    const r1 = top[i];
    const r2 = top[i + 1];
    if (!r1.closed || r1.pieces.length > 1) continue;
    const para = paraOf(r1.start);
    if (r2.start >= para.end) continue;
    const gap = text.slice(r1.end, r2.start);
    if (gap.length > MAX_GAP || /[“”"«»]/.test(gap)) continue;
    const inner1 = text.slice(r1.start, r1.end);
    const att = attributionAt(text, r1.end, r2.start, verbs);
    if (!att) continue;
    // after the attribution the gap may go on with the rest of its clause (“…,” he said,
    // referring to the vote, “…”); a gap longer than 120 characters must end that sentence
    // before the second part (“…,” she said of the election, in which … . “…”). News style
    // counts both quotations as one quote of the same speaker
    const rest = text.slice(att.end, r2.start);
    if (gap.length > 120 && !/^[\s,.:;–—-]*$/.test(rest) && !/[.!?]\s*$/.test(rest)) continue;
    // a first part that ends a sentence, followed by a second sentence, is still one quote in news style
    if (!/[,.!?…–—-]\s*[”"»’“]?$/.test(inner1)) continue;
    const hull: Span = { start: r1.start, end: r2.end };
    const pieces: Span[] = [
      { start: r1.start, end: r1.end },
      ...r2.pieces.map((p) => ({ start: p.start, end: p.end })),
    ];
    // quotes wholly inside the gap are attributions of their own (", emphasizing why …")
    const existing = index
      .overlapping(hull.start, hull.end)
      .filter((q) => q.start < r1.end || q.end > r2.start);
    // a tagged quote with its cue elsewhere belongs to another attribution: leave it alone
    if (existing.some((q) => q.cue && (q.cue.start < r1.end || q.cue.end > r2.start))) continue;
    if (existing.length) {
      const q = existing[0];
      q.start = Math.min(q.start, hull.start);
      q.end = Math.max(q.end, hull.end);
      q.fragments = pieces;
      if (!q.speakerSpan) {
        q.speakerSpan = att.speaker;
        q.speakerName = text.slice(att.speaker.start, att.speaker.end);
      }
      q.cue ??= att.cue;
      index.update(q);
      for (const other of existing.slice(1)) index.remove(other);
    } else {
      const q = newQuote(hull.start, hull.end, att.speaker, att.cue, text);
      q.fragments = pieces;
      added.push(q);
    }
    used[i] = 1;
    used[i + 1] = 1;
  }
  // 2. dash attribution and 3. regions without a cue
  let sIdx = 0;
  for (let i = 0; i < top.length; i++) {
    if (used[i]) continue;
    const r = top[i];
    const para = paraOf(r.start);
    const dash = r.closed ? dashAttribution(text, r, para.end) : null;
    if (dash) {
      const hit = index.overlapping(r.start, r.end)[0];
      if (hit) {
        if (!hit.speakerSpan) {
          hit.speakerSpan = dash.speaker;
          hit.speakerName = text.slice(dash.speaker.start, dash.speaker.end);
          hit.cue = dash.cue;
        }
      } else added.push(newQuote(r.start, r.end, dash.speaker, dash.cue, text));
      continue;
    }
    if (!speechLike(text, r) || covered(r)) continue;
    while (sIdx + 1 < sentences.length && sentences[sIdx + 1].start <= r.start) sIdx++;
    const opensSentence = sentences[sIdx] && r.start - sentences[sIdx].start <= 1;
    // speaker right after the quote: “…,” Kim Jong-un emphasized.
    const after = r.closed ? attributionAt(text, r.end, para.end, verbs) : null;
    if (after) {
      added.push(newQuote(r.start, r.end, after.speaker, after.cue, text));
      continue;
    }
    // speaker before the quote in the same sentence: The envoy said: "…"
    const sent = sentences[sIdx];
    if (sent && !opensSentence) {
      const lead = text.slice(Math.max(sent.start, r.start - 160), r.start);
      const m = verbs.lead.exec(lead);
      if (m) {
        const base = r.start - lead.length + m.index;
        const spOff = m[0].indexOf(m[1]);
        const vOff = m[0].indexOf(m[2], spOff + m[1].length);
        const speaker = { start: base + spOff, end: base + spOff + m[1].length };
        added.push(
          newQuote(r.start, r.end, speaker, { start: base + vOff, end: base + vOff + m[2].length }, text),
        );
        continue;
      }
    }
    // otherwise only a quote that opens its sentence counts (a quoted phrase inside a sentence is not speech)
    if (!opensSentence) continue;
    // the speaker is in the sentence before it
    let speaker: Span | null = null;
    if (sIdx > 0) {
      const prev = sentences[sIdx - 1];
      const prevQuote = index.lastEndingIn(prev.start - 1, r.start, (q) => q.speakerSpan !== null);
      if (prevQuote) speaker = prevQuote.speakerSpan;
      else if (/:\s*$/.test(text.slice(prev.start, prev.end)) || r.start - prev.end < 3) {
        const m =
          /(?:^|[\s(])((?:\p{Lu}[\p{L}.'’-]+)(?:\s+\p{Lu}[\p{L}.'’-]+){0,3})\s+(?:\p{Ll}+\s+){0,3}?(?:said|says|stated|told|added|wrote|declared|stressed|emphasi[sz]ed|noted|warned|explained|replied|answered)\b/u.exec(
            text.slice(prev.start, prev.end),
          );
        if (m) {
          const off = text.slice(prev.start, prev.end).indexOf(m[1], m.index);
          speaker = { start: prev.start + off, end: prev.start + off + m[1].length };
        }
      }
      if (!speaker && r.start - prev.end < 3) {
        // "The minister was blunt. “…”": the subject of a short sentence right before
        const m = SUBJECT.exec(text.slice(prev.start, prev.end));
        if (m && text.slice(prev.start, prev.end).split(/\s+/).length <= 14)
          speaker = { start: prev.start, end: prev.start + m[1].length };
      }
    }
    const q = newQuote(r.start, r.end, speaker, null, text);
    if (r.pieces.length > 1) q.fragments = r.pieces.map((p) => ({ start: p.start, end: p.end }));
    added.push(q);
  }
  return index.toArray();
}

/**
 * Set phrases built on a speech verb that attribute nothing: "Having said that, …", "That said,
 * …" (only opening a sentence: "a memo that said, …" does attribute), "needless to say", "so to
 * speak". A commentator writes them in their own voice; the taggers, seeing "said" or "say",
 * would otherwise make the words around them a quote.
 */
const DISCOURSE_IDIOM =
  /\b(?:having said that|that being said|needless to say|suffice(?: it)? to say|(?:it )?goes without saying|so to speak|to say the least|that is to say)\b|(?<=(?:^|[.!?;]\s+|\b(?:but|and)\s+))that said(?=,)/gim;

/** Quotes whose cue is a word of a set phrase (see DISCOURSE_IDIOM) go. */
export function dropIdiomCues(text: string, quotes: Quote[]): Quote[] {
  const idioms: Span[] = [];
  for (const m of text.matchAll(DISCOURSE_IDIOM))
    idioms.push({ start: m.index!, end: m.index! + m[0].length });
  if (!idioms.length) return quotes;
  const index = new SpanIndex(idioms);
  return quotes.filter((q) => {
    const cue = q.cue;
    if (!cue) return true;
    for (const i of index.overlapping(cue.start, cue.end))
      if (i.start <= cue.start && cue.end <= i.end) return false;
    return true;
  });
}

/**
 * "As reported by X, …" / "As noted in X, …" opening a sentence: X is the source and the rest of
 * the sentence its content, cue the verb (PolNeAR's reading). The taggers tend to take the word
 * "As" or a piece of a long source ("the Telegram" of "the Telegram channel of the ministry")
 * as the speaker.
 */
const AS_REPORTED =
  /^As\s+(?:(?:was|has been|had been|first|previously|earlier|recently|originally)\s+)?(reported|noted|stated|announced|revealed|written|said|claimed|described|explained|published|cited|quoted)\s+(?:by|in|on)\s+([^,.;:!?“”"]{2,140}?),\s+/;

/** "As RBN reports, …" / "As the Harbour Review noted on Monday, …": the source before its verb. */
const AS_X_REPORTS =
  /^As\s+(?!(?:I|We|You|He|She|They|It)\b)((?:the\s+|The\s+)?\p{Lu}[\p{L}\p{N}.&'’-]*(?:\s+(?:of\s+|for\s+)?\p{Lu}[\p{L}\p{N}.&'’-]*){0,5})\s+(?:has\s+|had\s+|also\s+)?(reported|reports|noted|notes|wrote|writes|said|says|pointed\s+out|explained|observed|announced|put\s+it)(?:\s+[^,.;:!?“”"]{1,40}?)?,\s+/u;

/** Quotes for sentences that open "As reported by X, …", replacing tagger quotes around them. */
export function asReportedBy(text: string, sentences: Span[], quotes: Quote[]): Quote[] {
  const added: Quote[] = [];
  for (const s of sentences) {
    if (text.charCodeAt(s.start) !== 65 || text.charCodeAt(s.start + 1) !== 115) continue; // "As"
    const opening = text.slice(s.start, Math.min(s.end, s.start + 220));
    const m = AS_REPORTED.exec(opening);
    // (a quotation after "As Okafor said, “…”" is the tagger's: it finds those)
    const x = m ? null : AS_X_REPORTS.exec(opening);
    if (!m && (!x || /^[“"«„‘']/.test(opening.slice(x[0].length)))) continue;
    // cue and source as (verb, source) in either order of the two patterns
    const [verb, source, whole] = m ? [m[1], m[2], m[0]] : [x![2], x![1], x![0]];
    const cueStart = s.start + (m ? whole.indexOf(verb, 3) : whole.indexOf(verb, 3 + source.length));
    const srcStart = s.start + (m ? whole.lastIndexOf(source) : whole.indexOf(source, 2));
    let end = s.end;
    while (end > s.start && /[\s.!?]/.test(text[end - 1])) end--;
    const start = s.start + whole.length;
    if (end - start < 10) continue;
    const q = newQuote(
      start,
      end,
      { start: srcStart, end: srcStart + source.length },
      { start: cueStart, end: cueStart + verb.length },
      text,
    );
    q.kind = 'indirect';
    added.push(q);
  }
  if (!added.length) return quotes;
  const index = new SpanIndex(added.map((q) => ({ start: q.speakerSpan!.start - 30, end: q.end, quote: q })));
  // a tagger quote with its cue or speaker in the opening, or content that starts there, goes
  const kept = quotes.filter((q) => {
    for (const { quote: a } of index.overlapping(q.cue?.start ?? q.start, q.cue?.end ?? q.end)) {
      const opening = { start: a.cue!.start - 4, end: a.start };
      const inOpening = (x: Span | null) => !!x && x.start < opening.end && opening.start < x.end;
      if (
        inOpening(q.cue) ||
        inOpening(q.speakerSpan) ||
        (q.start >= opening.start && q.start <= a.start + 2)
      )
        return false;
    }
    return true;
  });
  return [...kept, ...added].sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Words that are never the speaker: conjunctions and adverbs the taggers sometimes take for one,
 * and the author's "let's" ("let's hope …" is an attribution in PolNeAR, but to no one a reader
 * could name).
 */
const NOT_SPEAKER =
  /^(?:so|and|but|if|when|while|because|then|there|now|also|thus|hence|however|yet|or|nor|though|although|since|until|whether|why|how|let[’']s|let us)$/i;
/** A passive cue after "It" makes "It" an expletive, not a speaker: "It has been reported that …". */
const EXPLETIVE_CUE =
  /^(?:is|was|(?:has|have|had)(?:\s+(?:already|also|long|\w+ly))?\s+been|(?:will|would|could|may|might)\s+be)\s+(?:(?:already|also|\w+ly)\s+)?\w+(?:ed|en|wn|id)\b/i;
/** A speaker that makes the whole quote the author's own voice: "As noted, …" (sources that open
 * with "As" are read by `asReportedBy` first). */
const AUTHOR_VOICE = /^as$/i;

/** Quotes in the author's own voice go; speaker spans that cannot be a speaker are cleared. */
export function dropNonSpeakers(text: string, quotes: Quote[]): Quote[] {
  return quotes.filter((q) => {
    if (!q.speakerSpan) return true;
    const w = text.slice(q.speakerSpan.start, q.speakerSpan.end).trim();
    if (AUTHOR_VOICE.test(w)) return false;
    const cue = q.cue ? text.slice(q.cue.start, q.cue.end) : '';
    if (NOT_SPEAKER.test(w) || (/^it$/i.test(w) && EXPLETIVE_CUE.test(cue))) {
      q.speakerSpan = null;
      q.speakerName = null;
      q.speaker = null;
    }
    return true;
  });
}
