import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { germanDoc, hostileDoc, hotlineDoc } from '../server/fixtures.ts';
import { HAVE_CHROMIUM, type Harness, startHarness } from './harness.ts';

describe.skipIf(!HAVE_CHROMIUM)('web UI in chromium', { timeout: 180_000 }, () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await startHarness();
    base = h.server.url;
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  const open = async (hash: string): Promise<Page> => {
    const page = await h.page();
    await page.goto(`${base}${hash}`);
    return page;
  };

  it('corpus page lists the stored documents', async () => {
    const page = await open('#/');
    await page.getByTestId('documents').waitFor();
    await expect(page.locator('[data-testid=documents] tbody tr').count()).resolves.toBe(4);
    await h.shot(page, '01-corpus');
    await page.close();
  });

  it('reader highlights every layer; clicking an entity leads to its page', async () => {
    const page = await open(`#/doc/${hotlineDoc().id}`);
    const text = page.getByTestId('article-text');
    await text.waitFor();
    await expect(text.locator('.m.ent').count()).resolves.toBeGreaterThanOrEqual(8);
    await expect(text.locator('.m.tx').count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(text.locator('.m.qt').count()).resolves.toBeGreaterThan(0);
    await expect(text.locator('.m.ev').count()).resolves.toBeGreaterThan(0);
    // the quote's speaker is named on hover
    const quoteTitle = await text.locator('.m.qt').first().getAttribute('title');
    expect(quoteTitle).toContain('speaker: Aiko Tanabe');

    // click the first mention of Aiko Tanabe in the text
    await text.locator('.m.t-PERSON', { hasText: 'Aiko Tanabe' }).first().click();
    // all of her mentions are highlighted as evidence, and the panel offers her page
    await expect(text.locator('.sel').count()).resolves.toBe(2);
    const go = page.getByRole('link', { name: 'Open entity page →' });
    await go.waitFor();
    await h.shot(page, '02-reader-entity-selected');
    await go.click();
    await page.waitForURL(/#\/entity\//);
    await page.getByRole('heading', { level: 1, name: 'Aiko Tanabe' }).waitFor();
    await page.getByTestId('co-mentions').waitFor();
    await expect(page.getByTestId('co-mentions').locator('li').count()).resolves.toBeGreaterThanOrEqual(3);
    await page.locator('#quotes blockquote').first().waitFor();
    await expect(page.locator('#quotes blockquote').count()).resolves.toBe(2);
    await expect(page.locator('#as-source tbody tr').count()).resolves.toBe(1);
    await h.shot(page, '03-entity-page');
    await page.close();
  });

  it('clicking a quote or an event in the side panel highlights its evidence', async () => {
    const page = await open(`#/doc/${hotlineDoc().id}`);
    await page.getByTestId('article-text').waitFor();
    await page.getByRole('tab', { name: /Quotes/ }).click();
    await page.locator('.fact.quote').first().click();
    const sel = page.locator('[data-testid=article-text] .sel');
    const selected = (await sel.allTextContents()).join('');
    expect(selected).toContain('We agreed');
    expect(selected).toContain('Tanabe');
    await page.getByRole('tab', { name: /Events/ }).click();
    await page.locator('.fact.event').first().click();
    expect((await sel.allTextContents()).join('')).toContain('met her South Korean counterpart');
    await h.shot(page, '04-reader-event-selected');
    await page.close();
  });

  it('article text with markup and script renders as inert text', async () => {
    const page = await open(`#/doc/${hostileDoc().id}`);
    const text = page.getByTestId('article-text');
    await text.waitFor();
    await expect(text.textContent()).resolves.toContain('<script>window.__pwned = 1</script>');
    await expect(text.textContent()).resolves.toContain('<img src=x onerror="window.__pwned = 2">');
    await expect(page.locator('h1').first().textContent()).resolves.toContain('<script>');
    await expect(text.locator('script, img, a').count()).resolves.toBe(0);
    await expect(page.locator('a[href^="javascript:"]').count()).resolves.toBe(0);
    // a highlighted mention whose evidence is markup is still text
    await text.locator('.m.t-MISC').first().click();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await h.shot(page, '05-hostile-article');
    await page.close();
  });

  it('a layer the document lacks is shown as "not computed"', async () => {
    const page = await open(`#/doc/${germanDoc().id}`);
    await page.getByTestId('article-text').waitFor();
    await page.getByText('not computed').first().waitFor();
    await page.getByRole('tab', { name: /Events/ }).click();
    await page.getByText('not computed').first().waitFor();
    await h.shot(page, '11-not-computed');
    await page.close();
  });

  it('timeline renders the events chart and table, and filters by event type', async () => {
    const page = await open('#/timeline');
    await page.locator('[data-chart=events-timeline] canvas').first().waitFor();
    await expect(page.locator('table tbody tr').count()).resolves.toBe(5);
    await h.shot(page, '06-timeline');
    await page.selectOption('select[name=code]', '11');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/code=11/);
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(2);
    await page.close();
  });

  it('network renders nodes and edges', async () => {
    const page = await open('#/network');
    const net = page.getByTestId('network');
    await net.locator('canvas').first().waitFor();
    await expect
      .poll(async () => Number((await net.getAttribute('data-ready')) ?? 0))
      .toBeGreaterThanOrEqual(8);
    await page.waitForTimeout(300);
    await h.shot(page, '07-network');
    await page.close();
  });

  it('dyad chart draws events between two countries', async () => {
    const page = await open('#/dyad?a=JPN&b=KOR');
    await page.locator('[data-chart="dyad-JPN-KOR"] canvas').first().waitFor();
    await h.shot(page, '08-dyad');
    await page.close();
  });

  it('search finds documents and narrows by a facet', async () => {
    const page = await open('#/');
    await page.getByRole('searchbox', { name: 'Search' }).fill('hotline');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/#\/search\?q=hotline/);
    const hits = page.locator('[data-testid=hits] > li');
    await expect.poll(() => hits.count()).toBe(2);
    const outlets = page.locator('.facet', { has: page.locator('h3', { hasText: 'Outlet' }) });
    await outlets.locator('.facet-item', { hasText: 'Harbour Wire' }).click();
    await expect.poll(() => hits.count()).toBe(1);
    await h.shot(page, '09-search');
    await page.close();
  });

  it('exports a table as CSV', async () => {
    const page = await open('#/timeline');
    await page.locator('table tbody tr').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('events.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toContain('documentId');
    expect(csv).toContain('North Korea criticised the agreement as provocative');
    await h.shot(page, '12-export');
    await page.close();
  });

  it('analyses pasted text without storing it, then saves it on request', async () => {
    const page = await open('#/analyze');
    const text =
      'Fishing talks resume in Lisbon\n\nLISBON — Portuguese and Spanish fisheries officials resumed talks ' +
      'in Lisbon on Monday over sardine quotas, a ministry spokeswoman said.';
    await page.getByRole('textbox', { name: 'Article text' }).fill(text);
    await page.getByRole('button', { name: 'Analyse', exact: true }).click();
    const article = page.getByTestId('article-text');
    // the first analysis starts a worker thread and loads the models
    await article.waitFor({ timeout: 120_000 });
    await expect(article.textContent()).resolves.toContain('sardine quotas');
    await page.getByText('not stored').waitFor();
    await h.shot(page, '10-analyse');
    const before = (await h.store.stats()).documents;
    expect(before).toBe(4);
    await page.getByRole('button', { name: 'Save to corpus' }).click();
    await page.waitForURL(/#\/doc\//);
    await page.getByTestId('article-text').waitFor();
    expect((await h.store.stats()).documents).toBe(before + 1);
    await page.close();
  }, 240_000);

  it('no page violated the Content-Security-Policy or logged an error', () => {
    const bad = h.problems.filter((p) => /Content Security Policy|pageerror|Refused/i.test(p));
    expect(bad).toEqual([]);
  });
});
