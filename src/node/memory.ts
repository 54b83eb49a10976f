/**
 * Memory settings for long batch runs (ingest, queue workers).
 *
 * V8 by default trades memory for allocation speed: the young generation grows
 * to 32 MB per thread and the old generation may grow to several times its live
 * size before a full collection. For a batch of thousands of articles that
 * roughly doubles the resident size without making analysis faster, so batch
 * commands switch V8 to its size-optimised mode (`--optimize-for-size`: a small
 * young generation and heap limits that grow slowly). V8 reads these settings
 * while it runs, so they apply from this call on, to this thread and to every
 * worker thread started after it.
 */
import { setFlagsFromString } from 'node:v8';

let applied = false;

/** Switches V8 to favour a small heap for the rest of the process (once; later calls do nothing). */
export function preferSmallHeap(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString('--optimize-for-size');
  // threads started before this call (this one) keep their young generation at its current size
  setFlagsFromString('--semi-space-growth-factor=1');
}
