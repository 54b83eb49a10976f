/**
 * The loop of an analysis worker thread used by the HTTP server: ingestion
 * plus the full pipeline run here, so a long article never blocks the
 * server's event loop. One job at a time; errors come back as {code, message}.
 */
import { parentPort } from 'node:worker_threads';
import { type AnalysisJob, runJob } from './analyze.ts';
import { ApiError } from './errors.ts';

parentPort?.on('message', (msg: { id: number; job: AnalysisJob }) => {
  try {
    parentPort?.postMessage({ id: msg.id, doc: runJob(msg.job) });
  } catch (err) {
    if (err instanceof ApiError) {
      parentPort?.postMessage({
        id: msg.id,
        error: { code: err.code, message: err.message, status: err.status },
      });
      return;
    }
    // a bug, not bad input: log it here, and tell the client only that analysis failed
    console.error('attache analysis worker:', err);
    parentPort?.postMessage({
      id: msg.id,
      error: { code: 'E_INTERNAL', message: 'the analysis failed; see the server log', status: 500 },
    });
  }
});
