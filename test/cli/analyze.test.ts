import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

// every test starts the CLI as a subprocess; allow for a busy machine
vi.setConfig({ testTimeout: 180_000 });

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'attache.mjs');
const EXAMPLE = resolve(ROOT, '../shared/examples/lavrov-dprk-visit-2023.txt');
const tmp = mkdtempSync(join(tmpdir(), 'attache-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(args: string[], input?: string | Buffer): Run {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
    env: { ...process.env, NO_COLOR: '1', ATTACHE_DEBUG: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

function runAsync(args: string[]): Promise<Run> {
  const t0 = Date.now();
  return new Promise((done) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (status) => done({ status, stdout, stderr, ms: Date.now() - t0 }));
  });
}

/** No stack trace ever reaches the user. */
function expectNoStack(r: Run): void {
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(r.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

function file(name: string, content: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

const ARTICLE = [
  '12.03.2024 Author: Lena Brandt',
  '',
  'Chisinau and Bucharest sign energy pact',
  '',
  'Moldova and Romania signed an agreement on Tuesday to link their power grids by 2026, Moldovan President Maia Sandu said.',
  '',
  '“This ends our dependence on a single supplier,” Sandu told reporters in Chisinau.',
  '',
  'Related articles:',
  'Moldova’s winter without Russian gas',
].join('\n');

describe('attache analyze: usage', () => {
  it('--help is complete and exits 0', () => {
    const r = run(['analyze', '--help']);
    expect(r.status).toBe(0);
    for (const s of [
      '--json',
      '--raw',
      '--published',
      '--jsonl',
      '--allow-private',
      '--max-bytes',
      'Exit codes',
      'Examples',
    ])
      expect(r.stdout).toContain(s);
  });
  it('missing input, both input and --jsonl, a bad --published: exit 2', () => {
    expect(run(['analyze']).status).toBe(2);
    expect(run(['analyze', '--jsonl', '-', 'x.txt']).status).toBe(2);
    const r = run(['analyze', '--published', '2023-02-30', 'x.txt']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/YYYY-MM-DD/);
  });
  it('a missing file: exit 1 with a clear message', () => {
    const r = run(['analyze', join(tmp, 'nope.txt')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no such file/);
    expectNoStack(r);
  });
});

describe('attache analyze: articles', () => {
  it('prints a dossier with title, outlet, date, authors, language and counts', () => {
    const r = run(['analyze', file('a.txt', ARTICLE)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Chisinau and Bucharest sign energy pact');
    expect(r.stdout).toContain('12 Mar 2024 (from header)');
    expect(r.stdout).toContain('by Lena Brandt');
    expect(r.stdout).toContain('English (en)');
    expect(r.stdout).toMatch(/\d+ paragraphs? · \d+ sentences?/);
  });
  it('--json prints the cleaned Document; --published overrides the header date', () => {
    const r = run(['analyze', '--json', '--published', '2024-03-13', file('a.txt', ARTICLE)]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('attache/document@1');
    expect(doc.meta.title).toBe('Chisinau and Bucharest sign energy pact');
    expect(doc.meta.published).toBe('2024-03-13');
    expect(doc.meta.publishedSource).toBe('input');
    expect(doc.text.startsWith('Moldova and Romania signed')).toBe(true);
    expect(doc.text).not.toContain('Related articles');
  });
  it('--raw keeps the input exactly, from a file and from stdin', () => {
    const input = `${ARTICLE}\r\n\u00a0trailing\u0007 `;
    const a = JSON.parse(run(['analyze', '--raw', '--json', file('raw.txt', input)]).stdout);
    expect(a.text).toBe(input);
    const b = run(['analyze', '--raw', '--json', '-'], input);
    expect(b.status).toBe(0);
    expect(JSON.parse(b.stdout).text).toBe(input);
  });
  it('a non-English article is segmented and says analysis is English-only', () => {
    const r = run(
      ['analyze', '--json', '-'],
      'Президент Молдовы Майя Санду заявила во вторник, что соглашение подписано.\n',
    );
    const doc = JSON.parse(r.stdout);
    expect(doc.meta.language).toBe('ru');
    expect(doc.sentences.length).toBe(1);
    expect(doc.warnings.map((w: { code: string }) => w.code)).toContain('W_ENGLISH_ONLY');
  });
  it('a directory gives one Document per article file (JSONL with --json)', () => {
    const dir = join(tmp, 'dir');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'one.txt'), ARTICLE);
    writeFileSync(join(dir, 'two.txt'), 'Second article about talks in Geneva on Monday.');
    writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const r = run(['analyze', '--json', dir]);
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].meta.extra.input).toMatch(/one\.txt$/);
  });
});

describe('attache analyze --jsonl', () => {
  it('analyses records in order, carries ids, reports bad records and goes on', () => {
    const html =
      '<html><head><title>Envoy visits Baku</title></head><body><article><p>The European envoy visited Baku on Monday and met President Ilham Aliyev to discuss the peace treaty with Armenia.</p><p>Officials said the talks were constructive.</p></article></body></html>';
    const path = file('rec.txt', ARTICLE);
    const records = [
      JSON.stringify({ id: 'a', text: '  Exactly this text.  ', published: '2024-01-02' }),
      'not json at all',
      JSON.stringify({ id: 'b' }),
      JSON.stringify({ id: 'c', path }),
      JSON.stringify({ id: 'd', text: '' }),
      JSON.stringify({ id: 7, html }),
      JSON.stringify({ id: 'e', path: join(tmp, 'missing.txt') }),
    ].join('\n');
    const r = run(['analyze', '--jsonl', '-'], records);
    expect(r.status).toBe(0);
    expectNoStack(r);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', null, 'b', 'c', 'd', '7', 'e']);
    expect(out[0].text).toBe('  Exactly this text.  ');
    expect(out[0].meta.published).toBe('2024-01-02');
    expect(out[0].meta.extra.contentId).toMatch(/^[0-9a-f]+$/);
    expect(out[1].error.code).toBe('E_BAD_JSON');
    expect(out[2].error.code).toBe('E_BAD_RECORD');
    expect(out[3].meta.title).toBe('Chisinau and Bucharest sign energy pact');
    expect(out[4].error.code).toBe('E_EMPTY');
    expect(out[5].text).toContain('President Ilham Aliyev');
    expect(out[6].error.code).toBeTruthy();
  });
});

describe('attache analyze: bad input never gives a stack trace', () => {
  it('empty and whitespace-only files: exit 1, clear message', () => {
    for (const content of ['', ' \n\t\n\u00a0\n']) {
      const r = run(['analyze', file('empty.txt', content)]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/empty|whitespace/);
      expectNoStack(r);
    }
  });
  it('PNG bytes: exit 1, "not text"', () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from('IHDR'),
      Buffer.alloc(64, 7),
    ]);
    const r = run(['analyze', file('img.png', png)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/binary|not text|PNG/i);
    expectNoStack(r);
  });
  it('a 200 MB file is refused quickly by the size cap; --max-bytes sets the cap', () => {
    const big = join(tmp, 'big.txt');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 200 * 2 ** 20);
    closeSync(fd);
    const r = run(['analyze', big]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/200 MB.*limit/);
    expect(r.ms).toBeLessThan(15_000);
    expectNoStack(r);
    const small = run(['analyze', '--max-bytes', '100', file('a.txt', ARTICLE)]);
    expect(small.status).toBe(1);
    expect(small.stderr).toMatch(/limit/);
  });
  it('an over-size stdin is refused; in batch mode an over-size line is one error record', () => {
    const r = run(['analyze', '--max-bytes', '1kb', '-'], 'word '.repeat(1000));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/limit/);
    const lines = [
      JSON.stringify({ id: 'big', text: 'word '.repeat(1000) }),
      JSON.stringify({ id: 'small', text: 'The envoy left Kabul on Sunday.' }),
    ].join('\r\n');
    const b = run(['analyze', '--max-bytes', '1kb', '--jsonl', '-'], lines);
    expect(b.status).toBe(0);
    const out = b.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out[0].error.code).toBe('E_TOO_LARGE');
    expect(out[1].id).toBe('small');
    expect(out[1].text).toBe('The envoy left Kabul on Sunday.');
  });
  it('invalid UTF-8: best effort with a warning', () => {
    const bytes = Buffer.concat([
      Buffer.from('Talks in Gen'),
      Buffer.from([0xe8, 0xff]),
      Buffer.from('ve ended on Monday.\n'),
    ]);
    const r = run(['analyze', '--json', file('bad-utf8.txt', bytes)]);
    expectNoStack(r);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.warnings.length).toBeGreaterThan(0);
    const raw = JSON.parse(run(['analyze', '--raw', '--json', file('bad-utf8.txt', bytes)]).stdout);
    expect(raw.warnings.map((w: { code: string }) => w.code)).toContain('W_INVALID_UTF8');
  });
  it('truncated, malformed and 100,000-level nested HTML: a result or a clear error', () => {
    const truncated =
      '<html><head><title>Summit ends</title></head><body><article><p>The leaders of France and Germany met in Paris on Friday to discuss the budget.</p><p>Chancellor Olaf Scholz said';
    const malformed =
      '<html><body><p>Talks <b>resumed <i>in Doha</b> on Sunday</i>, mediators said.<p>Qatar and Egypt brokered the meeting.</div></span></html></html>';
    const deep = `<html><body>${'<div>'.repeat(100_000)}The ministers met in Rome on Monday.${'</div>'.repeat(100_000)}</body></html>`;
    const dir = join(tmp, 'html');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a-truncated.html'), truncated);
    writeFileSync(join(dir, 'b-malformed.html'), malformed);
    writeFileSync(join(dir, 'c-deep.html'), deep);
    // one run over the three files: each gives a Document or an error record, in name order
    const r = run(['analyze', '--json', dir]);
    expectNoStack(r);
    expect(r.status).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(3);
    for (const o of out) {
      if (o.error) expect(o.error.code).toMatch(/^E_[A-Z_]+$/);
      else expect(o.schema).toBe('attache/document@1');
    }
    expect(out[0].text).toContain('The leaders of France and Germany met in Paris');
    expect(out[1].text).toContain('Qatar and Egypt brokered the meeting.');
  });
  it('a feed with 10,000 items gives 10,000 Documents, streamed as JSONL', () => {
    const items = Array.from(
      { length: 10_000 },
      (_, i) =>
        `<item><title>Envoy ${i} arrives</title><link>https://example.org/n/${i}</link><description>The envoy met the foreign minister in Vienna on Monday to discuss item ${i}.</description><pubDate>Mon, 06 Nov 2023 10:00:00 GMT</pubDate></item>`,
    ).join('');
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items}</channel></rss>`;
    const r = run(['analyze', '--json', file('feed.xml', feed)]);
    expectNoStack(r);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(10_000);
    expect(JSON.parse(lines[9_999]).meta.title).toBe('Envoy 9999 arrives');
  }, 180_000);
});

describe('attache analyze <url>', () => {
  it('refuses private addresses unless --allow-private, then fetches and ingests', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/article') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(ARTICLE);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    try {
      const refused = await runAsync(['analyze', `http://127.0.0.1:${port}/article`]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/private/);
      const ok = await runAsync(['analyze', '--json', '--allow-private', `http://127.0.0.1:${port}/article`]);
      expect(ok.status).toBe(0);
      expect(JSON.parse(ok.stdout).meta.title).toBe('Chisinau and Bucharest sign energy pact');
      const missing = await runAsync(['analyze', '--allow-private', `http://127.0.0.1:${port}/nothing`]);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/404/);
      expectNoStack(missing);
    } finally {
      server.close();
    }
  });
});

describe.skipIf(!existsSync(EXAMPLE))('done-when: the example article', () => {
  if (!existsSync(EXAMPLE)) console.warn(`skipped: ${EXAMPLE} is absent`);
  it('npx attache analyze --json gives title, author, date, outlet and the clean body', () => {
    const r = run(['analyze', '--json', EXAMPLE]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.meta.title).toBe('Regarding the Russian Foreign Minister’s visit to the DPRK');
    expect(doc.meta.authors).toEqual(['Konstantin Asmolov']);
    expect(doc.meta.published).toBe('2023-10-28');
    expect(doc.meta.outlet).toBe('New Eastern Outlook');
    expect(doc.text.startsWith('On October 18–19, 2023')).toBe(true);
    expect(doc.text.endsWith('the core of the agreements is not exposed.')).toBe(true);
    const input = readFileSync(EXAMPLE, 'utf8');
    expect(input.includes(doc.text.slice(0, 200))).toBe(true);
  });
});
