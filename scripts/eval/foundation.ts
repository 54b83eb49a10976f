/**
 * Measures the foundation against ../shared data:
 * - language identification on corpus-multilingual (every article) and a sample of corpus-news;
 * - the plain-text reader on clean news bodies with their title line on top: the title must be found and
 *   the body left as it is (a proxy for the precision of header/trailer removal);
 * - segmentation throughput;
 * - whole-page plain-text dumps of the zyte-aeb pages (the page's visible text, as "select all, copy"
 *   gives it) before and after the reader, with the body shingle F1 of ../shared/scorers/score-extraction.mjs.
 *
 *   npx tsx scripts/eval/foundation.ts [--sample 5]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
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

// --- whole-page dumps of the zyte-aeb pages ---
const zyte = join(DATA, 'article-extraction', 'zyte-aeb');
const scorerPath = resolve(ROOT, '../shared/scorers/score-extraction.mjs');
if (existsSync(zyte) && existsSync(scorerPath)) {
  const { docCounts } = (await import(scorerPath)) as {
    docCounts: (gold: string, pred: string, n?: number) => [number, number, number];
  };
  const gold = JSON.parse(readFileSync(join(zyte, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string }
  >;
  const BLOCK = new Set(
    'P DIV H1 H2 H3 H4 H5 H6 LI UL OL TR TABLE SECTION ARTICLE HEADER FOOTER NAV ASIDE BLOCKQUOTE FIGURE FIGCAPTION BR MAIN FORM DD DT PRE'.split(
      ' ',
    ),
  );
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME']);
  // biome-ignore lint/suspicious/noExplicitAny: a DOM node from linkedom
  const visible = (node: any, out: string[]) => {
    for (const c of node.childNodes ?? []) {
      if (c.nodeType === 3) out.push(c.textContent);
      else if (c.nodeType === 1 && !SKIP.has(c.tagName)) {
        const block = BLOCK.has(c.tagName);
        if (block) out.push('\n\n');
        visible(c, out);
        if (block) out.push('\n\n');
      }
    }
  };
  const sums = { whole: [0, 0, 0, 0], cleaned: [0, 0, 0, 0] };
  const add = (acc: number[], g: string, p: string) => {
    const [tp, fp, fn] = docCounts(g, p);
    const prec = tp + fp ? tp / (tp + fp) : 1;
    const rec = tp + fn ? tp / (tp + fn) : 1;
    acc[0] += prec;
    acc[1] += rec;
    acc[2]++;
  };
  for (const f of readdirSync(join(zyte, 'html'))) {
    const id = f.replace(/\.html\.gz$/, '');
    if (!gold[id]) continue;
    const { document } = parseHTML(gunzipSync(readFileSync(join(zyte, 'html', f))).toString('utf8'));
    const out: string[] = [];
    visible(document.body ?? document.documentElement, out);
    const dump = out
      .join('')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/[ \t]{2,}/g, ' ')
      .trim();
    add(sums.whole, gold[id].articleBody, dump);
    let cleaned = '';
    try {
      cleaned = readPlainText(dump, {}).text;
    } catch {}
    add(sums.cleaned, gold[id].articleBody, cleaned);
  }
  console.log('zyte-aeb pages as whole-page plain-text dumps, body shingle P/R/F1 (macro):');
  for (const [name, [p, r, n]] of Object.entries(sums)) {
    const P = p / n;
    const R = r / n;
    console.log(
      `  ${name.padEnd(8)} n=${n}  P ${P.toFixed(3)}  R ${R.toFixed(3)}  F1 ${((2 * P * R) / (P + R)).toFixed(3)}`,
    );
  }
}
