import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../../src/app.ts';
import { consoleIsStale } from '../../../src/console-build.ts';
import { CONSOLE_DIR } from '../../../src/console.ts';
import { loadConfig } from '../../../src/platform/config.ts';
import type { Database } from '../../../src/platform/db.ts';
import { DEMO_PASSWORD } from '../../../src/seed/demo-data.ts';
import { seedDemoClaims } from '../../../src/seed/claims/demo-claims.ts';
import { seedDemoHistory } from '../../../src/seed/history/demo-history.ts';
import { runSeed } from '../../../src/seed/seed.ts';
import { openTestDatabase } from '../../support/app.ts';
import { recordPage, watchWorld } from './flight-recorder.ts';

// The console's journeys run as people use it: the real server (the same app `npm start` serves,
// with the built console) on a fresh embedded database holding the whole demo world (catalog,
// stock and all, as the first start seeds it), driven in Debian's Chromium. Each journey saves a
// screenshot per step under test-results/<journey>/ for a person to look at.

export type ConsoleWorld = {
  app: FastifyInstance;
  database: Database;
  base: string;
  browser: Browser;
  // Errors the pages logged (a refused script, an uncaught exception, a failed request): a
  // journey ends by expecting none.
  problems: string[];
  // A fresh browser context (its own cookies) at the given size, signed in as a demo user when
  // an email is given. Language: zh-CN unless 'en'.
  open(opts?: { email?: string; viewport?: { width: number; height: number }; language?: 'zh-CN' | 'en' }): Promise<{ context: BrowserContext; page: Page }>;
  // Full-page screenshot to test-results/<journey>/<name>.png.
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
};

export type WorldOptions = {
  // The demo's settled history too (src/seed/history: the months before this one, statements paid
  // and confirmed, payouts, a financed supplier), told before today's claims as the first
  // `npm start` tells it. It costs 10–16 s more on PGlite, so only the journeys whose data is
  // there ask for it.
  history?: boolean;
};

export async function startConsoleWorld(journey: string, options: WorldOptions = {}): Promise<ConsoleWorld> {
  if (consoleIsStale()) {
    const vite = await import('vite');
    await vite.build({ root: 'web', logLevel: 'warn' });
  }
  const shots = `test-results/${journey}`;
  mkdirSync(shots, { recursive: true });
  const { database } = await openTestDatabase('pglite');
  // The template holds the demo organisations and users; the rest of the demo world comes here.
  await runSeed(database, { scale: 'demo', seed: 1 });
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  if (options.history) {
    const told = await seedDemoHistory(database, config);
    if (told.skipped || told.statements === 0) throw new Error(`the demo history was not told: ${JSON.stringify(told)}`);
  }
  const app = await buildApp({ database, config, logger: false, consoleDir: CONSOLE_DIR });
  // The demo's claims, as the first `npm start` files them (serve.ts).
  await seedDemoClaims(app, database.db);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  const problems: string[] = [];
  const unwatch = watchWorld(journey, browser, shots);

  async function open(opts: Parameters<ConsoleWorld['open']>[0] = {}) {
    // As a person who asked their system for less motion: the console then opens dialogs and
    // dropdowns at once. A click computed while one still slid into place landed on its neighbour
    // or on nothing under CI's load (a cascader's 浙江省 became 安徽省, then no click at all).
    const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
    const page = await context.newPage();
    recordPage(page, opts.email ?? 'anonymous');
    page.on('console', (m) => {
      // A 401 is how the console learns it is signed out; a 4xx the journey provoked is expected
      // to show on the page, and the journey asserts that.
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    if (opts.language) await page.addInitScript((l) => localStorage.setItem('anpei.language', l), opts.language);
    if (opts.email) {
      await page.goto(`${base}/login`);
      await page.locator('#email').fill(opts.email);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.locator('form button[type=submit]').click();
      await page.waitForURL(`${base}/`);
      await page.getByTestId('org-name').waitFor();
    }
    return { context, page };
  }

  return {
    app,
    database,
    base,
    browser,
    problems,
    open,
    shot: async (page, name) => {
      await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
    },
    close: async () => {
      unwatch();
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}
