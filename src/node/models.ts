import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ModelLoader } from '../models.ts';

/**
 * The package root (where package.json and models/ live), wherever attache is installed: the
 * nearest folder up from this module with attache's package.json. Found by looking, not by a fixed
 * number of steps, because this module also runs from the compiled CLI in node_modules/.cache.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; ; ) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === 'attache') return dir;
    } catch {
      // no package.json here
    }
    const up = dirname(dir);
    if (up === dir) return join(from, '..', '..');
    dir = up;
  }
}
export const MODELS_DIR = join(PACKAGE_ROOT, 'models');

/**
 * Parsed JSON by file name, held weakly: stages compile the files into their own
 * structures, and a parsed file should not stay in memory beside them. While a
 * stage still holds a parsed file (or within one synchronous load, where the
 * same file is asked for several times), the same object is returned.
 */
const jsonCache = new Map<string, WeakRef<object>>();

/**
 * Read-only model data (raw weight files, decoded weight tables) that worker
 * threads take from the main thread instead of building their own copy. When
 * sharing is on, typed arrays are copied into SharedArrayBuffers as they are
 * built, so posting them to a worker shares their memory instead of copying it.
 */
const shared = new Map<string, object>();
let sharing = false;

type AnyTypedArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/**
 * A copy of `value` whose typed arrays (also inside plain objects and arrays, a few levels
 * deep) live in SharedArrayBuffers: posted to a worker thread, their memory is shared.
 */
export function toShared<T>(value: T, depth = 0): T {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const src = value as unknown as AnyTypedArray;
    if (src.buffer instanceof SharedArrayBuffer) return value;
    // the plain typed-array class (a Node Buffer becomes a Uint8Array: `new Buffer(…)` is deprecated)
    const Ctor = (globalThis as unknown as Record<string, unknown>)[src[Symbol.toStringTag]] as new (
      b: SharedArrayBuffer,
    ) => AnyTypedArray;
    const out = new Ctor(new SharedArrayBuffer(src.byteLength));
    out.set(src);
    return out as unknown as T;
  }
  if (depth > 4 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => toShared(v, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toShared(v, depth + 1);
  return out as T;
}

function memo<T extends object>(key: string, build: () => T): T {
  const hit = shared.get(key);
  if (hit) return hit as T;
  const value = build();
  if (!sharing) return value;
  const s = toShared(value);
  shared.set(key, s);
  return s;
}

/**
 * From now on, keep model data built in this thread in shared memory so that
 * worker threads can adopt it (`sharedModelData` → `adoptSharedModelData`).
 */
export function shareModelData(): void {
  sharing = true;
}

/** The shared model data built so far, to post to worker threads (memory is shared, not copied). */
export function sharedModelData(): Record<string, object> {
  return Object.fromEntries(shared);
}

/** In a worker thread: use the main thread's model data instead of building a copy. */
export function adoptSharedModelData(data: Record<string, object> | undefined): void {
  if (!data) return;
  for (const [k, v] of Object.entries(data)) shared.set(k, v);
}

function read(name: string): Uint8Array {
  const path = join(MODELS_DIR, name);
  const raw = readFileSync(path);
  return name.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/** Reads versioned data files from `models/`. */
export const nodeModels: ModelLoader = {
  json<T>(name: string): T {
    const hit = jsonCache.get(name)?.deref();
    if (hit) return hit as T;
    const parsed = JSON.parse(new TextDecoder().decode(read(name))) as T;
    if (parsed && typeof parsed === 'object') jsonCache.set(name, new WeakRef(parsed as object));
    return parsed;
  },
  bytes: (name) => memo(`bytes:${name}`, () => read(name)),
  has: (name) => existsSync(join(MODELS_DIR, name)),
  shared: memo,
};
