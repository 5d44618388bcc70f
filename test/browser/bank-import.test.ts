import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyMonths } from '../../src/seed/history/history-plan.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-data.ts';
import { encodeGb18030 } from '../support/gb18030.ts';
import { type ConsoleWorld, startConsoleWorld } from './support/console-world.ts';
import { confirmPop, financeShots } from './support/finance-journey.ts';

// The platform's finance clerk imports the bank's export (导入银行流水) on the demo world with its
// settled history, in Chromium and in Chinese, at 1366×768 (a finance clerk's laptop). Last
// month's statements are confirmed and unpaid; early this month the insurers pay them, and the
// bank's ICBC-like export, saved by Excel on Chinese Windows (GB18030), lists PICC's payment naming
// its statement in the memo, CPIC's of the exact amount under the name it paid under before, a
// debit, a line recorded in the history already, a broker nobody knows, and a line with a date
// that does not exist. The clerk sees the suggestions and why, names CPIC as the broker's payer,
// confirms, reads each line's outcome and finds the payments on the list; the statements owe
// nothing more. Shots in /tmp/bank-import-shots/.

// biome-ignore lint/suspicious/noExplicitAny: the API's answers, read field by field as a script would.
type Json = Record<string, any>;

const SHOTS = process.env.FINANCE_SHOTS ?? '/tmp/bank-import-shots';
const shot = financeShots(SHOTS);
const yuan = (fen: number) => `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

describe('the finance clerk imports a bank statement, in Chromium', () => {
  let world: ConsoleWorld;
  let clerk: Page;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const months = historyMonths(new Date());
  const last = months.at(-1)!;
  let picc: Json;
  let cpic: Json;
  let cpicOrg = '';
  let file: Buffer;

  const api = async (email: string, url: string): Promise<Json> => {
    const login = await world.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD } });
    const res = await world.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${login.json<Json>().token}` } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    world = await startConsoleWorld('bank-import', { history: true });
    // Last month's statements, from the history: confirmed, owing their whole total.
    const confirmed = (await api('finance@anpei.demo', '/api/v1/statements?status=confirmed&limit=50')).items as Json[];
    const ofLast = confirmed.filter((s) => s.periodFrom === `${last}-01`);
    picc = ofLast.find((s) => s.payer.name.startsWith('中国人民财产保险'))!;
    cpic = ofLast.find((s) => s.payer.name.startsWith('中国太平洋财产保险'))!;
    expect(picc, JSON.stringify(confirmed)).toBeDefined();
    expect(cpic, JSON.stringify(confirmed)).toBeDefined();
    expect(picc.outstandingFen).toBe(picc.totalFen);
    cpicOrg = cpic.payer.id;
    const earlier = months.at(-2)!.replace('-', '');
    file = encodeGb18030(
      [
        '中国工商银行 账户明细查询',
        '账号：1001234509876543210,户名：邦邦汽服·安配平台',
        `查询区间：${today.slice(0, 8)}01 至 ${today},币种：人民币`,
        '',
        '交易日期,交易时间,借方发生额（元）,贷方发生额（元）,余额（元）,对方户名,对方账号,摘要,附言,流水号',
        `${today},09:12:01,,"${yuan(picc.totalFen)}",,${picc.payer.name},="6222021001001234567",货款,付对账单${picc.statementNo},ICBC-BI-0001`,
        `${today},10:30:45,,"${yuan(cpic.totalFen)}",,中国太平洋财产保险股份有限公司,="31001520313050005678",理赔配件款,,ICBC-BI-0002`,
        `${today},11:00:00,"5,000.00",,,杭州安配华东仓配运营有限公司,6222021001009999999,付仓储费,,ICBC-BI-0003`,
        `${today},13:00:00,,"1.00",,中国人民财产保险股份有限公司,,往来款,,HIST${earlier}PICC`,
        `${today},15:45:10,,"12,345.67",,某某保险经纪有限公司,31001520313050001234,代付理赔款,,ICBC-BI-0004`,
        '2026-02-30,16:00:00,,"88.00",,某某汽车服务有限公司,,货款,,ICBC-BI-0005',
        `合计,,"5,000.00","${yuan(picc.totalFen + cpic.totalFen + 100 + 1_234_567 + 8_800)}",,,,,,`,
        '数据来源：中国工商银行企业网上银行',
      ].join('\r\n'),
    );
    clerk = (await world.open({ email: 'finance@anpei.demo', viewport: { width: 1366, height: 768 } })).page;
  }, 600_000);
  afterAll(() => world?.close());

  it('opens the import from the payments, and reads the GB18030 export with its suggestions and why', async () => {
    await clerk.goto(`${world.base}/finance/payments`);
    // The history's payments are on the list.
    await clerk.locator('.ant-table-row', { hasText: 'HIST' }).first().waitFor();
    await clerk.getByTestId('import-bank').click();
    await clerk.waitForURL(/\/finance\/payments\/import$/);
    await clerk.getByText('点击或拖拽银行流水文件到此处').waitFor();
    await shot(clerk, '01-upload');
    await clerk.locator('input[type=file]').setInputFiles({ name: `工行流水-${today}.csv`, mimeType: 'text/csv', buffer: file });
    const table = clerk.locator('[data-table="bank-import-preview"]');
    await table.locator('.ant-table-row').first().waitFor();
    const summary = await clerk.getByTestId('import-summary').innerText();
    expect(summary).toContain('GB18030');
    expect(summary).toMatch(/收入\s*5 笔/);
    expect(summary).toMatch(/忽略支出\s*1 笔/);
    expect(summary).toMatch(/已登记过\s*1 笔/);
    expect(summary).toMatch(/有误\s*1 笔/);
    const row = (n: number) => table.locator(`.ant-table-row[data-row-key="${n}"]`);
    // PICC by its registered name, its statement named in the memo.
    expect(await row(6).innerText()).toContain(picc.statementNo);
    expect(await row(6).innerText()).toContain('户名一致');
    expect(await row(6).innerText()).toContain('摘要');
    // CPIC under the name its earlier payments came under, the statement of the exact amount.
    expect(await row(7).innerText()).toContain(cpic.payer.name);
    expect(await row(7).innerText()).toContain('户名曾付款');
    expect(await row(7).innerText()).toContain('金额一致');
    expect(await row(7).innerText()).toContain(cpic.statementNo);
    // Recorded in the history already: named by its payment, not ticked.
    expect(await row(9).innerText()).toContain('已登记过');
    expect(await row(9).innerText()).toMatch(/PM\d{8}[0-9A-F]{8}/);
    expect(await row(9).locator('.ant-checkbox-input').isDisabled()).toBe(true);
    expect(await row(10).innerText()).toContain('未识别');
    expect(await row(11).innerText()).toContain('交易日期：');
    expect(await row(11).locator('.ant-checkbox-input').isDisabled()).toBe(true);
    expect(await clerk.getByTestId('import-selected').innerText()).toBe(`已选 2 笔，合计 ¥${yuan(picc.totalFen + cpic.totalFen)}，核销 ¥${yuan(picc.totalFen + cpic.totalFen)}`);
    await shot(clerk, '02-preview');
  });

  it('names CPIC as the payer of the broker’s line, its money left unmatched', async () => {
    await clerk.getByTestId('adjust-10').click();
    const modal = clerk.locator('.ant-modal:visible');
    await modal.getByText('调整第 10 行 · ¥12,345.67').waitFor();
    await modal.locator('#payerOrgId').click();
    await modal.locator('#payerOrgId').fill('太平洋');
    await clerk.locator('.ant-select-item-option', { hasText: '中国太平洋财产保险' }).click();
    // Its statement of last month is matched by the CPIC line already: offered less what that line takes.
    await modal.getByTestId('add-allocation').click();
    await modal.locator('#alloc-statement-0').click();
    await clerk.locator('.ant-select-item-option', { hasText: cpic.statementNo }).click();
    await modal.getByTestId('row-apply').click();
    await modal.getByText(/本次其他行已核销/).waitFor();
    await shot(clerk, '03-adjust-refused');
    await modal.getByRole('button', { name: '移除' }).click();
    await modal.getByText('核销后未核销金额：¥12,345.67').waitFor();
    await modal.getByTestId('row-apply').click();
    await modal.waitFor({ state: 'detached' });
    const row = clerk.locator('[data-table="bank-import-preview"] .ant-table-row[data-row-key="10"]');
    expect(await row.innerText()).toContain('中国太平洋财产保险');
    expect(await row.innerText()).toContain('手工');
    expect(await row.locator('.ant-checkbox-input').isChecked()).toBe(true);
    expect(await clerk.getByTestId('import-selected').innerText()).toContain('已选 3 笔');
  });

  it('records the ticked lines, says each one’s outcome, and the payments are on the list', async () => {
    await clerk.getByTestId('import-submit').click();
    await clerk.locator('.ant-popover:visible').getByText('确认导入 3 笔收款？').waitFor();
    await confirmPop(clerk, '确定');
    const result = clerk.getByTestId('import-result');
    await result.getByText('已登记 3 笔收款').waitFor();
    const outcomes = clerk.locator('[data-table="bank-import-result"] .ant-table-row');
    expect(await outcomes.count()).toBe(3);
    expect(await clerk.locator('[data-table="bank-import-result"] [data-outcome="recorded"]').count()).toBe(3);
    expect(await outcomes.nth(2).innerText()).toContain('未核销 ¥12,345.67');
    await shot(clerk, '04-result');
    // Last month's statements owe nothing now.
    for (const s of [picc, cpic]) expect((await api('finance@anpei.demo', `/api/v1/statements/${s.id}`)).outstandingFen).toBe(0);
    await clerk.getByTestId('to-payments').click();
    await clerk.waitForURL(/\/finance\/payments$/);
    const payments = clerk.locator('[data-table="finance-payments"] .ant-table-row');
    for (const ref of ['ICBC-BI-0001', 'ICBC-BI-0002', 'ICBC-BI-0004']) await payments.filter({ hasText: ref }).waitFor();
    expect(await payments.filter({ hasText: 'ICBC-BI-0001' }).innerText()).toContain(picc.statementNo);
    expect(await payments.filter({ hasText: 'ICBC-BI-0002' }).innerText()).toContain(cpic.statementNo);
    await shot(clerk, '05-payments');
    // The broker's money stays in sight as unmatched, CPIC's.
    const broker = (await api('finance@anpei.demo', `/api/v1/payments?payerOrgId=${cpicOrg}&unmatched=true`)).items as Json[];
    expect(broker.map((p) => p.bankRef)).toContain('ICBC-BI-0004');
    expect(world.problems).toEqual([]);
  });
});
