import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { consoleIsStale } from '../../src/console-build.ts';
import { CONSOLE_DIR } from '../../src/console.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db.ts';
import { openTestDatabase } from '../support/app.ts';

// The console's shell (issue 11): from `/` to the sign-in page, a demo login, the shell in Chinese
// with the role's menu, English, a tablet's width, and sign-out. A screenshot per step goes to
// test-results/console-shell/ for a person to look at.

const SHOTS = 'test-results/console-shell';

describe('the console shell, in Chromium', () => {
  let app: FastifyInstance;
  let database: Database;
  let browser: Browser;
  let page: Page;
  let base: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (consoleIsStale()) {
      const vite = await import('vite');
      await vite.build({ root: 'web', logLevel: 'warn' });
    }
    mkdirSync(SHOTS, { recursive: true });
    // The test template is the demo seed (orgs and users; the catalog is not needed here).
    ({ database } = await openTestDatabase('pglite'));
    app = await buildApp({ database, config: loadConfig({ LOG_LEVEL: 'silent' }), logger: false, consoleDir: CONSOLE_DIR });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // A refused script or style, an uncaught error or a failed request shows here.
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  const menuTexts = () => page.locator('.ant-layout-sider .ant-menu-item').allInnerTexts();

  it('sends a visitor to the sign-in page, which lists the demo logins', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/login`);
    await page.getByRole('heading', { name: '登录安配' }).waitFor();
    await page.locator('[data-testid=demo-logins] .ant-table-row').first().waitFor();
    expect(await page.locator('[data-testid=demo-logins]').innerText()).toContain('admin@picc.demo');
    await shot('01-login');
  });

  it('shows the server’s refusal of a wrong password above the button', async () => {
    await page.getByLabel('邮箱').fill('admin@anpei.demo');
    await page.getByLabel('密码').fill('not-the-password');
    await page
      .getByRole('button', { name: '登 录' })
      .or(page.getByRole('button', { name: '登录' }))
      .click();
    await page.getByText('邮箱或密码不正确。').waitFor();
    await shot('02-wrong-password');
  });

  it('fills the form from the first demo login and signs in to the shell, in Chinese', async () => {
    await page.locator('[data-testid=demo-logins] .ant-table-row').first().click();
    expect(await page.getByLabel('邮箱').inputValue()).toBe('admin@anpei.demo');
    await shot('03-filled');
    await page
      .getByRole('button', { name: '登 录' })
      .or(page.getByRole('button', { name: '登录' }))
      .click();
    await page.waitForURL(`${base}/`);
    await page.getByTestId('org-name').getByText('邦邦汽服·安配平台').waitFor();
    expect(await menuTexts()).toEqual(['首页', '财务结算', '机构管理', '用户管理', 'API 密钥', 'Webhook 订阅', '操作日志']);
    await page.getByText('您好，平台管理员').waitFor();
    expect(await page.locator('main').innerText()).toContain('平台');
    await page.getByRole('button', { name: /退出登录/ }).waitFor();
    await shot('04-shell-zh');
  });

  it('opens a workbench still to come as a designed empty state', async () => {
    await page.locator('.ant-menu-item', { hasText: '用户管理' }).click();
    await page.waitForURL(`${base}/users`);
    await page.getByText('用户管理 即将上线').waitFor();
    await shot('05-coming-soon');
    // A reload of a client-side route loads the app again.
    await page.reload();
    await page.getByText('用户管理 即将上线').waitFor();
    await page.locator('.ant-menu-item', { hasText: '首页' }).click();
  });

  it('switches to English', async () => {
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: /Sign out/ }).waitFor();
    expect(await menuTexts()).toEqual(['Home', 'Finance', 'Organisations', 'Users', 'API keys', 'Webhooks', 'Audit log']);
    await page.getByText('Hello, 平台管理员').waitFor();
    await shot('06-shell-en');
  });

  it('fits a tablet, 768 wide', async () => {
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('button', { name: /退出登录/ }).waitFor();
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await shot('07-shell-768');
  });

  it('signs out to the sign-in page, and the session is over', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL(`${base}/login`);
    await page.getByRole('heading', { name: '登录安配' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);
    await page.goto(`${base}/orders`);
    await page.waitForURL(`${base}/login`);
    await shot('08-signed-out');
    expect(problems).toEqual([]);
  });
});
