import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleWorld, startConsoleWorld } from './support/console-world.ts';
import { englishLeft, financeShots } from './support/finance-journey.ts';

// Invoices (发票) on payouts and statements, and funders among the payees, in the finance workbench,
// on the demo world with its settled history (paid payouts, paid statements with their invoices),
// in Chromium and in Chinese, at 1366×768.
//
// The platform's finance clerk finds the demo factor (安融商业保理, a funder) among the payees of the
// payouts' filter and filters by it; opens a supplier's paid payout and records the supplier's
// invoice for it — first one fen over its credits, refused by the server under the amount in yuan,
// then all of it; takes a part of it back with a red-letter invoice (红冲), shown in red and negative
// with the number it reverses; the supplier's finance user reads both and may do neither. On a paid
// statement of the history, the platform's own invoice offers 红冲 too, from what is left of it.
// Every page is shot into /tmp/payout-invoices-shots/, checked for English and for overflow.

// biome-ignore lint/suspicious/noExplicitAny: the API's answers, read field by field as a script would.
type Json = Record<string, any>;

const SHOTS = process.env.PAYOUT_INVOICE_SHOTS ?? '/tmp/payout-invoices-shots';
// The remittance advice names parts by the cars they fit, some in Latin (适用CR-V): the data's.
const shot = financeShots(SHOTS, [/（适用[^）]*）/g]);
const VIEWPORT = { width: 1366, height: 768 };
const FACTOR = '安融商业保理（演示）';
const suppliers: Record<string, string> = {
  长春华骏汽车零部件制造有限公司: 'finance@huajun.demo',
  广州粤通汽配贸易有限公司: 'finance@yuetong.demo',
  常州安信认证配件有限公司: 'finance@anxin.demo',
};
const BLUE_NO = '44031000000000000001';
const RED_NO = '44031000000000000002';
const STATEMENT_RED_NO = '44031000000000000003';

const yuan = (fen: number) => `${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
const plain = (fen: number) => (fen / 100).toFixed(2);
const splitVat = (gross: number) => {
  const tax = Math.floor((gross * 13) / 113);
  return { amount: gross - tax, tax };
};

describe('invoices on payouts and statements, and funders among the payees, in Chromium', () => {
  let world: ConsoleWorld;
  let clerk: Page;
  let payout: Json;

  const open = async (email: string) => (await world.open({ email, viewport: VIEWPORT })).page;
  const dialog = () => clerk.locator('.ant-modal:visible');
  const field = (label: string) => dialog().locator('.ant-form-item', { hasText: label });

  beforeAll(async () => {
    world = await startConsoleWorld('payout-invoices', { history: true });
    clerk = await open('finance@anpei.demo');
    // A supplier's payout the history paid, with something to invoice.
    const paid = (await (await clerk.request.get(`${world.base}/api/v1/payouts?status=paid&limit=100`)).json()).items as Json[];
    payout = paid.find((p) => p.payeeKind === 'supplier' && p.creditsFen > 10_000 && suppliers[p.payee.name])!;
    expect(payout, JSON.stringify(paid.map((p) => [p.payeeKind, p.payee.name, p.creditsFen]))).toBeDefined();
  }, 600_000);
  afterAll(() => world?.close());

  it('lists the funder among the payees of the payouts’ filter, and filters by it', async () => {
    await clerk.goto(`${world.base}/finance/payouts`);
    await clerk.locator('[data-table="finance-payouts"] .ant-table-row').first().waitFor();
    await clerk.locator('.ant-select', { hasText: '收款方（供应商 / 修理厂 / 资金方）' }).click();
    const option = clerk.locator('.ant-select-item-option', { hasText: FACTOR });
    await option.waitFor();
    expect(await clerk.locator('.ant-select-item-group').allInnerTexts()).toEqual(['供应商', '修理厂', '资金方']);
    // The open list shot as it is, checked like every page.
    await option.scrollIntoViewIfNeeded();
    const listed = await clerk.locator('.ant-select-dropdown:visible').innerText();
    expect(englishLeft(listed), listed).toEqual([]);
    const [scroll, width] = await clerk.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(width);
    await clerk.screenshot({ path: `${SHOTS}/01-payee-filter-funder.png` });
    await option.click();
    await clerk.waitForURL(/payee=[0-9a-f-]{36}/);
    // The funder's payouts (what the insurers repaid of the receivables it bought), or none yet.
    // (The unfiltered rows stay until the filtered page arrives.)
    const rows = clerk.locator('[data-table="finance-payouts"] .ant-table-row');
    await expect
      .poll(async () => {
        const texts = await rows.allInnerTexts();
        const empty = await clerk.locator('[data-table="finance-payouts"] .ant-empty').count();
        return (texts.length > 0 && texts.every((t) => t.includes(FACTOR))) || (texts.length === 0 && empty > 0);
      })
      .toBe(true);
    await shot(clerk, '02-payouts-of-funder');
  });

  it('records the supplier’s invoice for a payout, the server’s bound said under the amount', async () => {
    await clerk.goto(`${world.base}/finance/payouts/${payout.id}`);
    const card = clerk.getByTestId('payout-invoices');
    await card.getByText('尚未登记收款方发票').waitFor();
    expect(await clerk.getByTestId('payout-invoiced').innerText()).toBe(`已收票 ¥0.00 / ${yuan(payout.creditsFen)}`);
    await clerk.getByTestId('record-payout-invoice').click();
    await dialog().getByText(`登记收款方发票 · 付款单 ${payout.payoutNo}`).waitFor();
    const start = splitVat(payout.creditsFen);
    expect(await field('金额（不含税）').locator('input').inputValue()).toBe(plain(start.amount));
    expect(await field('税额').locator('input').inputValue()).toBe(plain(start.tax));
    await field('发票号码').locator('input').fill(BLUE_NO);
    // One fen over the credits: the dialog warns, the server refuses it on the amount, in yuan.
    await field('金额（不含税）')
      .locator('input')
      .fill(plain(start.amount + 1));
    await dialog()
      .getByText(`超过待开票金额 ${yuan(payout.creditsFen)}`)
      .waitFor();
    await clerk.getByTestId('invoice-submit').click();
    await field('金额（不含税）')
      .getByText(`不能大于 ${yuan(start.amount)}`)
      .waitFor();
    await shot(clerk, '03-payout-invoice-refused');
    await field('金额（不含税）').locator('input').fill(plain(start.amount));
    await clerk.getByTestId('invoice-submit').click();
    await clerk.getByText(`已登记发票 ${BLUE_NO}，价税合计 ${yuan(payout.creditsFen)}`).waitFor();
    await card.locator('.invoice-blue', { hasText: BLUE_NO }).waitFor();
    expect(await clerk.getByTestId('payout-invoiced').innerText()).toBe(`已收票 ${yuan(payout.creditsFen)} / ${yuan(payout.creditsFen)}`);
    await card.getByText('发票已齐').waitFor();
    expect(await clerk.getByTestId('record-payout-invoice').count()).toBe(0);
  });

  it('takes part of it back with a red-letter invoice, shown in red and negative', async () => {
    const card = clerk.getByTestId('payout-invoices');
    await card.locator('.invoice-blue').getByTestId('red-letter').click();
    await dialog().getByText(`红冲发票 ${BLUE_NO}`).waitFor();
    expect(await dialog().innerText()).toContain(yuan(payout.creditsFen));
    await field('红字发票号码').locator('input').fill(RED_NO);
    await field('金额（不含税）').locator('input').fill('100.00');
    await field('税额').locator('input').fill('13.00');
    await dialog().getByText('价税合计 -¥113.00').waitFor();
    await shot(clerk, '04-red-letter-modal');
    await clerk.getByTestId('invoice-submit').click();
    await clerk.getByText(`已登记红字发票 ${RED_NO}，价税合计 -¥113.00`).waitFor();
    const red = card.locator('.invoice-red', { hasText: RED_NO });
    await red.waitFor();
    const text = await red.innerText();
    expect(text).toContain('红字');
    expect(text).toContain('-¥113.00');
    expect(text).toContain(`冲销蓝字发票 ${BLUE_NO}`);
    expect(await red.locator('.ant-typography-danger').count()).toBeGreaterThan(0);
    expect(await card.locator('.invoice-blue').innerText()).toContain('已红冲 ¥113.00');
    expect(await clerk.getByTestId('payout-invoiced').innerText()).toBe(`已收票 ${yuan(payout.creditsFen - 11300)} / ${yuan(payout.creditsFen)}`);
    // Left to invoice again: the supplier's corrected invoice may follow.
    await clerk.getByTestId('record-payout-invoice').waitFor();
    await shot(clerk, '05-payout-invoices');
  });

  it('shows the supplier its invoices, to read only', async () => {
    const page = await open(suppliers[payout.payee.name]!);
    await page.goto(`${world.base}/finance/payouts/${payout.id}`);
    const card = page.getByTestId('payout-invoices');
    await card.locator('.invoice-red', { hasText: RED_NO }).waitFor();
    await card.locator('.invoice-blue', { hasText: BLUE_NO }).waitFor();
    expect(await card.getByTestId('red-letter').count()).toBe(0);
    expect(await page.getByTestId('record-payout-invoice').count()).toBe(0);
    await shot(page, '06-payee-payout-invoices');
    await page.context().close();
  });

  it('takes back part of a statement’s invoice from its page', async () => {
    const paid = (await (await clerk.request.get(`${world.base}/api/v1/statements?status=paid&limit=20`)).json()).items as Json[];
    const s = paid.find((x) => x.invoicedFen > 0)!;
    expect(s, 'a paid statement of the history with its invoice').toBeDefined();
    await clerk.goto(`${world.base}/finance/statements/${s.id}`);
    const card = clerk.getByTestId('statement-invoices');
    const blue = card.locator('.invoice-blue').first();
    await blue.waitFor();
    await blue.getByTestId('red-letter').click();
    await dialog().getByText(`受票方${s.payer.name}`).waitFor();
    await field('红字发票号码').locator('input').fill(STATEMENT_RED_NO);
    await field('金额（不含税）').locator('input').fill('10.00');
    await field('税额').locator('input').fill('1.30');
    await clerk.getByTestId('invoice-submit').click();
    await card.locator('.invoice-red', { hasText: STATEMENT_RED_NO }).waitFor();
    expect(await card.locator('.invoice-red').innerText()).toContain('-¥11.30');
    // The statement is invoiced ¥11.30 short of its total now: the clerk may invoice it again.
    await expect.poll(async () => await clerk.getByTestId('invoiced').innerText()).toContain(yuan(s.invoicedFen - 1130));
    await clerk.getByTestId('record-invoice').waitFor();
    await shot(clerk, '07-statement-invoices');
    expect(world.problems).toEqual([]);
  });
});
