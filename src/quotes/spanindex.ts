import type { Span } from '../document/types.ts';

/**
 * Spans kept sorted by start for overlap queries: a binary search plus a
 * backward walk bounded by the longest span, so a query costs the number of
 * spans near it rather than the number in the document.
 */
export class SpanIndex<T extends Span> {
  private items: T[] = [];
  private maxLen = 0;

  constructor(spans: Iterable<T> = []) {
    for (const s of spans) this.add(s);
  }

  get size(): number {
    return this.items.length;
  }

  /** First index whose start is ≥ pos. */
  private lower(pos: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid].start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(s: T): void {
    let k = this.lower(s.start);
    while (k < this.items.length && this.items[k].start === s.start) k++;
    if (k === this.items.length) this.items.push(s);
    else this.items.splice(k, 0, s);
    if (s.end - s.start > this.maxLen) this.maxLen = s.end - s.start;
  }

  remove(s: T): void {
    for (let k = this.lower(s.start); k < this.items.length && this.items[k].start === s.start; k++) {
      if (this.items[k] === s) {
        this.items.splice(k, 1);
        return;
      }
    }
    // its start changed since it was added: fall back to a scan
    const k = this.items.indexOf(s);
    if (k >= 0) this.items.splice(k, 1);
  }

  /** Call after changing a span's start or end. */
  update(s: T): void {
    this.remove(s);
    this.add(s);
  }

  /** Spans overlapping `[start, end)`, in order of start. */
  overlapping(start: number, end: number): T[] {
    const out: T[] = [];
    for (let k = this.lower(end) - 1; k >= 0 && this.items[k].start >= start - this.maxLen; k--) {
      if (this.items[k].end > start) out.push(this.items[k]);
    }
    return out.reverse();
  }

  /** Among spans ending in `(lo, hi]` that pass `ok`, the one ending last. */
  lastEndingIn(lo: number, hi: number, ok: (s: T) => boolean): T | null {
    let best: T | null = null;
    for (let k = this.lower(hi) - 1; k >= 0 && this.items[k].start >= lo - this.maxLen; k--) {
      const s = this.items[k];
      if (s.end > lo && s.end <= hi && ok(s) && (!best || s.end > best.end)) best = s;
    }
    return best;
  }

  toArray(): T[] {
    return this.items.slice();
  }
}
