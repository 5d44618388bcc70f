import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Statement } from './api.ts';
import linesJson from './fixtures/lines.json';
import disputedJson from './fixtures/statement-disputed.json';
import draftJson from './fixtures/statement-draft.json';
import { json, type Net, Providers } from '../shop/test-kit.tsx';

// The network's stand-in goes in before the API client is made (see shop/test-kit.tsx).
const net: Net = await vi.hoisted(async () => (await import('../shop/test-kit.tsx')).installNet());
const { DisputeModal, disputeBody } = await import('./DisputeModal.tsx');

// The statement as its payer sees it once issued.
const s = { ...(draftJson as Statement), status: 'issued' } as Statement;
const [first, second] = linesJson.items;
let sent: unknown[] = [];
let closed = 0;

function renderModal() {
  render(
    <Providers>
      <DisputeModal s={s} onClose={() => closed++} />
    </Providers>,
  );
}

beforeEach(() => {
  sent = [];
  closed = 0;
  net.handler = async (req, url) => {
    if (req.method === 'GET' && url.pathname.endsWith('/lines')) return json(linesJson);
    sent.push(await req.json());
    return json(disputedJson);
  };
});

const row = (name: string) => screen.getAllByText(name)[0]!.closest('tr')!;
const submit = () => screen.getByRole('button', { name: /提交异议/ });

describe('disputeBody', () => {
  it('names the chosen lines in the order chosen, reasons trimmed', () => {
    expect(disputeBody([{ ...second!, rowId: 'b' } as never, { ...first!, rowId: 'a' } as never], { [first!.orderLineId]: ' 重复计费 ', [second!.orderLineId]: '数量不符' })).toEqual({
      lines: [
        { orderLineId: second!.orderLineId, reason: '数量不符' },
        { orderLineId: first!.orderLineId, reason: '重复计费' },
      ],
    });
  });
});

describe('DisputeModal', () => {
  it('sends nothing until a line is chosen', async () => {
    renderModal();
    await screen.findByText(first!.productName);
    expect(screen.getByText('尚未选择明细行。')).toBeTruthy();
    expect((submit() as HTMLButtonElement).disabled).toBe(true);
  });

  it('asks the reason of each chosen line, then sends the dispute', async () => {
    renderModal();
    await screen.findByText(first!.productName);
    fireEvent.click(within(row(first!.productName)).getByRole('checkbox'));
    expect(await screen.findByText('已选 1 行')).toBeTruthy();
    fireEvent.click(submit());
    expect(await screen.findByText('请说明异议原因')).toBeTruthy();
    expect(sent).toEqual([]);
    const chosen = screen.getByTestId(`dispute-line-${first!.orderLineId}`);
    fireEvent.change(within(chosen).getByRole('combobox'), { target: { value: '价格高于当地市场价' } });
    fireEvent.click(submit());
    await waitFor(() => expect(sent).toEqual([{ lines: [{ orderLineId: first!.orderLineId, reason: '价格高于当地市场价' }] }]));
    await waitFor(() => expect(closed).toBe(1));
  });

  it('lets a chosen line be taken out again', async () => {
    renderModal();
    await screen.findByText(first!.productName);
    fireEvent.click(within(row(first!.productName)).getByRole('checkbox'));
    fireEvent.click(within(row(second!.productName)).getByRole('checkbox'));
    expect(await screen.findByText('已选 2 行')).toBeTruthy();
    fireEvent.click(within(screen.getByTestId(`dispute-line-${first!.orderLineId}`)).getByRole('button', { name: '移除' }));
    expect(await screen.findByText('已选 1 行')).toBeTruthy();
    expect(screen.queryByTestId(`dispute-line-${first!.orderLineId}`)).toBeNull();
  });
});
