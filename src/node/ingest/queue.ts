/**
 * Scale-out ingest through a job queue kept in PostgreSQL: `enqueue` adds
 * items, any number of `worker` processes (on any number of machines) lease
 * jobs with FOR UPDATE SKIP LOCKED, and each job's documents are stored in the
 * same transaction that marks it done. A worker that dies leaves its leases to
 * expire; the jobs are then leased again by another worker.
 */
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { PostgresStore } from '../../store/postgres.ts';
import { type ItemError, processItem } from './convert.ts';
import { expandInputs, type IngestItem, InputProgress } from './items.ts';

const MAX_EMBED = 20 * 2 ** 20;

/** Makes an item self-contained (file contents embedded), so a worker on another machine can process it. */
async function portable(item: IngestItem): Promise<IngestItem> {
  const embed = async (label: string, path: string): Promise<IngestItem> => {
    try {
      const bytes = await readFile(path);
      if (bytes.length > MAX_EMBED) {
        return { kind: 'error', label, code: 'E_TOO_LARGE', message: `the file is ${bytes.length} bytes` };
      }
      return { kind: 'bytes', label, name: path, base64: bytes.toString('base64') };
    } catch (err) {
      return { kind: 'error', label, code: 'E_READ', message: (err as Error).message };
    }
  };
  if (item.kind === 'file') return embed(item.label, item.path);
  if (
    item.kind === 'record' &&
    typeof item.record.path === 'string' &&
    typeof item.record.text !== 'string'
  ) {
    const p = item.base ? resolve(dirname(item.base), item.record.path) : item.record.path;
    return embed(item.label, p);
  }
  if (item.kind === 'record') return { ...item, base: undefined };
  return item;
}

export interface EnqueueSummary {
  items: number;
  added: number;
  failed: number;
}

export async function enqueueInputs(
  store: PostgresStore,
  inputs: string[],
  onError?: (e: ItemError) => void,
  onProgress?: (n: number) => void,
): Promise<EnqueueSummary> {
  const out: EnqueueSummary = { items: 0, added: 0, failed: 0 };
  let buf: { item: IngestItem; label: string }[] = [];
  const flush = async () => {
    if (!buf.length) return;
    out.added += await store.enqueue(buf);
    buf = [];
    onProgress?.(out.items);
  };
  for await (const raw of expandInputs(inputs, new InputProgress())) {
    const item = await portable(raw);
    if (item.kind === 'error') {
      out.failed++;
      onError?.({ label: item.label, code: item.code, message: item.message });
      continue;
    }
    out.items++;
    buf.push({ item, label: item.label });
    if (buf.length >= 500) await flush();
  }
  await flush();
  return out;
}

export interface WorkerOptions {
  /** Worker name recorded on leased jobs. */
  name?: string;
  /** Lease length in seconds; renewed while the job runs. */
  lease?: number;
  /** Jobs leased at a time. */
  batch?: number;
  maxAttempts?: number;
  /** Exit when no job is queued or running, instead of waiting for more. */
  exitWhenEmpty?: boolean;
  /** Seconds between polls of an empty queue. */
  poll?: number;
  signal?: AbortSignal;
  onJob?: (r: { job: number; inserted: number; known: number; errors: ItemError[] }) => void;
}

export interface WorkerSummary {
  jobs: number;
  inserted: number;
  known: number;
  failed: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((r) => {
    const t = setTimeout(r, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      r();
    });
  });

export async function runQueueWorker(store: PostgresStore, opts: WorkerOptions = {}): Promise<WorkerSummary> {
  const name = opts.name ?? `${hostname()}:${process.pid}`;
  const lease = opts.lease ?? 60;
  const batch = opts.batch ?? 4;
  const maxAttempts = opts.maxAttempts ?? 3;
  const summary: WorkerSummary = { jobs: 0, inserted: 0, known: 0, failed: 0 };
  let held: number[] = [];
  const heartbeat = setInterval(
    () => {
      store.renew(name, held, lease).catch(() => {});
    },
    Math.max(500, (lease * 1000) / 3),
  );
  heartbeat.unref();
  try {
    while (!opts.signal?.aborted) {
      const jobs = await store.claim(name, batch, lease, maxAttempts);
      if (!jobs.length) {
        if (opts.exitWhenEmpty) {
          const q = await store.queueStats();
          if (q.queued === 0 && q.running === 0) break;
        }
        await sleep((opts.poll ?? 1) * 1000, opts.signal);
        continue;
      }
      held = jobs.map((j) => j.id);
      for (const job of jobs) {
        const result = await processItem(job.item as IngestItem, (id) => store.has(id));
        summary.jobs++;
        if (result.docs.length === 0 && result.known.length === 0 && result.errors.length > 0) {
          await store.fail(job.id, result.errors.map((e) => `${e.code}: ${e.message}`).join('; '));
          summary.failed++;
          opts.onJob?.({ job: job.id, inserted: 0, known: 0, errors: result.errors });
        } else {
          const puts = await store.complete(job.id, result.docs);
          const inserted = puts.filter((p) => p.status === 'inserted').length;
          summary.inserted += inserted;
          summary.known += result.known.length + puts.length - inserted;
          opts.onJob?.({ job: job.id, inserted, known: result.known.length, errors: result.errors });
        }
        held = held.filter((id) => id !== job.id);
      }
    }
  } finally {
    clearInterval(heartbeat);
  }
  return summary;
}
