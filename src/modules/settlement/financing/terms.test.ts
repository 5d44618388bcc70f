import { describe, expect, it } from 'vitest';
import { discountFee, feeDays, financingLimit } from './terms.ts';

describe('the financing rules', () => {
  it.each([
    // face, rate, days, fee
    [1_000_000n, 800, 30, 6_575n], // 1,000,000 × 8 % × 30 / 365 = 6,575.34
    [1_000_000n, 800, 365, 80_000n],
    [1n, 800, 1, 0n],
    [100_000n, 800, 45, 986n], // 986.30
    [100_000n, 0, 45, 0n],
    [182_500n, 800, 5, 200n], // exactly 200.00
  ])('fee on %s fen at %s bp for %s days is %s fen', (face, rate, days, fee) => {
    expect(discountFee(face, rate, days)).toBe(fee);
  });

  it.each([
    ['2026-12-05', '2027-01-04', 30],
    ['2026-12-05', '2026-12-05', 1],
    ['2026-12-05', '2026-12-01', 1],
  ])('from %s to %s is %i days', (a, b, n) => {
    expect(feeDays(a, b)).toBe(n);
  });

  it.each([
    [{ salesFen: 10_000_000n, rating: 100, linesReceived: 10, linesRejected: 0, linesBilled: 10, linesCredited: 0 }, 5_000_000n],
    [{ salesFen: 10_000_000n, rating: 80, linesReceived: 10, linesRejected: 1, linesBilled: 10, linesCredited: 2 }, 2_880_000n], // 10M × 0.5 × 0.8 × 0.9 × 0.8
    [{ salesFen: 10_000_000n, rating: null, linesReceived: 2, linesRejected: 0, linesBilled: 0, linesCredited: 0 }, 3_000_000n],
    [{ salesFen: 0n, rating: 100, linesReceived: 0, linesRejected: 0, linesBilled: 0, linesCredited: 0 }, 0n],
    [{ salesFen: 123_456n, rating: 100, linesReceived: 1, linesRejected: 0, linesBilled: 1, linesCredited: 0 }, 60_000n], // 61,728 down to whole hundreds of yuan
  ])('limit %o is %s fen', (inputs, limit) => {
    expect(financingLimit(inputs)).toBe(limit);
  });
});
