import { describe, expect, it } from 'vitest';
import { allocate, type AvailableQuant, type WarehouseReach } from './allocate.ts';

const P = 'product-1';
const Q = 'product-2';
const SUPPLIER = 'supplier-a';
const OTHER = 'supplier-b';
const wh = (warehouseId: string, kind: WarehouseReach['kind'], transitDays: number, operatorOrgId = 'operator'): WarehouseReach => ({ warehouseId, kind, transitDays, operatorOrgId, code: warehouseId.toUpperCase() });
const q = (warehouseId: string, productId: string, lotId: string, available: number, ownerOrgId = 'operator'): AvailableQuant => ({ warehouseId, productId, locationId: `${warehouseId}/stock`, lotId, ownerOrgId, available });
const line = (productId: string, qty: number, supplierOrgId = SUPPLIER) => ({ productId, qty, supplierOrgId });

const reach = [wh('hz', 'central', 1), wh('nb', 'front', 1), wh('cd', 'front', 4), wh('own', 'supplier', 2, SUPPLIER), wh('else', 'supplier', 0, OTHER)];

describe('allocate: where each line is taken from', () => {
  const cases: { name: string; lines: ReturnType<typeof line>[]; quants: AvailableQuant[]; expected: unknown }[] = [
    {
      name: 'the soonest platform warehouse that has it all; central before front on a tie',
      lines: [line(P, 2)],
      quants: [q('cd', P, 'l1', 5), q('nb', P, 'l1', 5), q('hz', P, 'l1', 5)],
      expected: { ok: true, lines: [{ index: 0, warehouseId: 'hz', kind: 'central', operatorOrgId: 'operator', transitDays: 1, allocations: [{ locationId: 'hz/stock', lotId: 'l1', ownerOrgId: 'operator', qty: 2 }] }] },
    },
    {
      name: 'a slower warehouse when the faster cannot give the whole line (lines are not split)',
      lines: [line(P, 3)],
      quants: [q('hz', P, 'l1', 2), q('cd', P, 'l1', 3)],
      expected: { ok: true, lines: [expect.objectContaining({ warehouseId: 'cd', transitDays: 4 })] },
    },
    {
      name: 'oldest lot first, across lots and owners, within one warehouse',
      lines: [line(P, 4)],
      quants: [q('hz', P, 'l2', 5), q('hz', P, 'l1', 1, 'consignor'), q('hz', P, 'l1', 2)],
      expected: {
        ok: true,
        lines: [expect.objectContaining({ allocations: [
          { locationId: 'hz/stock', lotId: 'l1', ownerOrgId: 'consignor', qty: 1 },
          { locationId: 'hz/stock', lotId: 'l1', ownerOrgId: 'operator', qty: 2 },
          { locationId: 'hz/stock', lotId: 'l2', ownerOrgId: 'operator', qty: 1 },
        ] })],
      },
    },
    {
      name: 'drop-shipped only by the product’s own supplier, even when another supplier is faster',
      lines: [line(P, 1)],
      quants: [q('else', P, 'l1', 9), q('own', P, 'l1', 1)],
      expected: { ok: true, lines: [expect.objectContaining({ warehouseId: 'own', kind: 'supplier', operatorOrgId: SUPPLIER })] },
    },
    {
      name: 'the platform’s warehouse before the supplier’s own, even when slower',
      lines: [line(P, 1)],
      quants: [q('own', P, 'l1', 1), q('cd', P, 'l1', 1)],
      expected: { ok: true, lines: [expect.objectContaining({ warehouseId: 'cd' })] },
    },
    {
      name: 'two lines of one product never count the same unit twice',
      lines: [line(P, 2), line(P, 2)],
      quants: [q('hz', P, 'l1', 3), q('cd', P, 'l1', 2)],
      expected: { ok: true, lines: [expect.objectContaining({ warehouseId: 'hz' }), expect.objectContaining({ warehouseId: 'cd' })] },
    },
    {
      name: 'all or nothing: every short line is named with the most one warehouse could give',
      lines: [line(P, 1), line(Q, 4), line(P, 9)],
      quants: [q('hz', P, 'l1', 3), q('hz', Q, 'l1', 2), q('cd', Q, 'l1', 3)],
      expected: { ok: false, short: [{ index: 1, productId: Q, requested: 4, available: 3 }, { index: 2, productId: P, requested: 9, available: 2 }] },
    },
    {
      name: 'nothing anywhere',
      lines: [line(P, 1)],
      quants: [],
      expected: { ok: false, short: [{ index: 0, productId: P, requested: 1, available: 0 }] },
    },
  ];
  it.each(cases)('$name', ({ lines, quants, expected }) => {
    expect(allocate(lines, reach, quants)).toEqual(expected);
  });

  it('is the same whatever order the stock was read in', () => {
    const quants = [q('hz', P, 'l2', 2), q('hz', P, 'l1', 1), q('nb', P, 'l1', 4)];
    const a = allocate([line(P, 3)], reach, quants);
    const b = allocate([line(P, 3)], [...reach].reverse(), [...quants].reverse());
    expect(a).toEqual(b);
  });
});
