/**
 * SQLite keeps each Document's JSON deflated; stores written before schema 2
 * hold it as text and must still read back, and an attache older than the
 * file must refuse it rather than misread it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, prepareDocument } from '../../src/store/index.ts';
import { corpus } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'attache-body-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A new store file holding one fixture document. */
async function storeOne(name: string, index: number) {
  const file = join(dir, name);
  const store = await openStore(file, { create: true });
  const doc = corpus()[index];
  await store.put(doc);
  await store.close();
  return { file, doc };
}

describe('SQLite document bodies', () => {
  it('stores the Document JSON deflated and reads it back exactly', async () => {
    const { file, doc } = await storeOne('a.db', 0);
    const db = new Database(file, { readonly: true });
    const row = db.prepare('select body from doc_content').get() as { body: unknown };
    const version = (db.prepare('select max(version) as v from schema_migrations').get() as { v: number }).v;
    db.close();
    expect(Buffer.isBuffer(row.body)).toBe(true);
    expect((row.body as Buffer).length).toBeLessThan(prepareDocument(doc).body.length / 2);
    expect(version).toBe(2);
    const again = await openStore(file);
    expect(await again.get(doc.id)).toEqual(doc);
    await again.close();
  });

  it('reads a body written as text by an earlier version', async () => {
    const { file, doc } = await storeOne('b.db', 1);
    const db = new Database(file);
    db.prepare('update doc_content set body = ?').run(prepareDocument(doc).body);
    db.close();
    const again = await openStore(file);
    expect(await again.get(doc.id)).toEqual(doc);
    await again.close();
  });

  it('refuses a store written by a newer attache', async () => {
    const file = join(dir, 'c.db');
    await (await openStore(file, { create: true })).close();
    const db = new Database(file);
    db.prepare(
      "insert into schema_migrations (version, name, applied_at) values (99, 'future', 'now')",
    ).run();
    db.close();
    await expect(openStore(file)).rejects.toThrow(/newer than this attache.*upgrade/);
  });
});

describe('SQLite store settings', () => {
  it('writes through a WAL checkpointed every 8,000 pages, not every 1,000', async () => {
    const store = await openStore(join(dir, 'settings.db'), { create: true });
    const db = (store as unknown as { db: Database.Database }).db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(8000);
    await store.close();
  });
});
