/**
 * Cited sources: who the text says its information comes from — "according
 * to KCNA", "as RBC reports", "RIA Novosti released video", "the Telegram
 * channel of the Foreign Ministry", "Reuters reported". Each becomes
 * `{entity, name, start, end}` with the span on the source's name.
 */
import type { Quote, Source, Span } from '../document/types.ts';
import { type MentionIndex, overlappingEntity } from './attribute.ts';
import { SpanIndex } from './spanindex.ts';

/** A capitalised name chunk: words starting upper-case (with inner "of", "the", "de", "for", "and"). */
const W = String.raw`\p{Lu}(?:[\p{L}\p{N}'’&-]|\.(?=\p{L}))*`;
const NAME = String.raw`(?:the[ \t\u00a0]+)?${W}(?:[ \t\u00a0]+(?:(?:of|for|de|and|the|on)[ \t\u00a0]+)?(?:${W}|\(\p{Lu}+\))){0,7}`;
/** Leading words a capitalised chunk picks up at the start of a sentence. */
const LEADING =
  /^(?:(?:On|In|At|By|The|Then|But|And|Also|Later|Earlier|Meanwhile|Yesterday|Today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\s+)+/;

const REPORT_VERBS =
  'reports|reported|reporting|writes|wrote|released|publishes|published|broadcast|broadcasts|aired|cited|cites|quoted|quotes|said|says|stated|announced|carried|posted|claimed|confirmed';

/** A lower-case institution after a name: "the Valmoran embassy", "the Tarvin city government". */
const INSTITUTION = String.raw`(?:embassy|ministry|government|mission|consulate|office|presidency|parliament|army|navy|police|administration)\b`;

const ACCORDING = new RegExp(String.raw`\b[Aa]ccording\s+to\s+(${NAME})`, 'gu');
const AS_REPORTS = new RegExp(
  String.raw`\b[Aa]s\s+(${NAME})\s+(?:has\s+|had\s+)?(?:${REPORT_VERBS})\b`,
  'gu',
);
const CHANNEL = new RegExp(
  String.raw`\b((?:the\s+)?(?:official\s+)?(?:Telegram|WeChat|Twitter|X|Facebook|VK|VKontakte|YouTube|Weibo|Instagram)\s+(?:channel|account|page)\s+of\s+${NAME}(?:\s+${INSTITUTION})?)`,
  'gu',
);
const OWNED_CHANNEL = new RegExp(
  String.raw`\b(${NAME})(?:'s|’s)\s+(?:official\s+)?(?:Telegram|WeChat|Twitter|X|Facebook|VK|YouTube|Weibo|Instagram)\s+(?:channel|account|page)`,
  'gu',
);
const MEDIA_VERB = new RegExp(
  String.raw`\b(${NAME})\s+(?:also\s+|later\s+|earlier\s+|has\s+|had\s+)?(?:reported|reports|released|published|broadcast|aired|cited|quoted|carried)\b`,
  'gu',
);
/** A lower-case description of an outlet after its country, and the outlet's name: " news agency VNA". */
const MEDIA_NOUN = new RegExp(
  String.raw`^\s+(?:state\s+|official\s+|national\s+)?(?:news\s+agency|newspaper|daily|broadcaster|television|radio|agency|news\s+outlet|news\s+site|magazine|weekly)(?:\s+(${W}(?:\s+${W}){0,3}))?`,
  'u',
);
const QUOTED_BY = new RegExp(String.raw`(${NAME})\s+quoted\s+$`, 'u');
/** Words that mark a name as a news outlet or agency (for "X reported" without an entities layer). */
const MEDIA_WORDS =
  /\b(?:News|Agency|Times|Post|Journal|Herald|Tribune|Gazette|Telegraph|Guardian|Press|Radio|TV|Television|Channel|Broadcasting|Daily|Novosti|TASS|Tass|KCNA|Xinhua|Reuters|AFP|AP|Interfax|RBC|Kommersant|Izvestia|BBC|CNN|NHK|Yonhap|Kyodo|Bloomberg|Politico|Axios|Al Jazeera|Sputnik|RIA|Ria|Vedomosti|Pravda|Nikkei|Asahi|Mainichi|Bild|Spiegel|Le Monde|Figaro|Economist)\b/u;
/** Cheap pre-checks: the name-first patterns only run on texts that hold their keywords. */
const HAS_CHANNEL = /\b(?:channel|account|page)\b/;
const HAS_MEDIA_VERB = /\b(?:reported|reports|released|published|broadcast|aired|cited|quoted|carried)\b/;
const STOP_LEAD =
  /^(?:The|A|An|This|That|It|He|She|They|We|I|But|And|Also|However|Meanwhile|Earlier|Later|On|In)$/;

function cleanName(text: string, s: number, e: number): Span | null {
  // trim trailing punctuation and a trailing possessive
  while (
    e > s &&
    (/[\s.,;:'’-]/.test(text[e - 1]) || (text[e - 1] === ')' && !text.slice(s, e).includes('(')))
  )
    e--;
  if (text.slice(e - 2, e) === '’s' || text.slice(e - 2, e) === "'s") e -= 2;
  while (s < e && /\s/.test(text[s])) s++;
  const lead = LEADING.exec(text.slice(s, e));
  if (lead && lead[0].length < e - s && !/^the\s/i.test(lead[0])) s += lead[0].length;
  return e > s ? { start: s, end: e } : null;
}

/** Cited sources in the text, plus speakers of report-style quotes that are organisations. */
export function findSources(text: string, ix: MentionIndex, quotes: Quote[]): Source[] {
  // candidates in order of preference; overlaps are resolved once at the end (earlier preference wins)
  const found: (Source & { rank: number })[] = [];
  const add = (span: Span | null, nameSpan?: Span | null) => {
    if (!span) return;
    const core = nameSpan ?? span;
    const lead = text.slice(core.start, core.end).split(/\s+/)[0];
    if (STOP_LEAD.test(lead) && core.end - core.start <= lead.length) return;
    const ent = overlappingEntity(ix, core);
    const e = ent >= 0 ? ix.entities[ent] : null;
    // the citation pattern is the evidence; the entity only links it (a place or date is never a source)
    if (e && e.type === 'LOC') return;
    found.push({
      rank: found.length,
      start: span.start,
      end: span.end,
      entity: e ? e.id : null,
      name: e ? e.name : text.slice(core.start, core.end).replace(/^the\s+/i, ''),
    });
  };
  const channels = HAS_CHANNEL.test(text) ? [CHANNEL, OWNED_CHANNEL] : [];
  for (const re of channels) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = m.index + m[0].indexOf(m[1]);
      const span = cleanName(text, s, s + m[1].length);
      if (!span) continue;
      // the channel's owner is the named source
      const of = / of\s+/.exec(text.slice(span.start, span.end));
      const owner = of ? { start: span.start + of.index + of[0].length, end: span.end } : null;
      add(span, owner ? cleanName(text, owner.start, owner.end) : cleanName(text, span.start, span.end));
    }
  }
  for (const re of [ACCORDING, AS_REPORTS]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = m.index + m[0].indexOf(m[1], 2);
      const e = s + m[1].length;
      // "according to the Valmoran news agency VNA": the outlet is named after its description
      const noun = re === ACCORDING ? MEDIA_NOUN.exec(text.slice(e, e + 80)) : null;
      if (noun) {
        const span = cleanName(text, s, e + noun[0].length);
        const name = noun[1] ? e + noun[0].length - noun[1].length : -1;
        add(span, name >= 0 ? cleanName(text, name, name + noun[1].length) : span);
      } else add(cleanName(text, s, e));
    }
  }
  MEDIA_VERB.lastIndex = HAS_MEDIA_VERB.test(text) ? 0 : text.length;
  for (let m = MEDIA_VERB.exec(text); m; m = MEDIA_VERB.exec(text)) {
    const s = m.index;
    const span = cleanName(text, s, s + m[1].length);
    if (!span) continue;
    const ent = overlappingEntity(ix, span);
    const isOrg = ent >= 0 && ix.entities[ent].type === 'ORG';
    if (isOrg || MEDIA_WORDS.test(text.slice(span.start, span.end))) add(span);
  }
  // quotes whose speaker is a news organisation are cited sources too
  for (const q of quotes) {
    if (!q.speakerSpan) continue;
    const sp = q.speakerSpan;
    // "The Harbour Review quoted Okafor as saying …": the paper that quoted the speaker
    if (q.cue && /^as\s/.test(text.slice(q.cue.start, q.cue.end))) {
      const before = text.slice(Math.max(0, sp.start - 100), sp.start);
      const m = QUOTED_BY.exec(before);
      if (m) {
        const s = sp.start - before.length + m.index;
        add(cleanName(text, s, s + m[1].length));
      }
    }
    const ent = overlappingEntity(ix, sp);
    const name = text.slice(sp.start, sp.end);
    if (
      (ent >= 0 && ix.entities[ent].type === 'ORG' && MEDIA_WORDS.test(ix.entities[ent].name)) ||
      MEDIA_WORDS.test(name)
    )
      add(cleanName(text, sp.start, sp.end));
  }
  found.sort((a, b) => a.rank - b.rank);
  const kept = new SpanIndex<Source & { rank: number }>();
  for (const c of found) if (!kept.overlapping(c.start, c.end).length) kept.add(c);
  return kept.toArray().map(({ rank: _r, ...src }) => src);
}
