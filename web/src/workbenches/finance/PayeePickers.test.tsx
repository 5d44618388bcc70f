import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import meJson from './fixtures/me-platform-finance.json';
import fundersJson from './fixtures/orgs-funder.json';
import payoutJson from './fixtures/payout-supplier.json';
import { json, type Net, Providers } from '../shop/test-kit.tsx';

// The network's stand-in goes in before the API client is made (see shop/test-kit.tsx).
const net: Net = await vi.hoisted(async () => (await import('../shop/test-kit.tsx')).installNet());
const { default: PayoutsTab } = await import('./PayoutsTab.tsx');
const { TermsSettings } = await import('./TermsSettings.tsx');

const platformMe = { ...meJson, permissions: [...meJson.permissions, 'payouts.read', 'payouts.manage'] };
const supplier = { ...fundersJson.items[0]!, id: payoutJson.payee.id, kind: 'supplier', name: payoutJson.payee.name };
const funder = fundersJson.items[0]!;

let kindsAsked: string[];
let payoutsAsked: URLSearchParams[];

beforeEach(() => {
  kindsAsked = [];
  payoutsAsked = [];
  net.handler = (_req, url) => {
    if (url.pathname === '/api/v1/me') return json(platformMe);
    if (url.pathname === '/api/v1/orgs') {
      const kind = url.searchParams.get('kind')!;
      kindsAsked.push(kind);
      return json({ items: kind === 'funder' ? [funder] : kind === 'supplier' ? [supplier] : [], nextCursor: null });
    }
    if (url.pathname === '/api/v1/payouts') {
      payoutsAsked.push(url.searchParams);
      return json({ items: [payoutJson], nextCursor: null });
    }
    if (url.pathname.startsWith('/api/v1/settlement-terms/')) return json({ orgId: funder.id, invoiceRequired: true, payoutDays: 0, payoutCycle: 'daily', set: false });
    return json({ title: '未找到', status: 404, detail: url.pathname }, 404);
  };
});

// Funders are payees too (ledger funder_payable, transfer code funder_payout): the platform's clerk
// finds them where it picks a payee.
describe('picking a payee', { timeout: 30_000 }, () => {
  it('lists the funders among the payees of the payouts’ filter, and filters by one', async () => {
    render(
      <Providers path="/finance/payouts">
        <PayoutsTab />
      </Providers>,
    );
    const box = await waitFor(() => screen.getByText('收款方（供应商 / 修理厂 / 资金方）'), { timeout: 20_000 });
    fireEvent.mouseDown(box.closest('.ant-select')!.querySelector('input')!);
    expect(await screen.findByText(funder.name, {}, { timeout: 20_000 })).toBeTruthy();
    expect(screen.getByText('资金方')).toBeTruthy();
    expect(kindsAsked.sort()).toEqual(['funder', 'repair_shop', 'supplier']);
    fireEvent.click(screen.getByText(funder.name));
    await waitFor(() => expect(payoutsAsked.at(-1)?.get('payeeOrgId')).toBe(funder.id));
  });

  it('offers the funders’ settlement terms too, as the server keeps them', async () => {
    render(
      <Providers path="/finance/settings?section=terms">
        <TermsSettings />
      </Providers>,
    );
    fireEvent.mouseDown(await screen.findByRole('combobox', {}, { timeout: 20_000 }));
    fireEvent.click(await screen.findByText(funder.name, {}, { timeout: 20_000 }));
    expect(kindsAsked.sort()).toEqual(['funder', 'insurer', 'repair_shop', 'supplier']);
    expect(await screen.findByText('平台默认条款', {}, { timeout: 20_000 })).toBeTruthy();
    expect((screen.getByLabelText('付款账期') as HTMLInputElement).value).toBe('0');
  });
});
