import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Quote } from './api.ts';
import quoteJson from './fixtures/quote.json';
import { QuoteFacts, QuoteTable } from './QuoteTable.tsx';
import { Providers } from './test-kit.tsx';

const quote = quoteJson as Quote;

function renderTable(q: Quote = quote) {
  render(
    <Providers>
      <QuoteTable quote={q} />
    </Providers>,
  );
  return screen.getByTestId('quote-table');
}

const row = (table: HTMLElement, lineNo: number) => table.querySelector(`tr[data-row-key="${quote.lines[lineNo - 1]!.id}"]`) as HTMLElement;

describe('QuoteTable', () => {
  it('shows each line’s chosen offer with its grade, where it ships from and when, in Chinese', () => {
    const table = renderTable();
    const headlamp = row(table, 1);
    expect(headlamp.textContent).toContain('左前大灯总成');
    expect(headlamp.textContent).toContain('5GM 941 005 B');
    expect(within(headlamp).getByText('认证件')).toBeTruthy();
    expect(within(headlamp).getByText('常州安信认证配件有限公司')).toBeTruthy();
    expect(within(headlamp).getByText('现货')).toBeTruthy();
    expect(headlamp.textContent).toContain('华东中心仓（杭州）');
    expect(headlamp.textContent).toContain('预计 1 天');
    expect(within(headlamp).getByText('自动核价通过')).toBeTruthy();
    // The line costs ¥2,207.00 against an OE reference of ¥3,571.00.
    expect(headlamp.textContent).toContain('¥2,207.00');
    expect(headlamp.textContent).toContain('¥3,571.00');
    expect(headlamp.textContent).toContain('¥1,364.00');

    const tailLamp = row(table, 2);
    expect(within(tailLamp).getByText('品牌件')).toBeTruthy();
    // Lines no offer could serve went out as inquiries and wait for a price checker.
    const shock = row(table, 3);
    expect(within(shock).getByText('已发起询价')).toBeTruthy();
    expect(within(shock).getByText('待核价')).toBeTruthy();
    expect(table.textContent).toContain('左前叶子板（钣金修复） · 仅维修');
  });

  it('opens a line to its runners-up and its excluded offers, with the reasons in Chinese', async () => {
    const table = renderTable();
    const expanders = within(table).getAllByLabelText('展开行');
    fireEvent.click(expanders[0]!);
    const headlamp = await screen.findByTestId('quote-line-detail-1');
    expect(headlamp.textContent).toContain('允许等级中最便宜的认证件');
    expect(headlamp.textContent).toContain('备选报价（2）');
    expect(within(headlamp).getByText('备选第 2 名')).toBeTruthy();
    expect(within(headlamp).getByText('备选第 3 名')).toBeTruthy();
    expect(within(headlamp).getByText('原厂件')).toBeTruthy();

    fireEvent.click(expanders[2]!);
    const shock = await screen.findByTestId('quote-line-detail-3');
    expect(shock.textContent).toContain('排除的报价（2）');
    expect(within(shock).getAllByText('排除：预计 7 天送达，政策上限 4 天')).toHaveLength(2);
    expect(within(shock).getByText('排除：车龄 4 年的车辆不允许使用适用件')).toBeTruthy();
    expect(within(shock).getByText('适用件')).toBeTruthy();
  });

  it('totals the quote in ¥ with the VAT, the OE reference and the saving', () => {
    renderTable();
    expect(screen.getByTestId('total-quoted').textContent).toBe('¥3,094.00');
    expect(screen.getByTestId('total-reference').textContent).toBe('¥4,691.00');
    expect(screen.getByTestId('total-saving').textContent).toContain('¥1,597.00');
    expect(screen.getByTestId('total-saving').textContent).toContain('34.0%');
    const totals = screen.getByTestId('quote-totals');
    expect(totals.textContent).toContain('其中税额');
    expect(totals.textContent).toContain('¥355.94');
    expect(totals.textContent).toContain('待核价 2 项');
    expect(totals.textContent).toContain('询价中 2 项');
  });

  it('names the delivery region as the server names it, not by its code', () => {
    render(
      <Providers>
        <QuoteFacts quote={quote} />
      </Providers>,
    );
    expect(screen.getByTestId('delivery-region').textContent).toBe('上海市 浦东新区');
  });

  it('leaves no code or English word on the screen', async () => {
    const table = renderTable();
    for (const expander of within(table).getAllByLabelText('展开行')) fireEvent.click(expander);
    await waitFor(() => expect(screen.getAllByTestId(/quote-line-detail-/).length).toBeGreaterThan(1));
    // OE numbers are upper case; codes (stock, certified, auto_approved…) and English are not.
    expect(document.body.textContent).not.toMatch(/[a-z]{3,}/);
  });
});
