/**
 * Browser-test harness: an attache server on 127.0.0.1 (random port) over an
 * in-memory SQLite store filled with the hand-annotated fixtures, the built web
 * UI (built on first use), and Debian's chromium driven by playwright-core.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ensureWebBuild } from '../../src/cli/commands/serve.ts';
import { type RunningServer, startServer } from '../../src/server/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';
import { allFixtures } from '../server/fixtures.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = join(ROOT, 'test-results', 'screenshots');

if (!HAVE_CHROMIUM)
  console.warn(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

export interface Harness {
  server: RunningServer;
  store: Store;
  browser: Browser;
  /** Console errors and CSP violations seen by any page. */
  problems: string[];
  page(): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const webDir = await ensureWebBuild();
  if (!webDir) throw new Error('the web UI could not be built');
  const store = await openStore(':memory:', { create: true });
  for (const d of allFixtures()) await store.put(d);
  const server = await startServer({ store, host: '127.0.0.1', port: 0, webDir, onError: () => {} });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
  const problems: string[] = [];
  return {
    server,
    store,
    browser,
    problems,
    async page() {
      const ctx = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
      const page = await ctx.newPage();
      // generous: CI runs the whole suite on two shared cores
      page.setDefaultTimeout(60_000);
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
    },
    async close() {
      await browser.close();
      await server.close();
      await store.close();
    },
  };
}
