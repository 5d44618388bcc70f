import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import fourEyesJson from './fixtures/four-eyes.json';
import linesJson from './fixtures/lines.json';
import meJson from './fixtures/me-platform-finance.json';
import draftJson from './fixtures/statement-draft.json';
import paidJson from './fixtures/statement-paid.json';
import payoutInvoicesJson from './fixtures/payout-invoices.json';
import { json, type Net, Providers } from '../shop/test-kit.tsx';

// The network's stand-in goes in before the API client is made (see shop/test-kit.tsx).
const net: Net = await vi.hoisted(async () => (await import('../shop/test-kit.tsx')).installNet());
const { default: StatementPage } = await import('./StatementPage.tsx');

// PICC's finance team as /api/v1/me answers it (platform/access.ts), beside the platform's.
const piccMe = { ...meJson, org: { ...meJson.org, id: draftJson.payer.id, kind: 'insurer', name: draftJson.payer.name }, permissions: ['statements.read', 'statements.answer', 'ledger.read'] };

// The platform's invoice for the paid statement's total, as the server lists a statement's (the
// payout invoice of the fixtures, put on the statement: the same shape).
const statementInvoice = {
  ...payoutInvoicesJson.items[0]!,
  amountFen: 138054,
  taxFen: 17946,
  totalFen: 156000,
  issuerOrgId: null,
  receiverOrgId: paidJson.payer.id,
  statementId: paidJson.id,
  payoutId: null,
};

let me: unknown;
let statement: unknown;
let invoices: unknown[] = [];
let posted: string[] = [];

beforeEach(() => {
  me = meJson;
  statement = draftJson;
  invoices = [];
  posted = [];
  net.handler = (req, url) => {
    if (url.pathname === '/api/v1/me') return json(me);
    if (url.pathname === '/api/v1/invoices') return json({ items: invoices });
    if (url.pathname === '/api/v1/payments') return json({ items: [], nextCursor: null });
    if (url.pathname.endsWith('/lines')) return json(linesJson);
    if (req.method === 'POST') {
      posted.push(url.pathname);
      return json(fourEyesJson, 403);
    }
    return json(statement);
  };
});

function renderPage() {
  render(
    <Providers path={`/finance/statements/${draftJson.id}`} route="/finance/statements/:id">
      <StatementPage />
    </Providers>,
  );
}

const button = (name: RegExp) => screen.queryByRole('button', { name });

// The page renders antd's whole statement view in jsdom, slow on a loaded machine: the waits are generous.
describe('StatementPage', { timeout: 30_000 }, () => {
  it('tells the clerk who gathered a draft that someone else must issue it, and says the refusal plainly', async () => {
    renderPage();
    // Who the user is comes after the statement (the page asks once it has one to show).
    expect(await screen.findByText('这份草稿由您生成，须由另一位财务人员开具', {}, { timeout: 20_000 })).toBeTruthy();
    expect(screen.getByTestId('statement-no').textContent).toBe(draftJson.statementNo);
    expect(await screen.findByText('安信认证 散热器（适用速腾/宝来）', {}, { timeout: 20_000 })).toBeTruthy();
    fireEvent.click(screen.getByTestId('issue'));
    const pop = await screen.findByRole('tooltip', {}, { timeout: 20_000 });
    fireEvent.click(within(pop).getByRole('button', { name: /开\s*具/ }));
    const refusal = await screen.findByTestId('step-refusal', {}, { timeout: 20_000 });
    expect(refusal.textContent).toContain('须由另一人审批');
    expect(refusal.textContent).toContain('该对账单的上一步由您本人（或您创建的 API 密钥）完成，这一步须由另一人完成。');
    expect(posted).toEqual([`/api/v1/statements/${draftJson.id}/issue`]);
  });

  it('offers the payer confirm and dispute on an issued statement, and none of the platform’s steps', async () => {
    me = piccMe;
    statement = { ...draftJson, status: 'issued', issuedAt: draftJson.createdAt };
    renderPage();
    expect(await screen.findByTestId('confirm', {}, { timeout: 20_000 })).toBeTruthy();
    expect(screen.getByTestId('dispute')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('请核对明细：无误请点击“确认无误”；如有异议，请选择对应的行并说明原因。')).toBeTruthy());
    expect(screen.queryByTestId('issue')).toBeNull();
    expect(screen.queryByTestId('record-payment')).toBeNull();
    expect(screen.queryByTestId('record-invoice')).toBeNull();
    expect(button(/导出 Excel/)).toBeTruthy();
  });

  it('lists a statement’s invoices, and offers the platform’s clerk to take one back (红冲) from what is left', async () => {
    statement = paidJson;
    invoices = [statementInvoice];
    renderPage();
    const card = await screen.findByTestId('statement-invoices', {}, { timeout: 20_000 });
    expect((await within(card).findByTestId('invoice-no', {}, { timeout: 20_000 })).textContent).toBe(statementInvoice.invoiceNo);
    expect(card.textContent).toContain('¥1,560.00');
    fireEvent.click(await within(card).findByTestId('red-letter', {}, { timeout: 20_000 }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 20_000 });
    expect(dialog.textContent).toContain(`红冲发票 ${statementInvoice.invoiceNo}`);
    expect(dialog.textContent).toContain(`受票方${paidJson.payer.name}`);
    expect(dialog.textContent).toContain('可红冲金额¥1,560.00');
    expect((screen.getByLabelText('金额（不含税）') as HTMLInputElement).value).toBe('1380.54');
    expect((screen.getByLabelText('税额') as HTMLInputElement).value).toBe('179.46');
  });

  it('withdraws a draft once asked to be sure, and shows it withdrawn', async () => {
    net.handler = (req, url) => {
      if (url.pathname === '/api/v1/me') return json(me);
      if (url.pathname.endsWith('/lines')) return json({ items: [], nextCursor: null });
      if (req.method === 'POST') {
        posted.push(url.pathname);
        statement = { ...draftJson, status: 'cancelled' };
      }
      return json(statement);
    };
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: /作废草稿/ }, { timeout: 20_000 }));
    const pop = await screen.findByRole('tooltip', {}, { timeout: 20_000 });
    expect(pop.textContent).toContain('作废后其中的配件行可列入下一份对账单。');
    fireEvent.click(within(pop).getByRole('button', { name: /作废草稿/ }));
    expect(await screen.findByText('草稿已作废，其中的配件行已释放，可列入下一份对账单。', {}, { timeout: 20_000 })).toBeTruthy();
    expect(posted).toEqual([`/api/v1/statements/${draftJson.id}/cancel`]);
    expect(screen.queryByTestId('issue')).toBeNull();
  });

  it('says a statement it cannot see is not found', async () => {
    net.handler = (_req, url) =>
      url.pathname === '/api/v1/me' ? json(me) : json({ type: 'urn:anpei:problem:not_found', title: '未找到', status: 404, detail: '对账单不存在，或您无权查看。', code: 'not_found' }, 404);
    renderPage();
    expect(await screen.findByText('对账单不存在，或您无权查看。', {}, { timeout: 20_000 })).toBeTruthy();
  });
});
