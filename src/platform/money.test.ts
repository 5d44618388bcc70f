import { describe, expect, it } from 'vitest';
import { fenToJson, saving, savingBp, vatOfGross, yuanText } from './money.ts';

describe('vatOfGross (13 % inside a VAT-inclusive price, half up)', () => {
  it.each([
    [11300n, 1300n],
    [113n, 13n],
    [100n, 12n], // 11.504… → 12
    [1n, 0n],
    [0n, 0n],
    [56_500n, 6_500n],
    [123_456n, 14_203n], // 14203.04… → 14203
    [4_350n, 500n], // 500.44… → 500
    [4_355n, 501n], // 501.01… → 501
  ])('%s fen → %s fen VAT', (gross, vat) => expect(vatOfGross(gross)).toBe(vat));

  it('rounds exactly half up', () => {
    // 113 × k + 56.5 has no integer form; check the boundary by rate 0 and rate 100 instead.
    expect(vatOfGross(3n, 100n)).toBe(2n); // 1.5 → 2
    expect(vatOfGross(5n, 0n)).toBe(0n);
  });
});

describe('fenToJson', () => {
  it('passes safe integers and refuses larger ones', () => {
    expect(fenToJson(123n)).toBe(123);
    expect(() => fenToJson(2n ** 60n)).toThrow(/exact range/);
  });
});

describe('saving', () => {
  it.each([
    [100_000n, 70_000n, 30_000n, 30],
    [100_000n, 66_667n, 33_333n, 33.3],
    [100_000n, 110_000n, -10_000n, -10],
    [0n, 5n, -5n, 0],
  ])('reference %s, price %s → %s fen, %s %%', (reference, price, savingFen, pct) => expect(saving(reference, price)).toEqual({ savingFen, savingPct: pct }));
});

describe('savingBp (basis points, half away from zero)', () => {
  it.each([
    [30_000n, 100_000n, 3000],
    [81_800n, 240_000n, 3408],
    [-10_000n, 100_000n, -1000],
    [1n, 20_000n, 1], // 0.5 bp → 1
    [-1n, 20_000n, -1], // a loss of the same size shows the same number
    [5n, 0n, 0],
  ])('saving %s of %s → %s bp', (savingFen, referenceFen, bp) => expect(savingBp(savingFen, referenceFen)).toBe(bp));
});

describe('savingBp at the edges of the bounds (clamped to −10,000 % … 100 %)', () => {
  it.each([
    [-99n, 1n, -990_000], // inside
    [-100n, 1n, -1_000_000], // exactly the floor
    [-101n, 1n, -1_000_000], // past it: clamped
    [-999_999n, 100n, -1_000_000], // −99,999,900 bp, clamped
    [-10_000_000n, 1n, -1_000_000],
    [100n, 100n, 10_000], // all of it saved
  ])('saving %s of %s → %s bp', (savingFen, referenceFen, bp) => expect(savingBp(savingFen, referenceFen)).toBe(bp));
});

describe('yuanText', () => {
  it.each([
    [0n, '0.00'],
    [5n, '0.05'],
    [100n, '1.00'],
    [123456n, '1,234.56'],
    [997433581n, '9,974,335.81'],
    [-150n, '-1.50'],
    [900719925474099312n, '9,007,199,254,740,993.12'],
  ])('%s fen reads %s', (fen, text) => {
    expect(yuanText(fen)).toBe(text);
  });
  it('leaves the thousands ungrouped when asked', () => {
    expect(yuanText(997433581n, false)).toBe('9974335.81');
    expect(yuanText(-158200n, false)).toBe('-1582.00');
  });
});
