import { describe, expect, it } from 'vitest';
import { NATIONWIDE, normaliseRegionCodes, regionKey } from './region-key.ts';

describe('regionKey', () => {
  const cases: [string, string[], string][] = [
    ['empty list is nationwide', [], NATIONWIDE],
    ['one province', ['320000'], '320000'],
    ['sorted whatever the input order', ['440100', '320400', '110000'], '110000|320400|440100'],
    ['duplicates collapse', ['320400', '320400', '110000'], '110000|320400'],
  ];
  it.each(cases)('%s', (_name, codes, expected) => {
    expect(regionKey(codes)).toBe(expected);
  });

  it('gives the same key for the same set in any order', () => {
    expect(regionKey(['110000', '310000'])).toBe(regionKey(['310000', '110000', '310000']));
  });
});

describe('normaliseRegionCodes', () => {
  it.each([
    [[], []],
    [
      ['440100', '110000', '440100'],
      ['110000', '440100'],
    ],
  ])('%j → %j', (codes, expected) => {
    expect(normaliseRegionCodes(codes)).toEqual(expected);
  });
});
