import { describe, expect, it } from 'vitest';
import { discountFeeFen, feeDays, isOverdue, quoteAdvance } from './financing-quote.ts';

describe('feeDays', () => {
  it.each([
    ['2026-12-06', '2027-01-05', 30],
    ['2026-02-01', '2026-03-01', 28],
    ['2028-02-01', '2028-03-01', 29],
    ['2026-12-06', '2026-12-06', 1],
    ['2026-12-06', '2026-12-01', 1],
  ])('%s → %s is %d days', (from, to, days) => expect(feeDays(from, to)).toBe(days));
});

describe('discountFeeFen', () => {
  it.each([
    // 8 % a year for 30 days on ¥1,000.00: 657.53… fen → 658.
    [100_000, 800, 30, 658],
    // Exactly half a fen rounds up: 365 fen × 1 % × 50 days ÷ 365 = 0.5.
    [365, 100, 50, 1],
    // Just under half rounds down.
    [364, 100, 50, 0],
    [0, 800, 30, 0],
    // Large faces stay exact (no float): ¥90,000,000.00 for 365 days at 8 %.
    [9_000_000_000, 800, 365, 720_000_000],
  ])('%d fen at %d bp for %d days → %d fen', (face, bp, days, fee) => expect(discountFeeFen(face, bp, days)).toBe(fee));

  it('agrees with the server’s formula in test/financing.test.ts', () => {
    for (const face of [1, 99, 12_345, 678_901, 23_456_789]) expect(discountFeeFen(face, 800, 30)).toBe(Number((BigInt(face) * 800n * 30n * 2n + 3_650_000n) / 7_300_000n));
  });
});

describe('quoteAdvance', () => {
  it('sums the faces and runs the fee to the latest expected payment day', () => {
    const q = quoteAdvance(
      [
        { faceFen: 60_000, expectedPayDate: '2027-01-05' },
        { faceFen: 40_000, expectedPayDate: '2026-12-20' },
      ],
      '2026-12-06',
      800,
    );
    expect(q).toEqual({ faceFen: 100_000, feeFen: 658, advanceFen: 99_342, days: 30, payDay: '2027-01-05' });
  });

  it('has nothing to say about no lines', () => expect(quoteAdvance([], '2026-12-06', 800)).toBeUndefined());
});

describe('isOverdue', () => {
  it.each([
    ['overdue', '2027-01-05', true],
    ['funded', '2026-12-05', true],
    ['funded', '2026-12-06', false],
    ['funded', '2027-01-05', false],
    ['approved', '2026-12-01', false],
    ['repaid', '2026-12-01', false],
  ])('%s, expected %s, on 2026-12-06 → %s', (status, day, late) => expect(isOverdue({ status, expectedPayDate: day }, '2026-12-06')).toBe(late));
});
