import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockDemand, verifyIncoming, verifyStock } from '../src/modules/inventory/index.ts';
import { expectedIncoming } from '../src/modules/purchasing/incoming.ts';
import { addDays, chinaDate } from '../src/platform/china-date.ts';
import { auditEvent, outboxEvent } from '../src/platform/tables.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

type Problem = { code: string; errors: { path: string; code: string; message: string }[] };
type Line = {
  id: string;
  productId: string;
  qty: number;
  status: string;
  warehouseId: string;
  source: string;
  promisedEtaDate: string | null;
  reservedAt: string | null;
  shipmentId: string;
  etaDate: string;
};
type Order = { id: string; orderNo: string; status: string; lines: Line[]; shipments: { id: string; warehouseId: string; backorder: boolean; status: string; etaDate: string }[] };
type Po = { id: string; poNo: string; status: string; origin: string; supplierOrgId: string; warehouseId: string; lines: { id: string; productId: string; qty: number; unitFen: number }[] };

// Orders that the stock cannot serve at once: backordered on a purchase order or a transfer in the
// placing transaction, reserved when the goods arrive (oldest first), then fulfilled like any other
// line; cancelling gives up the claim on the goods coming. Over HTTP, on each database.
for (const kind of databaseKinds()) {
  describe(`backorders on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t, { headers: { 'accept-language': 'en' } });
    const { call } = users;
    const wh = { hz: '', bj: '' };
    const today = chinaDate(new Date());
    const post = (who: string, url: string, body?: unknown, key?: string) => call(who, 'POST', url, body, key ? { 'idempotency-key': key } : {});
    const order = async (lines: { productId: string; qty: number }[], key?: string) => {
      const res = await post('shop', '/api/v1/orders', { lines }, key);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Order>();
    };
    const getOrder = async (id: string) => (await call('shop', 'GET', `/api/v1/orders/${id}`)).json<Order>();
    const poOf = async (who: string, productId: string) => {
      const list = (await call(who, 'GET', '/api/v1/purchase-orders?limit=100')).json<{ items: { id: string }[] }>().items;
      const full = await Promise.all(list.map(async (p) => (await call(who, 'GET', `/api/v1/purchase-orders/${p.id}`)).json<Po>()));
      return full.filter((p) => p.lines.some((l) => l.productId === productId));
    };
    const assertVerified = async () => {
      expect((await verifyStock(t.database.db)).ok).toBe(true);
      expect((await verifyIncoming(t.database.db, await expectedIncoming(t.database.db))).ok).toBe(true);
    };

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      await users.signIn({
        hzAdmin: 'admin@hz-ops.demo',
        hzPicker: 'warehouse@hz-ops.demo',
        cdAdmin: 'admin@cd-ops.demo',
        huajun: 'admin@huajun.demo',
        anxin: 'admin@anxin.demo',
        yuetong: 'admin@yuetong.demo',
        shop: 'buyer@sh-anda.demo',
        receiver: 'buyer@sh-anda.demo',
        platform: 'admin@anpei.demo',
      });
      // Hangzhou delivers to Shanghai in a day; a Beijing warehouse (run by the south-west
      // operator here) delivers only in the north but can send goods to Hangzhou in a day.
      const hz = await post('hzAdmin', '/api/v1/warehouses', {
        code: 'HZ-CENTRAL',
        name: '华东中心仓（杭州）',
        kind: 'central',
        regionCode: '330100',
        coverage: [
          { regionCode: '330000', transitDays: 1 },
          { regionCode: '310000', transitDays: 1 },
        ],
      });
      expect(hz.statusCode, hz.body).toBe(201);
      wh.hz = hz.json().id;
      const bj = await post('cdAdmin', '/api/v1/warehouses', {
        code: 'BJ-FRONT',
        name: '华北前置仓（北京）',
        kind: 'front',
        regionCode: '110105',
        coverage: [
          { regionCode: '110000', transitDays: 1 },
          { regionCode: '330000', transitDays: 1 },
        ],
      });
      expect(bj.statusCode, bj.body).toBe(201);
      wh.bj = bj.json().id;
    });
    afterAll(async () => t?.close());

    it('backorders a line nothing holds on a purchase order sent to its supplier, in the same request', async () => {
      const o = await order([{ productId: f.products.oes.id, qty: 2 }], `bo-1-${kind}`);
      expect(o.status).toBe('awaiting_stock');
      const [line] = o.lines;
      expect(line).toMatchObject({ status: 'awaiting_stock', source: 'purchase', warehouseId: wh.hz, reservedAt: null });
      expect(line!.promisedEtaDate! > today).toBe(true);
      expect(o.shipments).toEqual([expect.objectContaining({ warehouseId: wh.hz, backorder: true, status: 'open', etaDate: line!.promisedEtaDate })]);
      // The supplier sees the purchase order, sent, for the warehouse, at the offer's price.
      const [po] = await poOf('huajun', f.products.oes.id);
      expect(po).toMatchObject({ status: 'sent', origin: 'backorder', warehouseId: wh.hz, supplierOrgId: f.suppliers.huajun });
      expect(po!.lines).toEqual([expect.objectContaining({ productId: f.products.oes.id, qty: 2 })]);
      const [demand] = await t.database.db.select().from(stockDemand).where(eq(stockDemand.orderLineId, line!.id));
      expect(demand).toMatchObject({ status: 'open', source: 'purchase', sourceDocumentId: po!.id, qty: 2, etaDate: line!.promisedEtaDate });
      const trail = await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, line!.id));
      expect(trail).toEqual([expect.objectContaining({ action: 'backorder', toState: 'awaiting_stock' })]);
      // A retry of the same request is the same order, and no second purchase order.
      const again = await post('shop', '/api/v1/orders', { lines: [{ productId: f.products.oes.id, qty: 2 }] }, `bo-1-${kind}`);
      expect(again.json<Order>().id).toBe(o.id);
      expect(await poOf('huajun', f.products.oes.id)).toHaveLength(1);
      await assertVerified();
    });

    it('reserves the backorder when the purchase order arrives, then packs, ships and the shop receives it', async () => {
      const [po] = await poOf('huajun', f.products.oes.id);
      const confirmed = await post('huajun', `/api/v1/purchase-orders/${po!.id}/confirm`, { lines: [{ lineId: po!.lines[0]!.id, promisedDate: addDays(today, 2) }] });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect((await post('huajun', `/api/v1/purchase-orders/${po!.id}/ship`, { carrier: '顺丰速运', trackingNo: 'SF-BO-1' })).statusCode).toBe(200);
      const received = await post('hzPicker', `/api/v1/purchase-orders/${po!.id}/receipts`, { lines: [{ lineId: po!.lines[0]!.id, qty: 2, lotNo: 'HJ-BO-1' }] });
      expect(received.statusCode, received.body).toBe(201);

      const list = (await call('shop', 'GET', '/api/v1/orders?limit=50')).json<{ items: Order[] }>().items;
      const o = list.find((x) => x.lines.some((l) => l.productId === f.products.oes.id))!;
      const [line] = o.lines;
      expect(o.status).toBe('reserved');
      expect(line).toMatchObject({ status: 'reserved', source: 'purchase' });
      expect(line!.reservedAt).not.toBeNull();
      expect((await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'order.lines_reserved'))).map((e) => e.orgId)).toContain(users.orgs.shop);

      const shipmentId = line!.shipmentId;
      const packed = await post('hzPicker', `/api/v1/shipments/${shipmentId}/pack`, { lines: [{ orderLineId: line!.id }] });
      expect(packed.statusCode, packed.body).toBe(200);
      const shipped = await post('hzPicker', `/api/v1/shipments/${shipmentId}/ship`, { carrier: '顺丰速运', trackingNo: 'SF-OUT-1' });
      expect(shipped.statusCode, shipped.body).toBe(200);
      expect((await post('hzPicker', `/api/v1/shipments/${shipmentId}/events`, { type: 'delivered', location: '上海' })).statusCode).toBe(200);
      const receipt = await post('receiver', `/api/v1/orders/${o.id}/receipt`, { lines: [{ orderLineId: line!.id, result: 'accepted' }] });
      expect(receipt.statusCode, receipt.body).toBe(200);
      const done = await getOrder(o.id);
      // The promise made at placement and what actually happened are both kept.
      expect(done.lines[0]).toMatchObject({ status: 'accepted', promisedEtaDate: line!.promisedEtaDate, source: 'purchase' });
      expect(done.lines[0]!.reservedAt).not.toBeNull();
      await assertVerified();
    });

    it('transfers from a warehouse that does not deliver there when that is sooner, and reserves on the transfer’s arrival', async () => {
      const r = await post('cdAdmin', `/api/v1/warehouses/${wh.bj}/receipts`, { supplierOrgId: f.suppliers.yuetong, lines: [{ productId: f.products.oem.id, qty: 5, lotNo: 'YT-BJ-1' }] });
      expect(r.statusCode, r.body).toBe(201);
      const o = await order([{ productId: f.products.oem.id, qty: 3 }]);
      expect(o.lines[0]).toMatchObject({ status: 'awaiting_stock', source: 'transfer', warehouseId: wh.hz });
      const transfers = (await call('hzAdmin', 'GET', '/api/v1/transfers')).json<{ items: { id: string; fromWarehouseId: string; toWarehouseId: string; status: string }[] }>().items;
      const transfer = transfers.find((x) => x.fromWarehouseId === wh.bj && x.toWarehouseId === wh.hz)!;
      expect(transfer).toMatchObject({ status: 'in_transit' });
      await assertVerified();
      const arrived = await post('hzAdmin', `/api/v1/transfers/${transfer.id}/receive`);
      expect(arrived.statusCode, arrived.body).toBe(200);
      expect((await getOrder(o.id)).lines[0]).toMatchObject({ status: 'reserved', source: 'transfer' });
      await assertVerified();
    });

    it('serves the oldest backorder first from a short receipt; the rest waits, and a cancelled line releases its claim', async () => {
      const product = f.products.aftermarket.id;
      const first = await order([{ productId: product, qty: 2 }]);
      const [second, third] = await Promise.all([order([{ productId: product, qty: 2 }]), order([{ productId: product, qty: 2 }])]);
      for (const o of [first, second, third]) expect(o.lines[0]).toMatchObject({ status: 'awaiting_stock', source: 'purchase' });
      // Three units arrive by a plain receipt (not the purchase orders): the oldest line is served,
      // the next needs two and only one is left, so it waits whole.
      const r = await post('hzAdmin', `/api/v1/warehouses/${wh.hz}/receipts`, { supplierOrgId: f.suppliers.yuetong, lines: [{ productId: product, qty: 3, lotNo: 'YT-SHORT' }] });
      expect(r.statusCode, r.body).toBe(201);
      expect((await getOrder(first.id)).lines[0]!.status).toBe('reserved');
      const waiting = [await getOrder(second.id), await getOrder(third.id)].map((o) => o.lines[0]!.status);
      expect(waiting).toEqual(['awaiting_stock', 'awaiting_stock']);
      // The younger of the two waiting orders gives up; two more units then go to the older one.
      const older = second.id < third.id ? second : third;
      const younger = older === second ? third : second;
      expect((await post('shop', `/api/v1/orders/${younger.id}/cancel`, { reason: 'found elsewhere' })).statusCode).toBe(200);
      const [demand] = await t.database.db.select().from(stockDemand).where(eq(stockDemand.orderLineId, younger.lines[0]!.id));
      expect(demand!.status).toBe('cancelled');
      const r2 = await post('hzAdmin', `/api/v1/warehouses/${wh.hz}/receipts`, { supplierOrgId: f.suppliers.yuetong, lines: [{ productId: product, qty: 1, lotNo: 'YT-SHORT-2' }] });
      expect(r2.statusCode, r2.body).toBe(201);
      expect((await getOrder(older.id)).lines[0]!.status).toBe('reserved');
      expect((await getOrder(younger.id)).lines[0]!.status).toBe('cancelled');
      await assertVerified();
    });

    it('gives stock a cancellation sets free to the oldest line waiting for it at once, not at the next receipt', async () => {
      const product = f.products.aftermarket.id;
      const r = await post('hzAdmin', `/api/v1/warehouses/${wh.hz}/receipts`, { supplierOrgId: f.suppliers.yuetong, lines: [{ productId: product, qty: 2, lotNo: 'YT-FREED' }] });
      expect(r.statusCode, r.body).toBe(201);
      const free = (await call('hzAdmin', 'GET', `/api/v1/stock/positions?warehouseId=${wh.hz}&productId=${product}`)).json<{ items: { available: number }[] }>().items[0]!.available;
      const holder = await order([{ productId: product, qty: free }]);
      expect(holder.lines[0]).toMatchObject({ status: 'reserved', warehouseId: wh.hz });
      const waiter = await order([{ productId: product, qty: 1 }]);
      expect(waiter.lines[0]).toMatchObject({ status: 'awaiting_stock', source: 'purchase' });
      expect((await post('shop', `/api/v1/orders/${holder.id}/cancel`, { reason: 'changed supplier' })).statusCode).toBe(200);
      const served = await getOrder(waiter.id);
      expect(served.lines[0]).toMatchObject({ status: 'reserved' });
      const [demand] = await t.database.db.select().from(stockDemand).where(eq(stockDemand.orderLineId, waiter.lines[0]!.id));
      expect(demand!.status).toBe('filled');
      const trail = await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, waiter.lines[0]!.id));
      expect(trail.map((x) => x.action)).toEqual(['backorder', 'stock_arrived']);
      const freeAfter = (await call('hzAdmin', 'GET', `/api/v1/stock/positions?warehouseId=${wh.hz}&productId=${product}`)).json<{ items: { available: number }[] }>().items[0]!.available;
      expect(freeAfter).toBe(free - 1);
      await assertVerified();
    });

    it('surfaces a line whose purchase the supplier refused: never silently left waiting', async () => {
      const o = await order([{ productId: f.products.certified.id, qty: 1 }]);
      expect(o.lines[0]).toMatchObject({ status: 'awaiting_stock', source: 'purchase' });
      const [po] = await poOf('anxin', f.products.certified.id);
      const refused = await post('anxin', `/api/v1/purchase-orders/${po!.id}/refuse`, { reason: '停产' });
      expect(refused.statusCode, refused.body).toBe(200);
      const [demand] = await t.database.db.select().from(stockDemand).where(eq(stockDemand.orderLineId, o.lines[0]!.id));
      expect(demand!.status).toBe('unsourced');
      expect((await getOrder(o.id)).lines[0]!.status).toBe('awaiting_stock');
      const told = (await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'order.lines_unsourced'))).map((e) => e.orgId);
      expect(told).toEqual(expect.arrayContaining([users.orgs.platform, users.orgs.shop]));
      const trail = await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, o.lines[0]!.id));
      expect(trail.map((x) => x.action)).toEqual(['backorder', 'unsourced']);
      const worklist = (await call('platform', 'GET', '/api/v1/backorders?status=unsourced')).json<{ items: { orderLineId: string }[] }>().items;
      expect(worklist.map((b) => b.orderLineId)).toContain(o.lines[0]!.id);
      // The buyer may still cancel the line, which withdraws it for good.
      expect((await post('shop', `/api/v1/orders/${o.id}/cancel`, { reason: 'supplier refused' })).statusCode).toBe(200);
      const [after] = await t.database.db.select().from(stockDemand).where(eq(stockDemand.orderLineId, o.lines[0]!.id));
      expect(after!.status).toBe('cancelled');
      await assertVerified();
    });

    it('lets goods arriving and an order being cancelled race without losing either, the books adding up', async () => {
      // Each round: an order with a line reserved now and a line of the same product waiting, then
      // at once its cancellation and a receipt of that product (which fills waiting lines). On
      // PostgreSQL their locks can cross; a deadlock's victim is run again, so both succeed.
      const product = f.products.oes.id;
      for (let round = 0; round < 6; round++) {
        const r = await post('hzAdmin', `/api/v1/warehouses/${wh.hz}/receipts`, { supplierOrgId: f.suppliers.huajun, lines: [{ productId: product, qty: 1, lotNo: `HJ-RACE-${round}` }] });
        expect(r.statusCode, r.body).toBe(201);
        // The second line asks one more than is free after the first: it must wait.
        const position = (await call('hzAdmin', 'GET', `/api/v1/stock/positions?warehouseId=${wh.hz}&productId=${product}`)).json<{ items: { available: number }[] }>().items[0]!;
        const o = await order([
          { productId: product, qty: 1 },
          { productId: product, qty: position.available },
        ]);
        expect(o.lines.map((l) => l.status)).toEqual(['reserved', 'awaiting_stock']);
        const [cancelled, received] = await Promise.all([
          post('shop', `/api/v1/orders/${o.id}/cancel`, { reason: 'race' }),
          post('hzAdmin', `/api/v1/warehouses/${wh.hz}/receipts`, { supplierOrgId: f.suppliers.huajun, lines: [{ productId: product, qty: 60, lotNo: `HJ-RACE-B-${round}` }] }),
        ]);
        expect(cancelled.statusCode, cancelled.body).toBe(200);
        expect(received.statusCode, received.body).toBe(201);
        expect((await getOrder(o.id)).lines.map((l) => l.status)).toEqual(['cancelled', 'cancelled']);
      }
      await assertVerified();
    });

    it('lists the backorders: to the platform and the warehouse’s operator all, to a shop its own, newest first', async () => {
      type Page = { items: { orderNo: string; status: string; warehouseCode: string; source: string; lineStatus: string }[]; nextCursor: string | null };
      const all = (await call('platform', 'GET', '/api/v1/backorders?limit=50')).json<Page>();
      expect(all.items.length).toBeGreaterThanOrEqual(5);
      expect(all.items.every((b) => b.warehouseCode === 'HZ-CENTRAL')).toBe(true);
      const open = (await call('hzAdmin', 'GET', '/api/v1/backorders?status=open')).json<Page>();
      expect(open.items.every((b) => b.status === 'open' && b.lineStatus === 'awaiting_stock')).toBe(true);
      expect((await call('shop', 'GET', '/api/v1/backorders')).json<Page>().items.length).toBe(all.items.length);
      // A supplier is not a party to these orders' backorders.
      expect((await call('huajun', 'GET', '/api/v1/backorders')).json<Page>().items).toEqual([]);
      const first = (await call('platform', 'GET', '/api/v1/backorders?limit=1')).json<Page>();
      expect(first.nextCursor).not.toBeNull();
    });

    it('keeps a shop’s in-stock-only order all-or-nothing, and names a line nothing can source', async () => {
      const res = await post('shop', '/api/v1/orders', { lines: [{ productId: f.products.oes.id, qty: 999 }], backorders: 'in_stock_only' });
      expect(res.statusCode).toBe(409);
      expect(res.json<Problem>()).toMatchObject({ code: 'insufficient_stock', errors: [expect.objectContaining({ path: 'lines.0', code: 'stock_short' })] });
      // Without a warehouse delivering to the region, a line the supplier does not hold there has
      // no source: the coverage that reaches Shanghai is withdrawn for a moment.
      expect((await call('hzAdmin', 'PUT', `/api/v1/warehouses/${wh.hz}/coverage`, { coverage: [{ regionCode: '330000', transitDays: 1 }] })).statusCode).toBe(200);
      const none = await post('shop', '/api/v1/orders', { lines: [{ productId: f.products.oes.id, qty: 1 }] });
      expect(none.statusCode).toBe(409);
      expect(none.json<Problem>()).toMatchObject({ code: 'unsourceable', errors: [expect.objectContaining({ path: 'lines.0', code: 'no_warehouse_covers_region' })] });
      const zh = await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.oes.id, qty: 1 }] }, { 'accept-language': 'zh-CN' });
      expect(zh.json<{ title: string }>().title).toBe('无法供货');
      expect(
        (
          await call('hzAdmin', 'PUT', `/api/v1/warehouses/${wh.hz}/coverage`, {
            coverage: [
              { regionCode: '330000', transitDays: 1 },
              { regionCode: '310000', transitDays: 1 },
            ],
          })
        ).statusCode,
      ).toBe(200);
    });
  });
}
