import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Statement } from './api.ts';
import confirmedJson from './fixtures/statement-confirmed.json';
import dupJson from './fixtures/payment-dup.json';
import paymentJson from './fixtures/payment.json';
import { json, type Net, Providers } from '../shop/test-kit.tsx';

// The network's stand-in goes in before the API client is made (see shop/test-kit.tsx).
const net: Net = await vi.hoisted(async () => (await import('../shop/test-kit.tsx')).installNet());
const { RecordPaymentModal } = await import('./RecordPaymentModal.tsx');

const s = confirmedJson as Statement;
let sent: unknown[] = [];
let answer: () => Response;

beforeEach(() => {
  sent = [];
  answer = () => json(paymentJson, 201);
  net.handler = async (req, url) => {
    if (req.method === 'GET' && url.pathname === '/api/v1/orgs') return json({ items: [{ id: s.payer.id, kind: 'insurer', name: s.payer.name }], nextCursor: null });
    if (req.method === 'GET' && url.pathname === '/api/v1/statements') return json({ items: url.searchParams.get('status') === 'confirmed' ? [s] : [], nextCursor: null });
    sent.push(await req.json());
    return answer();
  };
});

function renderModal() {
  render(
    <Providers>
      <RecordPaymentModal statement={s} onClose={() => undefined} />
    </Providers>,
  );
}

const box = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const submit = () => fireEvent.click(screen.getByRole('button', { name: /登\s*记/ }));

describe('RecordPaymentModal, from a statement', () => {
  it('starts with the statement’s payer and what it still owes, matched to it', async () => {
    renderModal();
    expect(box('收款金额').value).toBe('1560.00');
    expect(box('核销金额').value).toBe('1560.00');
    expect(await screen.findByText('登记后未核销金额：¥0.00')).toBeTruthy();
  });

  it('sends the payment in fen with its match, and keeps an over-payment unmatched', async () => {
    renderModal();
    fireEvent.change(box('收款金额'), { target: { value: '1,565' } });
    fireEvent.change(box('银行流水号'), { target: { value: ' BK-TEST-1 ' } });
    expect(await screen.findByText('登记后未核销金额：¥5.00')).toBeTruthy();
    submit();
    await waitFor(() =>
      expect(sent).toEqual([
        {
          payerOrgId: s.payer.id,
          amountFen: 156500,
          receivedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          bankRef: 'BK-TEST-1',
          allocations: [{ statementId: s.id, amountFen: 156000 }],
        },
      ]),
    );
  });

  it('refuses to match more than the payment before sending', async () => {
    renderModal();
    fireEvent.change(box('收款金额'), { target: { value: '100' } });
    fireEvent.change(box('银行流水号'), { target: { value: 'BK-2' } });
    submit();
    expect(await screen.findByText('不能超过收款金额')).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('says plainly that the bank line was recorded before', async () => {
    answer = () => json(dupJson, 409);
    renderModal();
    fireEvent.change(box('银行流水号'), { target: { value: 'BK-TEST-1' } });
    submit();
    expect(await screen.findByText('收款已存在：BK-TEST-1。')).toBeTruthy();
    expect(screen.getByText('数据冲突')).toBeTruthy();
  });
});
