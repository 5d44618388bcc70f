import { describe, expect, it } from 'vitest';
import { pickLots, type PickLine, type SourceQuant } from './pick-lots.ts';

const OP = 'op';
const P = 'product-1';
// Lot ids sort as their age: lot-1 is older than lot-2.
const q = (lotId: string, ownerOrgId: string, available: number, productId = P): SourceQuant => ({ productId, lotId, lotNo: lotId.toUpperCase(), ownerOrgId, available });

describe('pickLots', () => {
  const cases: [string, PickLine[], SourceQuant[], unknown][] = [
    [
      'takes the oldest lot first',
      [{ productId: P, qty: 4 }],
      [q('lot-2', OP, 5), q('lot-1', OP, 3)],
      {
        ok: true,
        lines: [
          [
            { productId: P, lotId: 'lot-1', ownerOrgId: OP, qty: 3 },
            { productId: P, lotId: 'lot-2', ownerOrgId: OP, qty: 1 },
          ],
        ],
      },
    ],
    [
      'within a lot, the operator’s own goods before consignment',
      [{ productId: P, qty: 3 }],
      [q('lot-1', 'a-supplier', 5), q('lot-1', OP, 2)],
      {
        ok: true,
        lines: [
          [
            { productId: P, lotId: 'lot-1', ownerOrgId: OP, qty: 2 },
            { productId: P, lotId: 'lot-1', ownerOrgId: 'a-supplier', qty: 1 },
          ],
        ],
      },
    ],
    ['keeps to a named lot', [{ productId: P, lotNo: 'LOT-2', qty: 2 }], [q('lot-1', OP, 5), q('lot-2', OP, 2)], { ok: true, lines: [[{ productId: P, lotId: 'lot-2', ownerOrgId: OP, qty: 2 }]] }],
    [
      'never counts a unit twice across lines',
      [
        { productId: P, qty: 2 },
        { productId: P, qty: 2 },
      ],
      [q('lot-1', OP, 3)],
      { ok: false, short: [{ index: 1, productId: P, lotNo: null, requested: 2, available: 1 }] },
    ],
    [
      'reports every short line',
      [
        { productId: 'other', qty: 1 },
        { productId: P, lotNo: 'LOT-9', qty: 1 },
      ],
      [q('lot-1', OP, 3)],
      {
        ok: false,
        short: [
          { index: 0, productId: 'other', lotNo: null, requested: 1, available: 0 },
          { index: 1, productId: P, lotNo: 'LOT-9', requested: 1, available: 0 },
        ],
      },
    ],
  ];
  it.each(cases)('%s', (_, lines, quants, expected) => {
    expect(pickLots(lines, quants, OP)).toEqual(expected);
  });
});
