/**
 * Work sharing between analysing threads without a dispatcher in the loop.
 *
 * Every item is offered to every analysing thread, in input order; each thread
 * claims an item on this board just before analysing it and skips items another
 * thread has claimed. A thread held up by a long article does not hold back the
 * items queued behind it, and the other threads keep working while the ingest
 * thread is busy writing a batch (when it cannot hand out work).
 *
 * Cells live in shared memory. Item `seq` uses cell `seq % size`, which holds the
 * largest sequence number claimed there, or -1. A cell only grows, so a claim for
 * `seq` fails if `seq` or a later item was claimed in its cell. A later item
 * (`seq + size`) is handed out only when `seq` has been written, provided no more
 * than `size` items are in flight, so skipping is then right too.
 */
export class ClaimBoard {
  readonly cells: Int32Array;

  constructor(cellsOrSize: Int32Array | number) {
    if (typeof cellsOrSize === 'number') {
      this.cells = new Int32Array(new SharedArrayBuffer(4 * cellsOrSize)).fill(-1);
    } else this.cells = cellsOrSize;
  }

  /** Claims item `seq` for this thread; false when another thread has it. */
  claim(seq: number): boolean {
    const cells = this.cells;
    const i = seq % cells.length;
    for (;;) {
      const held = Atomics.load(cells, i);
      if (held >= seq) return false;
      if (Atomics.compareExchange(cells, i, held, seq) === held) return true;
    }
  }
}
