/**
 * The backends every store test runs against: SQLite in a temporary file, and
 * PostgreSQL in a fresh schema of the test database (dropped afterwards).
 * PostgreSQL comes from ATTACHE_TEST_PG, else postgres://postgres@127.0.0.1:5432/test
 * when that answers; when it is unreachable its tests are skipped with a note.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_URL = process.env.ATTACHE_TEST_PG || 'postgres://postgres@127.0.0.1:5432/test';

async function probe(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  c.on('error', () => {});
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Why PostgreSQL tests are skipped, or null when the server is reachable. */
export const pgUnavailable: string | null = await probe(PG_URL);
if (pgUnavailable) {
  console.warn(
    `store tests: PostgreSQL at ${PG_URL} is unreachable (${pgUnavailable}); PostgreSQL tests are skipped. ` +
      'Start it (.ci/run does) or set ATTACHE_TEST_PG.',
  );
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  available: boolean;
  /** A fresh, empty store location (file path or URL with its own schema). */
  fresh(): Promise<string>;
  /** Drops everything `fresh` made. */
  cleanup(): Promise<void>;
}

function schemaName(): string {
  return `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    available: true,
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'attache-store-'));
      dirs.push(dir);
      return join(dir, 'test.db');
    },
    async cleanup() {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): Backend {
  const schemas: string[] = [];
  return {
    name: 'postgres',
    available: pgUnavailable === null,
    async fresh() {
      const s = schemaName();
      schemas.push(s);
      const u = new URL(PG_URL);
      u.searchParams.set('schema', s);
      return u.toString();
    },
    async cleanup() {
      if (!schemas.length) return;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      for (const s of schemas) await c.query(`drop schema if exists ${s} cascade`);
      await c.end();
    },
  };
}

export function backends(): Backend[] {
  return [sqliteBackend(), postgresBackend()];
}
