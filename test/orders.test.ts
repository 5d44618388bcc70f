import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockMove, stockQuant, verifyStock } from '../src/modules/inventory/index.ts';
import { partsOrder } from '../src/modules/orders/index.ts';
import { addDays, chinaDate } from '../src/platform/china-date.ts';
import { queryRows } from '../src/platform/db.ts';
import { auditEvent } from '../src/platform/tables.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { stockAt } from './support/stock.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

type Problem = { code: string; errors: { path: string; code: string; message: string; params?: Record<string, unknown> }[] };
type Order = {
  id: string;
  orderNo: string;
  kind: string;
  status: string;
  amountFen: number;
  lines: { id: string; productId: string; qty: number; status: string; warehouseId: string; dropShip: boolean; shipmentId: string; etaDate: string; unitFen: number; amountFen: number }[];
  shipments: { id: string; warehouseId: string; status: string; etaDate: string; transitDays: number }[];
};

// Warehouses, receipts, orders (both kinds), cancellation, isolation and the race for the last
// units, over HTTP on each database.
for (const kind of databaseKinds()) {
  describe(`orders and stock on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t, { headers: { 'accept-language': 'en' } });
    const { call } = users;
    const wh = { hz: '', cd: '', anxin: '' };
    const loc = { hz: '' };

    async function receive(who: string, warehouseId: string, body: unknown, key?: string) {
      return call(who, 'POST', `/api/v1/warehouses/${warehouseId}/receipts`, body, key ? { 'idempotency-key': key } : {});
    }

    const available = async (productId: string, locationId: string) => (await stockAt(t.database.db, productId, locationId)).available;

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      await users.signIn({
        hzAdmin: 'admin@hz-ops.demo',
        hzPicker: 'warehouse@hz-ops.demo',
        cdAdmin: 'admin@cd-ops.demo',
        anxinAdmin: 'admin@anxin.demo',
        anxinSales: 'sales@anxin.demo',
        yuetongSales: 'sales@yuetong.demo',
        shop: 'buyer@sh-anda.demo',
        otherShop: 'buyer@gz-junchi.demo',
        adjuster: 'adjuster@picc.demo',
        platform: 'admin@anpei.demo',
      });
      const hz = await call('hzAdmin', 'POST', '/api/v1/warehouses', {
        code: 'HZ-CENTRAL',
        name: '华东中心仓（杭州）',
        kind: 'central',
        regionCode: '330100',
        coverage: [
          { regionCode: '330000', transitDays: 1 },
          { regionCode: '310000', transitDays: 1 },
          { regionCode: '440000', transitDays: 3 },
        ],
      });
      expect(hz.statusCode, hz.body).toBe(201);
      wh.hz = hz.json().id;
      loc.hz = hz.json().stockLocationId;
      const cd = await call('cdAdmin', 'POST', '/api/v1/warehouses', {
        code: 'CD-FRONT',
        name: '西南前置仓（成都）',
        kind: 'front',
        regionCode: '510100',
        coverage: [
          { regionCode: '510000', transitDays: 1 },
          { regionCode: '310000', transitDays: 4 },
        ],
      });
      expect(cd.statusCode, cd.body).toBe(201);
      wh.cd = cd.json().id;
      const anxin = await call('anxinAdmin', 'POST', '/api/v1/warehouses', {
        code: 'AX-OWN',
        name: '安信自有库存（常州）',
        kind: 'supplier',
        regionCode: '320400',
        coverage: [{ regionCode: '310000', transitDays: 2 }],
      });
      expect(anxin.statusCode, anxin.body).toBe(201);
      wh.anxin = anxin.json().id;
    });
    afterAll(async () => t?.close());

    it('creates warehouses only of the kind an organisation runs, with unique codes, and hides a supplier’s own stock from others', async () => {
      const wrongKind = await call('hzAdmin', 'POST', '/api/v1/warehouses', { code: 'HZ-X', name: 'x', kind: 'supplier', regionCode: '330100', coverage: [{ regionCode: '330000', transitDays: 1 }] });
      expect(wrongKind.statusCode).toBe(400);
      expect(wrongKind.json<Problem>().errors[0]).toMatchObject({ path: 'kind', code: 'warehouse_kind_for_org' });
      const dup = await call('cdAdmin', 'POST', '/api/v1/warehouses', { code: 'HZ-CENTRAL', name: 'dup', kind: 'front', regionCode: '510100', coverage: [{ regionCode: '510000', transitDays: 1 }] });
      expect(dup.statusCode).toBe(409);
      expect(
        (await call('hzPicker', 'POST', '/api/v1/warehouses', { code: 'HZ-Y', name: 'y', kind: 'front', regionCode: '330100', coverage: [{ regionCode: '330000', transitDays: 1 }] })).statusCode,
      ).toBe(403);

      const seenByShop = (await call('shop', 'GET', '/api/v1/warehouses')).json<{ items: { code: string }[] }>().items.map((w) => w.code);
      expect(seenByShop).toEqual(['CD-FRONT', 'HZ-CENTRAL']);
      expect((await call('yuetongSales', 'GET', `/api/v1/warehouses/${wh.anxin}`)).statusCode).toBe(404);
      expect((await call('anxinSales', 'GET', `/api/v1/warehouses/${wh.anxin}`)).json()).toMatchObject({ code: 'AX-OWN', kind: 'supplier' });
      // Only its operator changes a warehouse's coverage.
      expect((await call('cdAdmin', 'PUT', `/api/v1/warehouses/${wh.hz}/coverage`, { coverage: [{ regionCode: '510000', transitDays: 1 }] })).statusCode).toBe(403);
    });

    it('receives stock by lot with one trace code per certified unit, and refuses a bad receipt whole', async () => {
      const bad = await receive('hzPicker', wh.hz, {
        supplierOrgId: f.suppliers.anxin,
        lines: [
          { productId: f.products.certified.id, qty: 4, lotNo: 'L2026-11', issueTraceCodes: false },
          { productId: f.products.oem.id, qty: 1, lotNo: 'L1' },
        ],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<Problem>().errors.map((e) => [e.path, e.code])).toEqual([
        ['lines.0.issueTraceCodes', 'trace_codes_required'],
        ['lines.1.productId', 'product_of_other_supplier'],
      ]);
      expect(await available(f.products.certified.id, loc.hz)).toBe(0);

      const ok = await receive('hzPicker', wh.hz, { supplierOrgId: f.suppliers.anxin, lines: [{ productId: f.products.certified.id, qty: 4, lotNo: 'L2026-11' }] });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({ ownerOrgId: users.orgs.hzAdmin, consignment: false, lines: [{ qty: 4, lotNo: 'L2026-11' }] });
      expect(await available(f.products.certified.id, loc.hz)).toBe(4);

      // The platform issues the codes, one per unit, for the labels; a receipt cannot choose them.
      expect(new Set(ok.json<{ lines: { traceCodes: string[] }[] }>().lines[0]!.traceCodes).size).toBe(4);
      const chosen = await receive('hzPicker', wh.hz, { supplierOrgId: f.suppliers.anxin, lines: [{ productId: f.products.certified.id, qty: 1, lotNo: 'L2026-12', traceCodes: ['AX-CERT-0002'] }] });
      expect(chosen.statusCode).toBe(400);

      // Consignment stays the supplier's; a supplier's own warehouse is always its own.
      const consigned = await receive('hzAdmin', wh.hz, { supplierOrgId: f.suppliers.yuetong, consignment: true, lines: [{ productId: f.products.aftermarket.id, qty: 10, lotNo: 'YT-A1' }] });
      expect(consigned.json()).toMatchObject({ ownerOrgId: f.suppliers.yuetong, consignment: true });
      const own = await receive('anxinSales', wh.anxin, { lines: [{ productId: f.products.certified.id, qty: 2, lotNo: 'L2026-10' }] });
      expect(own.statusCode, own.body).toBe(201);
      expect(own.json()).toMatchObject({ supplierOrgId: f.suppliers.anxin, ownerOrgId: f.suppliers.anxin });
      // A stranger's warehouse: not found; another operator's: not theirs to receive into.
      expect((await receive('yuetongSales', wh.anxin, { lines: [{ productId: f.products.oem.id, qty: 1, lotNo: 'x' }] })).statusCode).toBe(404);
      expect((await receive('cdAdmin', wh.hz, { supplierOrgId: f.suppliers.yuetong, lines: [{ productId: f.products.oem.id, qty: 1, lotNo: 'x' }] })).statusCode).toBe(403);
    });

    it('lists stock to the operator of the warehouse and the supplier of the product only', async () => {
      type Rows = { items: { warehouseCode: string; productId: string; onHand: number; available: number; consignment: boolean }[] };
      const operator = (await call('hzAdmin', 'GET', `/api/v1/stock?warehouseId=${wh.hz}`)).json<Rows>();
      expect(operator.items.map((r) => [r.productId, r.onHand, r.consignment]).sort()).toEqual(
        [
          [f.products.aftermarket.id, 10, true],
          [f.products.certified.id, 4, false],
        ].sort(),
      );
      const anxin = (await call('anxinSales', 'GET', '/api/v1/stock')).json<Rows>();
      expect(anxin.items.map((r) => [r.warehouseCode, r.onHand]).sort()).toEqual([
        ['AX-OWN', 2],
        ['HZ-CENTRAL', 4],
      ]);
      expect((await call('cdAdmin', 'GET', `/api/v1/stock?warehouseId=${wh.hz}`)).json<Rows>().items).toEqual([]);
      expect((await call('shop', 'GET', '/api/v1/stock')).statusCode).toBe(403);
      // Pages: one row at a time, in key order, to the end.
      const first = (await call('platform', 'GET', '/api/v1/stock?limit=1')).json<Rows & { nextCursor: string }>();
      const second = (await call('platform', 'GET', `/api/v1/stock?limit=1&cursor=${first.nextCursor}`)).json<Rows & { nextCursor: string }>();
      expect(second.items[0]).not.toEqual(first.items[0]);
    });

    let shopOrder: Order;
    it('a shop’s own order is sourced from the warehouse that delivers soonest and reserves its stock', async () => {
      const res = await call(
        'shop',
        'POST',
        '/api/v1/orders',
        {
          lines: [
            { productId: f.products.certified.id, qty: 2 },
            { productId: f.products.aftermarket.id, qty: 3 },
          ],
        },
        { 'idempotency-key': `shop-order-${kind}` },
      );
      expect(res.statusCode, res.body).toBe(201);
      shopOrder = res.json<Order>();
      const today = chinaDate(new Date());
      expect(shopOrder).toMatchObject({ kind: 'shop', status: 'reserved', payerOrgId: users.orgs.shop, buyerOrgId: users.orgs.shop, deliveryRegionCode: '310115' });
      // The certified part for Shanghai costs ¥791 (its East-China offer); the aftermarket one ¥565.
      expect(shopOrder.lines.map((l) => [l.productId, l.qty, l.unitFen, l.amountFen, l.warehouseId, l.dropShip, l.etaDate])).toEqual([
        [f.products.certified.id, 2, 79_100, 158_200, wh.hz, false, addDays(today, 1)],
        [f.products.aftermarket.id, 3, 56_500, 169_500, wh.hz, false, addDays(today, 1)],
      ]);
      expect(shopOrder.amountFen).toBe(327_700);
      expect(shopOrder.shipments).toEqual([expect.objectContaining({ warehouseId: wh.hz, status: 'open', transitDays: 1 })]);
      expect(await available(f.products.certified.id, loc.hz)).toBe(2);

      // The same key replays the answer and reserves nothing more.
      const replay = await call(
        'shop',
        'POST',
        '/api/v1/orders',
        {
          lines: [
            { productId: f.products.certified.id, qty: 2 },
            { productId: f.products.aftermarket.id, qty: 3 },
          ],
        },
        { 'idempotency-key': `shop-order-${kind}` },
      );
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json().id).toBe(shopOrder.id);
      expect(await available(f.products.certified.id, loc.hz)).toBe(2);

      // Sent several times at once under one key: one order, every answer that order.
      const once = { lines: [{ productId: f.products.aftermarket.id, qty: 1 }] };
      const freeBefore = await available(f.products.aftermarket.id, loc.hz);
      const orderCount = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from parts_order`))[0]!.n;
      const ordersBefore = await orderCount();
      const raced = await Promise.all(Array.from({ length: 4 }, () => call('shop', 'POST', '/api/v1/orders', once, { 'idempotency-key': `shop-order-raced-${kind}` })));
      expect(raced.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
      expect(new Set(raced.map((r) => r.json<Order>().id)).size).toBe(1);
      expect(raced.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(3);
      expect(await available(f.products.aftermarket.id, loc.hz)).toBe(freeBefore - 1);
      expect(await orderCount()).toBe(ordersBefore + 1);
      const cancelled = await call('shop', 'POST', `/api/v1/orders/${raced[0]!.json<Order>().id}/cancel`, { reason: '重复下单测试' });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(await available(f.products.aftermarket.id, loc.hz)).toBe(freeBefore);

      const trail = await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, shopOrder.lines[0]!.id));
      expect(trail).toEqual([expect.objectContaining({ objectType: 'order_line', action: 'reserve', toState: 'reserved' })]);
    });

    it('refuses a shop order for what is in stock only, whole, when a line lacks stock, naming the line, and reserves nothing', async () => {
      const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(stockMove);
      const res = await call('shop', 'POST', '/api/v1/orders', {
        lines: [
          { productId: f.products.aftermarket.id, qty: 1 },
          { productId: f.products.certified.id, qty: 5 },
        ],
        backorders: 'in_stock_only',
      });
      expect(res.statusCode).toBe(409);
      expect(res.json<Problem>()).toMatchObject({ code: 'insufficient_stock' });
      // Two certified units left in Hangzhou, two at Anxin's own: no single warehouse has five.
      expect(res.json<Problem>().errors).toEqual([expect.objectContaining({ path: 'lines.1', code: 'stock_short', message: '5 needed; the warehouses that deliver there have at most 2' })]);
      const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(stockMove);
      expect(after[0]!.n).toBe(before[0]!.n);
      expect(await available(f.products.aftermarket.id, loc.hz)).toBe(7);

      // A product nobody offers in the shop's region is a field error, not a stock one.
      const noOffer = await call('otherShop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.certified.id, qty: 1 }] });
      expect(noOffer.statusCode).toBe(400);
      expect(noOffer.json<Problem>().errors[0]).toMatchObject({ path: 'lines.0.productId', code: 'no_offer_for_region' });
    });

    it('drop-ships from the supplier’s own stock when no platform warehouse has enough', async () => {
      const res = await call('shop', 'POST', '/api/v1/orders', {
        lines: [
          { productId: f.products.certified.id, qty: 2 },
          { productId: f.products.certified.id, qty: 2 },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
      const o = res.json<Order>();
      // The first line takes Hangzhou's last two; the second comes from Anxin in two days.
      expect(o.lines.map((l) => [l.warehouseId, l.dropShip])).toEqual([
        [wh.hz, false],
        [wh.anxin, true],
      ]);
      expect(o.shipments.map((s) => [s.warehouseId, s.transitDays]).sort()).toEqual(
        [
          [wh.hz, 1],
          [wh.anxin, 2],
        ].sort(),
      );
      // Anxin sees the order, with its line only; the shop sees both.
      const seen = (await call('anxinSales', 'GET', `/api/v1/orders/${o.id}`)).json<Order>();
      expect(seen.lines.map((l) => l.id).sort()).toEqual(o.lines.map((l) => l.id).sort());
      const cancel = await call('shop', 'POST', `/api/v1/orders/${o.id}/cancel`, { reason: '客户改约' });
      expect(cancel.statusCode, cancel.body).toBe(200);
      expect(cancel.json<Order>()).toMatchObject({ status: 'cancelled', shipments: [expect.objectContaining({ status: 'cancelled' }), expect.objectContaining({ status: 'cancelled' })] });
      expect(await available(f.products.certified.id, loc.hz)).toBe(2);
      // A cancelled order cannot be cancelled again.
      expect((await call('shop', 'POST', `/api/v1/orders/${o.id}/cancel`, { reason: 'again' })).statusCode).toBe(409);
    });

    it('shows an order only to its parties, each its own lines', async () => {
      expect((await call('otherShop', 'GET', `/api/v1/orders/${shopOrder.id}`)).statusCode).toBe(404);
      expect((await call('cdAdmin', 'GET', `/api/v1/orders/${shopOrder.id}`)).statusCode).toBe(404);
      expect((await call('otherShop', 'POST', `/api/v1/orders/${shopOrder.id}/cancel`, { reason: 'x' })).statusCode).toBe(404);
      const yuetong = (await call('yuetongSales', 'GET', `/api/v1/orders/${shopOrder.id}`)).json<Order>();
      expect(yuetong.lines.map((l) => l.productId)).toEqual([f.products.aftermarket.id]);
      // Its totals are its line's, not the order's.
      expect(yuetong.amountFen).toBe(169_500);
      expect((await call('hzPicker', 'GET', `/api/v1/orders/${shopOrder.id}`)).json<Order>().lines).toHaveLength(2);
      // A supplier or operator who is a party still may not cancel: that is the payer's and buyer's.
      expect((await call('yuetongSales', 'POST', `/api/v1/orders/${shopOrder.id}/cancel`, { reason: 'x' })).statusCode).toBe(403);
      const mine = (await call('otherShop', 'GET', '/api/v1/orders')).json<{ items: Order[] }>();
      expect(mine.items).toEqual([]);
      const shops = (await call('shop', 'GET', '/api/v1/orders?kind=shop')).json<{ items: Order[] }>();
      expect(shops.items.map((o) => o.id)).toContain(shopOrder.id);
      const byNo = (await call('shop', 'GET', `/api/v1/orders?q=${shopOrder.orderNo.slice(-6).toLowerCase()}`)).json<{ items: Order[] }>();
      expect(byNo.items.map((o) => o.id)).toEqual([shopOrder.id]);
    });

    it('turns an approved assessment into an order paid by the insurer, once, and moves the claim to ordered', async () => {
      const filed = await call('adjuster', 'POST', '/api/v1/claims', {
        claimNo: `PICC-O-${kind}`,
        policyNo: 'PDAA202633010000012345',
        accidentDate: '2026-03-14',
        accidentRegionCode: '310115',
        vin: f.sagitarVin,
        plate: '沪A54321',
        repairShopOrgId: users.orgs.shop,
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const claimId = filed.json().id as string;
      const a = await call('adjuster', 'POST', `/api/v1/claims/${claimId}/assessments`, { lines: [{ partId: f.parts.vwBumper.id, quantity: 2, operation: 'replace', labourHours: 1.5 }] });
      const assessmentId = a.json().id as string;
      // Not approved yet: nothing to order.
      const early = await call('adjuster', 'POST', '/api/v1/orders', { assessmentId });
      expect(early.statusCode).toBe(400);
      expect(early.json<Problem>().errors[0]).toMatchObject({ path: 'assessmentId', code: 'assessment_not_approved' });
      // Under the default policy the cheapest allowed offer (aftermarket, ¥565) is approved at once.
      const q = await call('adjuster', 'POST', `/api/v1/assessments/${assessmentId}/quote`);
      expect(q.json()).toMatchObject({ assessmentStatus: 'approved', claimStatus: 'approved' });

      // A stranger cannot order it, the shop's other users' peers can't see it either.
      expect((await call('otherShop', 'POST', '/api/v1/orders', { assessmentId })).statusCode).toBe(404);
      const res = await call('shop', 'POST', '/api/v1/orders', { assessmentId });
      expect(res.statusCode, res.body).toBe(201);
      const o = res.json<Order>();
      expect(o).toMatchObject({ kind: 'claim', claimId, assessmentId, payerOrgId: users.orgs.adjuster, buyerOrgId: users.orgs.shop, amountFen: 113_000 });
      expect(o.lines).toEqual([expect.objectContaining({ productId: f.products.aftermarket.id, qty: 2, unitFen: 56_500, warehouseId: wh.hz })]);
      expect((await call('adjuster', 'GET', `/api/v1/claims/${claimId}`)).json()).toMatchObject({ status: 'ordered' });
      const again = await call('adjuster', 'POST', '/api/v1/orders', { assessmentId });
      expect(again.statusCode).toBe(400);
      expect(again.json<Problem>().errors[0]).toMatchObject({ code: 'already_ordered' });
      const [row] = await t.database.db.select().from(partsOrder).where(eq(partsOrder.assessmentId, assessmentId));
      expect(row!.id).toBe(o.id);
    });

    it('sells the last units exactly once to 50 concurrent orders, and the cache equals the moves', async () => {
      const units = 7;
      const r = await receive('hzAdmin', wh.hz, { supplierOrgId: f.suppliers.huajun, lines: [{ productId: f.products.oes.id, qty: units, lotNo: 'HJ-RACE' }] });
      expect(r.statusCode, r.body).toBe(201);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.oes.id, qty: 1 }], backorders: 'in_stock_only' }, { 'idempotency-key': `race-${kind}-${i}` }),
        ),
      );
      const statuses = results.map((x) => x.statusCode);
      expect(statuses.filter((s) => s === 201)).toHaveLength(units);
      expect(statuses.filter((s) => s === 409)).toHaveLength(50 - units);
      expect(await available(f.products.oes.id, loc.hz)).toBe(0);
      const negative = await t.database.db.select().from(stockQuant).where(sql`${stockQuant.onHand} - ${stockQuant.reserved} < 0 or ${stockQuant.reserved} < 0`);
      expect(negative).toEqual([]);
      const report = await verifyStock(t.database.db);
      expect(report).toMatchObject({ ok: true, mismatches: [], invalid: [] });
    });

    it('stock verify finds a cache that drifted from the moves', async () => {
      await t.database.db
        .transaction(async (tx) => {
          await tx
            .update(stockQuant)
            .set({ onHand: sql`${stockQuant.onHand} + 1` })
            .where(eq(stockQuant.productId, f.products.oes.id));
          const report = await verifyStock(tx);
          expect(report.ok).toBe(false);
          expect(report.mismatches[0]).toMatchObject({ cached: { onHand: 8, reserved: 7 }, fromMoves: { onHand: 7, reserved: 7 } });
          tx.rollback();
        })
        .catch((e: Error) => {
          if (!/rollback/i.test(e.message)) throw e;
        });
      expect((await verifyStock(t.database.db)).ok).toBe(true);
    });
  });
}
