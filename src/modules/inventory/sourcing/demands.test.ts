import { describe, expect, it } from 'vitest';
import { planFills } from './demands.ts';

// Demand ids are UUIDv7, so they sort by age: d1 is the oldest backorder. Lot ids likewise.
const d = (id: string, qty: number, product = 'p') => ({ id, order_line_id: `line-${id}`, product_id: product, qty });
const q = (lot: string, available: number, product = 'p') => ({ product_id: product, location_id: 'loc', lot_id: lot, owner_org_id: 'op', available });

describe('planFills: which backorders the goods that arrived serve', () => {
  const cases: { name: string; demands: ReturnType<typeof d>[]; quants: ReturnType<typeof q>[]; filled: [string, [string, number][]][] }[] = [
    { name: 'the oldest first', demands: [d('d2', 1), d('d1', 1)], quants: [q('l1', 1)], filled: [['d1', [['l1', 1]]]] },
    { name: 'each line whole or not at all, the rest waits', demands: [d('d1', 2), d('d2', 2), d('d3', 2)], quants: [q('l1', 3)], filled: [['d1', [['l1', 2]]]] },
    { name: 'a younger, smaller line is served when an older one needs more', demands: [d('d1', 3), d('d2', 1)], quants: [q('l1', 2)], filled: [['d2', [['l1', 1]]]] },
    {
      name: 'the oldest lot first, across lots',
      demands: [d('d1', 3)],
      quants: [q('l2', 5), q('l1', 2)],
      filled: [
        [
          'd1',
          [
            ['l1', 2],
            ['l2', 1],
          ],
        ],
      ],
    },
    { name: 'each product its own goods', demands: [d('d1', 1, 'a'), d('d2', 1, 'b')], quants: [q('l1', 1, 'b')], filled: [['d2', [['l1', 1]]]] },
    { name: 'nothing arrived, nothing filled', demands: [d('d1', 1)], quants: [], filled: [] },
    {
      name: 'enough for all',
      demands: [d('d1', 1), d('d2', 2)],
      quants: [q('l1', 3)],
      filled: [
        ['d1', [['l1', 1]]],
        ['d2', [['l1', 2]]],
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const planned = planFills(c.demands, c.quants);
      expect(planned.map((p) => [p.demand.id, p.allocations.map((a) => [a.lot_id, a.qty])])).toEqual(c.filled);
    });
  }

  it('never hands out more than arrived', () => {
    const planned = planFills([d('d1', 2), d('d2', 2), d('d3', 1)], [q('l1', 2), q('l2', 2)]);
    const given = planned.flatMap((p) => p.allocations).reduce((n, a) => n + a.qty, 0);
    expect(given).toBe(4);
    expect(planned.map((p) => p.demand.id)).toEqual(['d1', 'd2']);
  });
});
