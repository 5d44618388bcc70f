import { and, asc, eq, isNull } from 'drizzle-orm';
import { expect } from 'vitest';
import { traceUnit } from '../../src/modules/inventory/index.ts';
import type { Db } from '../../src/platform/db.ts';
import type { Cast } from './cast.ts';
import type { Order, OrderLine } from './claim-walk.ts';
import type { DemoPeople } from './demo-people.ts';

// A backordered order line brought in and delivered, by the people whose work it is: the supplier
// confirms and ships the purchase order it waits on (or the destination's operator receives the
// transfer), the warehouse receives the goods against the purchase order (certified units get
// their trace codes), the line is reserved, then picked (scanning those codes), shipped, delivered
// and received by the shop. Every other backordered line of the same shipment is brought in the
// same way first, since a shipment leaves whole.

type Page<T> = { items: T[]; nextCursor: string | null };
type PoSummary = { id: string; poNo: string; status: string; origin: string; supplierOrgId: string; warehouseId: string; note: string | null; expectedDate: string };
type Po = PoSummary & { lines: { id: string; productId: string; qty: number; status: string }[] };
type Receipt = { lines: { productId: string; qty: number; lotId: string; lotNo: string; traceCodes: string[] }[]; backordersReserved: { orderLineId: string; qty: number }[] };
type Transfer = { id: string; status: string; toWarehouseId: string; note: string | null; lines: { productId: string; lotId: string; qty: number }[]; traceCodesInTransit: string[] };
type PickItem = { orderLineId: string; lots: { lotId: string; lotNo: string; qty: number }[]; traceCodeRequired: boolean };
type Warehouse = { id: string; code: string; kind: string; operatorOrgId: string };

export type BackorderWalk = { line: OrderLine; documents: string[]; traceCodes: string[] };

async function pages<T>(users: Cast, who: string, url: string): Promise<T[]> {
  const all: T[] = [];
  for (let cursor: string | null = null; ; ) {
    const res = await users.call(who, 'GET', `${url}${url.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    const page = res.json<Page<T>>();
    all.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return all;
  }
}

export async function deliverBackorder(
  users: Cast,
  people: DemoPeople,
  db: Db,
  input: { order: Order; line: OrderLine; shop: { id: string }; warehouses: Warehouse[]; today: string },
): Promise<BackorderWalk> {
  const { call } = users;
  const { order, line, warehouses } = input;
  const buyer = await people.as(input.shop.id, 'buyer');
  const wh = warehouses.find((w) => w.id === line.warehouseId)!;
  expect(wh.kind, 'a backorder waits at a platform warehouse').not.toBe('supplier');
  const picker = await people.as(wh.operatorOrgId, 'warehouse');
  const waiting = order.lines.filter((l) => l.shipmentId === line.shipmentId && l.status === 'awaiting_stock');
  expect(waiting.map((l) => l.id)).toContain(line.id);
  const codesByLot = new Map<string, string[]>();
  const documents: string[] = [];

  // Purchase orders: each supplier sees its own, sent for this order (the order number is in its
  // note), answers every line with the day asked, ships; the warehouse receives all of it.
  for (const supplierOrgId of new Set(waiting.filter((l) => l.source === 'purchase').map((l) => l.supplierOrgId))) {
    const supplier = await people.as(supplierOrgId, 'admin');
    const mine = waiting.filter((l) => l.source === 'purchase' && l.supplierOrgId === supplierOrgId);
    const listed = await pages<PoSummary>(users, supplier, `/api/v1/purchase-orders?origin=backorder&warehouseId=${wh.id}`);
    const summary = listed.find((p) => p.note?.includes(order.orderNo));
    expect(summary, `the supplier sees the purchase order for ${order.orderNo}`).toMatchObject({ status: 'sent', supplierOrgId, warehouseId: wh.id });
    const po = (await call(supplier, 'GET', `/api/v1/purchase-orders/${summary!.id}`)).json<Po>();
    for (const l of mine)
      expect(
        po.lines.map((x) => x.productId),
        `${po.poNo} buys what ${order.orderNo} waits for`,
      ).toContain(l.productId);
    const confirmed = await call(supplier, 'POST', `/api/v1/purchase-orders/${po.id}/confirm`, { lines: po.lines.map((l) => ({ lineId: l.id, promisedDate: po.expectedDate })) });
    expect(confirmed.statusCode, `confirming ${po.poNo}: ${confirmed.body}`).toBe(200);
    const shipped = await call(supplier, 'POST', `/api/v1/purchase-orders/${po.id}/ship`, { carrier: '德邦物流', trackingNo: `DB-${po.poNo}` });
    expect(shipped.statusCode, `shipping ${po.poNo}: ${shipped.body}`).toBe(200);

    const received = await call(picker, 'POST', `/api/v1/purchase-orders/${po.id}/receipts`, { lines: po.lines.map((l) => ({ lineId: l.id, qty: l.qty, lotNo: `${po.poNo}-1` })) });
    expect(received.statusCode, `receiving ${po.poNo} at ${wh.code}: ${received.body}`).toBe(201);
    const { purchaseOrder, receipt } = received.json<{ purchaseOrder: Po; receipt: Receipt }>();
    expect(purchaseOrder.status).toBe('received');
    for (const l of mine) {
      const r = receipt.lines.find((x) => x.productId === l.productId)!;
      // Certified units carry a trace code each from the moment they are received; others none.
      expect(r.traceCodes, `trace codes of ${l.grade} units received`).toHaveLength(l.grade === 'certified' ? r.qty : 0);
      expect(
        receipt.backordersReserved.map((b) => b.orderLineId),
        'the receipt reserves the waiting line',
      ).toContain(l.id);
    }
    for (const r of receipt.lines) codesByLot.set(r.lotId, [...(codesByLot.get(r.lotId) ?? []), ...r.traceCodes]);
    documents.push(po.poNo);
  }

  // Transfers: the destination's operator receives the one sent for this order.
  if (waiting.some((l) => l.source === 'transfer')) {
    const transfers = (await call(picker, 'GET', '/api/v1/transfers')).json<{ items: Transfer[] }>().items;
    const sent = transfers.filter((x) => x.toWarehouseId === wh.id && x.status === 'in_transit' && x.note?.includes(order.orderNo));
    expect(sent.length, `a transfer to ${wh.code} for ${order.orderNo}`).toBeGreaterThan(0);
    for (const x of sent) {
      const res = await call(picker, 'POST', `/api/v1/transfers/${x.id}/receive`);
      expect(res.statusCode, `receiving transfer ${x.id}: ${res.body}`).toBe(200);
      documents.push(`transfer ${x.id}`);
    }
  }

  // Every waiting line of the shipment is reserved now, its promise and source as placed.
  const now = (await call(buyer, 'GET', `/api/v1/orders/${order.id}`)).json<Order>();
  for (const l of waiting) {
    const after = now.lines.find((x) => x.id === l.id)!;
    expect(after, `${order.orderNo} line ${l.id} after the goods arrived`).toMatchObject({ status: 'reserved', source: l.source, promisedEtaDate: l.promisedEtaDate, warehouseId: l.warehouseId });
    expect(after.reservedAt).not.toBeNull();
  }

  // Pick and pack: certified units by scanning the codes on the units of the lots reserved.
  const pickList = await call(picker, 'GET', `/api/v1/warehouses/${wh.id}/pick-list`);
  expect(pickList.statusCode, pickList.body).toBe(200);
  const items = pickList.json<{ items: PickItem[] }>().items;
  const traceCodes: string[] = [];
  const pack: { orderLineId: string; traceCodes?: string[] }[] = [];
  for (const l of waiting) {
    const item = items.find((i) => i.orderLineId === l.id);
    expect(item, `${l.id} is on ${wh.code}'s pick list`).toBeDefined();
    expect(item!.traceCodeRequired).toBe(l.grade === 'certified');
    const codes: string[] = [];
    for (const lot of item!.traceCodeRequired ? item!.lots : []) codes.push(...(await labelsOf(db, codesByLot, lot.lotId, lot.qty)));
    traceCodes.push(...codes);
    pack.push(codes.length > 0 ? { orderLineId: l.id, traceCodes: codes } : { orderLineId: l.id });
  }
  const packed = await call(picker, 'POST', `/api/v1/shipments/${line.shipmentId}/pack`, { lines: pack });
  expect(packed.statusCode, `packing at ${wh.code}: ${packed.body}`).toBe(200);
  const shipped = await call(picker, 'POST', `/api/v1/shipments/${line.shipmentId}/ship`, { carrier: '顺丰速运', trackingNo: `SF-${order.orderNo}` });
  expect(shipped.statusCode, `shipping from ${wh.code}: ${shipped.body}`).toBe(200);
  const delivered = await call(picker, 'POST', `/api/v1/shipments/${line.shipmentId}/events`, { type: 'delivered' });
  expect(delivered.statusCode, delivered.body).toBe(200);

  const receiver = await people.as(input.shop.id, 'receiver');
  const accepted = await call(receiver, 'POST', `/api/v1/orders/${order.id}/receipt`, {
    lines: waiting.map((l) => ({
      orderLineId: l.id,
      result: 'accepted',
      ...(l.grade === 'certified' ? { traceCodes: traceCodes.filter((c) => pack.find((p) => p.orderLineId === l.id)?.traceCodes?.includes(c)) } : {}),
    })),
  });
  expect(accepted.statusCode, `the shop receives ${order.orderNo}: ${accepted.body}`).toBe(200);
  const done = accepted.json<Order>().lines.find((x) => x.id === line.id)!;
  expect(done, 'the quote’s promise and the actual dates are both kept').toMatchObject({ status: 'accepted', source: line.source, promisedEtaDate: line.promisedEtaDate });
  expect(done.reservedAt).not.toBeNull();
  return { line: done, documents, traceCodes };
}

// The labels on `qty` units of a lot on the shelf: those its receipt in this walk printed, or,
// for a lot that came otherwise (a transfer), the lot's units in stock and not yet picked.
async function labelsOf(db: Db, codesByLot: Map<string, string[]>, lotId: string, qty: number): Promise<string[]> {
  const printed = codesByLot.get(lotId);
  if (printed) return printed.slice(0, qty);
  const units = await db
    .select({ code: traceUnit.code })
    .from(traceUnit)
    .where(and(eq(traceUnit.lotId, lotId), eq(traceUnit.status, 'in_stock'), isNull(traceUnit.orderLineId)))
    .orderBy(asc(traceUnit.code))
    .limit(qty);
  return units.map((u) => u.code);
}
