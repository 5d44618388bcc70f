import { describe, expect, it } from 'vitest';
import { decodeModelYear, isModelYearCode } from './model-year.ts';

describe('decodeModelYear outside North America (latest year not after next year)', () => {
  it.each([
    ['A', 2026, 2010],
    ['R', 2026, 2024],
    ['S', 2026, 2025],
    ['T', 2026, 2026],
    ['V', 2026, 2027],
    ['W', 2026, 1998],
    ['Y', 2026, 2000],
    ['1', 2026, 2001],
    ['9', 2026, 2009],
    ['9', 2038, 2039],
    ['A', 2039, 2040],
    ['Y', 2029, 2030],
    ['K', 1989, 1989],
  ])('reads %s as %i when the current year is %i', (code, currentYear, year) => {
    expect(decodeModelYear(code, { wmiRegion: 'china', currentYear })).toBe(year);
  });

  it('treats an unknown region the same way', () => {
    expect(decodeModelYear('R', { currentYear: 2026 })).toBe(2024);
  });

  it('returns null when even the first cycle is after next year', () => {
    expect(decodeModelYear('Y', { wmiRegion: 'europe', currentYear: 1990 })).toBeNull();
  });

  it('defaults to the current year', () => {
    const year = decodeModelYear('A', { wmiRegion: 'asia' });
    expect([2010, 2040, 2070]).toContain(year);
  });
});

describe('decodeModelYear in North America (49 CFR 565 position 7 rule)', () => {
  it.each([
    ['A', '5', 1980],
    ['A', 'B', 2010],
    ['K', '9', 1989],
    ['K', 'D', 2019],
    ['Y', '0', 2000],
    ['Y', 'Z', 2030],
    ['9', '1', 2009],
    ['9', 'X', 2039],
  ])('reads %s with position 7 %s as %i', (code, position7, year) => {
    // The current year is set where the fallback rule would give a different answer for most rows.
    expect(decodeModelYear(code, { wmiRegion: 'north_america', position7, currentYear: 2026 })).toBe(year);
  });

  it('falls back to the latest-year rule without position 7', () => {
    expect(decodeModelYear('K', { wmiRegion: 'north_america', currentYear: 2026 })).toBe(2019);
  });

  it('ignores position 7 outside North America', () => {
    expect(decodeModelYear('K', { wmiRegion: 'china', position7: '9', currentYear: 2026 })).toBe(2019);
  });
});

describe('invalid year codes', () => {
  it.each(['0', 'U', 'Z', 'I', 'O', 'Q', '', 'AB', 'a', '*'])('rejects %j', (code) => {
    expect(isModelYearCode(code)).toBe(false);
    expect(decodeModelYear(code, { currentYear: 2026 })).toBeNull();
    expect(decodeModelYear(code, { wmiRegion: 'north_america', position7: 'A', currentYear: 2026 })).toBeNull();
  });

  it('accepts all 30 codes', () => {
    const codes = 'ABCDEFGHJKLMNPRSTVWXY123456789'.split('');
    const years = codes.map((code) => decodeModelYear(code, { wmiRegion: 'north_america', position7: '1' }));
    expect(years).toEqual(Array.from({ length: 30 }, (_, index) => 1980 + index));
  });
});
