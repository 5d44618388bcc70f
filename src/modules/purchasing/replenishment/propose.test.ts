import { describe, expect, it } from 'vitest';
import { MAX_STOCK_LINE_QTY } from '../../../platform/bounds.ts';
import { proposeReplenishment, type ReplenishItem, type ReplenishOffer } from './propose.ts';

const offerOf = (supplierOrgId: string, unitFen: bigint, leadTimeDays = 0, minQty = 1): ReplenishOffer => ({
  offerId: `offer-${supplierOrgId}-${unitFen}`,
  supplierOrgId,
  unitFen,
  minQty,
  leadTimeDays,
});
const item = (over: Partial<ReplenishItem>): ReplenishItem => ({
  productId: 'p1',
  sku: 'SKU-1',
  minQty: 2,
  maxQty: 10,
  available: 0,
  incoming: 0,
  drafts: 0,
  backorders: 0,
  outflow: 0,
  offer: offerOf('s1', 1000n),
  ...over,
});

describe('proposeReplenishment', () => {
  // [what, item, expected position, expected lead demand, expected qty, expected why]
  const cases: [string, Partial<ReplenishItem>, number, number, number, string][] = [
    ['above the minimum: nothing', { available: 3 }, 3, 0, 0, 'above_min'],
    ['at the minimum (the reorder point): up to the maximum', { available: 2 }, 2, 0, 8, 'below_min'],
    ['empty: the maximum', {}, 0, 0, 10, 'below_min'],
    ['incoming counts', { available: 1, incoming: 5 }, 6, 0, 0, 'above_min'],
    ['drafts count, so a second run raises nothing more', { drafts: 10 }, 10, 0, 0, 'above_min'],
    ['backorders take from what is there and coming', { available: 4, incoming: 2, backorders: 5 }, 1, 0, 9, 'below_min'],
    ['more backorders than anything: the maximum plus the shortfall', { backorders: 7 }, -7, 0, 17, 'below_min'],
    ['lead-time demand from the last 30 days: 30 out, 5 days → 5', { available: 6, outflow: 30, offer: offerOf('s1', 1000n, 5) }, 1, 5, 9, 'below_min'],
    ['lead-time demand rounds up', { available: 6, outflow: 1, offer: offerOf('s1', 1000n, 1) }, 5, 1, 0, 'above_min'],
    ['the offer’s minimum order', { available: 2, maxQty: 4, offer: offerOf('s1', 1000n, 0, 6) }, 2, 0, 6, 'below_min'],
    ['no offer: said, nothing bought', { offer: null }, 0, 0, 0, 'no_offer'],
    ['no offer above the minimum: simply above', { available: 5, offer: null }, 5, 0, 0, 'above_min'],
    ['at most one purchase order line', { backorders: 20_000, maxQty: 9_999 }, -20_000, 0, MAX_STOCK_LINE_QTY, 'below_min'],
  ];
  for (const [what, over, position, leadDemand, qty, why] of cases) {
    it(what, () => {
      const [line] = proposeReplenishment([item(over)], { outflowDays: 30 }).lines;
      expect({ position: line!.position, leadDemand: line!.leadDemand, qty: line!.qty, why: line!.why }).toEqual({ position, leadDemand, qty, why });
    });
  }

  it('groups the purchases per supplier, with their amount and longest lead time, and leaves out what is not bought', () => {
    const proposal = proposeReplenishment(
      [
        item({ productId: 'p2', sku: 'B', offer: offerOf('s2', 500n, 3) }),
        item({ productId: 'p1', sku: 'A', offer: offerOf('s1', 1000n, 1) }),
        item({ productId: 'p3', sku: 'C', available: 2, maxQty: 5, offer: offerOf('s2', 700n, 7) }),
        item({ productId: 'p4', sku: 'D', available: 50 }),
        item({ productId: 'p5', sku: 'E', offer: null }),
      ],
      { outflowDays: 30 },
    );
    expect(proposal.lines.map((l) => [l.sku, l.qty, l.why])).toEqual([
      ['A', 10, 'below_min'],
      ['B', 10, 'below_min'],
      ['C', 3, 'below_min'],
      ['D', 0, 'above_min'],
      ['E', 0, 'no_offer'],
    ]);
    expect(proposal.purchases.map((p) => ({ supplier: p.supplierOrgId, skus: p.lines.map((l) => l.sku), totalFen: p.totalFen, lead: p.leadTimeDays }))).toEqual([
      { supplier: 's1', skus: ['A'], totalFen: 10_000n, lead: 1 },
      { supplier: 's2', skus: ['B', 'C'], totalFen: 10n * 500n + 3n * 700n, lead: 7 },
    ]);
  });

  it('refuses a period that is not a whole number of days', () => {
    expect(() => proposeReplenishment([], { outflowDays: 0 })).toThrow();
  });
});
