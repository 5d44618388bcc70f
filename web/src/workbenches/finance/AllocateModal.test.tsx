import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Payment, Statement } from './api.ts';
import paymentJson from './fixtures/payment.json';
import draftJson from './fixtures/statement-draft.json';
import { json, type Net, Providers } from '../shop/test-kit.tsx';

// The network's stand-in goes in before the API client is made (see shop/test-kit.tsx).
const net: Net = await vi.hoisted(async () => (await import('../shop/test-kit.tsx')).installNet());
const { AllocateModal } = await import('./AllocateModal.tsx');

// PICC's payment with ¥5.00 left over, and a later statement of PICC's that owes ¥8.77.
const payment = paymentJson as Payment;
const next = { ...(draftJson as Statement), id: '01a24800-0000-7000-8000-000000000001', statementNo: 'ST20261207AAAA0001', status: 'issued', totalFen: 877, outstandingFen: 877 } as Statement;
let sent: unknown[] = [];

beforeEach(() => {
  sent = [];
  net.handler = async (req, url) => {
    if (req.method === 'GET') return json({ items: url.searchParams.get('status') === 'issued' ? [next] : [], nextCursor: null });
    sent.push({ path: url.pathname, body: await req.json() });
    return json({ ...payment, allocatedFen: payment.amountFen, unallocatedFen: 0 });
  };
});

describe('AllocateModal', () => {
  it('matches what is left of a payment to the payer’s open statement, at most what either has', async () => {
    render(
      <Providers>
        <AllocateModal payment={payment} onClose={() => undefined} />
      </Providers>,
    );
    expect(screen.getByText('¥5.00')).toBeTruthy();
    const select = screen.getByRole('combobox');
    fireEvent.mouseDown(select);
    fireEvent.click(await screen.findByText('ST20261207AAAA0001'));
    const amount = screen.getByLabelText('核销金额') as HTMLInputElement;
    await waitFor(() => expect(amount.value).toBe('5.00'));
    fireEvent.change(amount, { target: { value: '6' } });
    fireEvent.click(screen.getByRole('button', { name: /核\s*销/ }));
    expect(await screen.findByText('不能超过未核销金额 ¥5.00')).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.change(amount, { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: /核\s*销/ }));
    await waitFor(() => expect(sent).toEqual([{ path: `/api/v1/payments/${payment.id}/allocations`, body: { statementId: next.id, amountFen: 500 } }]));
  });
});
