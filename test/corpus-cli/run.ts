/** Runs the real CLI (bin/attache.mjs) as a child process, as a user would. */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'attache.mjs');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function start(
  args: string[],
  env: Record<string, string> = {},
): ChildProcess & { result: Promise<CliResult> } {
  // the file itself, as a shell runs it: its `sh` line starts node with the command's V8 flags, and
  // the process that a test kills is that node process (sh replaces itself; no wrapper is left)
  const child = spawn(BIN, args, {
    cwd: ROOT,
    env: { ...process.env, ATTACHE_DB: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const result = new Promise<CliResult>((res) => {
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr }));
  });
  return Object.assign(child, { result });
}

export function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return start(args, env).result;
}

/** A logical dump of a SQLite store: every table's rows without surrogate keys, sorted. */
export function dumpSqlite(path: string): Record<string, string[]> {
  const db = new Database(path);
  try {
    const out: Record<string, string[]> = {};
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'documents_fts%' and name <> 'schema_migrations' order by name",
      )
      .all() as { name: string }[];
    for (const { name } of tables) {
      const rows = db.prepare(`select * from ${name}`).all() as Record<string, unknown>[];
      out[name] = rows
        .map((r) => {
          const { rid: _rid, ...rest } = r;
          return JSON.stringify(rest);
        })
        .sort();
    }
    out.fts = (
      db
        .prepare("select rowid, title from documents_fts where documents_fts match 'said' order by rowid")
        .all() as {
        rowid: number;
        title: string;
      }[]
    ).map((r) => r.title);
    db.prepare("insert into documents_fts (documents_fts) values ('integrity-check')").run();
    return out;
  } finally {
    db.close();
  }
}

export function countDocuments(path: string): number {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('select count(*) as n from documents').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}
