/**
 * Compact, read-only string tables for dictionaries that are built once and
 * then only looked up. A table is a few typed arrays (code units, offsets and
 * an open-addressing hash index), so it costs a fraction of a Map of strings
 * and, being plain typed arrays, can live in shared memory and be used by
 * several threads at once (see `ModelLoader.shared`).
 */

/** The typed arrays of a string table (structured-cloneable; never modified after packing). */
export interface StringTableData {
  /** UTF-16 code units of all strings, one after another. */
  chars: Uint16Array;
  /** String `i` is `chars[offsets[i], offsets[i + 1])`. */
  offsets: Uint32Array;
  /** Hash index: string index + 1 per slot, 0 for an empty slot (a power-of-two length). */
  slots: Int32Array;
}

/** A map from strings to 32-bit integers, as typed arrays. */
export interface IntDictData {
  keys: StringTableData;
  values: Int32Array;
}

/** A map from strings to strings: keys, an index into the distinct values per key, the values. */
export interface StringDictData {
  keys: StringTableData;
  valueIds: Int32Array;
  values: StringTableData;
}

/** A list of strings that may repeat: per position, an index into the distinct strings. */
export interface StringListData {
  ids: Int32Array;
  values: StringTableData;
}

function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Packs distinct strings into a table; string `i` of the input gets index `i`. */
export function packStrings(strings: readonly string[]): StringTableData {
  let total = 0;
  for (const s of strings) total += s.length;
  const chars = new Uint16Array(total);
  const offsets = new Uint32Array(strings.length + 1);
  let at = 0;
  strings.forEach((s, i) => {
    offsets[i] = at;
    for (let k = 0; k < s.length; k++) chars[at + k] = s.charCodeAt(k);
    at += s.length;
  });
  offsets[strings.length] = at;
  let cap = 16;
  while (cap < strings.length * 2) cap <<= 1;
  const slots = new Int32Array(cap);
  const mask = cap - 1;
  strings.forEach((s, i) => {
    let j = hashOf(s) & mask;
    while (slots[j] !== 0) {
      if (sameString(chars, offsets, slots[j] - 1, s)) throw new Error(`packStrings: duplicate string ${s}`);
      j = (j + 1) & mask;
    }
    slots[j] = i + 1;
  });
  return { chars, offsets, slots };
}

function sameString(chars: Uint16Array, offsets: Uint32Array, i: number, s: string): boolean {
  const a = offsets[i];
  if (offsets[i + 1] - a !== s.length) return false;
  for (let k = 0; k < s.length; k++) if (chars[a + k] !== s.charCodeAt(k)) return false;
  return true;
}

/** Look-ups in a packed string table; decoded strings are kept per instance (per thread). */
export class StringTable {
  private readonly chars: Uint16Array;
  private readonly offsets: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly decoded: (string | undefined)[] = [];

  constructor(data: StringTableData) {
    this.chars = data.chars;
    this.offsets = data.offsets;
    this.slots = data.slots;
    this.mask = data.slots.length - 1;
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  /** Index of `s`, or -1 when the table does not hold it. */
  indexOf(s: string): number {
    let j = hashOf(s) & this.mask;
    for (;;) {
      const e = this.slots[j];
      if (e === 0) return -1;
      if (sameString(this.chars, this.offsets, e - 1, s)) return e - 1;
      j = (j + 1) & this.mask;
    }
  }

  /** String `i`. */
  at(i: number): string {
    let s = this.decoded[i];
    if (s === undefined) {
      s = decode(this.chars, this.offsets[i], this.offsets[i + 1]);
      this.decoded[i] = s;
    }
    return s;
  }
}

function decode(chars: Uint16Array, from: number, to: number): string {
  let s = '';
  // in chunks: `fromCharCode` takes its code units as arguments
  for (let a = from; a < to; a += 4096) {
    s += String.fromCharCode.apply(null, chars.subarray(a, Math.min(to, a + 4096)) as unknown as number[]);
  }
  return s;
}

/** Packs a string → integer map (in its iteration order). */
export function packIntDict(map: ReadonlyMap<string, number>): IntDictData {
  return { keys: packStrings([...map.keys()]), values: Int32Array.from(map.values()) };
}

/** Packs a string → string map (in its iteration order); repeated values are stored once. */
export function packStringDict(map: ReadonlyMap<string, string>): StringDictData {
  const { ids, values } = packStringList([...map.values()]);
  return { keys: packStrings([...map.keys()]), valueIds: ids, values };
}

/** Packs a list of strings; repeated strings are stored once. */
export function packStringList(list: readonly string[]): StringListData {
  const distinct = new Map<string, number>();
  const ids = new Int32Array(list.length);
  list.forEach((v, i) => {
    let id = distinct.get(v);
    if (id === undefined) {
      id = distinct.size;
      distinct.set(v, id);
    }
    ids[i] = id;
  });
  return { ids, values: packStrings([...distinct.keys()]) };
}

/** A packed list of strings. */
export class StringList {
  private readonly ids: Int32Array;
  private readonly values: StringTable;

  constructor(data: StringListData) {
    this.ids = data.ids;
    this.values = new StringTable(data.values);
  }

  get length(): number {
    return this.ids.length;
  }

  at(i: number): string {
    return this.values.at(this.ids[i]);
  }
}

/** Look-ups in a packed string → integer map. */
export class IntDict {
  private readonly keys: StringTable;
  private readonly values: Int32Array;

  constructor(data: IntDictData) {
    this.keys = new StringTable(data.keys);
    this.values = data.values;
  }

  get size(): number {
    return this.keys.size;
  }

  get(key: string): number | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.values[i];
  }

  has(key: string): boolean {
    return this.keys.indexOf(key) >= 0;
  }
}

/** Look-ups in a packed string → string map. */
export class StringDict {
  private readonly keys: StringTable;
  private readonly valueIds: Int32Array;
  private readonly values: StringTable;

  constructor(data: StringDictData) {
    this.keys = new StringTable(data.keys);
    this.valueIds = data.valueIds;
    this.values = new StringTable(data.values);
  }

  get size(): number {
    return this.keys.size;
  }

  get(key: string): string | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.values.at(this.valueIds[i]);
  }

  has(key: string): boolean {
    return this.keys.indexOf(key) >= 0;
  }
}
