/**
 * Measures the foundation against ../shared data:
 * - language identification on corpus-multilingual (every article) and a sample of corpus-news;
 * - the plain-text reader on clean news bodies with their title line on top: the title must be found and
 *   the body left as it is (a proxy for the precision of header/trailer removal);
 * - segmentation throughput.
 *
 *   npx tsx scripts/eval/foundation.ts [--sample 5]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { readPlainText } from '../../src/ingest/text.ts';
import { identifyLanguage } from '../../src/text/language.ts';
import { segmentParagraphs, segmentSentences } from '../../src/text/segment.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA = resolve(ROOT, '../shared/data');
const every = Number(process.argv[process.argv.indexOf('--sample') + 1]) || 5;

const multiPath = join(DATA, 'corpus-multilingual', 'news-multilingual.jsonl');
const newsPath = join(DATA, 'corpus-news', 'news-en.jsonl.gz');
if (!existsSync(multiPath) || !existsSync(newsPath)) {
  console.error('../shared/data/corpus-multilingual and corpus-news are needed');
  process.exit(1);
}

const multi = readFileSync(multiPath, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const byLang = new Map<string, [number, number]>();
for (const r of multi) {
  const g = identifyLanguage(r.text).language;
  const c = byLang.get(r.lang) ?? [0, 0];
  c[1]++;
  if (g === r.lang) c[0]++;
  byLang.set(r.lang, c);
}
console.log('language id, corpus-multilingual:');
for (const [lang, [ok, n]] of byLang) console.log(`  ${lang}: ${ok}/${n}`);

const news = gunzipSync(readFileSync(newsPath)).toString('utf8').trim().split('\n');
let n = 0;
let en = 0;
let und = 0;
let same = 0;
let title = 0;
let chars = 0;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const t0 = performance.now();
for (let i = 0; i < news.length; i += every) {
  const r = JSON.parse(news[i]);
  n++;
  const lang = identifyLanguage(r.text).language;
  if (lang === 'en') en++;
  else if (lang === 'und') und++;
  const a = readPlainText(`${r.title}\n\n${r.text}`, {});
  if (norm(a.text) === norm(r.text)) same++;
  if (a.meta.title === r.title.trim()) title++;
  chars += r.text.length;
}
const ms = performance.now() - t0;
console.log(`corpus-news, every ${every}th article (${n}):`);
console.log(`  language en ${en} (${((100 * en) / n).toFixed(1)}%), und ${und}, other ${n - en - und}`);
console.log(
  `  reader: body unchanged ${same}/${n} (${((100 * same) / n).toFixed(2)}%), title found ${title}/${n}`,
);
console.log(`  reader + language: ${(chars / 1e6 / (ms / 1000)).toFixed(1)} MB/s`);

const big = news
  .slice(0, 2000)
  .map((l) => JSON.parse(l).text)
  .join('\n\n');
const s0 = performance.now();
const sentences = segmentSentences(big, segmentParagraphs(big));
const sms = performance.now() - s0;
console.log(
  `segmentation: ${sentences.length} sentences in ${(big.length / 1e6).toFixed(1)} MB, ${(big.length / 1e6 / (sms / 1000)).toFixed(1)} MB/s`,
);
