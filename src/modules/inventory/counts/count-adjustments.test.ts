import { describe, expect, it } from 'vitest';
import { countAdjustments } from './count-adjustments.ts';

const OP = 'op';
const quant = (ownerOrgId: string, onHand: number, reserved = 0) => ({ ownerOrgId, onHand, reserved });

describe('countAdjustments', () => {
  const cases: [string, ReturnType<typeof quant>[], number, { ownerOrgId: string; delta: number }[]][] = [
    ['nothing when the count agrees', [quant(OP, 4), quant('s', 2)], 6, []],
    ['a surplus is the operator’s, even where only consignment was', [quant('s', 2)], 5, [{ ownerOrgId: OP, delta: 3 }]],
    ['a surplus of a lot never seen here', [], 2, [{ ownerOrgId: OP, delta: 2 }]],
    [
      'a loss falls on the operator’s own goods first',
      [quant('s', 4), quant(OP, 3)],
      2,
      [
        { ownerOrgId: OP, delta: -3 },
        { ownerOrgId: 's', delta: -2 },
      ],
    ],
    [
      'then on consignment by owner id',
      [quant('t', 2), quant('s', 2)],
      1,
      [
        { ownerOrgId: 's', delta: -2 },
        { ownerOrgId: 't', delta: -1 },
      ],
    ],
    ['never on reserved units', [quant(OP, 3, 3), quant('s', 2)], 3, [{ ownerOrgId: 's', delta: -2 }]],
  ];
  it.each(cases)('%s', (_, quants, counted, expected) => {
    expect(countAdjustments(quants, counted, OP)).toEqual(expected);
  });

  it('refuses a loss that would take reserved units (the caller checks first)', () => {
    expect(() => countAdjustments([quant(OP, 3, 2)], 1, OP)).toThrow(/reserved/);
  });
});
