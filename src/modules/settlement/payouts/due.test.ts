import { describe, expect, it } from 'vitest';
import { dueThrough, isPayDay } from './due.ts';

describe('payout terms', () => {
  it.each([
    ['2026-12-07', 'daily', true],
    ['2026-12-07', 'weekly', true], // a Monday
    ['2026-12-08', 'weekly', false],
    ['2026-12-01', 'monthly', true],
    ['2026-12-02', 'monthly', false],
    ['2027-01-01', 'monthly', true],
  ] as const)('%s is a pay day on a %s cycle: %s', (day, cycle, expected) => {
    expect(isPayDay(day, cycle)).toBe(expected);
  });

  it.each([
    ['2026-12-31', 30, '2026-12-01'],
    ['2026-03-01', 1, '2026-02-28'],
    ['2028-03-01', 1, '2028-02-29'],
    ['2026-12-05', 0, '2026-12-05'],
  ] as const)('on %s with T+%i, what was posted through %s is due', (run, days, through) => {
    expect(dueThrough(run, days)).toBe(through);
  });
});
