/**
 * Allocation-free 32-bit hashing of token text, shared by the NER tagger,
 * the gazetteer matcher and the build/training scripts. Token identity is
 * its FNV-1a hash over UTF-16 code units, so lookups never slice strings.
 */

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over `text[start, end)`. */
export function hashRange(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Lower-cases one UTF-16 code unit (ASCII fast path, Latin-1/extended via a cached table). */
const LOWER = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  if (c >= 65 && c <= 90) LOWER[c] = c + 32;
  else if (c < 128 || (c >= 0xd800 && c <= 0xdfff)) LOWER[c] = c;
  else {
    const l = String.fromCharCode(c).toLowerCase();
    LOWER[c] = l.length === 1 ? l.charCodeAt(0) : c;
  }
}
export function lowerCode(c: number): number {
  return LOWER[c];
}

/** FNV-1a of the lower-cased `text[start, end)`, with typographic apostrophes and hyphens folded. */
export function hashLower(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    let c = LOWER[text.charCodeAt(i)];
    if (c === 0x2019) c = 39;
    else if (c === 0x2010 || c === 0x2011) c = 45;
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hash of a whole string (exact). */
export function hashString(s: string): number {
  return hashRange(s, 0, s.length);
}

/** Hash of a whole string, lower-cased. */
export function hashStringLower(s: string): number {
  return hashLower(s, 0, s.length);
}

/** Combines two 32-bit values into one (order-sensitive). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Combines a sequence of token hashes (used for multi-word gazetteer keys). */
export function seqHash(prev: number, next: number): number {
  return mix(prev ^ 0x5bd1e995, next);
}

/** The typed arrays of an `IntMap` (structured-cloneable). */
export interface IntMapData {
  keys: Uint32Array;
  vals: Int32Array;
  size: number;
}

/**
 * Open-addressing hash table from 32-bit keys to 32-bit values, built once at
 * load time; `get` returns -1 when absent. Keys must be non-zero (0 is empty).
 */
export class IntMap {
  readonly keys: Uint32Array;
  readonly vals: Int32Array;
  private readonly mask: number;
  size: number;
  /** An empty table for `capacity` keys, or a table over the arrays of a built one (e.g. in shared memory). */
  constructor(capacity: number | IntMapData) {
    if (typeof capacity === 'number') {
      let cap = 16;
      while (cap < capacity * 2) cap <<= 1;
      this.keys = new Uint32Array(cap);
      this.vals = new Int32Array(cap);
      this.size = 0;
    } else {
      this.keys = capacity.keys;
      this.vals = capacity.vals;
      this.size = capacity.size;
    }
    this.mask = this.keys.length - 1;
  }

  /** The arrays of this table, to rebuild it elsewhere with `new IntMap(data)`. */
  data(): IntMapData {
    return { keys: this.keys, vals: this.vals, size: this.size };
  }
  set(key: number, val: number): void {
    const k = key >>> 0 || 1;
    let i = Math.imul(k, 0x9e3779b1) >>> 0;
    for (;;) {
      i &= this.mask;
      const cur = this.keys[i];
      if (cur === 0) {
        this.keys[i] = k;
        this.vals[i] = val;
        this.size++;
        return;
      }
      if (cur === k) {
        this.vals[i] = val;
        return;
      }
      i++;
    }
  }
  get(key: number): number {
    const k = key >>> 0 || 1;
    let i = Math.imul(k, 0x9e3779b1) >>> 0;
    for (;;) {
      i &= this.mask;
      const cur = this.keys[i];
      if (cur === 0) return -1;
      if (cur === k) return this.vals[i];
      i++;
    }
  }
}
