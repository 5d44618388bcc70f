import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BalanceChart, barLength } from './BalanceChart.tsx';
import tb from './fixtures/trial-balance.json';

describe('barLength', () => {
  it.each([
    [0, 1000, 'linear', 0],
    [500, 1000, 'linear', 50],
    [1000, 1000, 'linear', 100],
    [1, 1_000_000, 'linear', 2],
    [100_000, 100_000, 'log', 100],
    [0, 100_000, 'log', 0],
  ] as const)('%d of %d fen on a %s scale of 100 px → %d px', (fen, max, scale, px) => expect(barLength(fen, max, scale, 100)).toBeCloseTo(px, 5));

  it('shows ¥1,500 beside ¥28 million on the log scale, where linear leaves a sliver', () => {
    const max = 2_854_050_998;
    expect(barLength(157_000, max, 'linear', 600)).toBe(2);
    expect(barLength(157_000, max, 'log', 600)).toBeGreaterThan(200);
  });
});

describe('BalanceChart', () => {
  it('draws a row per account code with its debits and credits in yuan', () => {
    const rows = tb.accountCodes.filter((c) => c.debitsPostedFen + c.creditsPostedFen > 0).map((c) => ({ key: c.code, label: c.codeName, debitFen: c.debitsPostedFen, creditFen: c.creditsPostedFen }));
    render(<BalanceChart rows={rows} scale="log" labels={{ debit: '借方', credit: '贷方' }} />);
    const chart = screen.getByTestId('balance-chart');
    expect(chart.querySelectorAll('g[data-code]')).toHaveLength(rows.length);
    const receivable = chart.querySelector('g[data-code="insurer_receivable"]')!;
    expect(receivable.textContent).toContain('应收保险公司款');
    expect(receivable.textContent).toContain('¥1,570.00');
    expect(receivable.textContent).toContain('¥1,575.00');
  });
});
