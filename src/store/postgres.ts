/**
 * PostgreSQL backend (pg with a pool): the same schema and queries as the
 * SQLite store, full text via a generated tsvector column with a GIN index, and
 * a job queue (FOR UPDATE SKIP LOCKED, leases with expiry) that lets many
 * worker processes share one corpus.
 *
 * A `schema` query parameter in the URL (postgres://…/db?schema=name) selects
 * a PostgreSQL schema (created when missing); tests use it for isolation.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Document, EntityType } from '../document/types.ts';
import type { CorpusStore, DyadOptions } from './index.ts';
import {
  actorParams,
  FACET_SAMPLE,
  fromDay,
  limitOf,
  MARK_CLOSE,
  MARK_OPEN,
  offsetOf,
  pageHits,
  parseSearch,
  toDay,
  toWebsearch,
} from './query.ts';
import { type PreparedDoc, prepareDocument, restoreStored } from './rows.ts';
import { pickCluster, signatureFromHex } from './minhash.ts';
import type {
  DocumentSummary,
  DyadRow,
  EntityRecord,
  EventFilter,
  EventRecord,
  Page,
  PutResult,
  QuoteRecord,
  SearchResult,
  Stats,
  TimelineRow,
} from './types.ts';
import { layerTablesSql } from './schema.ts';

// bigint (count(*)) and numeric (avg) come back as strings; these are small enough for numbers.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
create table documents (
  rid bigserial primary key,
  id text not null unique,
  title text, outlet text, published text, url text,
  language text not null,
  text text not null,
  body text not null,
  chars integer not null,
  minhash text not null,
  cluster text not null,
  n_entities integer not null, n_quotes integer not null, n_events integer not null, n_times integer not null,
  tsv tsvector generated always as (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', left(text, 400000)), 'B')
  ) stored
);
create index documents_tsv on documents using gin(tsv);
create index documents_published on documents(published);
create index documents_outlet on documents(outlet);
create index documents_cluster on documents(cluster);
create table doc_bands (key integer not null, doc_id text not null, primary key (key, doc_id));
${layerTablesSql('postgres')}
create index events_code on events(code text_pattern_ops);
create table jobs (
  id bigserial primary key,
  key text not null unique,
  item jsonb not null,
  label text,
  status text not null default 'queued',
  attempts integer not null default 0,
  lease_until timestamptz,
  worker text,
  error text,
  doc_ids text[],
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_pending on jobs(id) where status in ('queued', 'running');
`,
  },
];

type Row = Record<string, unknown>;

const EVENT_COLUMNS = `doc_id as "documentId", id, code, root, plover,
  source_name as "sourceName", source_country as "sourceCountry", source_actor as "sourceActor", source_key as "sourceKey",
  target_name as "targetName", target_country as "targetCountry", target_actor as "targetActor", target_key as "targetKey",
  date, location, goldstein, modality, evidence, span_start as start, span_end as "end"`;

const PERIOD_SQL: Record<DyadOptions['by'], string> = {
  day: 'day',
  week: `to_char(day::date, 'IYYY-"W"IW')`,
  month: 'substr(day, 1, 7)',
  year: 'substr(day, 1, 4)',
};

/** Builds `$n` placeholders while collecting their values. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

function toEntityRecord(r: Row): EntityRecord {
  return {
    key: String(r.key),
    type: r.type as EntityType,
    name: String(r.name),
    country: (r.country as string | null) ?? null,
    actor: (r.actor as string | null) ?? null,
    roles: (r.roles as string[]) ?? [],
    aliases: (r.aliases as string[]) ?? [],
    documents: Number(r.documents),
    mentions: Number(r.mentions),
  };
}

function likeEscape(x: string): string {
  return x.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Splits `?schema=` off a connection URL. */
export function parsePgUrl(url: string): { connectionString: string; schema: string | null } {
  try {
    const u = new URL(url);
    const schema = u.searchParams.get('schema');
    u.searchParams.delete('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]*$/i.test(schema))
      throw new Error(`bad schema name '${schema}'`);
    return { connectionString: u.toString(), schema };
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('bad schema')) throw err;
    return { connectionString: url, schema: null };
  }
}

/** Redacts the password of a connection URL for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export interface Job {
  id: number;
  item: unknown;
  attempts: number;
}

const RETRYABLE = new Set(['40P01', '40001', '23505']);

export class PostgresStore implements CorpusStore {
  readonly kind = 'postgres' as const;

  private constructor(
    readonly pool: pg.Pool,
    readonly schema: string | null,
  ) {}

  static async open(url: string, opts: { create?: boolean; max?: number } = {}): Promise<PostgresStore> {
    const { connectionString, schema } = parsePgUrl(url);
    const pool = new pg.Pool({
      connectionString,
      max: opts.max ?? 4,
      options: schema ? `-c search_path=${schema}` : undefined,
      connectionTimeoutMillis: 10_000,
    });
    pool.on('error', () => {
      // idle client errors (server restart) surface on the next query
    });
    const store = new PostgresStore(pool, schema);
    try {
      await store.migrate(opts.create ?? false, url);
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
    return store;
  }

  private async migrate(create: boolean, url: string): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('begin');
      await c.query('select pg_advisory_xact_lock(7412003)');
      if (this.schema) await c.query(`create schema if not exists ${this.schema}`);
      const t = await c.query("select to_regclass('schema_migrations') as t");
      if (!t.rows[0].t) {
        if (!create) {
          await c.query('rollback');
          const { StoreNotFoundError } = await import('./index.ts');
          throw new StoreNotFoundError(redactUrl(url));
        }
        await c.query(
          'create table schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
        );
      }
      const cur = Number(
        (await c.query('select coalesce(max(version), 0) as v from schema_migrations')).rows[0].v,
      );
      const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
      if (cur > latest) throw new Error(`store schema version ${cur} is newer than this attache (${latest})`);
      for (const m of MIGRATIONS) {
        if (m.version <= cur) continue;
        await c.query(m.sql);
        await c.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      }
      await c.query('commit');
    } catch (err) {
      await c.query('rollback').catch(() => {});
      throw err;
    } finally {
      c.release();
    }
  }

  private async q(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows as Row[];
  }

  /** Runs `fn` in a transaction, retrying on deadlock / serialization / concurrent-insert conflicts. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const c = await this.pool.connect();
      try {
        await c.query('begin');
        const out = await fn(c);
        await c.query('commit');
        return out;
      } catch (err) {
        await c.query('rollback').catch(() => {});
        const code = (err as { code?: string }).code;
        if (attempt < 5 && code && RETRYABLE.has(code)) {
          await new Promise((r) => setTimeout(r, 20 * (attempt + 1) + Math.random() * 50));
          continue;
        }
        throw err;
      } finally {
        c.release();
      }
    }
  }

  private async bulk(
    c: pg.PoolClient,
    table: string,
    docId: string,
    columns: string[],
    types: string[],
    rows: unknown[][],
  ): Promise<void> {
    if (rows.length === 0) return;
    const arrays = columns.map((_, j) => rows.map((r) => r[j]));
    const unnest = types.map((t, j) => `$${j + 2}::${t}[]`).join(', ');
    await c.query(
      `insert into ${table} (doc_id, ${columns.join(', ')}) select $1, * from unnest(${unnest})`,
      [docId, ...arrays],
    );
  }

  private async insertOne(c: pg.PoolClient, d: PreparedDoc): Promise<PutResult> {
    const cands = await c.query(
      `select id, minhash, cluster from documents where id in (select doc_id from doc_bands where key = any($1::int[]))
       order by rid limit 256`,
      [d.bands],
    );
    if ((cands.rows as { id: string }[]).some((r) => r.id === d.id))
      return { id: d.id, status: 'skipped', cluster: null };
    const cluster =
      pickCluster(signatureFromHex(d.minhash), cands.rows as { minhash: string; cluster: string }[]) ?? d.id;
    const ins = await c.query(
      `insert into documents (id, title, outlet, published, url, language, text, body, chars, minhash,
        cluster, n_entities, n_quotes, n_events, n_times)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       on conflict (id) do nothing returning rid`,
      [
        d.id,
        d.title,
        d.outlet,
        d.published,
        d.url,
        d.language,
        d.text,
        d.body,
        d.chars,
        d.minhash,
        cluster,
        d.docEntities.length,
        d.quotes.length,
        d.events.length,
        d.times.length,
      ],
    );
    if (ins.rowCount === 0) return { id: d.id, status: 'skipped', cluster: null };
    await c.query('insert into doc_bands (key, doc_id) select distinct k, $1 from unnest($2::int[]) k', [
      d.id,
      d.bands,
    ]);
    if (d.entities.length) {
      const cols = d.entities[0].map((_, j) => d.entities.map((e) => e[j]));
      await c.query(
        `insert into entities (key, type, name, country, actor, roles, aliases, documents, mentions)
         select k, t, n, co, a, r::jsonb, al::jsonb, 1, m
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])
           as u(k, t, n, co, a, r, al, m)
         on conflict (key) do update set
           documents = entities.documents + 1,
           mentions = entities.mentions + excluded.mentions,
           country = coalesce(entities.country, excluded.country),
           actor = coalesce(entities.actor, excluded.actor),
           roles = (select coalesce(jsonb_agg(x order by x collate "C"), '[]'::jsonb) from (
             select jsonb_array_elements_text(entities.roles) as x union select jsonb_array_elements_text(excluded.roles)) s),
           aliases = (select coalesce(jsonb_agg(x order by x collate "C"), '[]'::jsonb) from (
             select x from (select jsonb_array_elements_text(entities.aliases) as x
               union select jsonb_array_elements_text(excluded.aliases)) u2 order by x collate "C" limit 40) s)`,
        cols,
      );
    }
    await this.bulk(
      c,
      'doc_entities',
      d.id,
      ['entity_key', 'local_id', 'type', 'name', 'mentions'],
      ['text', 'text', 'text', 'text', 'int'],
      d.docEntities,
    );
    await this.bulk(
      c,
      'mentions',
      d.id,
      ['entity_key', 'span_start', 'span_end'],
      ['text', 'int', 'int'],
      d.mentions,
    );
    await this.bulk(
      c,
      'times',
      d.id,
      ['id', 'type', 'value', 'precision', 'mod', 'text', 'span_start', 'span_end'],
      ['text', 'text', 'text', 'text', 'text', 'text', 'int', 'int'],
      d.times,
    );
    await this.bulk(
      c,
      'quotes',
      d.id,
      ['id', 'kind', 'text', 'speaker_key', 'speaker_name', 'published', 'span_start', 'span_end'],
      ['text', 'text', 'text', 'text', 'text', 'text', 'int', 'int'],
      d.quotes.map((q) => [q[0], q[1], q[2], q[3], q[4], d.published, q[5], q[6]]),
    );
    await this.bulk(
      c,
      'sources',
      d.id,
      ['entity_key', 'name', 'span_start', 'span_end'],
      ['text', 'text', 'int', 'int'],
      d.sources,
    );
    await this.bulk(
      c,
      'events',
      d.id,
      [
        'id',
        'code',
        'root',
        'plover',
        'source_name',
        'source_country',
        'source_actor',
        'source_key',
        'target_name',
        'target_country',
        'target_actor',
        'target_key',
        'date',
        'day',
        'location',
        'goldstein',
        'modality',
        'evidence',
        'span_start',
        'span_end',
      ],
      [...Array(15).fill('text'), 'float8', 'text', 'text', 'int', 'int'],
      d.events,
    );
    return { id: d.id, status: 'inserted', cluster };
  }

  async put(doc: Document): Promise<PutResult> {
    return (await this.putMany([prepareDocument(doc)]))[0];
  }

  /** Each document in its own transaction (entity rows are locked in key order, so concurrent writers cannot deadlock). */
  async putMany(docs: PreparedDoc[]): Promise<PutResult[]> {
    const out: PutResult[] = [];
    for (const d of docs) out.push(await this.tx((c) => this.insertOne(c, d)));
    return out;
  }

  async get(id: string): Promise<Document | null> {
    const r = await this.q('select body, text from documents where id = $1', [id]);
    return r.length ? restoreStored(id, () => String(r[0].body), String(r[0].text)) : null;
  }

  async has(id: string): Promise<boolean> {
    return (await this.q('select 1 from documents where id = $1', [id])).length > 0;
  }

  /** The subset of `ids` already stored. */
  async hasMany(ids: string[]): Promise<Set<string>> {
    const r = await this.q('select id from documents where id = any($1::text[])', [ids]);
    return new Set(r.map((x) => String(x.id)));
  }

  async delete(id: string): Promise<boolean> {
    return this.tx(async (c) => {
      const r = await c.query('select rid from documents where id = $1 for update', [id]);
      if (r.rowCount === 0) return false;
      await c.query(
        `update entities e set documents = e.documents - 1, mentions = e.mentions - a.n
         from (select entity_key, sum(mentions) as n from doc_entities where doc_id = $1 group by entity_key) a
         where e.key = a.entity_key`,
        [id],
      );
      await c.query('delete from entities where documents <= 0');
      for (const t of ['doc_bands', 'doc_entities', 'mentions', 'times', 'quotes', 'sources', 'events']) {
        await c.query(`delete from ${t} where doc_id = $1`, [id]);
      }
      await c.query('delete from documents where id = $1', [id]);
      return true;
    });
  }

  async list(page: Page & { outlet?: string; from?: string; to?: string } = {}): Promise<DocumentSummary[]> {
    const p = new Params();
    const where: string[] = [];
    if (page.outlet) where.push(`outlet = ${p.add(page.outlet)}`);
    if (page.from) where.push(`published >= ${p.add(fromDay(page.from))}`);
    if (page.to) where.push(`published <= ${p.add(toDay(page.to))}`);
    const rows = await this.q(
      `select id, title, outlet, published, url, language, cluster, n_entities, n_quotes, n_events, n_times
       from documents ${where.length ? `where ${where.join(' and ')}` : ''}
       order by published desc nulls last, rid limit ${p.add(limitOf(page.limit))} offset ${p.add(offsetOf(page.offset))}`,
      p.values,
    );
    return rows.map((r) => ({
      id: String(r.id),
      title: (r.title as string | null) ?? null,
      outlet: (r.outlet as string | null) ?? null,
      published: (r.published as string | null) ?? null,
      url: (r.url as string | null) ?? null,
      language: String(r.language),
      cluster: (r.cluster as string | null) ?? null,
      counts: {
        entities: Number(r.n_entities),
        quotes: Number(r.n_quotes),
        events: Number(r.n_events),
        times: Number(r.n_times),
      },
    }));
  }

  async stats(): Promise<Stats> {
    const r = (
      await this.q(`select
        (select count(*) from documents) as documents,
        (select count(*) from entities) as entities,
        (select count(*) from mentions) as mentions,
        (select count(*) from quotes) as quotes,
        (select count(*) from events) as events,
        (select count(*) from times) as times,
        (select count(*) from sources) as sources,
        (select count(*) from (select cluster from documents group by cluster having count(*) > 1) c) as clusters,
        (select count(*) from documents where cluster <> id) as duplicates`)
    )[0];
    const n = (k: string) => Number(r[k]);
    return {
      documents: n('documents'),
      entities: n('entities'),
      mentions: n('mentions'),
      quotes: n('quotes'),
      events: n('events'),
      times: n('times'),
      sources: n('sources'),
      clusters: n('clusters'),
      duplicates: n('duplicates'),
    };
  }

  async search(
    query: string,
    page: Page & { outlet?: string; from?: string; to?: string; entity?: string } = {},
  ): Promise<SearchResult> {
    const empty: SearchResult = {
      hits: [],
      total: 0,
      facets: { outlet: [], year: [], entity: [], eventRoot: [] },
    };
    const ws = toWebsearch(parseSearch(query));
    if (!ws) return empty;
    const p = new Params();
    const q = `websearch_to_tsquery('english', ${p.add(ws)})`;
    const where = [`d.tsv @@ ${q}`];
    if (page.outlet) where.push(`d.outlet = ${p.add(page.outlet)}`);
    if (page.from) where.push(`d.published >= ${p.add(fromDay(page.from))}`);
    if (page.to) where.push(`d.published <= ${p.add(toDay(page.to))}`);
    if (page.entity)
      where.push(`d.id in (select doc_id from doc_entities where entity_key = ${p.add(page.entity)})`);
    const from = `documents d where ${where.join(' and ')}`;
    const limit = limitOf(page.limit, 20);
    const offset = offsetOf(page.offset);
    const want = Math.max(FACET_SAMPLE, offset + limit);
    // Rank once; hits and facets are then read for known rows only (facets over the best FACET_SAMPLE hits).
    const ranked = await this.q(
      `select d.rid, ts_rank_cd(d.tsv, ${q}) as rank from ${from} order by rank desc, d.rid limit ${want}`,
      p.values,
    );
    const total =
      ranked.length < want
        ? ranked.length
        : Number((await this.q(`select count(*) as n from ${from}`, p.values))[0].n);
    const pageRows = ranked.slice(offset, offset + limit);
    const position = new Map(pageRows.map((r, i) => [Number(r.rid), i]));
    const score = new Map(pageRows.map((r) => [Number(r.rid), Number(r.rank)]));
    const sample = ranked.slice(0, FACET_SAMPLE).map((r) => Number(r.rid));
    const facet = async (sql: string) =>
      (await this.q(sql, [sample])).map((r) => ({ value: String(r.value), count: Number(r.count) }));
    const ids = '(select id from documents where rid = any($1::bigint[]))';
    const [hits, outlet, year, entity, eventRoot] = await Promise.all([
      pageRows.length
        ? this.q(
            `select d.rid, d.id as "documentId", d.title, d.outlet, d.published,
               ts_headline('english', left(d.text, 100000), websearch_to_tsquery('english', $2),
                 'StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}, MaxWords=35, MinWords=15, MaxFragments=1') as snippet
             from documents d where d.rid = any($1::bigint[])`,
            [pageRows.map((r) => Number(r.rid)), ws],
          )
        : Promise.resolve([] as Row[]),
      facet(
        `select outlet as value, count(*) as count from documents where rid = any($1::bigint[]) and outlet is not null
         group by 1 order by 2 desc, 1 limit 10`,
      ),
      facet(
        `select substr(published, 1, 4) as value, count(*) as count from documents where rid = any($1::bigint[])
         and published is not null group by 1 order by 1 desc limit 20`,
      ),
      facet(
        `select entity_key as value, count(distinct doc_id) as count from doc_entities where doc_id in ${ids}
         group by 1 order by 2 desc, entity_key collate "C" limit 10`,
      ),
      facet(
        `select root as value, count(*) as count from events where doc_id in ${ids} group by 1 order by 2 desc, 1 limit 20`,
      ),
    ]);
    return {
      hits: pageHits(hits, (h) => Number(h.rid), score, position),
      total,
      facets: { outlet, year, entity, eventRoot },
      ...(total > FACET_SAMPLE ? { facetsSampled: FACET_SAMPLE } : {}),
    };
  }

  async entities(filter: Page & { type?: EntityType; q?: string } = {}): Promise<EntityRecord[]> {
    const p = new Params();
    const where: string[] = [];
    if (filter.type) where.push(`type = ${p.add(filter.type)}`);
    if (filter.q) {
      const like = p.add(`%${likeEscape(filter.q)}%`);
      where.push(`(name ilike ${like} or key ilike ${like})`);
    }
    const rows = await this.q(
      `select * from entities ${where.length ? `where ${where.join(' and ')}` : ''}
       order by documents desc, mentions desc, key collate "C" limit ${p.add(limitOf(filter.limit))} offset ${p.add(offsetOf(filter.offset))}`,
      p.values,
    );
    return rows.map(toEntityRecord);
  }

  async entity(key: string): Promise<
    | (EntityRecord & {
        documents: number;
        coMentions: { key: string; name: string; type: string; count: number }[];
      })
    | null
  > {
    const r = await this.q('select * from entities where key = $1', [key]);
    if (!r.length) return null;
    const co = await this.q(
      `select b.entity_key as key, max(b.name) as name, max(b.type) as type, count(distinct b.doc_id) as count
       from (select doc_id from doc_entities where entity_key = $1 limit 2000) a
         join doc_entities b on b.doc_id = a.doc_id and b.entity_key <> $1
       group by b.entity_key order by count desc, b.entity_key collate "C" limit 20`,
      [key],
    );
    return {
      ...toEntityRecord(r[0]),
      coMentions: co.map((x) => ({
        key: String(x.key),
        name: String(x.name),
        type: String(x.type),
        count: Number(x.count),
      })),
    };
  }

  async resolveEntity(x: string): Promise<string | null> {
    const exact = await this.q('select key from entities where key = $1', [x]);
    if (exact.length) return String(exact[0].key);
    const byName = await this.q(
      'select key from entities where lower(name) = lower($1) order by documents desc limit 1',
      [x],
    );
    if (byName.length) return String(byName[0].key);
    const like = `%${likeEscape(x)}%`;
    const partial = await this.q(
      'select key from entities where name ilike $1 or key ilike $1 order by documents desc, key collate "C" limit 1',
      [like],
    );
    return partial.length ? String(partial[0].key) : null;
  }

  async quotes(filter: Page & { speaker?: string; documentId?: string } = {}): Promise<QuoteRecord[]> {
    const p = new Params();
    const where: string[] = [];
    if (filter.speaker) {
      const exact = p.add(filter.speaker);
      const like = p.add(`%${likeEscape(filter.speaker)}%`);
      where.push(
        `(speaker_key = ${exact} or speaker_name ilike ${like} or speaker_key in (select key from entities where name ilike ${like}))`,
      );
    }
    if (filter.documentId) where.push(`doc_id = ${p.add(filter.documentId)}`);
    const rows = await this.q(
      `select doc_id as "documentId", id, kind, text, speaker_key as "speakerKey", speaker_name as "speakerName",
         published, span_start as start, span_end as "end"
       from quotes ${where.length ? `where ${where.join(' and ')}` : ''}
       order by published desc nulls last, doc_id collate "C", span_start
       limit ${p.add(limitOf(filter.limit))} offset ${p.add(offsetOf(filter.offset))}`,
      p.values,
    );
    return rows as unknown as QuoteRecord[];
  }

  async events(filter: EventFilter = {}): Promise<EventRecord[]> {
    const p = new Params();
    const where: string[] = [];
    const actor = (side: 'source' | 'target', x: string) => {
      const [c, a, k] = actorParams(x);
      return `(${side}_country = ${p.add(c)} or ${side}_actor like ${p.add(a)} or ${side}_key = ${p.add(k)})`;
    };
    if (filter.source) where.push(actor('source', filter.source));
    if (filter.target) where.push(actor('target', filter.target));
    if (filter.code) where.push(`code like ${p.add(`${filter.code.replace(/[%_\\]/g, '')}%`)}`);
    if (filter.from) where.push(`day >= ${p.add(fromDay(filter.from))}`);
    if (filter.to) where.push(`day <= ${p.add(toDay(filter.to))}`);
    if (filter.entity) {
      const k = p.add(filter.entity);
      where.push(`(source_key = ${k} or target_key = ${k})`);
    }
    if (filter.documentId) where.push(`doc_id = ${p.add(filter.documentId)}`);
    return (await this.q(
      `select ${EVENT_COLUMNS} from events ${where.length ? `where ${where.join(' and ')}` : ''}
       order by day desc nulls last, doc_id collate "C", span_start
       limit ${p.add(limitOf(filter.limit))} offset ${p.add(offsetOf(filter.offset))}`,
      p.values,
    )) as unknown as EventRecord[];
  }

  async timeline(entity: string, page: Page = {}): Promise<TimelineRow[]> {
    const key = (await this.resolveEntity(entity)) ?? entity;
    const rows = await this.q(
      `select * from (
         select day as date, 'event' as kind, doc_id as "documentId", evidence as text, code, span_start as s
           from events where source_key = $1 or target_key = $1
         union all
         select published, 'quote', doc_id, text, null, span_start from quotes where speaker_key = $1
         union all
         select d.published, 'mention', d.id, coalesce(d.title, left(d.text, 120)), null, 0
           from doc_entities de join documents d on d.id = de.doc_id where de.entity_key = $1
       ) t order by date nulls last, "documentId" collate "C", s, kind limit $2 offset $3`,
      [key, limitOf(page.limit, 500), offsetOf(page.offset)],
    );
    return rows.map((r) => {
      const { s: _s, code, ...rest } = r;
      return (code ? { ...rest, code } : rest) as unknown as TimelineRow;
    });
  }

  async dyad(a: string, b: string, by: DyadOptions['by'], opts: { both?: boolean } = {}): Promise<DyadRow[]> {
    const p = new Params();
    const period = PERIOD_SQL[by] ?? PERIOD_SQL.month;
    const side = (s: string, x: string) => {
      const [c, a2, k] = actorParams(x);
      return `(${s}_country = ${p.add(c)} or ${s}_actor like ${p.add(a2)} or ${s}_key = ${p.add(k)})`;
    };
    const fwd = `(${side('source', a)} and ${side('target', b)})`;
    const cond = opts.both ? `(${fwd} or (${side('source', b)} and ${side('target', a)}))` : fwd;
    const rows = await this.q(
      `select ${period} as period, count(*) as events, avg(goldstein) as "meanGoldstein"
       from events where day is not null and ${cond} group by 1 order by 1`,
      p.values,
    );
    return rows.map((r) => ({
      period: String(r.period),
      events: Number(r.events),
      meanGoldstein: r.meanGoldstein === null ? null : Math.round(Number(r.meanGoldstein) * 100) / 100,
    }));
  }

  async idsAfter(after: string | null, limit: number): Promise<string[]> {
    const rows =
      after === null
        ? await this.q('select id from documents order by id collate "C" limit $1', [limit])
        : await this.q(
            'select id from documents where id collate "C" > $1 order by id collate "C" limit $2',
            [after, limit],
          );
    return rows.map((r) => String(r.id));
  }

  // ---- job queue -------------------------------------------------------------------------------

  /** Adds jobs; an item already queued (same content) is not added twice. Returns how many were new. */
  async enqueue(items: { item: unknown; label?: string }[]): Promise<number> {
    if (!items.length) return 0;
    const keys: string[] = [];
    const json: string[] = [];
    const labels: (string | null)[] = [];
    for (const it of items) {
      const j = JSON.stringify(it.item);
      keys.push(createHash('sha256').update(j).digest('hex').slice(0, 32));
      json.push(j);
      labels.push(it.label ?? null);
    }
    const r = await this.pool.query(
      `insert into jobs (key, item, label) select k, i::jsonb, l from unnest($1::text[], $2::text[], $3::text[]) as u(k, i, l)
       on conflict (key) do nothing`,
      [keys, json, labels],
    );
    return r.rowCount ?? 0;
  }

  /**
   * Leases up to `n` jobs: queued ones, and running ones whose lease expired (their worker died).
   * Jobs that already used up `maxAttempts` are marked failed instead.
   */
  async claim(worker: string, n: number, leaseSeconds: number, maxAttempts: number): Promise<Job[]> {
    await this.pool.query(
      `update jobs set status = 'failed', error = coalesce(error, 'worker lost ' || attempts || ' times'), finished_at = now()
       where status = 'running' and lease_until < now() and attempts >= $1`,
      [maxAttempts],
    );
    const r = await this.pool.query(
      `update jobs set status = 'running', attempts = attempts + 1, worker = $1,
         lease_until = now() + make_interval(secs => $2)
       where id in (
         select id from jobs
         where status = 'queued' or (status = 'running' and lease_until < now())
         order by id for update skip locked limit $3)
       returning id, item, attempts`,
      [worker, leaseSeconds, n],
    );
    return (r.rows as Row[])
      .map((x) => ({ id: Number(x.id), item: x.item, attempts: Number(x.attempts) }))
      .sort((a, b) => a.id - b.id);
  }

  /** Extends the leases of jobs a live worker still holds. */
  async renew(worker: string, ids: number[], leaseSeconds: number): Promise<void> {
    if (!ids.length) return;
    await this.pool.query(
      `update jobs set lease_until = now() + make_interval(secs => $3)
       where id = any($2::bigint[]) and worker = $1 and status = 'running'`,
      [worker, ids, leaseSeconds],
    );
  }

  /** Stores a job's documents and marks it done in the same transaction (exactly once). */
  async complete(jobId: number, docs: PreparedDoc[]): Promise<PutResult[]> {
    return this.tx(async (c) => {
      const out: PutResult[] = [];
      for (const d of docs) {
        out.push(await this.insertOne(c, d));
      }
      await c.query(
        `update jobs set status = 'done', doc_ids = $2::text[], finished_at = now(), error = null, lease_until = null
         where id = $1`,
        [jobId, docs.map((d) => d.id)],
      );
      return out;
    });
  }

  async fail(jobId: number, error: string): Promise<void> {
    await this.pool.query(
      `update jobs set status = 'failed', error = $2, finished_at = now(), lease_until = null where id = $1`,
      [jobId, error.slice(0, 2000)],
    );
  }

  async queueStats(): Promise<Record<string, number>> {
    const rows = await this.q('select status, count(*) as n from jobs group by status');
    const out: Record<string, number> = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const r of rows) out[String(r.status)] = Number(r.n);
    return out;
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => {});
  }
}
