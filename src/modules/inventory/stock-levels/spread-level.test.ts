import { describe, expect, it } from 'vitest';
import { spreadLot, spreadTotal, type LotLevel, type SpreadResult } from './spread-level.ts';

const lot = (key: string, onHand: number, reserved = 0, extra: Partial<LotLevel> = {}): LotLevel => ({ key, onHand, reserved, coded: false, recalled: false, ...extra });
const DEFAULT = 'default';
const fresh = lot(DEFAULT, 0);

describe('spreadTotal', () => {
  const cases: [string, LotLevel[], LotLevel, number, SpreadResult][] = [
    ['nothing when the total agrees', [lot('a', 3), lot('b', 2)], fresh, 5, { ok: true, changes: [] }],
    ['a first level goes into a new default lot', [], fresh, 7, { ok: true, changes: [{ key: DEFAULT, from: 0, to: 7 }] }],
    ['a rise goes into the default lot, beside received lots', [lot('a', 3), lot(DEFAULT, 2)], lot(DEFAULT, 2), 9, { ok: true, changes: [{ key: DEFAULT, from: 2, to: 6 }] }],
    ['a fall takes the default lot first', [lot('a', 3), lot(DEFAULT, 2)], lot(DEFAULT, 2), 4, { ok: true, changes: [{ key: DEFAULT, from: 2, to: 1 }] }],
    [
      'then the other lots, oldest first',
      [lot('b', 4), lot('a', 3), lot(DEFAULT, 1)],
      lot(DEFAULT, 1),
      2,
      {
        ok: true,
        changes: [
          { key: DEFAULT, from: 1, to: 0 },
          { key: 'a', from: 3, to: 0 },
          { key: 'b', from: 4, to: 2 },
        ],
      },
    ],
    ['never reserved units', [lot('a', 3, 3), lot('b', 4, 1)], fresh, 5, { ok: true, changes: [{ key: 'b', from: 4, to: 2 }] }],
    ['down to exactly what is reserved', [lot('a', 3, 2)], fresh, 2, { ok: true, changes: [{ key: 'a', from: 3, to: 2 }] }],
    ['refused below what is reserved', [lot('a', 3, 2), lot('b', 4, 1)], fresh, 2, { ok: false, reason: 'below_reserved' }],
    ['coded lots are passed over', [lot('a', 3, 0, { coded: true }), lot('b', 4)], fresh, 5, { ok: true, changes: [{ key: 'b', from: 4, to: 2 }] }],
    ['refused when only coded units could leave', [lot('a', 3, 0, { coded: true }), lot('b', 1)], fresh, 2, { ok: false, reason: 'coded_lot' }],
    ['refused: a rise into a recalled default lot', [lot(DEFAULT, 2, 0, { recalled: true })], lot(DEFAULT, 2, 0, { recalled: true }), 3, { ok: false, reason: 'recalled_lot' }],
    ['a fall may still empty a recalled lot', [lot(DEFAULT, 2, 0, { recalled: true })], lot(DEFAULT, 2, 0, { recalled: true }), 0, { ok: true, changes: [{ key: DEFAULT, from: 2, to: 0 }] }],
  ];
  it.each(cases)('%s', (_, lots, defaultLot, target, expected) => {
    expect(spreadTotal(lots, defaultLot, target)).toEqual(expected);
  });
});

describe('spreadLot', () => {
  const cases: [string, LotLevel, number, SpreadResult][] = [
    ['nothing when the level agrees', lot('a', 3), 3, { ok: true, changes: [] }],
    ['a rise', lot('a', 3), 8, { ok: true, changes: [{ key: 'a', from: 3, to: 8 }] }],
    ['a rise in a coded lot (the new units get codes)', lot('a', 3, 0, { coded: true }), 8, { ok: true, changes: [{ key: 'a', from: 3, to: 8 }] }],
    ['a fall to what is reserved', lot('a', 3, 1), 1, { ok: true, changes: [{ key: 'a', from: 3, to: 1 }] }],
    ['refused below what is reserved', lot('a', 3, 2), 1, { ok: false, reason: 'below_reserved' }],
    ['refused: a fall of a coded lot', lot('a', 3, 0, { coded: true }), 1, { ok: false, reason: 'coded_lot' }],
    ['refused: a rise in a recalled lot', lot('a', 3, 0, { recalled: true }), 4, { ok: false, reason: 'recalled_lot' }],
  ];
  it.each(cases)('%s', (_, l, target, expected) => {
    expect(spreadLot(l, target)).toEqual(expected);
  });
});
