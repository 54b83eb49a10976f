/**
 * How stages get their versioned data files (weights, lexicons, dictionaries)
 * without depending on Node: the host passes a loader. In Node it reads
 * `models/` from the package root (src/node/models.ts); a browser host can
 * fetch the same files ahead of time.
 */
export interface ModelLoader {
  /** Parsed JSON of `models/<name>` (transparently gunzipped when the file ends in .gz). */
  json<T = unknown>(name: string): T;
  /** Raw bytes of `models/<name>` (transparently gunzipped when the file ends in .gz). */
  bytes(name: string): Uint8Array;
  /** Whether `models/<name>` exists. */
  has(name: string): boolean;
  /**
   * Optional: a read-only structure of typed arrays built from the model files
   * once per host rather than once per thread (the Node host shares it between
   * ingest worker threads). `build` runs when the host has no copy yet; callers
   * must not modify the result.
   */
  shared?<T extends object>(key: string, build: () => T): T;
}
