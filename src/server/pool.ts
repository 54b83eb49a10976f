import { Worker } from 'node:worker_threads';
import type { Document } from '../document/types.ts';
import type { AnalysisJob } from './analyze.ts';
import { ApiError } from './errors.ts';

interface Slot {
  worker: Worker;
  busy: boolean;
  job: {
    id: number;
    resolve: (d: Document) => void;
    reject: (e: Error) => void;
    timer: NodeJS.Timeout;
  } | null;
}

/**
 * A small pool of analysis worker threads. The server's Limiter bounds how many
 * jobs run at once, so a free slot exists whenever `run` is called; a job that
 * overruns its time limit has its worker terminated and replaced.
 */
export class AnalysisPool {
  private slots: Slot[] = [];
  private seq = 0;
  private closed = false;

  constructor(
    readonly size: number,
    readonly timeoutMs: number,
  ) {}

  private spawn(): Slot {
    const worker = new Worker(new URL('./analyze-worker.mjs', import.meta.url));
    worker.unref();
    const slot: Slot = { worker, busy: false, job: null };
    worker.on(
      'message',
      (msg: {
        id: number;
        doc?: Document;
        error?: { code: string; message: string; status: number | null };
      }) => {
        const job = slot.job;
        if (!job || job.id !== msg.id) return;
        clearTimeout(job.timer);
        slot.job = null;
        slot.busy = false;
        if (msg.error) job.reject(new ApiError(msg.error.code, msg.error.message, msg.error.status ?? 422));
        else job.resolve(msg.doc as Document);
      },
    );
    const fail = (err: Error) => {
      const job = slot.job;
      this.slots = this.slots.filter((s) => s !== slot);
      if (job) {
        clearTimeout(job.timer);
        job.reject(new ApiError('E_INTERNAL', `analysis worker failed: ${err.message}`, 500));
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(new Error(`exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  run(job: AnalysisJob): Promise<Document> {
    if (this.closed) return Promise.reject(new ApiError('E_BUSY', 'the server is shutting down', 503));
    const slot = this.slots.find((s) => !s.busy) ?? (this.slots.length < this.size ? this.spawn() : null);
    if (!slot) return Promise.reject(new ApiError('E_BUSY', 'no analysis worker is free', 503));
    slot.busy = true;
    return new Promise<Document>((resolve, reject) => {
      const id = ++this.seq;
      const timer = setTimeout(() => {
        // a runaway analysis: drop the worker (a new one is started on demand)
        this.slots = this.slots.filter((s) => s !== slot);
        slot.job = null;
        void slot.worker.terminate();
        reject(new ApiError('E_TIMEOUT', `analysis took longer than ${this.timeoutMs} ms`, 504));
      }, this.timeoutMs);
      slot.job = { id, resolve, reject, timer };
      slot.worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
