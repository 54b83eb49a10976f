/**
 * The attache Document, schema `attache/document@1`.
 *
 * A Document is immutable: `text` is the clean article body and every layer is a
 * standoff annotation over it. All `start`/`end` offsets are UTF-16 code-unit
 * indices into `text` (plain JavaScript string indices), end-exclusive, so
 * `text.slice(start, end)` is always the evidence for a fact.
 *
 * The JSON Schema in `schema/document.schema.json` mirrors these types and is
 * validated in the tests; change both together.
 */

export const DOCUMENT_SCHEMA = 'attache/document@1' as const;

/** A half-open character range `[start, end)` into `Document.text`. */
export interface Span {
  start: number;
  end: number;
}

export interface DocumentMeta {
  title: string | null;
  authors: string[];
  /** Publication date as YYYY-MM-DD, or null when unknown. */
  published: string | null;
  outlet: string | null;
  /** ISO 639-1 code, or 'und' when it cannot be identified. */
  language: string;
  url: string | null;
  /** Where `published` came from (json-ld, meta, time, url, dateline, header, input). */
  publishedSource?: string | null;
  /** Extra metadata that does not fit the fields above (section, description, …). */
  extra?: Record<string, string>;
}

export interface Warning {
  /** Stable machine-readable code, e.g. `W_BOILERPLATE_REMOVED`, `E_EMPTY`. */
  code: string;
  message: string;
  start?: number;
  end?: number;
}

export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'NORP' | 'FAC' | 'EVENT' | 'MISC';

export interface Entity {
  id: string;
  type: EntityType;
  /** Canonical name: the fullest form used in the document or known to the dictionaries. */
  name: string;
  /** ISO 3166-1 alpha-3 country, or null. */
  country: string | null;
  roles: string[];
  mentions: Span[];
  /** Cross-document key: normalised canonical name + type (+ actor code where known). */
  key?: string;
  /** Other surface forms seen in the document. */
  aliases?: string[];
  /** CAMEO actor code from the dictionaries, e.g. RUSGOV. */
  actor?: string | null;
}

export type TimeType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

export interface TimeExpression extends Span {
  type: TimeType;
  /** TIMEX3 value; an interval is written `start/end`, e.g. 2023-10-18/2023-10-19. */
  value: string;
  /** Granularity of the value: century, decade, year, quarter, season, month, week, day, hour, minute, second. */
  precision?: string;
  /** TIMEX3 modifier: START, MID, END, APPROX, BEFORE, AFTER, … */
  mod?: string | null;
  /** Which calendar parts the text stated, and which were inferred from an anchor. */
  stated?: string[];
  inferred?: string[];
  /** What relative parts were resolved against: 'published', a time index ('t3'), or null. */
  anchor?: string | null;
  id?: string;
}

export type QuoteKind = 'direct' | 'indirect' | 'mixed' | 'question' | 'answer';

export interface Quote extends Span {
  id: string;
  kind: QuoteKind;
  /** Entity id of the resolved speaker, or null. */
  speaker: string | null;
  speakerName: string | null;
  speakerSpan: Span | null;
  cue: Span | null;
  /** Pieces of a quote interrupted by its attribution (“…,” he said, “…”). */
  fragments?: Span[];
}

export interface Source extends Span {
  /** Entity id of the cited source, or null. */
  entity: string | null;
  name: string;
}

export type Modality = 'asserted' | 'reported' | 'alleged' | 'planned' | 'negated' | 'hypothetical';

export interface EventActor {
  entity: string | null;
  name: string;
  /** ISO 3166-1 alpha-3, or null. */
  country: string | null;
  /** CAMEO actor code such as RUSGOV. */
  actor: string | null;
  span?: Span | null;
}

export interface PoliticalEvent {
  id: string;
  /** CAMEO event code: three digits where the text supports it, else the two-digit root. */
  code: string;
  /** PLOVER 2.0 event type. */
  plover: string | null;
  source: EventActor;
  target: EventActor | null;
  /** TIMEX3 value of when it happened, or null. */
  date: string | null;
  location: string | null;
  goldstein: number;
  modality: Modality;
  evidence: Span;
  trigger?: Span | null;
  /** Further mentions of the same event within the document. */
  mentions?: Span[];
}

export interface Document {
  schema: typeof DOCUMENT_SCHEMA;
  /** Stable hash of the content (`text` plus title). */
  id: string;
  meta: DocumentMeta;
  text: string;
  paragraphs: Span[];
  sentences: Span[];
  warnings: Warning[];
  entities: Entity[];
  times: TimeExpression[];
  quotes: Quote[];
  sources: Source[];
  events: PoliticalEvent[];
  /** Which stages produced the layers, with versions (provenance). */
  stages?: Record<string, string>;
}

/** What ingestion hands to the analysis pipeline: clean text plus metadata. */
export interface Article {
  text: string;
  meta: DocumentMeta;
  warnings: Warning[];
  /** Paragraph spans from the reader, when the source had structure (HTML blocks, blank lines). */
  paragraphs?: Span[];
}
