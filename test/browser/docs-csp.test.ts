import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';

// The content security policy (issue 9, point 6) must not break the pages a person opens: the
// Swagger UI at /api/docs renders every operation and the start page shows, with no violation
// reported in the console.

describe('pages under the content security policy, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  // Console lines in which Chromium reports a refused script, style, image, font or connection.
  async function open(url: string): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
    await page.goto(`${base}${url}`);
    return { page, violations };
  }

  it('renders every operation of the API docs and expands one', async () => {
    const { page, violations } = await open('/api/docs');
    await page.waitForSelector('.opblock');
    const spec = (await t.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, object> }>();
    const operations = Object.values(spec.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
    // Swagger UI renders a long API as a virtual list (only what is on screen is in the page), so
    // the operations are counted by scrolling through it to the end.
    const seen = new Set<string>();
    for (let lastY = -1; ; ) {
      for (const id of await page.locator('.opblock').evaluateAll((els) => els.map((e) => e.id))) seen.add(id);
      const y = await page.evaluate(() => {
        window.scrollBy(0, window.innerHeight / 2);
        return window.scrollY;
      });
      if (y === lastY) break;
      lastY = y;
      await page.waitForTimeout(50);
    }
    expect(seen.size).toBe(operations);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('.opblock-summary').first().click();
    await page.waitForSelector('.opblock.is-open');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('shows the start page with its styles', async () => {
    const { page, violations } = await open('/');
    expect(await page.locator('h1').textContent()).toBe('安配 anpei');
    // The inline <style> applies: the table's rows are ruled.
    expect(
      await page
        .locator('td')
        .first()
        .evaluate((td) => getComputedStyle(td).borderBottomStyle),
    ).toBe('solid');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('does report a violation, so that the checks above can fail', async () => {
    const { page, violations } = await open('/');
    const reported = page.waitForEvent('console', (m) => m.text().includes('Content Security Policy'));
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
    });
    await reported;
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    expect(violations.join('\n')).toContain('Content Security Policy');
    await page.close();
  });
});
