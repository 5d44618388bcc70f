import { describe, expect, it } from 'vitest';
import { historyClaims, historyMonths } from './history-plan.ts';

describe('the demo history’s months', () => {
  it.each([
    // China time: 2026-12-05T23:00Z is already 6 December there.
    ['2026-12-05T23:00:00Z', ['2026-09', '2026-10', '2026-11']],
    ['2026-11-30T15:59:59Z', ['2026-09', '2026-10']],
    ['2026-11-30T16:00:00Z', ['2026-09', '2026-10', '2026-11']],
    ['2026-10-01T00:00:00Z', ['2026-09']],
    ['2026-09-20T00:00:00Z', []],
    ['2027-02-10T00:00:00Z', ['2026-11', '2026-12', '2027-01']],
  ])('on %s: %j', (now, months) => {
    expect(historyMonths(new Date(now))).toEqual(months);
  });
});

describe('the demo history’s claims', () => {
  const claims = historyClaims(['2026-09', '2026-10', '2026-11']);

  it('are four a month, numbered apart from each other and from today’s demo claims', () => {
    expect(claims).toHaveLength(12);
    expect(new Set(claims.map((c) => c.claimNo)).size).toBe(12);
    expect(claims.every((c) => /^(RDAA|APIC)2026\d{6}\d{6}$/.test(c.claimNo) && !c.claimNo.endsWith('000101'))).toBe(true);
    expect(claims.every((c) => c.model >= 8 && c.until === 'received')).toBe(true);
    expect(claims.filter((c) => (c.rejectLines ?? 0) > 0)).toHaveLength(1);
  });

  it('are filed on days of their own month, with no 浙A plate (the claims journey searches it and expects none)', () => {
    expect(claims.every((c) => c.filedOn.slice(0, 7) === c.claimNo.slice(4, 8) + c.filedOn.slice(4, 7) && !c.plate.startsWith('浙A'))).toBe(true);
  });
});
