import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverShipment, demoCaller } from '../../src/seed/claims/demo-claims.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-data.ts';
import { type ConsoleWorld, startConsoleWorld } from './support/console-world.ts';
import { pickOption } from './support/pick-option.ts';

// A funder organisation (资金方) in the finance workbench, on the demo world, in Chromium and in
// Chinese. As in finance-payouts.test.ts, PICC's statement of today is confirmed through the API
// first, so a supplier has receivables to borrow against. Then, in the browser: the supplier asks
// for an advance and names the demo factoring company (安融商业保理) in the request's form; the
// platform's administrator onboards a second funder on the organisations page; the platform's
// clerk opens the request and is told it is the funder's to decide (no buttons); the
// factor's finance manager signs in, finds only 财务结算 in the menu and lands on its financing
// queue (待审批), opens the request and approves it; its administrator funds it. Every page is shot at
// 1280×800 into /tmp/funder-shots/, checked for English left in the Chinese UI and for overflow.

// biome-ignore lint/suspicious/noExplicitAny: the API's answers, read field by field as a script would.
type Json = Record<string, any>;

const SHOTS = process.env.FUNDER_SHOTS ?? '/tmp/funder-shots';
const FACTOR = '安融商业保理（演示）';
const suppliers: Record<string, string> = {
  长春华骏汽车零部件制造有限公司: 'finance@huajun.demo',
  广州粤通汽配贸易有限公司: 'finance@yuetong.demo',
  常州安信认证配件有限公司: 'finance@anxin.demo',
};

// What may be Latin in the Chinese UI: document numbers (statements ST…, financing requests FR…,
// orders AP…, claims RDAA…), credit codes, the export buttons' formats, ids.
function englishLeft(text: string): string[] {
  const stripped = text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ' ')
    .replace(/…[0-9a-f]{8}\b/g, ' ')
    .replace(/\b(?:ST|PO|FR|AP|RDAA|APIC)[A-Z0-9-]*\b/g, ' ')
    // Unified social credit codes (统一社会信用代码) on the organisations page.
    .replace(/\b[0-9A-Z]{18}\b/g, ' ')
    .replace(/\b(?:Excel|CSV|English)\b/g, ' ');
  return [...new Set(stripped.match(/[A-Za-z]{2,}/g) ?? [])];
}

describe('a funder decides the requests addressed to it, in Chromium', () => {
  let world: ConsoleWorld;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  let borrower = { name: '', email: '' };
  let requestNo = '';
  let requestUrl = '';

  const shot = async (page: Page, name: string) => {
    await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
    await page.locator('.ant-spin-blur, .ant-skeleton').first().waitFor({ state: 'detached' });
    // The tables' loading veil fades out.
    await page.waitForTimeout(400);
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll, `${name} overflows`).toBeLessThanOrEqual(client);
    const text = (await page.locator('.ant-layout-content, .ant-modal:visible').allInnerTexts()).join('\n');
    expect(englishLeft(text), `${name} shows English in: ${text}`).toEqual([]);
    const dialog = await page.locator('.ant-modal:visible').count();
    await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: dialog === 0 });
  };
  const open = async (email: string) => (await world.open({ email, viewport: { width: 1280, height: 800 } })).page;
  // antd spaces a two-character Chinese button's label (批 准).
  const confirmPop = (page: Page, name: string) =>
    page
      .locator('.ant-popover:visible')
      .getByRole('button', { name: new RegExp(name.split('').join('\\s*')) })
      .click();
  const cardStatus = (page: Page) => page.locator('.ant-card-head [data-status]').first().getAttribute('data-status');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startConsoleWorld('funder');
    const as = demoCaller(world.app);
    const login = async (email: string) => (await world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } })).json<Json>().token as string;
    const api = async (email: string, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<Json> => {
      const res = await world.app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${await login(email)}` } });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    const approved = (await as('buyer@sh-anda.demo', 'GET', '/api/v1/claims?status=approved')).items[0] as Json;
    const version = ((await as('buyer@sh-anda.demo', 'GET', `/api/v1/claims/${approved.id}`)).assessments as Json[]).find((a) => a.status === 'approved')!;
    const placed = await as('buyer@sh-anda.demo', 'POST', '/api/v1/orders', { assessmentId: version.id });
    for (const s of placed.shipments) await deliverShipment(as, world.database.db, s);
    const delivered = (await api('receiver@sh-anda.demo', 'GET', '/api/v1/orders?lineStatus=delivered')).items as Json[];
    for (const order of delivered) {
      await api('receiver@sh-anda.demo', 'POST', `/api/v1/orders/${order.id}/receipt`, { lines: order.lines.map((l: Json) => ({ orderLineId: l.id, result: 'accepted' })) });
    }
    const statement = await api('finance@anpei.demo', 'POST', '/api/v1/statements', { payerOrgId: delivered[0]!.payerOrgId, from: today, to: today });
    await api('admin@anpei.demo', 'POST', `/api/v1/statements/${statement.id}/issue`);
    await api('finance@picc.demo', 'POST', `/api/v1/statements/${statement.id}/confirm`);
    let most = -1;
    for (const [name, email] of Object.entries(suppliers)) {
      const n = ((await api(email, 'GET', '/api/v1/financing/receivables')).items as Json[]).length;
      if (n > most) {
        most = n;
        borrower = { name, email };
      }
    }
  }, 600_000);
  afterAll(() => world?.close());

  it('lets the platform’s administrator onboard a funder on the organisations page', async () => {
    const admin = await open('admin@anpei.demo');
    await admin.locator('.ant-layout-sider .ant-menu-item', { hasText: '机构管理' }).click();
    await admin.waitForURL(/\/orgs$/);
    await pickOption(admin.getByTestId('org-kind-filter'), '资金方');
    await admin.locator('[data-table="admin-orgs"] .ant-table-row', { hasText: FACTOR }).waitFor();
    await admin.getByTestId('create-org').click();
    await pickOption(admin.getByTestId('org-kind'), '资金方');
    await admin.getByText('资金方（银行、保理公司）可为供应商的应收账款融资审批放款。').waitFor();
    await admin.locator('#name').fill('浦江商业保理（测试）');
    await admin.locator('#uscc').fill('91310115MAF000099X');
    await admin.locator('#regionCode').fill('310115');
    await shot(admin, '00-create-funder');
    await admin.getByTestId('create-org-submit').click();
    await admin.getByText('已创建机构 浦江商业保理（测试）').waitFor();
    await admin.locator('[data-table="admin-orgs"] .ant-table-row', { hasText: '浦江商业保理（测试）' }).waitFor();
    await shot(admin, '00-funders');
    await admin.context().close();
  });

  it('lets the platform’s finance clerk set the funder’s rate in its terms', async () => {
    const clerk = await open('finance@anpei.demo');
    await clerk.goto(`${world.base}/finance/settings`);
    await clerk.getByTestId('settings-section').getByText('结算条款').click();
    await clerk.locator('#terms-org').click();
    await clerk.locator('#terms-org').fill('安融');
    await clerk.locator('.ant-select-item-option', { hasText: FACTOR }).click();
    await clerk.getByText('作为资金方').waitFor();
    // Empty: the platform's rate, said as the placeholder.
    expect(await clerk.getByTestId('terms-rate').getAttribute('placeholder')).toBe('平台费率 8%');
    await clerk.getByTestId('terms-rate').fill('6.5');
    await clerk.getByTestId('terms-submit').click();
    await clerk.getByText('结算条款已保存').waitFor();
    await shot(clerk, '00-funder-rate');
    await clerk.context().close();
  });

  it('lets the supplier name the funder in its request', async () => {
    const page = await open(borrower.email);
    await page.goto(`${world.base}/finance/financing`);
    const rows = page.getByTestId('receivables').locator('.ant-table-row');
    await rows.first().waitFor();
    const available = (await (await page.request.get(`${world.base}/api/v1/financing/limit`)).json()) as Json;
    const receivables = ((await (await page.request.get(`${world.base}/api/v1/financing/receivables`)).json()) as Json).items as Json[];
    const smallest = [...receivables].sort((a, b) => a.faceFen - b.faceFen)[0]!;
    expect(smallest.faceFen, JSON.stringify({ available, smallest })).toBeLessThanOrEqual(available.availableFen);
    await page.locator(`[data-row-key="${smallest.orderLineId}"] .ant-checkbox-input`).check();
    await page.getByTestId('quote').waitFor();
    await page.getByTestId('request-financing').click();
    await page.getByTestId('quote-summary').waitFor();
    // The platform is asked unless the supplier picks a funder.
    expect(await page.getByTestId('funder-select').innerText()).toContain('平台自营');
    await page.getByTestId('funder-select').click();
    await page.locator('.ant-select-item-option', { hasText: FACTOR }).click();
    await page.getByText('资金方审批并由另一人放款后到账').waitFor();
    // Priced at the funder's rate, as the server will price it.
    expect(await page.getByTestId('funder-select').innerText()).toContain(`${FACTOR}（年化 6.5%）`);
    await page.getByTestId('quote-summary').getByText('面值 × 年化 6.5% ×').waitFor();
    await shot(page, '01-request-to-funder');
    await page.getByTestId('financing-submit').click();
    await page.waitForURL(/\/finance\/financing\/[0-9a-f-]{36}$/);
    requestUrl = page.url().replace(world.base, '');
    requestNo = (await page.getByTestId('request-no').innerText()).trim();
    expect(await page.getByTestId('funder').innerText()).toBe(FACTOR);
    expect(await cardStatus(page)).toBe('requested');
    await shot(page, '02-requested');
    await page.context().close();
  });

  it('shows the platform’s clerk who funds it, and leaves the decision to the funder', async () => {
    const clerk = await open('finance@anpei.demo');
    await clerk.goto(`${world.base}/finance/financing?view=all`);
    const row = clerk.locator('[data-table="finance-financing"] .ant-table-row', { hasText: requestNo });
    await row.waitFor();
    expect(await row.innerText()).toContain(FACTOR);
    await shot(clerk, '03-platform-list');
    await clerk.goto(`${world.base}${requestUrl}`);
    await clerk.getByTestId('funder-reads').waitFor();
    expect(await clerk.getByTestId('funder-reads').innerText()).toContain(`该申请的资金方是${FACTOR}`);
    expect(await clerk.getByTestId('approve').count()).toBe(0);
    await shot(clerk, '04-platform-reads');
    await clerk.context().close();
  });

  it('is approved by the funder’s finance manager from its queue', async () => {
    const page = await open('finance@anrong.demo');
    // Only financing in the menu, beside the home page.
    await page.locator('.ant-layout-sider .ant-menu-item').first().waitFor();
    expect(await page.locator('.ant-layout-sider .ant-menu-item').allInnerTexts()).toEqual(['首页', '财务结算']);
    await page.locator('.ant-layout-sider .ant-menu-item', { hasText: '财务结算' }).click();
    await page.waitForURL(/\/finance\/financing$/);
    await page.locator('.ant-tabs-tab').first().waitFor();
    expect(await page.locator('.ant-tabs-tab').allInnerTexts()).toEqual(['供应链融资', '付款']);
    const row = page.locator('[data-table="finance-financing"] .ant-table-row', { hasText: requestNo });
    await row.waitFor();
    expect(await row.innerText()).toContain(borrower.name);
    expect(await page.getByTestId('financing-view').innerText()).toContain('待审批');
    await shot(page, '05-funder-queue');
    await row.locator('a').click();
    await page.getByTestId('limit-card').waitFor();
    await page.getByTestId('approve').click();
    await confirmPop(page, '批准');
    await page.getByText(`已批准融资申请 ${requestNo}`).waitFor();
    await expect.poll(() => cardStatus(page)).toBe('approved');
    await page.getByText('这笔融资由您批准，须由另一位财务人员放款').waitFor();
    await shot(page, '06-funder-approved');
    await page.context().close();
  });

  it('is funded by the funder’s administrator', async () => {
    const page = await open('admin@anrong.demo');
    await page.goto(`${world.base}${requestUrl}`);
    await page.getByText('已批准，请核对后放款').waitFor();
    await page.getByTestId('fund').click();
    await page.locator('.ant-popover:visible').getByText(`${FACTOR}从自有账户付给${borrower.name}`).waitFor();
    await shot(page, '07-fund-confirm');
    await confirmPop(page, '放款');
    await page.getByText(new RegExp(`融资申请 ${requestNo} 已放款 ¥`)).waitFor();
    await expect.poll(() => cardStatus(page)).toBe('funded');
    await shot(page, '08-funded');
    await page.goto(`${world.base}/finance/financing?view=funded`);
    await page.locator('[data-table="finance-financing"] .ant-table-row', { hasText: requestNo }).waitFor();
    await shot(page, '09-funder-funded-list');
    await page.context().close();
    expect(world.problems).toEqual([]);
  });
});
