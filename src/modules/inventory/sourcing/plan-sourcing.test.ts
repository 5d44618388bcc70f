import { describe, expect, it } from 'vitest';
import { planSourcing, type SourcingLine, type SourcingQuant, type SourcingWarehouse, type SourcingWorld } from './plan-sourcing.ts';

// Two platform warehouses (HZ delivers to the buyer in 1 day, CD does not deliver there), a front
// one delivering in 2, and supplier S's own warehouse delivering in 2.
const HZ: SourcingWarehouse = { warehouseId: 'w-hz', code: 'HZ', name: 'HZ', kind: 'central', operatorOrgId: 'op', regionCode: '330100', transitDays: 1 };
const SH: SourcingWarehouse = { warehouseId: 'w-sh', code: 'SH', name: 'SH', kind: 'front', operatorOrgId: 'op', regionCode: '310100', transitDays: 2 };
const CD: SourcingWarehouse = { warehouseId: 'w-cd', code: 'CD', name: 'CD', kind: 'front', operatorOrgId: 'op', regionCode: '510100', transitDays: null };
const SUP: SourcingWarehouse = { warehouseId: 'w-s', code: 'S-OWN', name: 'S-OWN', kind: 'supplier', operatorOrgId: 'S', regionCode: '440100', transitDays: 2 };
const OTHER_SUP: SourcingWarehouse = { warehouseId: 'w-t', code: 'T-OWN', name: 'T-OWN', kind: 'supplier', operatorOrgId: 'T', regionCode: '440100', transitDays: 1 };

const q = (warehouseId: string, productId: string, available: number, lotId = `lot-${warehouseId}`): SourcingQuant => ({
  warehouseId,
  productId,
  locationId: `loc-${warehouseId}`,
  lotId,
  ownerOrgId: 'op',
  available,
});

function world(warehouses: SourcingWarehouse[], quants: SourcingQuant[]): SourcingWorld {
  return { warehouses, quants, transferDays: (from) => (from === 'w-cd' ? 3 : 1), inboundDays: () => 2 };
}

const line = (productId: string, qty: number, leadTimeDays: number | null = 4, supplierOrgId = 'S'): SourcingLine => ({ productId, supplierOrgId, qty, leadTimeDays });

describe('planSourcing', () => {
  const cases: { name: string; warehouses: SourcingWarehouse[]; quants: SourcingQuant[]; lines: SourcingLine[]; expect: { kind: string; eta?: number; ship?: string; from?: string }[] }[] = [
    {
      name: 'stock at the warehouse that delivers soonest',
      warehouses: [HZ, SH, CD],
      quants: [q('w-hz', 'p', 5), q('w-sh', 'p', 5)],
      lines: [line('p', 2)],
      expect: [{ kind: 'stock', eta: 1, ship: 'HZ' }],
    },
    { name: 'stock at a slower warehouse beats buying faster', warehouses: [HZ, SH], quants: [q('w-sh', 'p', 5)], lines: [line('p', 2, 0)], expect: [{ kind: 'stock', eta: 2, ship: 'SH' }] },
    { name: 'a line comes whole from one place', warehouses: [HZ, SH], quants: [q('w-hz', 'p', 1), q('w-sh', 'p', 2)], lines: [line('p', 2)], expect: [{ kind: 'stock', eta: 2, ship: 'SH' }] },
    { name: "drop-ship from the supplier's own stock", warehouses: [HZ, SUP], quants: [q('w-s', 'p', 3)], lines: [line('p', 3)], expect: [{ kind: 'drop_ship', eta: 2, ship: 'S-OWN' }] },
    { name: "another supplier's stock is not this line's", warehouses: [HZ, OTHER_SUP], quants: [q('w-t', 'p', 3)], lines: [line('p', 3)], expect: [{ kind: 'purchase', eta: 4 + 2 + 1, ship: 'HZ' }] },
    {
      name: 'platform stock before drop-ship on equal days',
      warehouses: [SH, SUP],
      quants: [q('w-sh', 'p', 3), q('w-s', 'p', 3)],
      lines: [line('p', 3)],
      expect: [{ kind: 'stock', eta: 2, ship: 'SH' }],
    },
    {
      name: 'transfer when it is sooner than buying',
      warehouses: [HZ, CD],
      quants: [q('w-cd', 'p', 9)],
      lines: [line('p', 2, 10)],
      expect: [{ kind: 'transfer', eta: 3 + 1, ship: 'HZ', from: 'CD' }],
    },
    { name: 'purchase when it is sooner than a transfer', warehouses: [HZ, CD], quants: [q('w-cd', 'p', 9)], lines: [line('p', 2, 0)], expect: [{ kind: 'purchase', eta: 0 + 2 + 1, ship: 'HZ' }] },
    {
      name: 'transfer when the product cannot be bought',
      warehouses: [HZ, CD],
      quants: [q('w-cd', 'p', 9)],
      lines: [line('p', 2, null)],
      expect: [{ kind: 'transfer', eta: 4, ship: 'HZ', from: 'CD' }],
    },
    { name: 'nothing anywhere and nothing to buy', warehouses: [HZ], quants: [], lines: [line('p', 1, null)], expect: [{ kind: 'none' }] },
    { name: 'no platform warehouse delivers there', warehouses: [CD], quants: [q('w-cd', 'p', 9)], lines: [line('p', 1)], expect: [{ kind: 'none' }] },
    {
      name: 'two lines of one product never count a unit twice',
      warehouses: [HZ, SH],
      quants: [q('w-hz', 'p', 3), q('w-sh', 'p', 2)],
      lines: [line('p', 2), line('p', 2), line('p', 1)],
      expect: [
        { kind: 'stock', ship: 'HZ' },
        { kind: 'stock', ship: 'SH' },
        { kind: 'stock', ship: 'HZ' },
      ],
    },
    {
      name: 'the rest is bought once the stock is taken',
      warehouses: [HZ],
      quants: [q('w-hz', 'p', 3)],
      lines: [line('p', 3), line('p', 1)],
      expect: [
        { kind: 'stock', ship: 'HZ' },
        { kind: 'purchase', ship: 'HZ' },
      ],
    },
    {
      name: 'ties between warehouses go by code',
      warehouses: [
        { ...SH, code: 'B', transitDays: 1 },
        { ...HZ, kind: 'front', code: 'A', warehouseId: 'w-a' },
      ],
      quants: [q('w-sh', 'p', 1), q('w-a', 'p', 1)],
      lines: [line('p', 1)],
      expect: [{ kind: 'stock', ship: 'A' }],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const planned = planSourcing(c.lines, world(c.warehouses, c.quants));
      expect(
        planned.map((p) => ({
          kind: p.kind,
          ...(p.kind === 'none' ? {} : { eta: p.etaDays, ship: p.ship.code }),
          ...(p.kind === 'transfer' ? { from: p.from.code } : {}),
        })),
      ).toMatchObject(c.expect);
    });
  }

  it('takes the oldest lots first and says which', () => {
    const [planned] = planSourcing([line('p', 4)], world([HZ], [q('w-hz', 'p', 3, 'lot-2'), q('w-hz', 'p', 3, 'lot-1')]));
    expect(planned).toMatchObject({
      kind: 'stock',
      allocations: [
        { lotId: 'lot-1', qty: 3 },
        { lotId: 'lot-2', qty: 1 },
      ],
    });
  });

  it('names why a line cannot be sourced', () => {
    expect(planSourcing([line('p', 1, null)], world([HZ], []))).toEqual([{ kind: 'none', reason: 'not_purchasable' }]);
    expect(planSourcing([line('p', 1)], world([CD], []))).toEqual([{ kind: 'none', reason: 'no_warehouse_covers_region' }]);
  });

  it('refuses a quantity that is not a positive integer', () => {
    expect(() => planSourcing([line('p', 0)], world([HZ], []))).toThrow(/positive integer/);
  });
});
