/**
 * The tables both backends share: one row per annotation, keyed by document
 * id, with the same columns in SQLite and PostgreSQL (rows.ts fills them for
 * both). Each backend adds its own documents table, search index and extras.
 */

export type Dialect = 'sqlite' | 'postgres';

/** Column types that are spelled differently. */
const TYPES: Record<Dialect, { float: string; json: string }> = {
  sqlite: { float: 'real', json: 'text' },
  postgres: { float: 'double precision', json: 'jsonb' },
};

/** DDL of the entity and annotation-layer tables and their indexes. */
export function layerTablesSql(dialect: Dialect): string {
  const t = TYPES[dialect];
  return `
create table entities (
  key text primary key,
  type text not null, name text not null, country text, actor text,
  roles ${t.json} not null, aliases ${t.json} not null,
  documents integer not null, mentions integer not null
);
create index entities_type_documents on entities(type, documents desc);
create index entities_documents on entities(documents desc);
create table doc_entities (
  doc_id text not null, entity_key text not null, local_id text not null,
  type text not null, name text not null, mentions integer not null
);
create index doc_entities_doc on doc_entities(doc_id);
create index doc_entities_key on doc_entities(entity_key, doc_id);
create table mentions (doc_id text not null, entity_key text not null, span_start integer not null, span_end integer not null);
create index mentions_doc on mentions(doc_id);
create index mentions_key on mentions(entity_key);
create table times (
  doc_id text not null, id text, type text not null, value text not null, precision text, mod text,
  text text not null, span_start integer not null, span_end integer not null
);
create index times_doc on times(doc_id);
create table quotes (
  doc_id text not null, id text not null, kind text not null, text text not null,
  speaker_key text, speaker_name text, published text,
  span_start integer not null, span_end integer not null
);
create index quotes_doc on quotes(doc_id);
create index quotes_speaker on quotes(speaker_key);
create index quotes_published on quotes(published);
create table sources (doc_id text not null, entity_key text, name text not null, span_start integer not null, span_end integer not null);
create index sources_doc on sources(doc_id);
create table events (
  doc_id text not null, id text not null, code text not null, root text not null, plover text,
  source_name text, source_country text, source_actor text, source_key text,
  target_name text, target_country text, target_actor text, target_key text,
  date text, day text, location text, goldstein ${t.float} not null, modality text not null,
  evidence text not null, span_start integer not null, span_end integer not null
);
create index events_doc on events(doc_id);
create index events_day on events(day);
create index events_source on events(source_country);
create index events_target on events(target_country);
create index events_source_key on events(source_key);
create index events_target_key on events(target_key);
`;
}
