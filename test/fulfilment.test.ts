import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceUnit, verifyStock } from '../src/modules/inventory/index.ts';
import { addDays, chinaDate } from '../src/platform/china-date.ts';
import { auditEvent, outboxEvent } from '../src/platform/tables.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { stockAt } from './support/stock.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

type Problem = { code: string; errors: { path: string; code: string; message: string }[] };
type Line = { id: string; productId: string; qty: number; status: string; shipmentId: string; traceMismatch: boolean; installedVin: string | null; rejectReason: string | null };
type Order = { id: string; status: string; lines: Line[]; shipments: { id: string; status: string; etaDate: string; late: boolean; carrier: string | null }[] };

// From a reserved order to parts on the shop's bench: pick list, pick and pack by scanning trace
// codes, ship, tracking, the shop's receipt with a rejection and a mismatched code, the return and
// its replacement, installation on a VIN, and a claim order carried through to `repaired`.
for (const kind of databaseKinds()) {
  describe(`fulfilment, receipt and returns on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t, { headers: { 'accept-language': 'en' } });
    const { call } = users;
    let warehouseId = '';
    let stockLocationId = '';
    // The trace codes the receipts issue for lots L1 and L2 of the certified part and the OEM part.
    const L1: string[] = [];
    const L2: string[] = [];
    const OEM: string[] = [];

    const onHand = async (productId: string) => (await stockAt(t.database.db, productId, stockLocationId)).onHand;

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      await users.signIn({
        hzAdmin: 'admin@hz-ops.demo',
        picker: 'warehouse@hz-ops.demo',
        cdAdmin: 'admin@cd-ops.demo',
        anxin: 'sales@anxin.demo',
        huajun: 'sales@huajun.demo',
        yuetong: 'sales@yuetong.demo',
        buyer: 'buyer@sh-anda.demo',
        receiver: 'receiver@sh-anda.demo',
        adjuster: 'adjuster@picc.demo',
      });
      const w = await call('hzAdmin', 'POST', '/api/v1/warehouses', { code: 'HZ-C', name: '华东中心仓', kind: 'central', regionCode: '330100', coverage: [{ regionCode: '310000', transitDays: 1 }] });
      warehouseId = w.json().id;
      stockLocationId = w.json().stockLocationId;
      const receipts = [
        { supplierOrgId: f.suppliers.anxin, lines: [{ productId: f.products.certified.id, qty: 3, lotNo: 'L1' }] },
        { supplierOrgId: f.suppliers.anxin, lines: [{ productId: f.products.certified.id, qty: 2, lotNo: 'L2' }] },
        { supplierOrgId: f.suppliers.huajun, lines: [{ productId: f.products.oes.id, qty: 5, lotNo: 'HJ1' }] },
        {
          supplierOrgId: f.suppliers.yuetong,
          lines: [
            { productId: f.products.oem.id, qty: 1, lotNo: 'YT1', issueTraceCodes: true },
            { productId: f.products.aftermarket.id, qty: 4, lotNo: 'YT2' },
          ],
        },
      ];
      for (const [i, r] of receipts.entries()) {
        const res = await call('picker', 'POST', `/api/v1/warehouses/${warehouseId}/receipts`, r);
        expect(res.statusCode, res.body).toBe(201);
        [L1, L2, [], OEM][i]!.push(...res.json<{ lines: { traceCodes: string[] }[] }>().lines[0]!.traceCodes);
      }
    });
    afterAll(async () => t?.close());

    let order: Order;
    it('lists what to pick, and packs only with the right trace codes', async () => {
      const placed = await call('buyer', 'POST', '/api/v1/orders', {
        lines: [
          { productId: f.products.certified.id, qty: 2 },
          { productId: f.products.oes.id, qty: 1 },
        ],
      });
      expect(placed.statusCode, placed.body).toBe(201);
      order = placed.json<Order>();
      const [cert, oes] = order.lines;
      const shipmentId = order.shipments[0]!.id;

      const list = await call('picker', 'GET', `/api/v1/warehouses/${warehouseId}/pick-list`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((i: { orderLineId: string; lots: { lotNo: string; qty: number }[]; traceCodeRequired: boolean }) => [i.orderLineId, i.lots, i.traceCodeRequired])).toEqual([
        [cert!.id, [expect.objectContaining({ lotNo: 'L1', qty: 2 })], true],
        [oes!.id, [expect.objectContaining({ lotNo: 'HJ1', qty: 1 })], false],
      ]);
      // Another operator sees the platform's warehouse but does not run it; the shop may not pack.
      expect((await call('cdAdmin', 'GET', `/api/v1/warehouses/${warehouseId}/pick-list`)).statusCode).toBe(403);
      expect((await call('buyer', 'POST', `/api/v1/shipments/${shipmentId}/pack`, { lines: [{ orderLineId: oes!.id }] })).statusCode).toBe(403);

      // Codes are checked one by one: the oldest lot (L1) was reserved, so L2 is the wrong lot; the
      // OEM code is another product's; one code is unknown; one is scanned twice.
      const bad = await call('picker', 'POST', `/api/v1/shipments/${shipmentId}/pack`, {
        lines: [
          { orderLineId: cert!.id, traceCodes: [L2[0], OEM[0]] },
          { orderLineId: oes!.id, traceCodes: ['NOPE-000001'] },
        ],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<Problem>().errors.map((e) => [e.path, e.code])).toEqual([
        ['lines.0.traceCodes.0', 'trace_code_wrong_lot'],
        ['lines.0.traceCodes.1', 'trace_code_wrong_product'],
        ['lines.1.traceCodes.0', 'trace_code_not_found'],
      ]);
      const twice = await call('picker', 'POST', `/api/v1/shipments/${shipmentId}/pack`, { lines: [{ orderLineId: cert!.id, traceCodes: [L1[0], L1[0]!.toLowerCase()] }] });
      expect(twice.json<Problem>().errors.map((e) => e.code)).toEqual(['trace_code_taken']);
      // A line named twice would take twice its units.
      const repeated = await call('picker', 'POST', `/api/v1/shipments/${shipmentId}/pack`, {
        lines: [
          { orderLineId: cert!.id, traceCodes: [L1[0], L1[1]] },
          { orderLineId: cert!.id, traceCodes: [L1[2], L2[0]] },
        ],
      });
      expect(repeated.json<Problem>().errors.map((e) => [e.path, e.code])).toEqual([['lines.1.orderLineId', 'line_repeated']]);
      const missing = await call('picker', 'POST', `/api/v1/shipments/${shipmentId}/pack`, { lines: [{ orderLineId: cert!.id }] });
      expect(missing.json<Problem>().errors.map((e) => e.code)).toEqual(['trace_codes_required']);

      const ok = await call('picker', 'POST', `/api/v1/shipments/${shipmentId}/pack`, { lines: [{ orderLineId: cert!.id, traceCodes: [L1[0], L1[1]] }, { orderLineId: oes!.id }] });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<Order>()).toMatchObject({ status: 'in_fulfilment', lines: [{ status: 'picked' }, { status: 'picked' }] });
      // A code packed for one line is no longer in stock for another.
      const again = await call('buyer', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.certified.id, qty: 1 }] });
      const other = again.json<Order>();
      const taken = await call('picker', 'POST', `/api/v1/shipments/${other.shipments[0]!.id}/pack`, { lines: [{ orderLineId: other.lines[0]!.id, traceCodes: [L1[0]] }] });
      expect(taken.json<Problem>().errors.map((e) => e.code)).toEqual(['trace_code_not_in_stock']);
      // Picked, then cancelled: its unit goes back on the shelf, free for the next order.
      expect((await call('picker', 'POST', `/api/v1/shipments/${other.shipments[0]!.id}/pack`, { lines: [{ orderLineId: other.lines[0]!.id, traceCodes: [L1[2]] }] })).statusCode).toBe(200);
      expect((await call('buyer', 'POST', `/api/v1/orders/${other.id}/cancel`, { reason: 'test' })).statusCode).toBe(200);
      const [freed] = await t.database.db.select().from(traceUnit).where(eq(traceUnit.code, L1[2]!));
      expect(freed).toMatchObject({ status: 'in_stock', orderLineId: null });
      const trail = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectId, other.shipments[0]!.id), eq(auditEvent.action, 'cancel')));
      expect(trail).toEqual([expect.objectContaining({ fromState: 'open', toState: 'cancelled' })]);
    });

    it('ships: the reservations are posted, the units leave, and the shipment is tracked to delivery', async () => {
      const shipmentId = order.shipments[0]!.id;
      const before = await onHand(f.products.certified.id);
      const shipped = await call('picker', 'POST', `/api/v1/shipments/${shipmentId}/ship`, { carrier: '顺丰速运', trackingNo: 'SF1234567890' });
      expect(shipped.statusCode, shipped.body).toBe(200);
      const o = shipped.json<Order>();
      expect(o.status).toBe('shipped');
      expect(o.shipments[0]).toMatchObject({ status: 'shipped', carrier: '顺丰速运', etaDate: addDays(chinaDate(new Date()), 1), late: false });
      expect(await onHand(f.products.certified.id)).toBe(before - 2);
      const units = await t.database.db.select().from(traceUnit).where(eq(traceUnit.orderLineId, order.lines[0]!.id));
      expect(units.map((u) => [u.code, u.status]).sort()).toEqual(
        [
          [L1[0], 'shipped'],
          [L1[1], 'shipped'],
        ].sort(),
      );
      // Shipped lines can no longer be cancelled.
      expect((await call('buyer', 'POST', `/api/v1/orders/${order.id}/cancel`, { reason: 'late' })).statusCode).toBe(409);

      expect((await call('picker', 'POST', `/api/v1/shipments/${shipmentId}/events`, { type: 'in_transit', location: '嘉兴转运中心' })).statusCode).toBe(200);
      const backdated = await call('picker', 'POST', `/api/v1/shipments/${shipmentId}/events`, { type: 'delivered', at: '2020-01-01T00:00:00+08:00' });
      expect(backdated.json<Problem>().errors[0]).toMatchObject({ path: 'at', code: 'delivered_before_shipped' });
      const delivered = await call('picker', 'POST', `/api/v1/shipments/${shipmentId}/events`, { type: 'delivered', location: '上海浦东' });
      expect(delivered.json<Order>()).toMatchObject({ status: 'delivered', lines: [{ status: 'delivered' }, { status: 'delivered' }] });
      expect((await call('yuetong', 'GET', `/api/v1/shipments/${shipmentId}`)).statusCode).toBe(404);
      const detail = (await call('buyer', 'GET', `/api/v1/shipments/${shipmentId}`)).json();
      expect(detail).toMatchObject({ status: 'delivered', orderId: order.id });
      expect(detail.events.map((e: { type: string }) => e.type)).toEqual(['in_transit', 'delivered']);
      // The shop finds it among its deliveries to sign, by its derived status or by a line's.
      const ids = async (query: string) => (await call('buyer', 'GET', `/api/v1/orders?${query}`)).json<{ items: { id: string }[] }>().items.map((o) => o.id);
      expect(await ids('status=delivered')).toContain(order.id);
      expect(await ids('lineStatus=delivered')).toContain(order.id);
      expect(await ids('status=reserved')).not.toContain(order.id);
      expect(await ids('lineStatus=accepted')).not.toContain(order.id);
      expect((await call('picker', 'POST', `/api/v1/shipments/${shipmentId}/events`, { type: 'in_transit' })).statusCode).toBe(409);
    });

    let returnId = '';
    it('the shop accepts one line, flags a code that is not the unit packed, and rejects the other into a return', async () => {
      const [cert, oes] = order.lines;
      const res = await call('receiver', 'POST', `/api/v1/orders/${order.id}/receipt`, {
        lines: [
          // One of the two codes on the parts is from lot L2, never packed for this line.
          { orderLineId: cert!.id, result: 'accepted', traceCodes: [L1[0], L2[1]] },
          { orderLineId: oes!.id, result: 'rejected', reason: 'damaged', photoUrls: ['https://img.example.com/a.jpg'] },
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      const o = res.json<Order>();
      expect(o.lines.map((l) => [l.status, l.traceMismatch, l.rejectReason])).toEqual([
        ['accepted', true, null],
        ['rejected', false, 'damaged'],
      ]);
      // The answer says which code did not match, and why, for the shop to see at once.
      expect(res.json<{ traceMismatches: unknown[] }>().traceMismatches).toEqual([{ orderLineId: cert!.id, code: L2[1], why: 'other_line', productId: null, grade: null }]);
      // The order names what its ids point at, and the units packed for each line.
      const named = res.json<{ buyerName: string; lines: { productName: string; supplierName: string; warehouseName: string; traceCodes: string[] }[] }>();
      expect(named.buyerName).not.toBe('');
      expect(named.lines.every((l) => l.productName && l.supplierName && l.warehouseName)).toBe(true);
      expect(named.lines[0]!.traceCodes).toEqual([L1[0], L1[1]].sort());
      const flagged = await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'order.trace_mismatch'));
      expect(flagged.length).toBeGreaterThanOrEqual(3);
      const trail = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectId, cert!.id), eq(auditEvent.action, 'trace_mismatch')));
      expect(trail[0]!.data).toMatchObject({ codes: [{ code: L2[1], why: 'other_line' }] });

      const returns = (await call('buyer', 'GET', '/api/v1/returns')).json().items;
      expect(returns).toEqual([expect.objectContaining({ orderLineId: oes!.id, status: 'requested', reason: 'damaged', qty: 1, creditFen: 90_400 })]);
      returnId = returns[0].id;
      expect((await call('buyer', 'GET', `/api/v1/returns?orderId=${order.id}`)).json().items.map((r: { id: string }) => r.id)).toEqual([returnId]);
      // A reject without a reason is refused, a line named twice too, and a second receipt of a line.
      expect(
        (
          await call('receiver', 'POST', `/api/v1/orders/${order.id}/receipt`, {
            lines: [
              { orderLineId: cert!.id, result: 'accepted' },
              { orderLineId: cert!.id, result: 'rejected', reason: 'damaged' },
            ],
          })
        ).json<Problem>().errors[0],
      ).toMatchObject({ path: 'lines.1.orderLineId', code: 'line_repeated' });
      expect((await call('receiver', 'POST', `/api/v1/orders/${order.id}/receipt`, { lines: [{ orderLineId: oes!.id, result: 'rejected' }] })).json<Problem>().errors[0]).toMatchObject({
        path: 'lines.0.reason',
        code: 'required',
      });
      expect((await call('receiver', 'POST', `/api/v1/orders/${order.id}/receipt`, { lines: [{ orderLineId: cert!.id, result: 'accepted' }] })).statusCode).toBe(409);
    });

    it('the return is the supplier’s to approve, the warehouse’s to restock, and can be replaced once', async () => {
      // Anxin supplies another line of the same order: this return is not its business.
      expect((await call('anxin', 'GET', `/api/v1/returns/${returnId}`)).statusCode).toBe(404);
      expect((await call('buyer', 'POST', `/api/v1/returns/${returnId}/approve`)).statusCode).toBe(403);
      expect((await call('picker', 'POST', `/api/v1/returns/${returnId}/receive`, { disposition: 'restock' })).statusCode).toBe(409);
      const approved = await call('huajun', 'POST', `/api/v1/returns/${returnId}/approve`);
      expect(approved.json()).toMatchObject({ status: 'approved' });
      const sent = await call('receiver', 'POST', `/api/v1/returns/${returnId}/ship-back`, { carrier: '中通快递', trackingNo: 'ZT0001' });
      expect(sent.json()).toMatchObject({ status: 'approved', carrier: '中通快递', trackingNo: 'ZT0001' });
      const before = await onHand(f.products.oes.id);
      // A shop's order waits for one unit more than the warehouse has free: the restocked unit is
      // what it waits for, and it gets it at once (not at the next receipt).
      const position = (await call('picker', 'GET', `/api/v1/stock/positions?warehouseId=${warehouseId}&productId=${f.products.oes.id}`)).json<{ items: { available: number }[] }>().items[0]!;
      const waiting = await call('buyer', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.oes.id, qty: position.available + 1 }] });
      expect(waiting.json<Order>().lines[0]).toMatchObject({ status: 'awaiting_stock', warehouseId });
      expect((await call('huajun', 'POST', `/api/v1/returns/${returnId}/receive`, { disposition: 'restock' })).statusCode).toBe(403);
      const received = await call('picker', 'POST', `/api/v1/returns/${returnId}/receive`, { disposition: 'restock' });
      expect(received.json()).toMatchObject({ status: 'received', disposition: 'restock' });
      expect(await onHand(f.products.oes.id)).toBe(before + 1);
      const served = (await call('buyer', 'GET', `/api/v1/orders/${waiting.json<Order>().id}`)).json<Order>();
      expect(served.lines[0]).toMatchObject({ status: 'reserved' });
      // Given up again, its units are free for the replacement below.
      expect((await call('buyer', 'POST', `/api/v1/orders/${served.id}/cancel`, { reason: 'test' })).statusCode).toBe(200);

      const replacement = await call('buyer', 'POST', `/api/v1/returns/${returnId}/replacement`);
      expect(replacement.statusCode, replacement.body).toBe(201);
      expect(replacement.json<Order>().lines).toEqual([expect.objectContaining({ productId: f.products.oes.id, qty: 1, status: 'reserved' })]);
      expect((await call('buyer', 'GET', `/api/v1/returns/${returnId}`)).json().replacementOrderId).toBe(replacement.json().id);
      expect((await call('buyer', 'POST', `/api/v1/returns/${returnId}/replacement`)).statusCode).toBe(409);
    });

    it('installs accepted lines on a VIN, which their trace units record', async () => {
      const cert = order.lines[0]!;
      const noVin = await call('receiver', 'POST', `/api/v1/orders/${order.id}/install`, { lineIds: [cert.id] });
      expect(noVin.json<Problem>().errors[0]).toMatchObject({ path: 'vin', code: 'required' });
      const res = await call('receiver', 'POST', `/api/v1/orders/${order.id}/install`, { lineIds: [cert.id], vin: f.sagitarVin.toLowerCase() });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Order>().lines[0]).toMatchObject({ status: 'installed', installedVin: f.sagitarVin });
      const units = await t.database.db.select().from(traceUnit).where(eq(traceUnit.orderLineId, cert.id));
      expect(units.every((u) => u.status === 'installed' && u.installedVin === f.sagitarVin)).toBe(true);
      expect((await call('receiver', 'POST', `/api/v1/orders/${order.id}/install`, { lineIds: [order.lines[1]!.id], vin: f.sagitarVin })).statusCode).toBe(409);
      expect((await verifyStock(t.database.db)).ok).toBe(true);
    });

    it('carries a claim order from approval to a repaired claim', async () => {
      const filed = await call('adjuster', 'POST', '/api/v1/claims', {
        claimNo: `PICC-F-${kind}`,
        policyNo: 'PDAA202633010000077777',
        accidentDate: '2026-03-14',
        accidentRegionCode: '310115',
        vin: f.sagitarVin,
        plate: '沪B77777',
        repairShopOrgId: users.orgs.buyer,
      });
      const claimId = filed.json().id as string;
      const a = await call('adjuster', 'POST', `/api/v1/claims/${claimId}/assessments`, { lines: [{ partId: f.parts.vwBumper.id, quantity: 1, operation: 'replace', labourHours: 1 }] });
      await call('adjuster', 'POST', `/api/v1/assessments/${a.json().id}/quote`);
      const placed = await call('adjuster', 'POST', '/api/v1/orders', { assessmentId: a.json().id });
      expect(placed.statusCode, placed.body).toBe(201);
      const o = placed.json<Order>();
      const s = o.shipments[0]!.id;
      expect((await call('picker', 'POST', `/api/v1/shipments/${s}/pack`, { lines: [{ orderLineId: o.lines[0]!.id }] })).statusCode).toBe(200);
      expect((await call('picker', 'POST', `/api/v1/shipments/${s}/ship`, { carrier: '京东物流', trackingNo: 'JD0001' })).statusCode).toBe(200);
      expect((await call('picker', 'POST', `/api/v1/shipments/${s}/events`, { type: 'delivered' })).statusCode).toBe(200);
      expect((await call('receiver', 'POST', `/api/v1/orders/${o.id}/receipt`, { lines: [{ orderLineId: o.lines[0]!.id, result: 'accepted' }] })).statusCode).toBe(200);
      // The claim's own VIN, whatever the shop sends; another VIN is refused.
      expect((await call('receiver', 'POST', `/api/v1/orders/${o.id}/install`, { lineIds: [o.lines[0]!.id], vin: f.camryVin })).statusCode).toBe(400);
      const installed = await call('receiver', 'POST', `/api/v1/orders/${o.id}/install`, { lineIds: [o.lines[0]!.id] });
      expect(installed.json<Order>()).toMatchObject({ status: 'completed', lines: [{ installedVin: f.sagitarVin }] });
      expect((await call('adjuster', 'GET', `/api/v1/claims/${claimId}`)).json()).toMatchObject({ status: 'repaired' });
      expect((await verifyStock(t.database.db)).ok).toBe(true);
    });
  });
}
