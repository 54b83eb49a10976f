/**
 * Bench suite "extraction": HTML → article text throughput of attache's
 * ingestion (decode + pre-pass + parse + metadata + content extraction) versus
 * @mozilla/readability on linkedom, on the zyte-aeb and trafilatura-eval pages
 * of ../shared/data/article-extraction. Bytes are the HTML bytes read.
 * Peak RSS is sampled after every page, per system.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeBytes } from '../../src/ingest/encoding.ts';
import { IngestError, ingestBytes } from '../../src/ingest/index.ts';
import type { BenchContext, BenchCorpus, BenchRow, BenchSuite } from './types.ts';

function loadPages(ctx: BenchContext): Uint8Array[] {
  const base = join(ctx.data, 'article-extraction');
  const pages: Uint8Array[] = [];
  for (const set of ['zyte-aeb', 'trafilatura-eval']) {
    const dir = join(base, set, 'html');
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.gz'))
      .sort();
    for (const f of ctx.quick ? files.slice(0, 60) : files)
      pages.push(gunzipSync(readFileSync(join(dir, f))));
  }
  return pages;
}

function measure(system: string, pages: Uint8Array[], fn: (b: Uint8Array) => void): BenchRow {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  let bytes = 0;
  const t = performance.now();
  for (const p of pages) {
    fn(p);
    bytes += p.length;
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  }
  const seconds = (performance.now() - t) / 1000;
  return { task: 'HTML extraction', system, docs: pages.length, bytes, seconds, peakRss: peak };
}

const suite: BenchSuite = async (_corpus: BenchCorpus, ctx: BenchContext) => {
  const pages = loadPages(ctx);
  if (!pages.length) {
    console.log('  extraction: ../shared/data/article-extraction is not present; skipped');
    return [];
  }
  const attache = measure('attache', pages, (b) => {
    try {
      ingestBytes(b, { contentType: 'text/html' });
    } catch (e) {
      if (!(e instanceof IngestError)) throw e;
    }
  });
  const readability = measure('readability+linkedom', pages, (b) => {
    const { document } = parseHTML(decodeBytes(b, { contentType: 'text/html' }).text);
    try {
      new Readability(document as unknown as Document).parse();
    } catch {
      // readability throws on a few malformed pages; counted as done
    }
  });
  return [attache, readability];
};

export default suite;
