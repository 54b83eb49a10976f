import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ModelLoader } from '../models.ts';

/** The package root (where package.json and models/ live), wherever attache is installed. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MODELS_DIR = join(PACKAGE_ROOT, 'models');

const cache = new Map<string, unknown>();

function read(name: string): Uint8Array {
  const path = join(MODELS_DIR, name);
  const raw = readFileSync(path);
  return name.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/** Reads versioned data files from `models/`, caching parsed JSON for the life of the process. */
export const nodeModels: ModelLoader = {
  json<T>(name: string): T {
    if (!cache.has(name)) cache.set(name, JSON.parse(new TextDecoder().decode(read(name))));
    return cache.get(name) as T;
  },
  bytes: read,
  has: (name) => existsSync(join(MODELS_DIR, name)),
};
