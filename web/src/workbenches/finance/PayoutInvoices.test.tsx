import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Payout } from './api.ts';
import redJson from './fixtures/invoice-red.json';
import tooMuchJson from './fixtures/invoice-red-too-much.json';
import meJson from './fixtures/me-platform-finance.json';
import invoicesJson from './fixtures/payout-invoices.json';
import payoutJson from './fixtures/payout-supplier.json';
import { json, type Net, Providers } from '../shop/test-kit.tsx';

// The network's stand-in goes in before the API client is made (see shop/test-kit.tsx).
const net: Net = await vi.hoisted(async () => (await import('../shop/test-kit.tsx')).installNet());
const { PayoutInvoices } = await import('./PayoutInvoices.tsx');

// The fixtures: 常州安信's payout of ¥6,994,997.00 (its credits), its invoice for all of it and a
// red-letter invoice taking back ¥699,499.70 (fixtures/README.md).
const p = payoutJson as Payout;
const [blue, red] = invoicesJson.items;
const platformMe = { ...meJson, permissions: [...meJson.permissions, 'payouts.read', 'payouts.manage'] };
const supplierMe = { ...meJson, org: { ...meJson.org, id: p.payee.id, kind: 'supplier', name: p.payee.name }, permissions: ['payouts.read', 'financing.read', 'financing.request', 'ledger.read'] };

let me: unknown;
let invoices: unknown;
let sent: unknown[];
let answer: () => Response;
let meServed = false;

// Who the user is arrives on its own: a test that expects no button waits until it has, and the
// card has drawn again.
async function settled() {
  await waitFor(() => expect(meServed).toBe(true), { timeout: 20_000 });
  await new Promise((r) => setTimeout(r, 100));
}

beforeEach(() => {
  me = platformMe;
  invoices = invoicesJson;
  sent = [];
  answer = () => json(redJson, 201);
  meServed = false;
  net.handler = async (req, url) => {
    if (url.pathname === '/api/v1/me') {
      meServed = true;
      return json(me);
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/invoices') {
      expect(url.searchParams.get('payoutId')).toBe(p.id);
      return json(invoices);
    }
    sent.push(await req.json());
    return answer();
  };
});

function renderCard(payout: Payout = p) {
  render(
    <Providers>
      <PayoutInvoices p={payout} />
    </Providers>,
  );
}

const rows = () => screen.getAllByTestId('invoice-no').map((n) => n.closest('tr')!);
const box = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

// antd renders the card and its dialog whole in jsdom, slow on a loaded machine: the waits are generous.
describe('PayoutInvoices', { timeout: 30_000 }, () => {
  it('lists the payee’s invoice and the red-letter one against it, in red and negative', async () => {
    renderCard();
    await waitFor(() => expect(screen.getAllByTestId('invoice-no')).toHaveLength(2), { timeout: 20_000 });
    const [blueRow, redRow] = rows();
    if (!blueRow || !redRow) throw new Error('two rows expected');
    expect(blueRow.textContent).toContain(blue!.invoiceNo);
    expect(blueRow.textContent).toContain('专票 · 2026-12-06');
    expect(blueRow.textContent).toContain('¥6,994,997.00');
    expect(blueRow.textContent).toContain('已红冲 ¥699,499.70');
    expect(redRow.classList.contains('invoice-red')).toBe(true);
    expect(redRow.textContent).toContain('红字');
    expect(redRow.textContent).toContain('-¥699,499.70');
    expect(redRow.textContent).toContain(`冲销蓝字发票 ${blue!.invoiceNo}`);
    expect(within(redRow).queryByTestId('red-letter')).toBeNull();
    expect(screen.getByTestId('payout-invoiced').textContent).toBe('已收票 ¥6,295,497.30 / ¥6,994,997.00');
    expect(screen.getByText('待收票')).toBeTruthy();
    expect(await screen.findByTestId('record-payout-invoice')).toBeTruthy();
  });

  it('takes back what is left of the blue invoice, and sends no kind of its own', async () => {
    renderCard();
    fireEvent.click(await screen.findByTestId('red-letter', {}, { timeout: 20_000 }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 20_000 });
    expect(dialog.textContent).toContain(`红冲发票 ${blue!.invoiceNo}`);
    expect(dialog.textContent).toContain('可红冲金额¥6,295,497.30');
    expect(box('金额（不含税）').value).toBe('5571236.55');
    expect(box('税额').value).toBe('724260.75');
    // The total is watched from the form, which reports its values a render after it mounts.
    await waitFor(() => expect(dialog.textContent).toContain('价税合计 -¥6,295,497.30'));
    fireEvent.change(box('红字发票号码'), { target: { value: red!.invoiceNo } });
    fireEvent.click(within(dialog).getByTestId('invoice-submit'));
    await waitFor(() =>
      expect(sent).toEqual([{ invoiceNo: red!.invoiceNo, amountFen: 557123655, taxFen: 72426075, issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), reversesInvoiceId: blue!.id }]),
    );
  });

  it('says the server’s bound on the amount under it, in yuan', async () => {
    answer = () => json(tooMuchJson, 400);
    renderCard();
    fireEvent.click(await screen.findByTestId('red-letter', {}, { timeout: 20_000 }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 20_000 });
    fireEvent.change(box('红字发票号码'), { target: { value: '26332000000000000103' } });
    fireEvent.click(within(dialog).getByTestId('invoice-submit'));
    expect(await within(dialog).findByText('不能大于 ¥6,295,497.30', {}, { timeout: 20_000 })).toBeTruthy();
  });

  it('records the payee’s invoice against the payout, starting with what is left to invoice', async () => {
    invoices = { items: [] };
    renderCard();
    fireEvent.click(await screen.findByTestId('record-payout-invoice', {}, { timeout: 20_000 }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 20_000 });
    expect(dialog.textContent).toContain(`登记收款方发票 · 付款单 ${p.payoutNo}`);
    expect(dialog.textContent).toContain(`开票方${p.payee.name}`);
    fireEvent.change(box('发票号码'), { target: { value: '26332000000000000101' } });
    fireEvent.click(within(dialog).getByTestId('invoice-submit'));
    await waitFor(() =>
      expect(sent).toEqual([{ invoiceNo: '26332000000000000101', kind: 'special', amountFen: 619026284, taxFen: 80473416, issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), payoutId: p.id }]),
    );
  });

  it('lets the payee read its invoices, and record or take back none', async () => {
    me = supplierMe;
    renderCard();
    await waitFor(() => expect(screen.getAllByTestId('invoice-no')).toHaveLength(2), { timeout: 20_000 });
    await settled();
    expect(screen.queryByTestId('red-letter')).toBeNull();
    expect(screen.queryByTestId('record-payout-invoice')).toBeNull();
  });

  it('asks no invoice of a funder', async () => {
    invoices = { items: [] };
    renderCard({ ...p, payeeKind: 'funder', payee: { id: p.payee.id, name: '安融商业保理（演示）' } });
    expect(await screen.findByText('资金方收回的是其受让的应收账款，无须向平台开具发票。', {}, { timeout: 20_000 })).toBeTruthy();
    await settled();
    expect(screen.queryByText('待收票')).toBeNull();
    expect(screen.queryByTestId('record-payout-invoice')).toBeNull();
    expect(screen.queryByTestId('invoice-table')).toBeNull();
  });
});
