/**
 * Parallel, streaming, crash-safe ingest.
 *
 * - Items are read lazily from the inputs and analysed in `jobs` worker threads.
 * - At most `window` items are in flight: reading waits when the window is full,
 *   so memory does not grow with the corpus.
 * - Results are written by this thread, in input order, in batched transactions.
 *   A document and all its layers are in one transaction, and ids are content
 *   hashes, so after a kill at any moment a re-run skips what was committed and
 *   ends with exactly the store an uninterrupted run gives.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CorpusStore, PreparedDoc } from '../../store/index.ts';
import { ClaimBoard } from './claims.ts';
import type { ItemError, ItemResult } from './convert.ts';
import { expandInputs, InputProgress, type IngestItem, measureInputs } from './items.ts';

export interface IngestProgress {
  items: number;
  inserted: number;
  known: number;
  failed: number;
  duplicates: number;
  bytesRead: number;
  bytesTotal: number;
  textBytes: number;
  elapsed: number;
}

export interface IngestSummary extends IngestProgress {
  documents: number;
  jobs: number;
  seconds: number;
  docsPerSecond: number;
  mbPerSecond: number;
  /** Peak resident set size of this process (all threads), bytes. */
  peakRss: number;
}

export interface IngestOptions {
  inputs: string[];
  store: CorpusStore;
  /** Store spec, so workers can skip known documents before analysing them. */
  db?: string | null;
  jobs?: number;
  /** Documents per write transaction. */
  batch?: number;
  onProgress?: (p: IngestProgress) => void;
  onError?: (e: ItemError) => void;
  /** Stop reading new inputs (Ctrl-C); what was read is finished and committed. */
  signal?: AbortSignal;
}

/** Loads the models in this thread with their weight tables in shared memory, to hand to worker threads. */
async function shareModels(): Promise<Record<string, object>> {
  const { shareModelData, sharedModelData } = await import('../models.ts');
  const { loadAllModels } = await import('../analyze.ts');
  shareModelData();
  loadAllModels();
  return sharedModelData();
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Characters of text an item carries in its message (a file or URL item carries only its name). */
function carriedChars(item: IngestItem): number {
  if (item.kind === 'bytes') return item.base64.length;
  if (item.kind !== 'record') return 0;
  const { text, html } = item.record;
  return (typeof text === 'string' ? text.length : 0) + (typeof html === 'string' ? html.length : 0);
}

/** Items carrying more text than this are offered to one worker, not copied to all. */
const LARGE_ITEM = 1 << 20;

/**
 * The analysing threads: this one and `jobs - 1` workers. Every item goes to all
 * of them (a large one to this thread and one worker) and the first free thread to
 * claim it analyses it (see claims.ts). This
 * thread also reads the inputs and writes the results, so the workers take most
 * items; it analyses between its writes, when it has nothing else to do.
 *
 * Measured on all of corpus-news with two jobs on two cores, in one window (one
 * job: 54 s). One worker analysing and this thread only writing: 34–40 s, the
 * worker busy and this thread idle half the time. Two workers dealt items in turn:
 * 38–40 s, as a worker stuck on a long article held back its queue while the other
 * ran dry, and both ran dry while this thread wrote a batch. Two workers claiming:
 * 30–33 s but 311 MB at peak (the limit is 300). This thread and one worker
 * claiming: 33 s, 277 MB.
 */
class AnalysisPool {
  private readonly workers: Worker[] = [];
  /** Who waits for the result of each item in flight, by sequence number. */
  private readonly pending = new Map<number, (r: ItemResult) => void>();
  private readonly queue: { seq: number; item: IngestItem }[] = [];
  private queueHead = 0;
  private pumping = false;
  private failure: Error | null = null;
  private readonly board: ClaimBoard | null;

  constructor(
    jobs: number,
    window: number,
    db: string | null,
    private readonly store: CorpusStore,
  ) {
    this.board = jobs > 1 ? new ClaimBoard(window) : null;
    const entry = new URL('./worker.mjs', import.meta.url);
    for (let i = 1; i < jobs; i++) {
      const w = new Worker(entry, { workerData: { db, claims: this.board?.cells } });
      w.on('message', (msg: { seq?: number } & ItemResult) => {
        if (msg.seq !== undefined) this.resolve(msg.seq, msg);
      });
      w.on('error', (err) => {
        this.failure = err;
        for (const [seq] of this.pending) this.resolve(seq, { docs: [], known: [], errors: [] });
      });
      this.workers.push(w);
    }
  }

  /** Hands the model data loaded by this thread to the workers (before any item). */
  shareModels(models: Record<string, object>): void {
    for (const w of this.workers) w.postMessage({ models });
  }

  private resolve(seq: number, r: ItemResult): void {
    const resolve = this.pending.get(seq);
    this.pending.delete(seq);
    resolve?.(r);
  }

  /** Analyses queued items in this thread, letting reads and writes through between two. */
  private async pump(): Promise<void> {
    this.pumping = true;
    const { processItem } = await import('./convert.ts');
    while (this.queueHead < this.queue.length) {
      await new Promise<void>((r) => setImmediate(r));
      const job = this.queue[this.queueHead++];
      if (this.queueHead > 1024) {
        this.queue.splice(0, this.queueHead);
        this.queueHead = 0;
      }
      if (this.board && !this.board.claim(job.seq)) continue;
      let r: ItemResult;
      try {
        r = await processItem(job.item, (id) => this.store.has(id));
      } catch (err) {
        r = {
          docs: [],
          known: [],
          errors: [{ label: job.item.label, code: 'E_ANALYZE', message: String(err) }],
        };
      }
      this.resolve(job.seq, r);
    }
    this.pumping = false;
  }

  run(seq: number, item: IngestItem): Promise<ItemResult> {
    if (this.failure) throw this.failure;
    return new Promise((resolve) => {
      this.pending.set(seq, resolve);
      // a large item goes to one worker only (and this thread), so it is not copied into every heap
      if (this.workers.length > 1 && carriedChars(item) > LARGE_ITEM)
        this.workers[seq % this.workers.length].postMessage({ seq, item });
      else for (const w of this.workers) w.postMessage({ seq, item });
      this.queue.push({ seq, item });
      if (!this.pumping) void this.pump();
    });
  }

  get error(): Error | null {
    return this.failure;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Ingests inputs into the store; per-item failures are reported through `onError` and never stop the run. */
export async function runIngest(opts: IngestOptions): Promise<IngestSummary> {
  const jobs = Math.max(1, Math.trunc(opts.jobs ?? defaultJobs()));
  // Items in flight (read, not yet written). Enough to keep every analysing thread busy while
  // this one writes a batch: 128 per thread left them idle for part of each write.
  const window = jobs * 256;
  const batchSize = opts.batch ?? 256;
  const started = performance.now();
  const input = new InputProgress();
  input.total = await measureInputs(opts.inputs);
  const p: IngestProgress = {
    items: 0,
    inserted: 0,
    known: 0,
    failed: 0,
    duplicates: 0,
    bytesRead: 0,
    bytesTotal: input.total,
    textBytes: 0,
    elapsed: 0,
  };
  let peakRss = process.memoryUsage().rss;
  const pool = new AnalysisPool(jobs, window, opts.db ?? null, opts.store);
  // model data loaded by this thread is shared with the workers instead of being built again in
  // each; they start (load their code, open the store) meanwhile
  if (jobs > 1) pool.shareModels(await shareModels());

  // Input position of each item in flight, so progress reflects what is written, not what is read ahead.
  const offsets = new Map<number, number>();
  let written = 0;
  // Reorder buffer: results are written strictly in input order.
  const done = new Map<number, ItemResult>();
  let nextWrite = 0;
  let batch: PreparedDoc[] = [];
  let wake: (() => void) | null = null;
  let lastFlush = performance.now();

  const flush = async () => {
    if (!batch.length) return;
    const docs = batch;
    batch = [];
    const results = await opts.store.putMany(docs);
    for (let i = 0; i < results.length; i++) {
      const r = results[i];
      if (r.status === 'inserted') {
        p.inserted++;
        p.textBytes += Buffer.byteLength(docs[i].text);
        if (r.cluster && r.cluster !== r.id) p.duplicates++;
      } else p.known++;
    }
    lastFlush = performance.now();
  };

  const drain = async () => {
    while (done.has(nextWrite)) {
      const r = done.get(nextWrite)!;
      done.delete(nextWrite);
      written = offsets.get(nextWrite) ?? written;
      offsets.delete(nextWrite);
      nextWrite++;
      p.items++;
      p.known += r.known.length;
      for (const e of r.errors) {
        p.failed++;
        opts.onError?.(e);
      }
      for (const d of r.docs) batch.push(d);
      if (batch.length >= batchSize || performance.now() - lastFlush > 500) await flush();
    }
  };

  let lastReport = 0;
  const report = () => {
    const now = performance.now();
    if (now - lastReport < 100) return;
    lastReport = now;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    p.bytesRead = written;
    p.elapsed = (now - started) / 1000;
    opts.onProgress?.({ ...p });
  };

  let seq = 0;
  let writing: Promise<void> = Promise.resolve();
  let writeError: unknown = null;
  const settle = (s: number, r: ItemResult) => {
    done.set(s, r);
    // one drain at a time, in order; a failed write stops the run (nothing half-written is committed)
    writing = writing
      .then(() => (writeError ? undefined : drain()))
      .then(report)
      .catch((err) => {
        writeError ??= err;
      });
    writing.then(() => {
      const w = wake;
      wake = null;
      w?.();
    });
  };
  const check = () => {
    if (writeError) throw writeError;
    if (pool.error) throw pool.error;
  };

  try {
    for await (const item of expandInputs(opts.inputs, input)) {
      if (opts.signal?.aborted) break;
      while (seq - nextWrite >= window) {
        await new Promise<void>((r) => {
          wake = r;
        });
        check();
      }
      const s = seq++;
      offsets.set(s, input.read);
      if (item.kind === 'error') {
        settle(s, {
          docs: [],
          known: [],
          errors: [{ label: item.label, code: item.code, message: item.message }],
        });
      } else {
        pool.run(s, item).then(
          (r) => settle(s, r),
          (err) =>
            settle(s, {
              docs: [],
              known: [],
              errors: [{ label: item.label, code: 'E_WORKER', message: String(err) }],
            }),
        );
      }
    }
    while (nextWrite < seq) {
      await new Promise<void>((r) => {
        wake = r;
      });
      check();
    }
    await writing;
    check();
    await flush();
  } finally {
    await pool.close();
  }
  if (pool.error) throw pool.error;

  const seconds = (performance.now() - started) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  p.bytesRead = input.read;
  p.elapsed = seconds;
  opts.onProgress?.({ ...p });
  return {
    ...p,
    documents: p.inserted + p.known,
    jobs,
    seconds,
    docsPerSecond: (p.inserted + p.known) / seconds,
    mbPerSecond: p.textBytes / 1e6 / seconds,
    peakRss,
  };
}
