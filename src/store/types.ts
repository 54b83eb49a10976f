import type { Document, EntityType, Modality, QuoteKind } from '../document/types.ts';

/**
 * The corpus store: one interface, two backends (embedded SQLite by default,
 * PostgreSQL for teams). Everything above the store (CLI, HTTP API, web UI)
 * talks only to this interface.
 */

export interface Page {
  limit?: number;
  offset?: number;
}

export interface DocumentSummary {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
  language: string;
  /** Story cluster of near-duplicates this document belongs to. */
  cluster: string | null;
  counts: { entities: number; quotes: number; events: number; times: number };
}

export interface EntityRecord {
  /** Cross-document key (Entity.key). */
  key: string;
  type: EntityType;
  name: string;
  country: string | null;
  actor: string | null;
  roles: string[];
  aliases: string[];
  documents: number;
  mentions: number;
}

export interface QuoteRecord {
  documentId: string;
  id: string;
  kind: QuoteKind;
  text: string;
  speakerKey: string | null;
  speakerName: string | null;
  published: string | null;
  start: number;
  end: number;
}

export interface EventRecord {
  documentId: string;
  id: string;
  code: string;
  root: string;
  plover: string | null;
  sourceName: string | null;
  sourceCountry: string | null;
  sourceActor: string | null;
  sourceKey: string | null;
  targetName: string | null;
  targetCountry: string | null;
  targetActor: string | null;
  targetKey: string | null;
  date: string | null;
  location: string | null;
  goldstein: number;
  modality: Modality;
  evidence: string;
  start: number;
  end: number;
}

export interface SearchHit {
  documentId: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  snippet: string;
  rank: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  facets: {
    outlet: { value: string; count: number }[];
    year: { value: string; count: number }[];
    entity: { value: string; count: number }[];
    eventRoot: { value: string; count: number }[];
  };
  /** Set when facets count only the best-ranked hits (this many) rather than all `total` hits. */
  facetsSampled?: number;
}

export interface EventFilter extends Page {
  source?: string;
  target?: string;
  code?: string;
  from?: string;
  to?: string;
  entity?: string;
  documentId?: string;
}

export interface DyadRow {
  period: string;
  events: number;
  meanGoldstein: number | null;
}

export interface TimelineRow {
  date: string | null;
  kind: 'event' | 'quote' | 'mention';
  documentId: string;
  text: string;
  code?: string;
}

export interface Stats {
  documents: number;
  entities: number;
  mentions: number;
  quotes: number;
  events: number;
  times: number;
  sources: number;
  /** Story clusters holding two or more near-duplicate documents. */
  clusters: number;
  /** Documents filed under another document's cluster (syndicated or lightly edited copies). */
  duplicates?: number;
}

export interface PutResult {
  id: string;
  status: 'inserted' | 'skipped';
  cluster: string | null;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Stores a document with all its layers atomically; the same id again is skipped. */
  put(doc: Document): Promise<PutResult>;
  get(id: string): Promise<Document | null>;
  delete(id: string): Promise<boolean>;
  has(id: string): Promise<boolean>;
  list(page?: Page & { outlet?: string; from?: string; to?: string }): Promise<DocumentSummary[]>;
  stats(): Promise<Stats>;
  search(
    query: string,
    page?: Page & { outlet?: string; from?: string; to?: string; entity?: string },
  ): Promise<SearchResult>;
  entities(filter?: Page & { type?: EntityType; q?: string }): Promise<EntityRecord[]>;
  entity(key: string): Promise<
    | (EntityRecord & {
        documents: number;
        coMentions: { key: string; name: string; type: string; count: number }[];
      })
    | null
  >;
  quotes(filter?: Page & { speaker?: string; documentId?: string }): Promise<QuoteRecord[]>;
  events(filter?: EventFilter): Promise<EventRecord[]>;
  timeline(entity: string, page?: Page): Promise<TimelineRow[]>;
  dyad(a: string, b: string, by: 'day' | 'week' | 'month' | 'year'): Promise<DyadRow[]>;
  close(): Promise<void>;
}
