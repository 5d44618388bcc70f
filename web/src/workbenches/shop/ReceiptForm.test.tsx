import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Order, ReceiptAnswer } from './api.ts';
import answerJson from './fixtures/receipt-answer.json';
import orderJson from './fixtures/order-delivered.json';
import problemJson from './fixtures/receipt-problem.json';
import { json, Providers, type Net } from './test-kit.tsx';

// The network's stand-in goes in before the API client is made (see test-kit.tsx).
const net: Net = await vi.hoisted(async () => (await import('./test-kit.tsx')).installNet());
const { ReceiptForm } = await import('./ReceiptForm.tsx');

const order = orderJson as Order;
const answer = answerJson as ReceiptAnswer;
const [bumper, wing, mirror] = order.lines;

type Sent = { lines: { orderLineId: string; result: string; reason?: string; photoUrls?: string[]; traceCodes?: string[] }[] };
let sent: Sent[] = [];

function renderForm() {
  render(
    <Providers>
      <ReceiptForm order={order} />
    </Providers>,
  );
}

const card = (lineNo: number) => screen.getByTestId(`receipt-line-${lineNo}`);
const scanner = (lineNo: number) => within(card(lineNo)).getByPlaceholderText('扫描或输入追溯码，回车确认') as HTMLInputElement;

function scan(lineNo: number, code: string) {
  const box = scanner(lineNo);
  fireEvent.change(box, { target: { value: code } });
  // A scanner presses and releases Enter after each code (antd reads one Enter per key press).
  fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
  fireEvent.keyUp(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

function reject(lineNo: number) {
  fireEvent.click(within(card(lineNo)).getByRole('radio', { name: '拒收' }));
}

beforeEach(() => {
  sent = [];
  net.handler = async (req) => {
    sent.push((await req.json()) as Sent);
    return json(answer);
  };
});

describe('ReceiptForm', () => {
  it('shows each delivered line, with a scanner for the certified ones only', () => {
    renderForm();
    expect(card(1).textContent).toContain('前保险杠皮');
    expect(within(card(1)).getByText('认证件')).toBeTruthy();
    expect(within(card(2)).getByText('品牌件')).toBeTruthy();
    expect(within(card(2)).queryByPlaceholderText('扫描或输入追溯码，回车确认')).toBeNull();
    expect(scanner(3)).toBeTruthy();
  });

  it('takes a scanner’s codes: Enter adds the code as a tag and clears the box; a repeat is said, not added', async () => {
    renderForm();
    // A scanner types the printed form; a person may type it in lower case or without dashes.
    scan(1, bumper!.traceCodes[0]!.toLowerCase().replaceAll('-', ''));
    expect(scanner(1).value).toBe('');
    const tags = within(card(1)).getByTestId('scanned-codes');
    expect(within(tags).getByText(bumper!.traceCodes[0]!)).toBeTruthy();
    expect(within(card(1)).getByTestId('scan-count').textContent).toBe('1 / 1');
    scan(1, bumper!.traceCodes[0]!);
    expect(within(card(1)).getByText(`${bumper!.traceCodes[0]} 已扫过`)).toBeTruthy();
    expect(within(card(1)).getByTestId('scan-count').textContent).toBe('1 / 1');
    // Enter in the scanner does not send the receipt.
    expect(sent).toEqual([]);
  });

  it('refuses to send a rejection without its reason, and sends it once the reason is chosen', async () => {
    renderForm();
    reject(2);
    fireEvent.click(screen.getByRole('button', { name: /确认签收/ }));
    expect(await within(card(2)).findByText('拒收须选择原因')).toBeTruthy();
    expect(sent).toEqual([]);

    fireEvent.mouseDown(within(card(2)).getByRole('combobox', { name: '拒收原因' }));
    fireEvent.click(await screen.findByText('运输破损'));
    const photos = within(card(2)).getByRole('combobox', { name: '照片链接' });
    fireEvent.change(photos, { target: { value: 'https://img.example.com/wing.jpg' } });
    fireEvent.keyDown(photos, { key: 'Enter', code: 'Enter', keyCode: 13 });
    scan(1, bumper!.traceCodes[0]!);
    scan(3, mirror!.traceCodes[0]!);
    fireEvent.click(screen.getByRole('button', { name: /确认签收/ }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.lines).toEqual([
      { orderLineId: bumper!.id, result: 'accepted', traceCodes: bumper!.traceCodes },
      { orderLineId: wing!.id, result: 'rejected', reason: 'damaged', photoUrls: ['https://img.example.com/wing.jpg'] },
      { orderLineId: mirror!.id, result: 'accepted', traceCodes: mirror!.traceCodes },
    ]);
  });

  it('shows the server’s problem on the code it names, on that line', async () => {
    net.handler = async (req) => {
      sent.push((await req.json()) as Sent);
      return json(problemJson, 400);
    };
    renderForm();
    scan(1, bumper!.traceCodes[0]!);
    scan(1, 'AP7K3-M9QXD-T2FWQ');
    fireEvent.click(screen.getByRole('button', { name: /确认签收/ }));
    expect(await within(card(1)).findByText('AP7K3-M9QXD-T2FWQ：追溯码中有字符输错了（校验位不符）')).toBeTruthy();
    // Placed on its line, it is not repeated above the button; the other lines are untouched.
    expect(screen.queryByTestId('receipt-problem')).toBeNull();
    expect(card(3).textContent).not.toContain('输错');
  });

  it('says plainly, in red, which scanned codes did not match and why', async () => {
    renderForm();
    scan(3, 'ZZ-LEGACY-0001');
    fireEvent.click(screen.getByRole('button', { name: /确认签收/ }));
    const mismatches = await screen.findByTestId('mismatches');
    expect(mismatches.textContent).toContain('1 个追溯码与发货记录不符');
    const item = within(mismatches).getByText('ZZ-LEGACY-0001').closest('li')!;
    expect(item.textContent).toContain('左后视镜总成');
    expect(item.textContent).toContain('查无此追溯码，可能是假冒或未登记的配件');
    expect(item.style.color).toBe('rgb(207, 19, 34)');
    expect(screen.getByTestId('receipt-result').textContent).toContain('已为 1 行拒收配件发起退货');
  });
});
