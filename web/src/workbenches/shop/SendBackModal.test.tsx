import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { chinaDateTime } from '../../components/china-time.ts';
import type { Order } from './api.ts';
import answerJson from './fixtures/receipt-answer.json';
import { Providers, type Net } from './test-kit.tsx';

// The network's stand-in goes in before the API client is made (see test-kit.tsx).
const net: Net = await vi.hoisted(async () => (await import('./test-kit.tsx')).installNet());
const { SendBackModal } = await import('./LineActions.tsx');

// The signed-for order: line 1 accepted, line 2 rejected at the door.
const order = answerJson as Order;
const [accepted, rejected] = order.lines as [Order['lines'][number], Order['lines'][number]];

function renderModal(line: Order['lines'][number]) {
  net.handler = undefined;
  render(
    <Providers>
      <SendBackModal order={order} line={line} onClose={() => {}} />
    </Providers>,
  );
}

const ok = () => screen.getByRole('button', { name: '提交退货申请' }) as HTMLButtonElement;

describe('SendBackModal', () => {
  it('tells the shop until when the server takes the line back', async () => {
    const until = new Date(Date.now() + 20 * 86_400_000).toISOString();
    renderModal({ ...accepted, returnableUntil: until });
    expect(await screen.findByText(`已验收、尚未装车的配件，可在 ${chinaDateTime(until)} 前申请退货。`, { exact: false })).toBeTruthy();
    expect(ok().disabled).toBe(false);
  });

  it('says the window has closed, and sends nothing', async () => {
    const until = new Date(Date.now() - 86_400_000).toISOString();
    renderModal({ ...accepted, returnableUntil: until });
    expect(await screen.findByText(`该行的退货期已于 ${chinaDateTime(until)} 结束，不能再申请售后退货。`)).toBeTruthy();
    expect(ok().disabled).toBe(true);
  });

  it('offers nothing for a line the server will not take back', async () => {
    renderModal(rejected);
    expect(await screen.findByText('该行不是已验收、未装车的配件，不能申请售后退货。')).toBeTruthy();
    expect(ok().disabled).toBe(true);
  });
});
