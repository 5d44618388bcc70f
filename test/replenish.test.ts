import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCtx } from '../src/cli/system-ctx.ts';
import { describeRun } from '../src/cli/replenish.ts';
import { offer, product } from '../src/modules/catalog/tables.ts';
import { demandRows, stockDemand, verifyIncoming, verifyStock } from '../src/modules/inventory/index.ts';
import { expectedIncoming, purchaseOrder, purchaseOrderLine, replenishWarehouse, runDailyReplenishment, startReplenishmentJob, type ReplenishmentRun } from '../src/modules/purchasing/index.ts';
import { addDays, chinaDate } from '../src/platform/china-date.ts';
import { newId } from '../src/platform/ids.ts';
import { auditEvent } from '../src/platform/tables.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

type Problem = { code: string; errors: { path: string; code: string; message: string }[] };
type Rules = { warehouseId: string; warehouseCode: string; lines: { productId: string; sku: string; minQty: number; maxQty: number }[] };
type Po = { id: string; status: string; origin: string; supplierOrgId: string; expectedDate: string; lines: { productId: string; qty: number; unitFen: number; offerId: string | null }[] };

// Replenishment on each database, on a warehouse whose stock, incoming, backorders and last
// orders come about as they do for its users: receipts, a shop's order shipped and another
// reserved, a purchase order sent, a backorder waiting. Rules over HTTP; the dry run's table; the
// real run's draft purchase orders (drafts count as on order, so a second run buys nothing more);
// the daily job once per warehouse and day, however many processes try.
for (const kind of databaseKinds()) {
  describe(`replenishment on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t, { headers: { 'accept-language': 'en' } });
    const { call } = users;
    let hz = '';
    const noOffer = { id: newId(), sku: 'T-AX-NOOFFER' };
    const today = chinaDate(new Date());

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      await t.database.db.insert(product).values({ id: noOffer.id, supplierOrgId: f.suppliers.anxin, sku: noOffer.sku, brand: '安信', name: '雾灯框', grade: 'aftermarket', warrantyMonths: 6 });
      // The aftermarket part takes five days to come: what the last month's orders say will leave
      // in five days is counted against it.
      await t.database.db.update(offer).set({ leadTimeDays: 5 }).where(eq(offer.id, f.offers.aftermarket.id));
      await users.signIn({
        hzAdmin: 'admin@hz-ops.demo',
        picker: 'warehouse@hz-ops.demo',
        cdAdmin: 'admin@cd-ops.demo',
        yuetong: 'sales@yuetong.demo',
        buyer: 'buyer@sh-anda.demo',
        platform: 'admin@anpei.demo',
      });
      const w = await call('hzAdmin', 'POST', '/api/v1/warehouses', {
        code: 'HZ-CENTRAL',
        name: '华东中心仓（杭州）',
        kind: 'central',
        regionCode: '330100',
        coverage: [{ regionCode: '310000', transitDays: 1 }],
      });
      expect(w.statusCode, w.body).toBe(201);
      hz = w.json<{ id: string }>().id;
      const received = await call('picker', 'POST', `/api/v1/warehouses/${hz}/receipts`, {
        supplierOrgId: f.suppliers.yuetong,
        lines: [
          { productId: f.products.aftermarket.id, qty: 10, lotNo: 'YT-1' },
          { productId: f.products.oem.id, qty: 1, lotNo: 'YT-2' },
        ],
      });
      expect(received.statusCode, received.body).toBe(201);
      // A shop buys six of the aftermarket part, which are packed and shipped (the outflow), and
      // the one OEM part, which stays reserved.
      const placed = await call('buyer', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.aftermarket.id, qty: 6 }] });
      expect(placed.statusCode, placed.body).toBe(201);
      const order = placed.json<{ lines: { id: string }[]; shipments: { id: string }[] }>();
      expect((await call('picker', 'POST', `/api/v1/shipments/${order.shipments[0]!.id}/pack`, { lines: [{ orderLineId: order.lines[0]!.id }] })).statusCode).toBe(200);
      expect((await call('picker', 'POST', `/api/v1/shipments/${order.shipments[0]!.id}/ship`, { carrier: '顺丰速运', trackingNo: 'SF1' })).statusCode).toBe(200);
      expect((await call('buyer', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.oem.id, qty: 1 }] })).statusCode).toBe(201);
      // Three certified parts on order from 安信.
      const po = await call('hzAdmin', 'POST', '/api/v1/purchase-orders', {
        supplierOrgId: f.suppliers.anxin,
        warehouseId: hz,
        expectedDate: addDays(today, 2),
        lines: [{ productId: f.products.certified.id, qty: 3 }],
      });
      expect((await call('hzAdmin', 'POST', `/api/v1/purchase-orders/${po.json<Po>().id}/send`)).statusCode).toBe(200);
      // Two of the OES part backordered at the warehouse.
      await t.database.db
        .insert(stockDemand)
        .values(demandRows([{ orderLineId: newId(), warehouseId: hz, productId: f.products.oes.id, qty: 2, source: 'purchase', sourceDocumentId: null, etaDate: addDays(today, 3) }], new Date()));
    });
    afterAll(async () => t?.close());

    it('sets a warehouse’s rules over HTTP, refusing what is wrong, for its operator and the platform only', async () => {
      const lines = [
        { productId: f.products.aftermarket.id, minQty: 3, maxQty: 12 },
        { productId: f.products.oem.id, minQty: 1, maxQty: 4 },
        { productId: f.products.oes.id, minQty: 0, maxQty: 3 },
        { productId: f.products.certified.id, minQty: 2, maxQty: 6 },
        { productId: noOffer.id, minQty: 1, maxQty: 2 },
      ];
      const bad = await call('hzAdmin', 'PUT', `/api/v1/warehouses/${hz}/replenishment-rules`, { lines: [{ productId: f.products.oem.id, minQty: 4, maxQty: 4 }] }, { 'accept-language': 'zh-CN' });
      expect(bad.json<Problem>().errors.map((e) => [e.path, e.code, e.message])).toEqual([['lines.0.maxQty', 'max_not_above_min', '最大库存必须大于最小库存']]);
      const twice = await call('hzAdmin', 'PUT', `/api/v1/warehouses/${hz}/replenishment-rules`, { lines: [lines[0], lines[0], { productId: newId(), minQty: 0, maxQty: 1 }] });
      expect(twice.json<Problem>().errors.map((e) => [e.path, e.code])).toEqual([
        ['lines.1.productId', 'duplicate_product'],
        ['lines.2.productId', 'unknown_reference'],
      ]);
      expect(
        (await call('hzAdmin', 'PUT', `/api/v1/warehouses/${hz}/replenishment-rules`, { lines: [{ productId: f.products.oem.id, minQty: 0, maxQty: 10_000 }] })).json<Problem>().errors[0],
      ).toMatchObject({ path: 'lines.0.maxQty', code: 'too_big_number' });
      expect((await call('cdAdmin', 'PUT', `/api/v1/warehouses/${hz}/replenishment-rules`, { lines })).statusCode).toBe(403);
      expect((await call('yuetong', 'GET', `/api/v1/warehouses/${hz}/replenishment-rules`)).statusCode).toBe(403);
      expect((await call('hzAdmin', 'GET', `/api/v1/warehouses/${hz}/replenishment-rules`)).json<Rules>().lines).toEqual([]);

      const set = await call('hzAdmin', 'PUT', `/api/v1/warehouses/${hz}/replenishment-rules`, { lines }, { 'idempotency-key': `rules-${kind}` });
      expect(set.statusCode, set.body).toBe(200);
      const rules = (await call('platform', 'GET', `/api/v1/warehouses/${hz}/replenishment-rules`)).json<Rules>();
      expect(rules.warehouseCode).toBe('HZ-CENTRAL');
      expect(rules.lines.map((l) => [l.productId, l.minQty, l.maxQty]).sort()).toEqual(lines.map((l) => [l.productId, l.minQty, l.maxQty]).sort());
      const trail = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectId, hz), eq(auditEvent.action, 'set_replenishment_rules')));
      expect(trail).toHaveLength(1);
    });

    let dry: ReplenishmentRun;
    it('a dry run says what it would buy and why, and writes nothing', async () => {
      const before = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(purchaseOrder))[0]!.n;
      const ctx = await cliCtx(t.database.db);
      dry = await t.database.db.transaction((tx) => replenishWarehouse(tx, ctx, hz, { dryRun: true }));
      const bySku = Object.fromEntries(dry.lines.map((l) => [l.sku, [l.available, l.incoming, l.drafts, l.backorders, l.outflow, l.leadDemand, l.position, l.qty, l.why]]));
      expect(bySku).toEqual({
        // 10 received, 6 shipped: 4 available; 6 in 30 days over 5 days' lead time: 1 more will
        // leave; at the reorder point of 3, up to 12.
        [f.products.aftermarket.sku]: [4, 0, 0, 0, 6, 1, 3, 9, 'below_min'],
        // The one on hand is reserved.
        [f.products.oem.sku]: [0, 0, 0, 0, 0, 0, 0, 4, 'below_min'],
        // Two backordered: up to the maximum and the two besides.
        [f.products.oes.sku]: [0, 0, 0, 2, 0, 0, -2, 5, 'below_min'],
        // Three on order: above the minimum of 2.
        [f.products.certified.sku]: [0, 3, 0, 0, 0, 0, 3, 0, 'above_min'],
        [noOffer.sku]: [0, 0, 0, 0, 0, 0, 0, 0, 'no_offer'],
      });
      expect(dry.purchases.map((p) => [p.supplierOrgId, p.lines.map((l) => [l.sku, l.qty, l.offer!.unitFen]), p.totalFen])).toEqual(
        [
          [f.suppliers.huajun, [[f.products.oes.sku, 5, 90_400n]], 5n * 90_400n],
          // Lines in SKU order.
          [
            f.suppliers.yuetong,
            [
              [f.products.oem.sku, 4, 118_000n],
              [f.products.aftermarket.sku, 9, 56_500n],
            ],
            9n * 56_500n + 4n * 118_000n,
          ],
        ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1)),
      );
      // 粤通 is in Guangdong, the warehouse in Zhejiang: the slowest line's five days and three inbound.
      expect(dry.purchases.find((p) => p.supplierOrgId === f.suppliers.yuetong)!.expectedDate).toBe(addDays(today, 5 + 3));
      expect(dry.raised).toEqual([]);
      expect((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(purchaseOrder))[0]!.n).toBe(before);

      const text = describeRun(dry, 'en');
      expect(text).toContain('(dry run: nothing is written)');
      const row = text.split('\n').find((l) => l.startsWith(f.products.aftermarket.sku))!;
      expect(row.split(/\s{2,}/)).toEqual([f.products.aftermarket.sku, '3', '12', '4', '0', '0', '0', '6', '1', '3', '9', '565.00', 'at or below min: buy up to max']);
      expect(text).toMatch(/would buy from .+: 2 product\(s\), 13 unit\(s\), ¥9,805\.00, expected \d{4}-\d{2}-\d{2}/);
      expect(describeRun(dry, 'zh-CN')).toContain('本地区没有有效报价：无法采购');
    });

    it('a real run raises the proposal as draft purchase orders; a second run buys nothing more', async () => {
      const ctx = await cliCtx(t.database.db);
      const run = await t.database.db.transaction((tx) => replenishWarehouse(tx, ctx, hz, { dryRun: false }));
      expect(run.raised).toHaveLength(2);
      const listed = (await call('hzAdmin', 'GET', '/api/v1/purchase-orders?origin=replenishment')).json<{ items: Po[] }>().items;
      expect(listed.map((p) => [p.status, p.origin]).sort()).toEqual([
        ['draft', 'replenishment'],
        ['draft', 'replenishment'],
      ]);
      const yt = (await call('hzAdmin', 'GET', `/api/v1/purchase-orders/${run.raised.find((r) => r.supplierOrgId === f.suppliers.yuetong)!.id}`)).json<Po>();
      expect(yt.lines.map((l) => [l.productId, l.qty, l.unitFen, l.offerId])).toEqual([
        [f.products.oem.id, 4, 118_000, f.offers.oem.id],
        [f.products.aftermarket.id, 9, 56_500, f.offers.aftermarket.id],
      ]);
      expect(yt.expectedDate).toBe(addDays(today, 8));
      // Drafts: the supplier sees none of them until the operator sends them.
      expect((await call('yuetong', 'GET', '/api/v1/purchase-orders')).json<{ items: Po[] }>().items).toEqual([]);

      const again = await t.database.db.transaction((tx) => replenishWarehouse(tx, ctx, hz, { dryRun: false }));
      expect(again.raised).toEqual([]);
      expect(again.lines.filter((l) => l.qty > 0)).toEqual([]);
      expect(again.lines.find((l) => l.sku === f.products.oes.sku)).toMatchObject({ drafts: 5, position: 3, why: 'above_min' });
      expect((await verifyIncoming(t.database.db, await expectedIncoming(t.database.db))).ok).toBe(true);
      expect((await verifyStock(t.database.db)).ok).toBe(true);
    });

    it('the daily job runs once per warehouse and day, however many processes try at once', async () => {
      // The operator withdraws the drafts: the next day's run raises them again.
      for (const p of (await call('hzAdmin', 'GET', '/api/v1/purchase-orders?origin=replenishment')).json<{ items: Po[] }>().items) {
        expect((await call('hzAdmin', 'POST', `/api/v1/purchase-orders/${p.id}/cancel`, { reason: '重新评估' })).statusCode).toBe(200);
      }
      // Nine in the morning, China time, so that an hour later is still the same day whenever the suite runs.
      const tomorrow = new Date(`${addDays(today, 1)}T09:00:00+08:00`);
      const runs = await Promise.all([runDailyReplenishment(t.database.db, tomorrow), runDailyReplenishment(t.database.db, tomorrow)]);
      const outcomes = runs.flat().map((o) => o.outcome);
      expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
      expect(outcomes.every((o) => o === 'ran' || o === 'busy' || o === 'done_today')).toBe(true);
      expect(runs.flat().find((o) => o.outcome === 'ran')).toMatchObject({ code: 'HZ-CENTRAL', purchaseOrders: 2 });
      const drafts = await t.database.db
        .select()
        .from(purchaseOrder)
        .where(and(eq(purchaseOrder.status, 'draft'), eq(purchaseOrder.origin, 'replenishment')));
      expect(drafts).toHaveLength(2);
      // Later the same day: done. The marker is an audit row the operator may read.
      expect((await runDailyReplenishment(t.database.db, new Date(tomorrow.getTime() + 3_600_000))).map((o) => o.outcome)).toEqual(['done_today']);
      const markers = await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectType, 'replenishment_run'));
      expect(markers).toHaveLength(1);
      expect(markers[0]!.data).toMatchObject({ warehouseCode: 'HZ-CENTRAL', day: chinaDate(tomorrow), purchaseOrders: expect.any(Array) });
      // The day after, it runs again, and finds the drafts on order.
      const dayAfter = await runDailyReplenishment(t.database.db, new Date(tomorrow.getTime() + 86_400_000));
      expect(dayAfter).toEqual([expect.objectContaining({ outcome: 'ran', purchaseOrders: 0 })]);
      expect(
        (
          await t.database.db
            .select({ n: sql<number>`count(*)::int` })
            .from(purchaseOrderLine)
            .innerJoin(purchaseOrder, eq(purchaseOrder.id, purchaseOrderLine.purchaseOrderId))
            .where(eq(purchaseOrder.status, 'draft'))
        )[0]!.n,
      ).toBe(3);
    });

    it('the job started by serve checks on its own and stops cleanly', async () => {
      const logged: string[] = [];
      const job = startReplenishmentJob({ db: t.database.db, log: { info: (_o, m) => void logged.push(m), error: (_o, m) => void logged.push(m) }, firstCheckMs: 0 });
      // Its first check runs at once (firstCheckMs 0) and finds the day done or runs it.
      const outcomes = await job.runOnce();
      expect(outcomes.map((o) => o.code)).toEqual(['HZ-CENTRAL']);
      await job.stop();
      await expect(job.runOnce()).rejects.toThrow('stopped');
      expect(logged.filter((m) => m.includes('failed'))).toEqual([]);
    });
  });
}
