import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo-data.ts';
import { historyMonths } from '../../src/seed/history/history-plan.ts';
import { type ConsoleWorld, startConsoleWorld } from './support/console-world.ts';
import { cardStatus, confirmPop, financeShots } from './support/finance-journey.ts';

// A day's settlement with PICC in the finance workbench, on the demo world as the people do it: the
// shop signs for the delivered demo order through the API (one line rejected, as
// test/statements.test.ts does), then in Chromium, in Chinese: the platform's finance clerk
// gathers PICC's statement for the month so far and is refused when issuing it herself (four
// eyes); the platform's admin issues it; PICC's finance team disputes a line; the clerk credits
// ¥10.00 of it, records PICC's payment (¥5.00 over, matched to the statement) and its invoice, and
// the statement shows 已付款. Then the ledger, an account's transfers and the trial balance, PICC's
// own account and a supplier's. The world holds the demo's settled history (the months before this
// one): the lists start with it, PICC sees last month's statement confirmed and waiting for its
// payment, and its receivable is that statement's total. Every page is shot at 1280×800 into /tmp/finance-shots/ for a
// person to look at, and checked for English words left in the Chinese UI and for overflow.

// biome-ignore lint/suspicious/noExplicitAny: the API's answers, read field by field as a script would; a type per answer would restate the DTOs.
type Json = Record<string, any>;

const SHOTS = process.env.FINANCE_SHOTS ?? '/tmp/finance-shots';
const shot = financeShots(SHOTS);
const PICC = '中国人民财产保险';
const months = historyMonths(new Date());
const lastMonth = months.at(-1)!;
const yuan = (fen: number) => `${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

describe('the finance workbench settles a statement with PICC, in Chromium', () => {
  let world: ConsoleWorld;
  let clerk: Page;
  let rejected: Json;
  let accepted: Json[];
  let statementId: string;
  let statementNo: string;
  let piccLast: Json;

  const api = async (token: string, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<Json> => {
    const res = await world.app.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };

  const open = async (email: string) => (await world.open({ email, viewport: { width: 1280, height: 800 } })).page;
  const status = cardStatus;

  beforeAll(async () => {
    world = await startConsoleWorld('finance', { history: true });
    const login = async (email: string) => (await world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } })).json<Json>().token as string;
    const receiver = await login('receiver@sh-anda.demo');
    const order = (await api(receiver, 'GET', '/api/v1/orders?lineStatus=delivered')).items[0];
    [rejected, ...accepted] = order.lines;
    await api(receiver, 'POST', `/api/v1/orders/${order.id}/receipt`, {
      lines: [...accepted.map((l) => ({ orderLineId: l.id, result: 'accepted' })), { orderLineId: rejected.id, result: 'rejected', reason: 'damaged' }],
    });
    // Last month's statement of PICC, from the history.
    const piccToken = await login('finance@picc.demo');
    piccLast = ((await api(piccToken, 'GET', '/api/v1/statements?status=confirmed')).items as Json[]).find((s) => s.periodFrom === `${lastMonth}-01`)!;
    expect(piccLast).toBeDefined();
    clerk = await open('finance@anpei.demo');
  }, 300_000);
  afterAll(() => world?.close());

  it('gathers PICC’s statement for the month so far into a draft', async () => {
    await clerk.goto(`${world.base}/finance`);
    await clerk.waitForURL(/\/finance\/statements$/);
    // The history's statements: each insurer's for each month, paid but last month's, confirmed.
    const listed = clerk.locator('[data-table="finance-statements"] .ant-table-row');
    await listed.first().waitFor();
    await clerk
      .locator('[data-table="finance-statements"] .ant-table-row', { hasText: `${lastMonth}-01` })
      .first()
      .waitFor();
    expect(await listed.count()).toBe(months.length * 2);
    for (const row of await clerk.locator('[data-table="finance-statements"] .ant-table-row', { hasText: `${lastMonth}-01` }).all()) expect(await row.innerText()).toContain('已确认');
    expect(await clerk.locator('[data-table="finance-statements"] .ant-table-row', { hasText: '已付款' }).count()).toBe((months.length - 1) * 2);
    await clerk.locator('.ant-tabs-tab').first().waitFor();
    expect(await clerk.locator('.ant-tabs-tab').allInnerTexts()).toEqual(['对账单', '收款', '退款', '付款', '供应链融资', '总账', '试算平衡', '设置']);
    await shot(clerk, '01-statements-history');

    await clerk.getByTestId('create-statement').click();
    await clerk.locator('#payerOrgId').click();
    await clerk.locator('#payerOrgId').fill('人民');
    await clerk.locator('.ant-select-item-option', { hasText: PICC }).click();
    await shot(clerk, '02-create-modal');
    await clerk.getByTestId('create-submit').click();
    await clerk.waitForURL(/\/finance\/statements\/[0-9a-f-]{36}$/);
    statementId = clerk.url().split('/').at(-1)!;
    await clerk.getByText(`对账明细（${accepted.length} 行）`).waitFor();
    expect(await status(clerk)).toBe('draft');
    statementNo = (await clerk.getByTestId('statement-no').innerText()).trim();
    expect(statementNo).toMatch(/^ST\d{8}[0-9A-F]{8}$/);
    const total = accepted.reduce((a, l) => a + l.amountFen + l.handlingFeeFen, 0);
    expect(await clerk.getByTestId('total').innerText()).toContain(`¥${(total / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    // The rejected line is not billed.
    for (const l of accepted) await clerk.locator('.ant-table-row', { hasText: l.productName }).first().waitFor();
    expect(await clerk.locator('[data-table="finance-statement-lines"] .ant-table-row').count()).toBe(accepted.length);
    await clerk.getByText('这份草稿由您生成，须由另一位财务人员开具').waitFor();
    await shot(clerk, '03-draft');
  });

  it('refuses to let the clerk issue her own draft, and says why', async () => {
    await clerk.getByTestId('issue').click();
    await confirmPop(clerk, '开具');
    const refusal = clerk.getByTestId('step-refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('须由另一人审批');
    expect(await refusal.innerText()).toContain('该对账单的上一步由您本人（或您创建的 API 密钥）完成，这一步须由另一人完成。');
    expect(await status(clerk)).toBe('draft');
    await shot(clerk, '04-four-eyes');
  });

  it('is issued by the platform’s admin', async () => {
    const admin = await open('admin@anpei.demo');
    await admin.goto(`${world.base}/finance/statements/${statementId}`);
    await admin.getByTestId('issue').click();
    await confirmPop(admin, '开具');
    await admin.getByText(`对账单 ${statementNo} 已开具`).waitFor();
    await expect.poll(() => status(admin)).toBe('issued');
    await shot(admin, '05-issued');
    await admin.context().close();
  });

  it('is disputed by PICC’s finance team, one line with its reason', async () => {
    const picc = await open('finance@picc.demo');
    await picc.goto(`${world.base}/finance`);
    await picc.waitForURL(/\/finance\/statements$/);
    await picc.locator('.ant-table-row', { hasText: statementNo }).waitFor();
    expect(await picc.locator('.ant-tabs-tab').allInnerTexts()).toEqual(['对账单', '退款', '总账']);
    // Its own statements only: last month's confirmed and waiting for its payment, the months before paid.
    const own = picc.locator('[data-table="finance-statements"] .ant-table-row');
    expect(await own.count()).toBe(months.length + 1);
    const lastOne = picc.locator('[data-table="finance-statements"] .ant-table-row', { hasText: `${lastMonth}-01` });
    expect(await lastOne.innerText()).toContain('已确认');
    expect(await lastOne.innerText()).toContain(yuan(piccLast.totalFen));
    await shot(picc, '06-picc-statements');
    await picc.locator('.ant-table-row', { hasText: statementNo }).click();
    await picc.getByText('请核对明细').waitFor();
    await picc.getByTestId('dispute').click();
    const modal = picc.locator('.ant-modal:visible');
    const first = modal.locator('.ant-table-row').first();
    await first.waitFor();
    const lineId = (await first.getAttribute('data-row-key'))!.replace('sale:', '');
    await first.locator('.ant-checkbox-input').check();
    await modal.locator(`[data-testid="dispute-line-${lineId}"] input`).fill('价格高于当地市场价');
    // Close the reasons' suggestions (Escape would close the dialog).
    await modal.locator('.ant-modal-title').click();
    await shot(picc, '07-dispute-modal');
    await picc.getByTestId('dispute-submit').click();
    await picc.getByText('已提交异议（1 行），等待平台处理').waitFor();
    await expect.poll(() => status(picc)).toBe('disputed');
    await picc.getByTestId('dispute-card').getByText('价格高于当地市场价').waitFor();
    await shot(picc, '08-picc-disputed');
    await picc.context().close();
  });

  it('is settled by the clerk: ¥10.00 credited, the statement confirmed', async () => {
    await clerk.reload();
    const card = clerk.getByTestId('resolve-card');
    await card.waitFor();
    await card.getByText('价格高于当地市场价').waitFor();
    // A credit beyond the line is refused before it is sent, in yuan.
    await card.getByText('调减', { exact: true }).click();
    const amount = card.locator('input[data-testid^="credit-"]');
    await amount.fill('999999');
    await clerk.getByTestId('resolve-submit').click();
    await card.getByText(/不能超过该行配件价税合计 ¥/).waitFor();
    await amount.fill('10');
    await card.locator('input[placeholder="选填"]').fill('按市场价调减');
    await shot(clerk, '09-resolve');
    await clerk.getByTestId('resolve-submit').click();
    await clerk.getByText('异议已处理：调减 ¥10.00，对账单已确认').waitFor();
    await expect.poll(() => status(clerk)).toBe('confirmed');
    await clerk.locator('[data-table="finance-statement-lines"] .ant-table-row', { hasText: '红冲' }).waitFor();
    await shot(clerk, '10-confirmed');
  });

  it('records PICC’s payment, ¥5.00 over, matched to the statement', async () => {
    const s = await (await clerk.request.get(`${world.base}/api/v1/statements/${statementId}`)).json();
    await clerk.goto(`${world.base}/finance/payments`);
    // The history's payments: each insurer's for each month but the last.
    await clerk.locator('.ant-table-row', { hasText: 'HIST' }).first().waitFor();
    expect(await clerk.locator('.ant-table-row', { hasText: 'HIST' }).count()).toBe((months.length - 1) * 2);
    await clerk.getByTestId('record-payment').click();
    await clerk.locator('#payerOrgId').click();
    await clerk.locator('#payerOrgId').fill('人民');
    await clerk.locator('.ant-select-item-option', { hasText: PICC }).click();
    await clerk.getByTestId('payment-amount').fill(((s.totalFen + 500) / 100).toFixed(2));
    await clerk.locator('#bankRef').fill('ICBC-20261206-0001');
    await clerk.locator('#allocations_0_statementId').click();
    await clerk.locator('.ant-select-item-option', { hasText: statementNo }).click();
    expect(await clerk.locator('#allocations_0_amountFen').inputValue()).toBe((s.totalFen / 100).toFixed(2));
    await clerk.getByText('登记后未核销金额：¥5.00').waitFor();
    await shot(clerk, '11-payment-modal');
    await clerk.getByTestId('payment-submit').click();
    await clerk.getByText(/已登记收款 PM\d+[0-9A-F]+，未核销 ¥5\.00/).waitFor();
    const row = clerk.locator('.ant-table-row', { hasText: 'ICBC-20261206-0001' });
    await row.waitFor();
    expect(await row.innerText()).toContain(statementNo);
    // The filter lives in the URL (a bookmark keeps it).
    await clerk.getByTestId('unmatched-filter').click();
    await clerk.waitForURL(/unmatched=true/);
    await expect.poll(() => clerk.getByTestId('unmatched-filter').isChecked()).toBe(true);
    await clerk.locator('.ant-table-row', { hasText: 'ICBC-20261206-0001' }).waitFor();
    await shot(clerk, '12-payments');
  });

  it('records the invoice, and the statement is paid', async () => {
    await clerk.goto(`${world.base}/finance/statements/${statementId}`);
    await clerk.getByText('款项已全部收到，登记发票后对账单即结清。').waitFor();
    await clerk.getByTestId('record-invoice').click();
    await clerk.locator('#invoiceNo').fill('26311000000000000001');
    await shot(clerk, '13-invoice-modal');
    await clerk.getByTestId('invoice-submit').click();
    await clerk.getByText(/已登记发票 26311000000000000001/).waitFor();
    await expect.poll(() => status(clerk)).toBe('paid');
    expect(await clerk.locator('.ant-card-head [data-status]').first().innerText()).toBe('已付款');
    expect(await clerk.getByTestId('outstanding').innerText()).toContain('¥0.00');
    await clerk.getByTestId('statement-payments').getByText('ICBC-20261206-0001').waitFor();
    await clerk.getByTestId('statement-invoices').getByText('发票已齐').waitFor();
    await shot(clerk, '14-paid');
  });

  it('shows the ledger, an account’s transfers and a balanced trial balance', async () => {
    await clerk.goto(`${world.base}/finance/ledger`);
    await clerk.locator('[data-table="finance-accounts"] .ant-table-row').first().waitFor();
    await shot(clerk, '15-ledger');
    // PICC's (CPIC's is there too, from the history).
    await clerk.locator('[data-table="finance-accounts"] .ant-table-row', { hasText: '应收保险公司款' }).filter({ hasText: PICC }).getByRole('link').click();
    await clerk.locator('[data-table="finance-transfers"] .ant-table-row', { hasText: '收款' }).first().waitFor();
    // Paid ¥5.00 more than today's statement: PICC's receivable is last month's statement, still
    // unpaid, less ¥5.00.
    expect(await clerk.getByTestId('account-balance').innerText()).toContain(yuan(piccLast.totalFen - 500));
    await shot(clerk, '16-account');
    await clerk.goto(`${world.base}/finance/trial-balance`);
    await clerk.getByTestId('balanced').getByText('借贷平衡').waitFor();
    await clerk.getByTestId('balance-chart').locator('[data-code="insurer_receivable"]').waitFor();
    await shot(clerk, '17-trial-balance');
  });

  it('shows PICC its paid statement and its own account', async () => {
    const picc = await open('finance@picc.demo');
    await picc.goto(`${world.base}/finance/statements/${statementId}`);
    await expect.poll(() => status(picc)).toBe('paid');
    await picc.getByTestId('dispute-card').getByText('已调减').waitFor();
    expect(await picc.getByTestId('record-invoice').count()).toBe(0);
    await shot(picc, '18-picc-paid');
    // Its exports, named by the server in Chinese.
    for (const format of ['xlsx', 'csv']) {
      const [file] = await Promise.all([picc.waitForEvent('download'), picc.getByTestId(`export-${format}`).click()]);
      expect(file.suggestedFilename()).toMatch(new RegExp(`${statementNo}.*\\.${format}$`));
    }
    await picc.goto(`${world.base}/finance/ledger`);
    const own = picc.locator('[data-table="finance-accounts"] .ant-table-row');
    await own.first().waitFor();
    expect(await own.count()).toBe(1);
    expect(await own.innerText()).toContain('应收保险公司款');
    await shot(picc, '19-picc-ledger');
    await picc.context().close();
  });

  it('shows a supplier its payable and transfers, and nothing else', async () => {
    const supplier = await open('finance@huajun.demo');
    await supplier.goto(`${world.base}/finance`);
    // A supplier's finance opens on its payouts (finance-payouts.test.ts walks them); its ledger is a tab.
    await supplier.waitForURL(/\/finance\/payouts$/);
    await supplier.locator('.ant-tabs-tab').first().waitFor();
    expect(await supplier.locator('.ant-tabs-tab').allInnerTexts()).toEqual(['付款', '供应链融资', '总账']);
    await supplier.locator('.ant-tabs-tab', { hasText: '总账' }).click();
    await supplier.waitForURL(/\/finance\/ledger$/);
    const row = supplier.locator('[data-table="finance-accounts"] .ant-table-row', { hasText: '应付供应商款' });
    await row.waitFor();
    await shot(supplier, '20-supplier-ledger');
    await row.getByRole('link').click();
    await supplier.locator('[data-table="finance-transfers"] .ant-table-row').first().waitFor();
    await shot(supplier, '21-supplier-account');
    await supplier.context().close();
    expect(world.problems).toEqual([]);
  });
});
