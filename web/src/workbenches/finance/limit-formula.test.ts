import { describe, expect, it } from 'vitest';
import type { FinancingLimit } from './api.ts';
import { limitFactors, permilleText } from './limit-formula.ts';

const formula = { shareBp: 5000, unratedAs: 60, windowDays: 90, annualRateBp: 800 };
const base: FinancingLimit = {
  limitFen: 0,
  outstandingFen: 0,
  availableFen: 0,
  salesFen: 1_000_000,
  rating: 80,
  linesReceived: 50,
  linesRejected: 2,
  linesBilled: 40,
  linesCredited: 1,
  formula,
};

describe('limitFactors', () => {
  it('spells out the stated formula with the supplier’s figures', () => {
    const f = limitFactors(base);
    // ¥10,000 × 50 % × 0.8 × 48/50 × 39/40 = ¥3,744.00, rounded down to ¥3,700.
    expect(f).toMatchObject({ sharePct: 50, rating: 80, rated: true, rawFen: 374_400, limitFen: 370_000 });
    expect(f.returns).toEqual({ bad: 2, all: 50, permille: 40 });
    expect(f.disputes).toEqual({ bad: 1, all: 40, permille: 25 });
  });

  it('takes an unrated supplier at the stated rating, and no history as no returns or disputes', () => {
    const f = limitFactors({ ...base, rating: null, linesReceived: 0, linesRejected: 0, linesBilled: 0, linesCredited: 0 });
    expect(f).toMatchObject({ rating: 60, rated: false, rawFen: 300_000, limitFen: 300_000 });
    expect(f.returns.permille).toBe(0);
  });

  it('is nought without sales', () => expect(limitFactors({ ...base, salesFen: 0 }).limitFen).toBe(0));
});

describe('permilleText', () => {
  it.each([
    [0, '0%'],
    [25, '2.5%'],
    [40, '4%'],
    [1000, '100%'],
    [333, '33.3%'],
  ])('%d‰ → %s', (p, text) => expect(permilleText(p)).toBe(text));
});
