import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Statement, StatementLine } from './api.ts';
import linesJson from './fixtures/lines.json';
import confirmedJson from './fixtures/statement-confirmed.json';
import disputedJson from './fixtures/statement-disputed.json';
import tooMuchJson from './fixtures/resolve-too-much.json';
import { json, type Net, Providers } from '../shop/test-kit.tsx';

// The network's stand-in goes in before the API client is made (see shop/test-kit.tsx).
const net: Net = await vi.hoisted(async () => (await import('../shop/test-kit.tsx')).installNet());
const { ResolveForm, resolveBody } = await import('./ResolveForm.tsx');

const s = disputedJson as Statement;
const lines = new Map((linesJson.items as StatementLine[]).map((l) => [l.orderLineId, l]));
const disputed = s.dispute!.lines[0]!;
const line = lines.get(disputed.orderLineId)!;
let sent: unknown[] = [];

function renderForm() {
  render(
    <Providers>
      <ResolveForm s={s} lines={lines} loading={false} />
    </Providers>,
  );
}

const amountBox = () => screen.getByTestId(`credit-${disputed.orderLineId}`) as HTMLInputElement;
const submit = () => fireEvent.click(screen.getByRole('button', { name: /提交处理结果/ }));

beforeEach(() => {
  sent = [];
  net.handler = async (req) => {
    sent.push(await req.json());
    return json(confirmedJson);
  };
});

describe('resolveBody', () => {
  it('sends every disputed line in the dispute’s order, credits in fen', () => {
    expect(resolveBody(s.dispute!.lines, { [disputed.orderLineId]: { kind: 'credit', amount: '10', note: ' 按市场价调减 ' } })).toEqual({
      lines: [{ orderLineId: disputed.orderLineId, resolution: 'credit', creditFen: 1000, note: '按市场价调减' }],
    });
    expect(resolveBody(s.dispute!.lines, { [disputed.orderLineId]: { kind: 'confirm', amount: '10' } })).toEqual({ lines: [{ orderLineId: disputed.orderLineId, resolution: 'confirm' }] });
  });
});

describe('ResolveForm', () => {
  it('shows the disputed line with its part, amount and the payer’s reason', () => {
    renderForm();
    expect(screen.getByText(line.productName)).toBeTruthy();
    expect(screen.getByText('价格高于当地市场价')).toBeTruthy();
    expect(screen.getByText('¥693.00')).toBeTruthy();
    // The amount is only asked for once the line is credited.
    expect(amountBox().disabled).toBe(true);
  });

  it('asks how each line ends before sending anything', async () => {
    renderForm();
    submit();
    expect(await screen.findByText('请选择处理方式')).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('refuses a credit beyond the line’s parts with VAT, in yuan, and sends one within it', async () => {
    renderForm();
    fireEvent.click(screen.getByText('调减'));
    await waitFor(() => expect(amountBox().disabled).toBe(false));
    fireEvent.change(amountBox(), { target: { value: '693.01' } });
    submit();
    expect(await screen.findByText('不能超过该行配件价税合计 ¥693.00')).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.change(amountBox(), { target: { value: '10' } });
    fireEvent.change(screen.getByPlaceholderText('选填'), { target: { value: '按市场价调减' } });
    submit();
    await waitFor(() => expect(sent).toEqual([{ lines: [{ orderLineId: disputed.orderLineId, resolution: 'credit', creditFen: 1000, note: '按市场价调减' }] }]));
  });

  it('puts the server’s refusal on the line’s amount, its bound in yuan', async () => {
    net.handler = () => json(tooMuchJson, 400);
    renderForm();
    fireEvent.click(screen.getByText('调减'));
    await waitFor(() => expect(amountBox().disabled).toBe(false));
    fireEvent.change(amountBox(), { target: { value: '600' } });
    submit();
    const row = screen.getByTestId(`credit-${disputed.orderLineId}`).closest('td')!;
    expect(await within(row).findByText('不能大于 ¥693.00')).toBeTruthy();
  });
});
