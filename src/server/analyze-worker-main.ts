/**
 * The loop of an analysis worker thread used by the HTTP server: ingestion
 * plus the full pipeline run here, so a long article never blocks the
 * server's event loop. One job at a time; errors come back as {code, message}.
 */
import { parentPort } from 'node:worker_threads';
import { type AnalysisJob, runJob } from './analyze.ts';

parentPort?.on('message', (msg: { id: number; job: AnalysisJob }) => {
  try {
    parentPort?.postMessage({ id: msg.id, doc: runJob(msg.job) });
  } catch (err) {
    const e = err as { code?: string; message?: string; status?: number };
    parentPort?.postMessage({
      id: msg.id,
      error: { code: e.code ?? 'E_INTERNAL', message: e.message ?? String(err), status: e.status ?? null },
    });
  }
});
