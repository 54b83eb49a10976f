import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ClaimBoard } from '../../src/node/ingest/claims.ts';

describe('claim board', () => {
  it('gives each item to one thread', () => {
    const board = new ClaimBoard(8);
    expect(board.claim(3)).toBe(true);
    expect(board.claim(3)).toBe(false);
    // a second board over the same cells is another thread's view
    const other = new ClaimBoard(board.cells);
    expect(other.claim(3)).toBe(false);
    expect(other.claim(4)).toBe(true);
    expect(board.claim(4)).toBe(false);
  });

  it('reuses a cell for a later item and refuses the earlier one after it', () => {
    const board = new ClaimBoard(8);
    expect(board.claim(2)).toBe(true);
    expect(board.claim(10)).toBe(true); // same cell, one round later
    // a thread that sees item 2 only now must skip it: it was handed out before 10 could be
    expect(board.claim(2)).toBe(false);
    expect(board.claim(18)).toBe(true);
  });

  it('splits items between racing threads with none taken twice or lost', async () => {
    const total = 3_000_000;
    const board = new ClaimBoard(64);
    const go = new Int32Array(new SharedArrayBuffer(4));
    const threads = [0, 1].map(
      () =>
        new Worker(new URL('./claims-worker.mjs', import.meta.url), {
          workerData: { cells: board.cells, go, total },
        }),
    );
    const claimed = threads.map(
      (w) =>
        new Promise<number[]>((resolve, reject) => {
          w.on('message', (m) => m !== 'ready' && resolve(m));
          w.once('error', reject);
        }),
    );
    await Promise.all(threads.map((w) => new Promise((r) => w.once('message', r))));
    // all three threads start together
    Atomics.store(go, 0, 1);
    Atomics.notify(go, 0);
    const mine: number[] = [];
    for (let seq = 0; seq < total; seq++) if (board.claim(seq)) mine.push(seq);
    const theirs = await Promise.all(claimed);
    const all = [mine, ...theirs].flat().sort((a, b) => a - b);
    expect(all.length).toBe(total);
    expect(all.every((seq, i) => seq === i)).toBe(true);
    // the race really was one: every thread got a share
    for (const got of [mine, ...theirs]) expect(got.length).toBeGreaterThan(0);
  });
});
