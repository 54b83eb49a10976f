/**
 * Opening a corpus store: a file path selects embedded SQLite, a
 * `postgres://` / `postgresql://` URL selects PostgreSQL. Both implement the
 * same `Store` interface plus the batch-write and export helpers ingest needs.
 */
import { existsSync } from 'node:fs';
import type { PreparedDoc } from './rows.ts';
import type { PutResult, Store } from './types.ts';

export type { PreparedDoc } from './rows.ts';
export { DamagedDocumentError, prepareDocument } from './rows.ts';

export interface DyadOptions {
  by: 'day' | 'week' | 'month' | 'year';
}

/** A Store with the extras the ingest runtime and the CLI use. */
export interface CorpusStore extends Store {
  /** Writes documents (already converted to rows) atomically and in order; known ids are skipped. */
  putMany(docs: PreparedDoc[]): Promise<PutResult[]>;
  /** Resolves a user-typed entity (key, name, or part of a name) to a key. */
  resolveEntity(x: string): Promise<string | null>;
  /** Document ids in id order after `after` (keyset pagination for export). */
  idsAfter(after: string | null, limit: number): Promise<string[]>;
  dyad(a: string, b: string, by: DyadOptions['by'], opts?: { both?: boolean }): ReturnType<Store['dyad']>;
}

export const DEFAULT_DB = 'attache.db';

export function isPostgresUrl(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** Where the store is: `--db`, else ATTACHE_DB, else ./attache.db. */
export function resolveDbSpec(db?: string | null): string {
  return db || process.env.ATTACHE_DB || DEFAULT_DB;
}

export class StoreNotFoundError extends Error {
  constructor(readonly spec: string) {
    super(`no store at ${spec}`);
  }
}

export interface OpenOptions {
  /** Create the store (and run migrations) when it does not exist. Default false: a missing store is an error. */
  create?: boolean;
  /** Open a SQLite store read-only (queries while another process ingests). */
  readonly?: boolean;
  /** SQLite page cache, MB (default 32); PostgreSQL ignores it. */
  cacheMb?: number;
}

/** Opens a store; throws StoreNotFoundError when it does not exist and `create` is not set. */
export async function openStore(spec: string, opts: OpenOptions = {}): Promise<CorpusStore> {
  if (isPostgresUrl(spec)) {
    const { PostgresStore } = await import('./postgres.ts');
    return PostgresStore.open(spec, { create: opts.create ?? false });
  }
  if (spec !== ':memory:' && !existsSync(spec) && !opts.create) throw new StoreNotFoundError(spec);
  const { SqliteStore } = await import('./sqlite.ts');
  return new SqliteStore(spec, { readonly: opts.readonly && !opts.create, cacheMb: opts.cacheMb });
}
