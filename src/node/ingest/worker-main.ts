/**
 * The loop of an ingest worker thread: receives every item, analyses those it
 * claims (see claims.ts) and posts back store-ready rows. Documents the store
 * already has are skipped before analysis (a read-only look-up, so re-runs after
 * a crash are cheap).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isPostgresUrl } from '../../store/index.ts';
import { adoptSharedModelData } from '../models.ts';
import { ClaimBoard } from './claims.ts';
import { type KnownCheck, processItem } from './convert.ts';
import type { IngestItem } from './items.ts';

export interface WorkerRequest {
  seq: number;
  item: IngestItem;
}

async function knownCheck(db: string | null): Promise<{ check?: KnownCheck; close: () => Promise<void> }> {
  if (!db || db === ':memory:') return { close: async () => {} };
  try {
    if (isPostgresUrl(db)) {
      const pg = (await import('pg')).default;
      const { parsePgUrl } = await import('../../store/postgres.ts');
      const { connectionString, schema } = parsePgUrl(db);
      const client = new pg.Client({
        connectionString,
        options: schema ? `-c search_path=${schema}` : undefined,
      });
      client.on('error', () => {});
      await client.connect();
      return {
        check: async (id) =>
          (await client.query('select 1 from documents where id = $1', [id])).rowCount! > 0,
        close: () => client.end().catch(() => {}),
      };
    }
    const Database = (await import('better-sqlite3')).default;
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    conn.pragma('busy_timeout = 10000');
    const st = conn.prepare('select 1 from documents where id = ?');
    return {
      check: (id) => st.get(id) !== undefined,
      close: async () => {
        conn.close();
      },
    };
  } catch {
    // without the look-up every document is analysed; the store still skips known ids on write
    return { close: async () => {} };
  }
}

const port = parentPort;
if (port) {
  const { db, claims } = (workerData ?? {}) as {
    db: string | null;
    /** Cells of the ingest's claim board; without it every item is this thread's. */
    claims?: Int32Array;
  };
  const board = claims ? new ClaimBoard(claims) : null;
  const known = await knownCheck(db);
  // the first message carries the shared model data: the ingest thread loads it while this
  // thread starts (loading its code and opening the store)
  port.on('message', async (msg: WorkerRequest | { models: Record<string, object> } | 'close') => {
    if (msg === 'close') {
      await known.close();
      port.close();
      return;
    }
    if ('models' in msg) {
      adoptSharedModelData(msg.models);
      return;
    }
    if (board && !board.claim(msg.seq)) return;
    const result = await processItem(msg.item, known.check);
    port.postMessage({ seq: msg.seq, ...result });
  });
  port.postMessage({ ready: true });
}
