import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo-data.ts';
import { type ConsoleWorld, startConsoleWorld } from './support/console-world.ts';
import { confirmPop, financeShots } from './support/finance-journey.ts';

// Refunds (退款) in the finance workbench, on the demo world, in Chromium and in Chinese, at 1280×800.
// PICC's payment of ¥12,345.67 is recorded through the API, matched to nothing (paid twice, say).
// The platform's clerk asks back part of it from the payments' list: more than is left is refused
// under the amount before anything is sent; ¥2,345.67 is asked, held at once on the payment. On the
// refunds' tab she cannot approve her own (the button is off, 须由另一人审批); the platform's
// administrator approves it, told the account it goes to. She asks ¥100.00 more and withdraws it
// (撤回) with a reason, and the amount is free on the payment again. PICC's finance team reads what
// was sent back, without buttons or the names of who handled it. Last, she asks ¥100.00 and the
// server's answer is lost on the way: asked again, one refund is made. Every page is shot into
// /tmp/refunds-shots/, checked for English and for overflow.

// biome-ignore lint/suspicious/noExplicitAny: the API's answers, read field by field as a script would.
type Json = Record<string, any>;

const shot = financeShots(process.env.REFUND_SHOTS ?? '/tmp/refunds-shots');
const PICC = '中国人民财产保险股份有限公司（演示）';
const BANK_REF = 'ICBC-20261206-RF01';

describe('refunds of what a payer paid beyond what it owed, in Chromium', () => {
  let world: ConsoleWorld;
  let clerk: Page;
  let paymentNo = '';
  let refundNo = '';

  const open = async (email: string) => (await world.open({ email, viewport: { width: 1280, height: 800 } })).page;
  const dialog = (page: Page) => page.locator('.ant-modal:visible');
  const paymentRow = (page: Page) => page.locator('[data-table="finance-payments"] .ant-table-row', { hasText: BANK_REF });
  const refundRow = (page: Page, no: string) => page.locator('[data-table="finance-refunds"] .ant-table-row', { hasText: no });

  beforeAll(async () => {
    world = await startConsoleWorld('refunds');
    const login = await world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'finance@anpei.demo', password: DEMO_PASSWORD } });
    const headers = { authorization: `Bearer ${login.json<Json>().token}` };
    const orgs = (await world.app.inject({ method: 'GET', url: `/api/v1/orgs?kind=insurer&q=${encodeURIComponent('人民')}`, headers })).json<Json>().items as Json[];
    const picc = orgs.find((o) => o.name === PICC);
    expect(picc, JSON.stringify(orgs.map((o) => o.name))).toBeDefined();
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const paid = await world.app.inject({
      method: 'POST',
      url: '/api/v1/payments',
      headers: { ...headers, 'idempotency-key': 'refund-journey-payment' },
      payload: { payerOrgId: picc!.id, amountFen: 1_234_567, receivedOn: today, bankRef: BANK_REF, payerAccount: '6222 0201 0000 1234', payerName: PICC },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    paymentNo = paid.json<Json>().paymentNo;
    clerk = await open('finance@anpei.demo');
  }, 600_000);
  afterAll(() => world?.close());

  it('asks back part of a payment from the payments’ list, refused under the amount beyond what is left', async () => {
    await clerk.goto(`${world.base}/finance/payments`);
    await paymentRow(clerk).waitFor();
    await clerk.getByTestId(`refund-${paymentNo}`).click();
    await dialog(clerk).getByText(`申请退款 · 收款 ${paymentNo}`).waitFor();
    // What is left, offered whole; the account it came from, to send it back to.
    expect(await clerk.getByTestId('refund-amount').inputValue()).toBe('12345.67');
    expect(await dialog(clerk).locator('#toAccount').inputValue()).toBe('6222 0201 0000 1234');
    await clerk.getByTestId('refund-amount').fill('20000');
    await clerk.getByTestId('refund-submit').click();
    await dialog(clerk).getByText('不能超过可退金额 ¥12,345.67').waitFor();
    await dialog(clerk).getByText('请填写退款原因').waitFor();
    await clerk.getByTestId('refund-amount').fill('2345.67');
    await dialog(clerk).locator('#reason').fill('重复付款，退回多付部分');
    await shot(clerk, '01-ask');
    await clerk.getByTestId('refund-submit').click();
    const done = clerk.getByText(/已提交退款申请 RF\d{8}[0-9A-F]{8}，待另一人审批/);
    await done.waitFor();
    refundNo = /RF\d{8}[0-9A-F]{8}/.exec(await done.innerText())![0];
    // Held at once: 已退款 counts it, and what is left to match is the rest.
    await expect.poll(async () => (await paymentRow(clerk).innerText()).replace(/\s+/g, ' ')).toContain('¥2,345.67 ¥10,000.00');
    await shot(clerk, '02-payments');
  });

  it('does not let the clerk approve her own, and says why', async () => {
    await clerk.getByRole('tab', { name: '退款' }).click();
    await clerk.waitForURL(/\/finance\/refunds$/);
    const row = refundRow(clerk, refundNo);
    await row.waitFor();
    expect(await row.locator('[data-status]').innerText()).toBe('待审批');
    expect(await row.innerText()).toContain('重复付款，退回多付部分');
    await expect.poll(() => clerk.getByTestId(`refund-approve-${refundNo}`).isDisabled()).toBe(true);
    await clerk.getByTestId(`refund-approve-${refundNo}`).hover({ force: true });
    await clerk.getByText('须由另一人审批').waitFor();
    expect(await clerk.getByTestId(`refund-refuse-${refundNo}`).innerText()).toMatch(/撤\s*回/);
    await clerk.mouse.move(0, 0);
    await clerk.locator('.ant-tooltip:visible').waitFor({ state: 'hidden' });
    await shot(clerk, '03-refunds-mine');
  });

  it('is approved by the platform’s administrator', async () => {
    const admin = await open('admin@anpei.demo');
    await admin.goto(`${world.base}/finance/refunds?status=requested`);
    const row = refundRow(admin, refundNo);
    await row.waitFor();
    expect(await admin.getByTestId(`refund-refuse-${refundNo}`).innerText()).toMatch(/拒\s*绝/);
    await admin.getByTestId(`refund-approve-${refundNo}`).click();
    await admin.getByText(`将从平台银行账户退回 ¥2,345.67 至 ${PICC} 的账号 6222 0201 0000 1234，并记入总账。`).waitFor();
    await confirmPop(admin, '批准');
    await admin.getByText(`退款 ${refundNo} 已批准`).waitFor();
    // Gone from the queue of those waiting; on the full list, refunded, by whom.
    await row.waitFor({ state: 'detached' });
    await admin.goto(`${world.base}/finance/refunds`);
    const all = refundRow(admin, refundNo);
    await all.waitFor();
    expect(await all.locator('[data-status]').innerText()).toBe('已退款');
    expect(await all.innerText()).toContain('平台管理员');
    await shot(admin, '04-approved');
    await admin.context().close();
  });

  it('asks ¥100.00 more, withdraws it with a reason, and the amount is free again', async () => {
    await clerk.goto(`${world.base}/finance/payments`);
    await paymentRow(clerk).waitFor();
    await clerk.getByTestId(`refund-${paymentNo}`).click();
    await clerk.getByTestId('refund-amount').fill('100');
    await dialog(clerk).locator('#reason').fill('多付');
    await clerk.getByTestId('refund-submit').click();
    const done = clerk.getByText(/已提交退款申请 RF\d{8}[0-9A-F]{8}/);
    await done.waitFor();
    const second = /RF\d{8}[0-9A-F]{8}/.exec(await done.innerText())![0];
    await clerk.goto(`${world.base}/finance/refunds`);
    await refundRow(clerk, second).waitFor();
    await clerk.getByTestId(`refund-refuse-${second}`).click();
    await dialog(clerk).getByText(`撤回退款申请 ${second}`).waitFor();
    await clerk.getByTestId('refund-refuse-submit').click();
    await dialog(clerk).getByText('请填写原因').waitFor();
    await dialog(clerk).locator('#reason').fill('金额填错，改为下期核销');
    await shot(clerk, '05-withdraw');
    await clerk.getByTestId('refund-refuse-submit').click();
    await clerk.getByText(`退款申请 ${second} 已撤回`).waitFor();
    await expect.poll(async () => refundRow(clerk, second).locator('[data-status]').innerText()).toBe('已撤回');
    expect(await refundRow(clerk, second).getByTestId('refund-refusal').innerText()).toBe('金额填错，改为下期核销');
    await shot(clerk, '06-refunds');
    await clerk.goto(`${world.base}/finance/payments`);
    await expect.poll(async () => (await paymentRow(clerk).innerText()).replace(/\s+/g, ' ')).toContain('¥2,345.67 ¥10,000.00');
  });

  it('shows PICC what was sent back, to read only', async () => {
    const picc = await open('finance@picc.demo');
    await picc.goto(`${world.base}/finance`);
    await picc.locator('.ant-tabs-tab').first().waitFor();
    expect(await picc.locator('.ant-tabs-tab').allInnerTexts()).toEqual(['对账单', '退款', '总账']);
    await picc.getByRole('tab', { name: '退款' }).click();
    await refundRow(picc, refundNo).waitFor();
    // What came back to it; not the one withdrawn, nor who handled it.
    expect(await picc.locator('[data-table="finance-refunds"] .ant-table-row').count()).toBe(1);
    expect(await picc.locator('[data-table="finance-refunds"] .ant-table-row').innerText()).not.toContain('钱莉');
    // Told when it was approved, not by whom, and not that it waits.
    expect((await picc.getByTestId('refund-decided-by').innerText()).replace(/\s+/g, ' ')).toMatch(/^批准 — \d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await picc.locator('[data-testid^="refund-approve-"], [data-testid^="refund-refuse-"]').count()).toBe(0);
    expect(await picc.locator('[data-table="finance-refunds"] .ant-table-thead').innerText()).not.toContain('操作');
    await shot(picc, '07-payer');
    await picc.context().close();
  });

  // The server does it, but its answer is lost on the way (the browser is told the connection
  // failed); the clerk clicks again. The same Idempotency-Key goes with it, so one refund, not two.
  it('asks again after the answer was lost, and one refund is made', async () => {
    await clerk.goto(`${world.base}/finance/payments`);
    await paymentRow(clerk).waitFor();
    await clerk.getByTestId(`refund-${paymentNo}`).click();
    await clerk.getByTestId('refund-amount').fill('100');
    await dialog(clerk).locator('#reason').fill('多付');
    const keys: string[] = [];
    await clerk.route('**/api/v1/payments/*/refunds', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length > 1) return route.continue();
      expect((await route.fetch()).status()).toBe(201);
      return route.abort('connectionreset');
    });
    await clerk.getByTestId('refund-submit').click();
    await dialog(clerk).getByText('无法连接服务器，请检查网络后重试。').waitFor();
    await clerk.getByTestId('refund-submit').click();
    await clerk.getByText(/已提交退款申请 RF\d{8}[0-9A-F]{8}/).waitFor();
    await clerk.unroute('**/api/v1/payments/*/refunds');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    await expect.poll(async () => (await paymentRow(clerk).innerText()).replace(/\s+/g, ' ')).toContain('¥2,445.67 ¥9,900.00');
    await clerk.getByRole('tab', { name: '退款' }).click();
    await expect.poll(async () => clerk.locator('[data-table="finance-refunds"] .ant-table-row', { hasText: '¥100.00' }).count()).toBe(2);
    await shot(clerk, '08-lost-answer');
  });
});
