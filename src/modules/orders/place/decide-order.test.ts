import { describe, expect, it } from 'vitest';
import type { LineSource } from '../../inventory/index.ts';
import { decideOrder } from './decide-order.ts';
import type { OrderLinePlan, OrderPlan } from './plan.ts';

const place = (warehouseId: string, transitDays: number) => ({ warehouseId, code: warehouseId, name: warehouseId, operatorOrgId: `op-${warehouseId}`, kind: 'central' as const, transitDays });
const stock = (w: string, etaDays: number): LineSource => ({ kind: 'stock', etaDays, ship: place(w, etaDays), allocations: [] });
const dropShip = (w: string, etaDays: number): LineSource => ({ kind: 'drop_ship', etaDays, ship: place(w, etaDays), allocations: [] });
const purchase = (w: string, etaDays: number): LineSource => ({ kind: 'purchase', etaDays, ship: place(w, 1), leadTimeDays: etaDays - 2, inboundDays: 1 });

const line = (n: number): OrderLinePlan => ({
  quoteLineId: null,
  partId: null,
  productId: `product-${n}`,
  supplierOrgId: `supplier-${n}`,
  grade: 'oem',
  qty: n,
  unitFen: 10_000n,
  amountFen: 10_000n * BigInt(n),
  vatFen: 1_000n * BigInt(n),
  handlingFeeFen: 0n,
  purchase: null,
  path: `lines.${n}`,
});

function decide(sources: LineSource[]) {
  const plan: OrderPlan = {
    kind: 'shop',
    claimId: null,
    assessmentId: null,
    claim: null,
    payerOrgId: 'shop',
    buyerOrgId: 'shop',
    deliveryRegionCode: '330106',
    note: null,
    replacesReturnId: null,
    backorders: 'wait',
    lines: sources.map((_, i) => line(i + 1)),
  };
  return decideOrder({
    plan,
    sources,
    orderId: 'order-1',
    orderNo: 'AP20261205000000000001',
    lineIds: sources.map((_, i) => `line-${i + 1}`),
    documents: sources.map((s, i) => (s.kind === 'purchase' ? `po-${i + 1}` : null)),
    moveIds: ['move-a', 'move-b'],
    moveOwner: [0, 0],
    today: '2026-12-05',
    now: new Date('2026-12-05T02:00:00Z'),
    createdBy: 'buyer',
  });
}

describe('decideOrder', () => {
  // Sources per line → shipments as [warehouse, backorder, ETA, lines], the lines' statuses, demands.
  it.each([
    ['one line from stock', [stock('HZ', 1)], [['HZ', false, '2026-12-06', 1]], ['reserved'], 0],
    ['two lines of one warehouse ship together, due with the later', [stock('HZ', 1), stock('HZ', 2)], [['HZ', false, '2026-12-07', 2]], ['reserved', 'reserved'], 0],
    [
      'a drop-ship leaves from the supplier, apart',
      [stock('HZ', 1), dropShip('SUP', 3)],
      [
        ['HZ', false, '2026-12-06', 1],
        ['SUP', false, '2026-12-08', 1],
      ],
      ['reserved', 'reserved'],
      0,
    ],
    [
      'a backorder waits in a shipment of its own, with a demand on its purchase order',
      [stock('HZ', 1), purchase('HZ', 6)],
      [
        ['HZ', false, '2026-12-06', 1],
        ['HZ', true, '2026-12-11', 1],
      ],
      ['reserved', 'awaiting_stock'],
      1,
    ],
  ] as const)('%s', (_, sources, shipments, statuses, demands) => {
    const d = decide([...sources]);
    expect(d.shipments.map((s) => [s.warehouseId, s.backorder, s.etaDate, d.lines.filter((l) => l.shipmentId === s.id).length])).toEqual(shipments);
    expect(d.lines.map((l) => l.status)).toEqual(statuses);
    expect(d.demands).toHaveLength(demands);
    for (const dm of d.demands) expect(dm).toMatchObject({ source: 'purchase', sourceDocumentId: expect.stringMatching(/^po-/) });
  });

  it('totals the order, names every party once, and records the order and each line', () => {
    const d = decide([stock('HZ', 1), dropShip('SUP', 3)]);
    expect(d.order).toMatchObject({ amountFen: 30_000n, vatFen: 3_000n, orderNo: 'AP20261205000000000001', createdBy: 'buyer' });
    expect(d.parties).toEqual(['shop', 'supplier-1', 'supplier-2', 'op-HZ', 'op-SUP']);
    expect(d.audits.map((a) => [a.objectType, a.action])).toEqual([
      ['order', 'place'],
      ['order_line', 'reserve'],
      ['order_line', 'reserve'],
    ]);
    expect(d.audits[1]!.data).toMatchObject({ moves: ['move-a', 'move-b'] });
    expect(d.events.map((e) => e.orgId)).toEqual(d.parties);
  });
});
