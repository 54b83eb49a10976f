import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';
import { errorBody } from './errors.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Serves the built web UI from `dir`: hashed files under /assets/ are cached
 * for a year, everything else revalidates; paths without an extension fall
 * back to index.html. Files are read once and kept in memory (the build is small).
 */
export function createStaticHandler(dir: string): (c: Context) => Promise<Response> {
  const root = resolve(dir);
  const cache = new Map<string, Uint8Array | null>();

  async function load(rel: string): Promise<Uint8Array | null> {
    if (cache.has(rel)) return cache.get(rel) ?? null;
    const full = normalize(join(root, rel));
    let data: Uint8Array | null = null;
    if (full === root || full.startsWith(root + sep)) {
      try {
        if ((await stat(full)).isFile()) data = await readFile(full);
      } catch {
        data = null;
      }
    }
    if (cache.size < 500) cache.set(rel, data);
    return data;
  }

  return async (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path);
    } catch {
      return c.json(errorBody('E_BAD_REQUEST', 'malformed path'), 400);
    }
    if (rel.includes('\0')) return c.json(errorBody('E_BAD_REQUEST', 'malformed path'), 400);
    if (rel === '/' || rel === '') rel = '/index.html';
    let data = await load(rel);
    let file = rel;
    if (!data && !extname(rel)) {
      file = '/index.html';
      data = await load(file);
    }
    if (!data) return c.json(errorBody('E_NOT_FOUND', `not found: ${c.req.path}`), 404);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const cacheControl = file.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(data as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': type,
      'Cache-Control': cacheControl,
    });
  };
}
