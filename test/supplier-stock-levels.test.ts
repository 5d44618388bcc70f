import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product, productPart } from '../src/modules/catalog/tables.ts';
import { stockMove, stockQuant, traceUnit, verifyStock, virtualLocations } from '../src/modules/inventory/index.ts';
import { stockLot } from '../src/modules/inventory/tables.ts';
import { newId } from '../src/platform/ids.ts';
import { auditEvent, outboxEvent } from '../src/platform/tables.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

type Problem = { code: string; title: string; detail: string; errors: { path: string; code: string; message: string; params?: Record<string, unknown> }[] };
type Levels = {
  id: string;
  changed: boolean;
  supplierOrgId: string;
  lines: { productId: string; sku: string; lotNo: string | null; before: number; qty: number; reserved: number; difference: number; traceCodes: string[] }[];
  adjustments: { productId: string; lotNo: string; direction: string; qty: number }[];
};

// A supplier's own stock, kept by the supplier (issue 10): absolute levels at its `supplier`
// warehouse, by JSON or CSV, booked as adjustment moves, refused below what orders hold, and
// invisible to everyone but the supplier and the platform. Over HTTP on each database.
for (const kind of databaseKinds()) {
  describe(`a supplier's stock levels on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t, { headers: { 'accept-language': 'en' } });
    const { call, orgs } = users;
    const wh = { hj: '', hjLocation: '', ax: '', axLocation: '', hz: '' };
    const lamp = { id: newId(), sku: 'T-HJ-941005C' };
    const levelsUrl = (id: string) => `/api/v1/warehouses/${id}/stock-levels`;
    const put = (who: string, id: string, body: object, headers: Record<string, string> = {}) => call(who, 'PUT', levelsUrl(id), body, headers);
    const csv = (who: string, id: string, text: string, headers: Record<string, string> = {}) => call(who, 'POST', `${levelsUrl(id)}.csv`, text, { 'content-type': 'text/csv', ...headers });

    // On hand and reserved per lot number at a location.
    async function lotsAt(productId: string, locationId: string): Promise<Record<string, [number, number]>> {
      const rows = await t.database.db
        .select({ lotNo: stockLot.lotNo, onHand: stockQuant.onHand, reserved: stockQuant.reserved })
        .from(stockQuant)
        .innerJoin(stockLot, eq(stockLot.id, stockQuant.lotId))
        .where(and(eq(stockQuant.productId, productId), eq(stockQuant.locationId, locationId)));
      return Object.fromEntries(rows.filter((r) => r.onHand > 0 || r.reserved > 0).map((r) => [r.lotNo, [r.onHand, r.reserved]]));
    }
    async function snapshot() {
      const db = t.database.db;
      const count = async (table: typeof stockMove | typeof auditEvent | typeof outboxEvent | typeof traceUnit | typeof stockLot) =>
        (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
      return {
        moves: await count(stockMove),
        audits: await count(auditEvent),
        events: await count(outboxEvent),
        units: await count(traceUnit),
        lots: await count(stockLot),
        quants: await db.select().from(stockQuant).orderBy(stockQuant.productId, stockQuant.locationId, stockQuant.lotId, stockQuant.ownerOrgId),
      };
    }

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      // A second product of the manufacturer, to name by its SKU.
      await t.database.db.insert(product).values({ id: lamp.id, supplierOrgId: f.suppliers.huajun, sku: lamp.sku, brand: '华骏', name: '左前大灯总成 配套', grade: 'oes', warrantyMonths: 12 });
      await t.database.db.insert(productPart).values({ productId: lamp.id, partId: f.parts.vwHeadlamp.id });
      await users.signIn({
        hjAdmin: 'admin@huajun.demo',
        hjSales: 'sales@huajun.demo',
        axAdmin: 'admin@anxin.demo',
        ytAdmin: 'admin@yuetong.demo',
        hzAdmin: 'admin@hz-ops.demo',
        platform: 'admin@anpei.demo',
        shop: 'buyer@sh-anda.demo',
      });
      const make = async (who: string, body: object) => {
        const res = await call(who, 'POST', '/api/v1/warehouses', body);
        expect(res.statusCode, res.body).toBe(201);
        return res.json<{ id: string; stockLocationId: string }>();
      };
      const hj = await make('hjAdmin', { code: 'HJ-OWN', name: '华骏自有库存（长春）', kind: 'supplier', regionCode: '220100', coverage: [{ regionCode: '310000', transitDays: 3 }] });
      const ax = await make('axAdmin', { code: 'AX-OWN', name: '安信自有库存（常州）', kind: 'supplier', regionCode: '320400', coverage: [{ regionCode: '320000', transitDays: 1 }] });
      const hz = await make('hzAdmin', { code: 'HZ-CENTRAL', name: '华东中心仓（杭州）', kind: 'central', regionCode: '330100', coverage: [{ regionCode: '330000', transitDays: 1 }] });
      Object.assign(wh, { hj: hj.id, hjLocation: hj.stockLocationId, ax: ax.id, axLocation: ax.stockLocationId, hz: hz.id });
    });
    afterAll(async () => t?.close());

    let first: Levels;
    it('sets levels by product id (its total) and by SKU and lot, booked as adjustments from the supplier, audited, with an event', async () => {
      const body = {
        note: '月初库存',
        lines: [
          { productId: f.products.oes.id, qty: 12 },
          { sku: lamp.sku, lotNo: 'HJ-2026-10', qty: 5 },
        ],
      };
      const res = await put('hjAdmin', wh.hj, body, { 'idempotency-key': `levels-${kind}` });
      expect(res.statusCode, res.body).toBe(200);
      first = res.json<Levels>();
      expect(first).toMatchObject({ changed: true, supplierOrgId: f.suppliers.huajun });
      expect(first.lines.map((l) => [l.sku, l.lotNo, l.before, l.qty, l.difference, l.traceCodes])).toEqual([
        [f.products.oes.sku, null, 0, 12, 12, []],
        [lamp.sku, 'HJ-2026-10', 0, 5, 5, []],
      ]);
      expect(first.adjustments.map((a) => [a.productId, a.lotNo, a.direction, a.qty])).toEqual([
        [f.products.oes.id, 'SUPPLIER-STOCK', 'in', 12],
        [lamp.id, 'HJ-2026-10', 'in', 5],
      ]);
      expect(await lotsAt(f.products.oes.id, wh.hjLocation)).toEqual({ 'SUPPLIER-STOCK': [12, 0] });
      expect(await lotsAt(lamp.id, wh.hjLocation)).toEqual({ 'HJ-2026-10': [5, 0] });
      const moves = await t.database.db.select().from(stockMove).where(eq(stockMove.documentId, first.id));
      expect(moves.map((m) => [m.kind, m.phase, m.ownerOrgId, m.fromLocationId, m.toLocationId, m.qty]).sort()).toEqual(
        [
          ['adjustment', 'single', f.suppliers.huajun, virtualLocations.supplier.id, wh.hjLocation, 12],
          ['adjustment', 'single', f.suppliers.huajun, virtualLocations.supplier.id, wh.hjLocation, 5],
        ].sort(),
      );
      const trail = await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, first.id));
      expect(trail).toEqual([expect.objectContaining({ objectType: 'stock_levels', action: 'set', orgId: f.suppliers.huajun, actorUserId: users.users.hjAdmin })]);
      const events = await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'stock.levels_set'));
      expect(events.map((e) => e.orgId)).toEqual([f.suppliers.huajun]);

      // The same key replays the answer and books nothing more.
      const before = await snapshot();
      const replay = await put('hjAdmin', wh.hj, body, { 'idempotency-key': `levels-${kind}` });
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json<Levels>().id).toBe(first.id);
      expect(await snapshot()).toEqual(before);
      // The same levels under a new key: nothing to change, and no trail.
      const again = await put('hjAdmin', wh.hj, body, { 'idempotency-key': `levels-again-${kind}` });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json<Levels>()).toMatchObject({ changed: false, adjustments: [] });
      expect(again.json<Levels>().lines.map((l) => l.difference)).toEqual([0, 0]);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a level below what orders hold, naming the line in both languages, and lowers to exactly that', async () => {
      // The shop in Shanghai buys 3: only the manufacturer's own stock delivers there (drop-ship).
      const order = await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.oes.id, qty: 3 }] });
      expect(order.statusCode, order.body).toBe(201);
      expect(await lotsAt(f.products.oes.id, wh.hjLocation)).toEqual({ 'SUPPLIER-STOCK': [12, 3] });

      const before = await snapshot();
      const res = await put('hjAdmin', wh.hj, {
        lines: [
          { sku: lamp.sku, lotNo: 'HJ-2026-10', qty: 4 },
          { productId: f.products.oes.id, qty: 2 },
        ],
      });
      expect(res.statusCode).toBe(409);
      expect(res.json<Problem>()).toMatchObject({
        code: 'stock_level_below_reserved',
        errors: [{ path: 'lines.1.qty', code: 'level_below_reserved', message: 'a level of 2, fewer than the 3 that orders have reserved' }],
      });
      const zh = await put('hjAdmin', wh.hj, { lines: [{ productId: f.products.oes.id, qty: 2 }] }, { 'accept-language': 'zh-CN' });
      expect(zh.json<Problem>().detail).toContain('低于订单已占用的数量');
      expect(zh.json<Problem>().errors[0]!.message).toBe('库存水位 2 件，少于订单已占用的 3 件');
      expect(await snapshot()).toEqual(before);

      const ok = await put('hjAdmin', wh.hj, { lines: [{ productId: f.products.oes.id, qty: 3 }] });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<Levels>().lines[0]).toMatchObject({ before: 12, qty: 3, reserved: 3, difference: -9 });
      expect(ok.json<Levels>().adjustments).toEqual([expect.objectContaining({ lotNo: 'SUPPLIER-STOCK', direction: 'out', qty: 9 })]);
      expect(await lotsAt(f.products.oes.id, wh.hjLocation)).toEqual({ 'SUPPLIER-STOCK': [3, 3] });
      const out = await t.database.db.select().from(stockMove).where(eq(stockMove.documentId, ok.json<Levels>().id));
      expect(out.map((m) => [m.fromLocationId, m.toLocationId, m.qty])).toEqual([[wh.hjLocation, virtualLocations.supplier.id, 9]]);
    });

    it('refuses another supplier’s product, an unknown SKU and a product named twice, every line at once, in both languages', async () => {
      const before = await snapshot();
      const body = {
        lines: [
          { productId: f.products.oem.id, qty: 1 },
          { sku: 'NO-SUCH-SKU', qty: 1 },
          { productId: f.products.oes.id, qty: 4 },
          { sku: f.products.oes.sku, lotNo: 'X-1', qty: 1 },
          { productId: f.products.oes.id, sku: f.products.oes.sku, qty: 1 },
          // Another supplier's SKU is unknown here: SKUs are the supplier's own.
          { sku: f.products.oem.sku, qty: 1 },
        ],
      };
      const res = await put('hjAdmin', wh.hj, body);
      expect(res.statusCode).toBe(400);
      expect(res.json<Problem>().errors.map((e) => [e.path, e.code, e.message])).toEqual([['lines.4.productId', 'product_id_or_sku', 'give either productId or sku, not both']]);
      body.lines.splice(4, 1);
      const en = await put('hjAdmin', wh.hj, body);
      expect(en.statusCode).toBe(400);
      expect(en.json<Problem>().errors.map((e) => [e.path, e.code, e.message])).toEqual([
        ['lines.0.productId', 'product_of_other_supplier', `the product does not belong to supplier ${f.suppliers.huajun}`],
        ['lines.1.sku', 'unknown_reference', 'no such product: NO-SUCH-SKU'],
        ['lines.3', 'stock_level_repeated', 'names the same product and lot as lines.2 (a line without a lot is the product’s total and cannot stand beside lines by lot)'],
        ['lines.4.sku', 'unknown_reference', `no such product: ${f.products.oem.sku}`],
      ]);
      const zh = await put('hjAdmin', wh.hj, body, { 'accept-language': 'zh-CN' });
      expect(zh.json<Problem>().errors.map((e) => e.message)).toEqual([
        `该商品不属于供应商 ${f.suppliers.huajun}`,
        '引用的商品不存在：NO-SUCH-SKU',
        '与 lines.2 是同一商品和批次（不填批次即该商品的总数，不能再与按批次的行同列）',
        `引用的商品不存在：${f.products.oem.sku}`,
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('lets only the warehouse’s supplier (its admin) and the platform set levels; a foreign warehouse is not found; a platform warehouse is refused', async () => {
      const before = await snapshot();
      const body = { lines: [{ productId: f.products.oes.id, qty: 20 }] };
      expect((await put('ytAdmin', wh.hj, body)).statusCode).toBe(404);
      expect((await put('hzAdmin', wh.hj, body)).statusCode).toBe(404);
      expect((await put('axAdmin', wh.hj, body)).statusCode).toBe(404);
      expect((await csv('ytAdmin', wh.hj, `sku,qty\n${f.products.oes.sku},20\n`)).statusCode).toBe(404);
      expect((await put('hjSales', wh.hj, body)).statusCode).toBe(403);
      expect((await put('shop', wh.hj, body)).statusCode).toBe(403);
      expect((await put('hjAdmin', wh.hz, body)).statusCode).toBe(403);
      const platformWarehouse = await put('hzAdmin', wh.hz, body);
      expect(platformWarehouse.statusCode).toBe(409);
      expect(platformWarehouse.json<Problem>()).toMatchObject({
        code: 'stock_levels_supplier_only',
        detail: 'HZ-CENTRAL is a platform warehouse: its stock changes only by receipts, transfers and counts.',
      });
      expect((await put('platform', wh.hz, body)).statusCode).toBe(409);
      expect((await call('ytAdmin', 'GET', `/api/v1/stock?warehouseId=${wh.hj}`)).json<{ items: unknown[] }>().items).toEqual([]);
      expect(await snapshot()).toEqual(before);

      const byPlatform = await put('platform', wh.hj, body);
      expect(byPlatform.statusCode, byPlatform.body).toBe(200);
      expect(byPlatform.json<Levels>().lines[0]).toMatchObject({ before: 3, qty: 20, difference: 17 });
      const [trail] = await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, byPlatform.json<Levels>().id));
      // The supplier's record, made by the platform.
      expect(trail).toMatchObject({ orgId: f.suppliers.huajun, actorOrgId: orgs.platform });
    });

    it('issues a trace code to every certified unit added, and leaves a fall of coded units to a count', async () => {
      const res = await put('axAdmin', wh.ax, { lines: [{ productId: f.products.certified.id, qty: 3 }] });
      expect(res.statusCode, res.body).toBe(200);
      const levels = res.json<Levels>();
      expect(levels.lines[0]!.traceCodes).toHaveLength(3);
      const units = await t.database.db.select().from(traceUnit).where(eq(traceUnit.receiptId, levels.id));
      expect(units.map((u) => u.code).sort()).toEqual([...levels.lines[0]!.traceCodes].sort());
      expect(units.every((u) => u.status === 'in_stock' && u.locationId === wh.axLocation && u.productId === f.products.certified.id)).toBe(true);
      // Raised again: only the new units get codes.
      const more = await put('axAdmin', wh.ax, { lines: [{ sku: f.products.certified.sku, qty: 5 }] });
      expect(more.json<Levels>().lines[0]).toMatchObject({ before: 3, qty: 5, difference: 2 });
      expect(more.json<Levels>().lines[0]!.traceCodes).toHaveLength(2);

      const before = await snapshot();
      const fall = await put('axAdmin', wh.ax, { lines: [{ productId: f.products.certified.id, qty: 1 }] });
      expect(fall.statusCode).toBe(400);
      expect(fall.json<Problem>().errors).toEqual([
        expect.objectContaining({
          path: 'lines.0.qty',
          code: 'stock_level_coded_lot',
          message: 'the units to take away carry trace codes, and which ones left is known only by scanning them: lower it by a stock count',
        }),
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('sets levels from a CSV file, reports every bad row by row and column in both languages, and changes nothing then', async () => {
      const before = await snapshot();
      // Excel's BOM, header in its own case and order, a full-width quantity, a bad number, an unknown
      // SKU, a row twice, an empty quantity.
      const bad = `\uFEFFQty,SKU,Lot_No\n７,${lamp.sku},HJ-2026-10\nabc,${f.products.oes.sku},\n1,NO-SUCH-SKU,\n2,${lamp.sku},HJ-2026-10\n,${lamp.sku},HJ-2026-11\n`;
      const res = await csv('hjAdmin', wh.hj, bad);
      expect(res.statusCode).toBe(422);
      expect(res.json<Problem>().code).toBe('import_rejected');
      expect(res.json<Problem>().errors.map((e) => [e.path, e.code])).toEqual([
        ['rows.3.qty', 'invalid_format'],
        ['rows.6.qty', 'required'],
      ]);
      const zh = await csv('hjAdmin', wh.hj, bad, { 'accept-language': 'zh-CN' });
      expect(zh.json<Problem>().title).toBe('导入文件有误，未导入任何数据');
      expect(zh.json<Problem>().errors[1]!.message).toBe('必填');
      // The cells fine, what the database says is not: the rows are named all the same.
      const unknown = await csv('hjAdmin', wh.hj, `sku,qty,lot_no\n${lamp.sku},7,HJ-2026-10\n${f.products.oes.sku},9,\nNO-SUCH-SKU,1,\n${lamp.sku},2,HJ-2026-10\n`);
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json<Problem>().errors.map((e) => [e.path, e.code, e.message])).toEqual([
        ['rows.4.sku', 'unknown_reference', 'no such product: NO-SUCH-SKU'],
        ['rows.5.sku', 'duplicate_in_file', 'duplicates row 2'],
      ]);
      const below = await csv('hjAdmin', wh.hj, `sku,qty\n${f.products.oes.sku},1\n`);
      expect(below.statusCode).toBe(409);
      expect(below.json<Problem>().errors.map((e) => [e.path, e.code])).toEqual([['rows.2.qty', 'level_below_reserved']]);
      expect(await snapshot()).toEqual(before);

      const good = `sku,qty,lot_no\n${lamp.sku},７,HJ-2026-10\n${f.products.oes.sku},9,\n${lamp.sku},4,HJ-2026-11\n`;
      const ok = await csv('hjAdmin', wh.hj, good, { 'content-disposition': 'attachment; filename="库存.csv"' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<Levels>().lines.map((l) => [l.lotNo, l.before, l.qty])).toEqual([
        ['HJ-2026-10', 5, 7],
        [null, 20, 9],
        ['HJ-2026-11', 0, 4],
      ]);
      expect(await lotsAt(lamp.id, wh.hjLocation)).toEqual({ 'HJ-2026-10': [7, 0], 'HJ-2026-11': [4, 0] });
      expect(await lotsAt(f.products.oes.id, wh.hjLocation)).toEqual({ 'SUPPLIER-STOCK': [9, 3] });
      const [trail] = await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, ok.json<Levels>().id));
      expect(trail!.data).toMatchObject({ source: { kind: 'csv', fileName: '库存.csv' } });
      // The same file again changes nothing.
      const mid = await snapshot();
      const again = await csv('hjAdmin', wh.hj, good);
      expect(again.json<Levels>().changed).toBe(false);
      expect(await snapshot()).toEqual(mid);
      // JSON is not a CSV file.
      expect((await call('hjAdmin', 'POST', `${levelsUrl(wh.hj)}.csv`, { lines: [] })).statusCode).toBe(415);
    });

    it('sets a level once when several requests state it at the same moment', async () => {
      const racer = { id: newId(), sku: 'T-HJ-RACE' };
      await t.database.db.insert(product).values({ id: racer.id, supplierOrgId: f.suppliers.huajun, sku: racer.sku, brand: '华骏', name: '右前大灯总成 配套', grade: 'oes', warrantyMonths: 12 });
      const body = { lines: [{ sku: racer.sku, qty: 6 }] };
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => put('hjAdmin', wh.hj, body, { 'idempotency-key': `race-${i}-${kind}` })));
      expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 200));
      expect(answers.filter((a) => a.json<Levels>().changed)).toHaveLength(1);
      expect(await lotsAt(racer.id, wh.hjLocation)).toEqual({ 'SUPPLIER-STOCK': [6, 0] });
    });

    it('leaves the cache equal to the moves', async () => {
      expect(await verifyStock(t.database.db)).toMatchObject({ ok: true, mismatches: [], invalid: [] });
    });
  });
}
