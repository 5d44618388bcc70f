import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTraceCode, stockMove, stockQuant, traceUnit, verifyStock, virtualLocations, warehouse, warehouseCoverage } from '../src/modules/inventory/index.ts';
import { stockCount, stockLot, stockTransfer } from '../src/modules/inventory/tables.ts';
import type { Database } from '../src/platform/db.ts';
import { auditEvent, outboxEvent } from '../src/platform/tables.ts';
import { runSeed } from '../src/seed/seed.ts';
import { demoStockPlan } from '../src/seed/stock/demo-stock.ts';
import { databaseKinds, openTestDatabase, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture, type CatalogFixture } from './support/catalog-fixture.ts';

type Problem = { code: string; errors: { path: string; code: string; message: string; params?: Record<string, unknown> }[] };
type Transfer = {
  id: string;
  status: string;
  transitLocationId: string;
  lines: { productId: string; lotNo: string; ownerOrgId: string; qty: number }[];
  units: number;
  traceCodesInTransit: string[];
};
type Count = {
  id: string;
  lines: { productId: string; lotNo: string; expected: number; counted: number; reserved: number; difference: number }[];
  adjustments: { productId: string; lotNo: string; ownerOrgId: string; direction: string; qty: number }[];
};

// Transfers between warehouses and stock counts, over HTTP on each database: what moves where,
// what is refused (and then changes nothing), who may do what, and that the quants still equal the
// moves afterwards. Then the demo seed's warehouses.
for (const kind of databaseKinds()) {
  describe(`transfers and counts on ${kind}`, () => {
    let t: TestApp;
    let f: CatalogFixture;
    const users = cast(() => t, { headers: { 'accept-language': 'en' } });
    const { call, orgs } = users;
    const wh = { hz: '', cd: '', anxin: '' };
    const loc = { hz: '', cd: '' };
    // The codes the receipts issue: the older lot's three, then the newer lot's four, each in code
    // order (the order a transfer takes units of a lot in). sorted(n) is the first n in code order.
    const certCodes: string[] = [];
    const sorted = (n: number, from = 0) => certCodes.slice(from, n).sort();

    // On hand and reserved per (lot number, owner) of a product at a location.
    async function quants(productId: string, locationId: string): Promise<Record<string, [number, number]>> {
      const rows = await t.database.db
        .select({ lotNo: stockLot.lotNo, owner: stockQuant.ownerOrgId, onHand: stockQuant.onHand, reserved: stockQuant.reserved })
        .from(stockQuant)
        .innerJoin(stockLot, eq(stockLot.id, stockQuant.lotId))
        .where(and(eq(stockQuant.productId, productId), eq(stockQuant.locationId, locationId)));
      return Object.fromEntries(rows.filter((r) => r.onHand > 0 || r.reserved > 0).map((r) => [`${r.lotNo}|${r.owner}`, [r.onHand, r.reserved]]));
    }

    async function snapshot() {
      const db = t.database.db;
      const n = async (table: typeof stockMove | typeof stockTransfer | typeof stockCount) => (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
      return {
        moves: await n(stockMove),
        transfers: await n(stockTransfer),
        counts: await n(stockCount),
        quants: await db.select().from(stockQuant).orderBy(stockQuant.productId, stockQuant.locationId, stockQuant.lotId, stockQuant.ownerOrgId),
        units: await db.select({ code: traceUnit.code, locationId: traceUnit.locationId }).from(traceUnit).orderBy(traceUnit.code),
      };
    }

    beforeAll(async () => {
      t = await startTestApp(kind);
      f = await loadCatalogFixture(t.database.db);
      await users.signIn({
        hzAdmin: 'admin@hz-ops.demo',
        hzPicker: 'warehouse@hz-ops.demo',
        hzDispatcher: 'dispatcher@hz-ops.demo',
        cdAdmin: 'admin@cd-ops.demo',
        anxinAdmin: 'admin@anxin.demo',
        yuetongSales: 'sales@yuetong.demo',
        shop: 'buyer@sh-anda.demo',
        platform: 'admin@anpei.demo',
      });
      const make = async (who: string, body: object) => {
        const res = await call(who, 'POST', '/api/v1/warehouses', body);
        expect(res.statusCode, res.body).toBe(201);
        return res.json<{ id: string; stockLocationId: string }>();
      };
      const hz = await make('hzAdmin', { code: 'HZ-CENTRAL', name: '华东中心仓（杭州）', kind: 'central', regionCode: '330100', coverage: [{ regionCode: '310000', transitDays: 1 }] });
      const cd = await make('cdAdmin', { code: 'CD-FRONT', name: '西南前置仓（成都）', kind: 'front', regionCode: '510100', coverage: [{ regionCode: '510000', transitDays: 1 }] });
      const anxin = await make('anxinAdmin', { code: 'AX-OWN', name: '安信自有库存（常州）', kind: 'supplier', regionCode: '320400', coverage: [{ regionCode: '320000', transitDays: 1 }] });
      Object.assign(wh, { hz: hz.id, cd: cd.id, anxin: anxin.id });
      Object.assign(loc, { hz: hz.stockLocationId, cd: cd.stockLocationId });
      // Two lots of the certified part (the older first), one lot of the aftermarket part held both
      // on consignment and as the operator's own, the OEM part, and the OES part in both ownerships.
      const receipts = [
        { supplierOrgId: f.suppliers.anxin, lines: [{ productId: f.products.certified.id, qty: 3, lotNo: 'AX-OLD' }] },
        { supplierOrgId: f.suppliers.anxin, lines: [{ productId: f.products.certified.id, qty: 4, lotNo: 'AX-NEW' }] },
        { supplierOrgId: f.suppliers.yuetong, consignment: true, lines: [{ productId: f.products.aftermarket.id, qty: 10, lotNo: 'YT-A1' }] },
        {
          supplierOrgId: f.suppliers.yuetong,
          lines: [
            { productId: f.products.aftermarket.id, qty: 2, lotNo: 'YT-A1' },
            { productId: f.products.oem.id, qty: 5, lotNo: 'OEM-1' },
          ],
        },
        { supplierOrgId: f.suppliers.huajun, consignment: true, lines: [{ productId: f.products.oes.id, qty: 4, lotNo: 'HJ-1' }] },
        { supplierOrgId: f.suppliers.huajun, lines: [{ productId: f.products.oes.id, qty: 3, lotNo: 'HJ-1' }] },
      ];
      for (const body of receipts) {
        const res = await call('hzPicker', 'POST', `/api/v1/warehouses/${wh.hz}/receipts`, body);
        expect(res.statusCode, res.body).toBe(201);
        certCodes.push(...res.json<{ lines: { traceCodes: string[] }[] }>().lines.flatMap((l) => [...l.traceCodes].sort()));
      }
      expect(certCodes).toHaveLength(7);
    });
    afterAll(async () => t?.close());

    let sent: Transfer;
    it('sends available stock into transit, oldest lots and the operator’s own goods first, with the trace codes', async () => {
      const body = {
        fromWarehouseId: wh.hz,
        toWarehouseId: wh.cd,
        note: '补西南仓',
        lines: [
          { productId: f.products.certified.id, qty: 5 },
          { productId: f.products.aftermarket.id, lotNo: 'YT-A1', qty: 3 },
        ],
      };
      const res = await call('hzPicker', 'POST', '/api/v1/transfers', body, { 'idempotency-key': `transfer-${kind}` });
      expect(res.statusCode, res.body).toBe(201);
      sent = res.json<Transfer>();
      const hzOrg = orgs.hzAdmin!;
      expect(sent).toMatchObject({ status: 'in_transit', transitLocationId: sent.id, units: 8, traceCodesInTransit: sorted(5) });
      expect(sent.lines.map((l) => [l.productId, l.lotNo, l.ownerOrgId, l.qty])).toEqual([
        [f.products.certified.id, 'AX-OLD', hzOrg, 3],
        [f.products.certified.id, 'AX-NEW', hzOrg, 2],
        [f.products.aftermarket.id, 'YT-A1', hzOrg, 2],
        [f.products.aftermarket.id, 'YT-A1', f.suppliers.yuetong, 1],
      ]);
      // The same key replays the answer and sends nothing more.
      const replay = await call('hzPicker', 'POST', '/api/v1/transfers', body, { 'idempotency-key': `transfer-${kind}` });
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json<Transfer>().id).toBe(sent.id);

      expect(await quants(f.products.certified.id, loc.hz)).toEqual({ [`AX-NEW|${hzOrg}`]: [2, 0] });
      expect(await quants(f.products.aftermarket.id, loc.hz)).toEqual({ [`YT-A1|${f.suppliers.yuetong}`]: [9, 0] });
      expect(await quants(f.products.certified.id, sent.id)).toEqual({ [`AX-OLD|${hzOrg}`]: [3, 0], [`AX-NEW|${hzOrg}`]: [2, 0] });
      const units = await t.database.db.select().from(traceUnit).where(inArray(traceUnit.code, certCodes));
      expect(
        units
          .filter((u) => u.locationId === sent.id)
          .map((u) => u.code)
          .sort(),
      ).toEqual(sorted(5));
      expect(
        units
          .filter((u) => u.locationId === loc.hz)
          .map((u) => u.code)
          .sort(),
      ).toEqual(sorted(7, 5));
      expect(units.every((u) => u.status === 'in_stock')).toBe(true);
      const moves = await t.database.db.select().from(stockMove).where(eq(stockMove.documentId, sent.id));
      expect(moves.every((m) => m.kind === 'transfer' && m.phase === 'single' && m.fromLocationId === loc.hz && m.toLocationId === sent.id)).toBe(true);

      const trail = await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, sent.id));
      expect(trail.map((a) => [a.orgId, a.action, a.toState]).sort()).toEqual(
        [
          [hzOrg, 'send', 'in_transit'],
          [orgs.cdAdmin, 'send', 'in_transit'],
        ].sort(),
      );
      const events = await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'stock.transfer_sent'));
      expect(events.map((e) => e.orgId).sort()).toEqual([hzOrg, orgs.cdAdmin].sort());

      // Both operators and the platform see it; a supplier does not, a shop may not read stock.
      expect((await call('cdAdmin', 'GET', `/api/v1/transfers/${sent.id}`)).json<Transfer>().units).toBe(8);
      expect((await call('platform', 'GET', `/api/v1/transfers/${sent.id}`)).statusCode).toBe(200);
      expect((await call('anxinAdmin', 'GET', `/api/v1/transfers/${sent.id}`)).statusCode).toBe(404);
      expect((await call('shop', 'GET', `/api/v1/transfers/${sent.id}`)).statusCode).toBe(403);
      const listed = (await call('cdAdmin', 'GET', `/api/v1/transfers?warehouseId=${wh.cd}&status=in_transit`)).json<{ items: Transfer[] }>();
      expect(listed.items.map((x) => x.id)).toEqual([sent.id]);
      expect((await call('anxinAdmin', 'GET', '/api/v1/transfers')).json<{ items: Transfer[] }>().items).toEqual([]);
    });

    it('lets only the destination’s operator receive, once: everything sent arrives with its trace codes', async () => {
      expect((await call('hzAdmin', 'POST', `/api/v1/transfers/${sent.id}/receive`)).statusCode).toBe(403);
      expect((await call('anxinAdmin', 'POST', `/api/v1/transfers/${sent.id}/receive`)).statusCode).toBe(404);
      expect((await call('shop', 'POST', `/api/v1/transfers/${sent.id}/receive`)).statusCode).toBe(403);
      const res = await call('cdAdmin', 'POST', `/api/v1/transfers/${sent.id}/receive`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Transfer>()).toMatchObject({ status: 'received', units: 8, traceCodesInTransit: [], receivedBy: users.users.cdAdmin });

      const hzOrg = orgs.hzAdmin!;
      // Owners travel with their goods: the Hangzhou operator's units stay its own in Chengdu.
      expect(await quants(f.products.certified.id, loc.cd)).toEqual({ [`AX-OLD|${hzOrg}`]: [3, 0], [`AX-NEW|${hzOrg}`]: [2, 0] });
      expect(await quants(f.products.aftermarket.id, loc.cd)).toEqual({ [`YT-A1|${hzOrg}`]: [2, 0], [`YT-A1|${f.suppliers.yuetong}`]: [1, 0] });
      expect(await quants(f.products.certified.id, sent.id)).toEqual({});
      const units = await t.database.db.select().from(traceUnit).where(eq(traceUnit.locationId, loc.cd));
      expect(units.map((u) => u.code).sort()).toEqual(sorted(5));
      const trail = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectId, sent.id), eq(auditEvent.action, 'receive')));
      expect(trail.map((a) => [a.orgId, a.fromState, a.toState]).sort()).toEqual(
        [
          [hzOrg, 'in_transit', 'received'],
          [orgs.cdAdmin, 'in_transit', 'received'],
        ].sort(),
      );
      expect(await t.database.db.select().from(outboxEvent).where(eq(outboxEvent.type, 'stock.transfer_received'))).toHaveLength(2);

      const again = await call('cdAdmin', 'POST', `/api/v1/transfers/${sent.id}/receive`);
      expect(again.statusCode).toBe(409);
      expect(again.json<Problem>().code).toBe('invalid_state');
    });

    it('refuses a transfer whole when a line is short, naming it, and changes nothing', async () => {
      const before = await snapshot();
      const res = await call('hzPicker', 'POST', '/api/v1/transfers', {
        fromWarehouseId: wh.hz,
        toWarehouseId: wh.cd,
        lines: [
          { productId: f.products.oem.id, qty: 1 },
          { productId: f.products.certified.id, lotNo: 'AX-NEW', qty: 3 },
          { productId: f.products.certified.id, lotNo: 'NO-SUCH', qty: 1 },
        ],
      });
      expect(res.statusCode).toBe(409);
      const problem = res.json<Problem>();
      expect(problem.code).toBe('transfer_stock_short');
      expect(problem.errors.map((e) => [e.path, e.code, e.message])).toEqual([
        ['lines.1.qty', 'available_short', '3 needed; the source warehouse has 2 available'],
        ['lines.2.qty', 'available_short', '1 needed; the source warehouse has 0 available'],
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('lets only the source’s operator send, between warehouses it may use', async () => {
      const body = (from: string, to: string) => ({ fromWarehouseId: from, toWarehouseId: to, lines: [{ productId: f.products.oem.id, qty: 1 }] });
      // Seeing a warehouse is not running it; a dispatcher may not move stock at all.
      expect((await call('cdAdmin', 'POST', '/api/v1/transfers', body(wh.hz, wh.cd))).statusCode).toBe(403);
      expect((await call('anxinAdmin', 'POST', '/api/v1/transfers', body(wh.hz, wh.cd))).statusCode).toBe(403);
      expect((await call('hzDispatcher', 'POST', '/api/v1/transfers', body(wh.hz, wh.cd))).statusCode).toBe(403);
      expect((await call('shop', 'POST', '/api/v1/transfers', body(wh.hz, wh.cd))).statusCode).toBe(403);
      // A supplier's own stock is invisible to others, and not a platform warehouse's to send to.
      expect((await call('cdAdmin', 'POST', '/api/v1/transfers', body(wh.anxin, wh.cd))).statusCode).toBe(404);
      expect((await call('hzAdmin', 'POST', '/api/v1/transfers', body(wh.hz, wh.anxin))).statusCode).toBe(404);
      const route = await call('anxinAdmin', 'POST', '/api/v1/transfers', body(wh.anxin, wh.hz));
      expect(route.statusCode).toBe(400);
      expect(route.json<Problem>().errors[0]).toMatchObject({ path: 'toWarehouseId', code: 'transfer_route' });
      const same = await call('hzAdmin', 'POST', '/api/v1/transfers', body(wh.hz, wh.hz));
      expect(same.statusCode).toBe(400);
      expect(same.json<Problem>().errors[0]).toMatchObject({ path: 'toWarehouseId', code: 'same_warehouse' });
    });

    it('posts a count’s losses (the operator’s own goods first) and surpluses (the operator’s) as adjustments', async () => {
      const hzOrg = orgs.hzAdmin!;
      // A coded lot is counted by scanning its units: both AX-NEW units that came by transfer.
      const shelf = (
        await t.database.db
          .select()
          .from(traceUnit)
          .where(and(eq(traceUnit.locationId, loc.hz), eq(traceUnit.status, 'in_stock')))
      )
        .map((u) => u.code)
        .sort();
      expect(shelf).toHaveLength(2);
      const res = await call('hzPicker', 'POST', `/api/v1/warehouses/${wh.hz}/counts`, {
        note: '月度盘点',
        lines: [
          { productId: f.products.oem.id, lotNo: 'OEM-1', counted: 3 },
          { productId: f.products.oes.id, lotNo: 'HJ-1', counted: 2 },
          { productId: f.products.aftermarket.id, lotNo: 'YT-A1', counted: 11 },
          { productId: f.products.certified.id, lotNo: 'AX-NEW', counted: 2, traceCodes: shelf },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
      const count = res.json<Count>();
      expect(count.lines.map((l) => [l.lotNo, l.expected, l.counted, l.difference])).toEqual([
        ['OEM-1', 5, 3, -2],
        ['HJ-1', 7, 2, -5],
        ['YT-A1', 9, 11, 2],
        ['AX-NEW', 2, 2, 0],
      ]);
      expect(count.adjustments.map((a) => [a.lotNo, a.ownerOrgId, a.direction, a.qty])).toEqual([
        ['OEM-1', hzOrg, 'loss', 2],
        ['HJ-1', hzOrg, 'loss', 3],
        ['HJ-1', f.suppliers.huajun, 'loss', 2],
        ['YT-A1', hzOrg, 'surplus', 2],
      ]);
      expect(await quants(f.products.oes.id, loc.hz)).toEqual({ [`HJ-1|${f.suppliers.huajun}`]: [2, 0] });
      expect(await quants(f.products.aftermarket.id, loc.hz)).toEqual({ [`YT-A1|${f.suppliers.yuetong}`]: [9, 0], [`YT-A1|${hzOrg}`]: [2, 0] });
      const moves = await t.database.db.select().from(stockMove).where(eq(stockMove.documentId, count.id));
      expect(moves.map((m) => [m.kind, m.phase, m.qty, m.fromLocationId === virtualLocations.loss.id ? 'in' : m.toLocationId === virtualLocations.loss.id ? 'out' : '?']).sort()).toEqual(
        [
          ['adjustment', 'single', 2, 'out'],
          ['adjustment', 'single', 3, 'out'],
          ['adjustment', 'single', 2, 'out'],
          ['adjustment', 'single', 2, 'in'],
        ].sort(),
      );
      const [row] = await t.database.db.select().from(stockCount).where(eq(stockCount.id, count.id));
      expect(
        row!.lines
          .filter((l) => l.productId === f.products.oes.id)
          .map((l) => [l.ownerOrgId, l.expected, l.counted])
          .sort(),
      ).toEqual(
        [
          [hzOrg, 3, 0],
          [f.suppliers.huajun, 4, 2],
        ].sort(),
      );
      expect(await t.database.db.select().from(auditEvent).where(eq(auditEvent.objectId, count.id))).toEqual([expect.objectContaining({ objectType: 'stock_count', action: 'count', orgId: hzOrg })]);

      // Another operator may not count here; a lot never received and a line twice are mistakes.
      expect((await call('cdAdmin', 'POST', `/api/v1/warehouses/${wh.hz}/counts`, { lines: [{ productId: f.products.oem.id, lotNo: 'OEM-1', counted: 1 }] })).statusCode).toBe(403);
      const typo = await call('hzPicker', 'POST', `/api/v1/warehouses/${wh.hz}/counts`, { lines: [{ productId: f.products.oem.id, lotNo: 'OEM-9', counted: 1 }] });
      expect(typo.statusCode).toBe(400);
      expect(typo.json<Problem>().errors[0]).toMatchObject({ path: 'lines.0.lotNo', code: 'unknown_reference', message: 'no such lot: OEM-9' });
      const twice = await call('hzPicker', 'POST', `/api/v1/warehouses/${wh.hz}/counts`, {
        lines: [
          { productId: f.products.oem.id, lotNo: 'OEM-1', counted: 1 },
          { productId: f.products.oem.id, lotNo: 'OEM-1', counted: 2 },
        ],
      });
      expect(twice.json<Problem>().errors[0]).toMatchObject({ path: 'lines.1', code: 'duplicate_count_line' });
    });

    it('counts a coded lot by its codes: an unscanned unit is written off as lost, a stranger’s code refused', async () => {
      const shelf = (
        await t.database.db
          .select()
          .from(traceUnit)
          .where(and(eq(traceUnit.locationId, loc.hz), eq(traceUnit.status, 'in_stock')))
      )
        .map((u) => u.code)
        .sort();
      const line = (traceCodes?: string[], counted = 1) => ({ lines: [{ productId: f.products.certified.id, lotNo: 'AX-NEW', counted, ...(traceCodes ? { traceCodes } : {}) }] });
      const unscanned = await call('hzPicker', 'POST', `/api/v1/warehouses/${wh.hz}/counts`, line());
      expect(unscanned.json<Problem>().errors.map((e) => [e.path, e.code])).toEqual([['lines.0.traceCodes', 'trace_codes_required']]);
      const foreign = await call('hzPicker', 'POST', `/api/v1/warehouses/${wh.hz}/counts`, line(['AX-OTHER-999']));
      expect(foreign.json<Problem>().errors.map((e) => [e.path, e.code])).toEqual([['lines.0.traceCodes.0', 'trace_code_not_in_stock']]);
      const res = await call('hzPicker', 'POST', `/api/v1/warehouses/${wh.hz}/counts`, line([shelf[0]!]));
      expect(res.statusCode, res.body).toBe(201);
      const [lost] = await t.database.db.select().from(traceUnit).where(eq(traceUnit.code, shelf[1]!));
      expect(lost).toMatchObject({ status: 'lost', locationId: virtualLocations.loss.id });
      expect(await quants(f.products.certified.id, loc.hz)).toEqual({ [`AX-NEW|${orgs.hzAdmin}`]: [1, 0] });
    });

    it('refuses a count below what orders have reserved, naming the line, and changes nothing', async () => {
      const order = await call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.oem.id, qty: 2 }] });
      expect(order.statusCode, order.body).toBe(201);
      expect(await quants(f.products.oem.id, loc.hz)).toEqual({ [`OEM-1|${orgs.hzAdmin}`]: [3, 2] });
      const before = await snapshot();
      const res = await call('hzPicker', 'POST', `/api/v1/warehouses/${wh.hz}/counts`, {
        lines: [
          { productId: f.products.oes.id, lotNo: 'HJ-1', counted: 2 },
          { productId: f.products.oem.id, lotNo: 'OEM-1', counted: 1 },
        ],
      });
      expect(res.statusCode).toBe(409);
      expect(res.json<Problem>()).toMatchObject({
        code: 'count_below_reserved',
        errors: [{ path: 'lines.1.counted', code: 'below_reserved', message: '1 counted, fewer than the 2 that orders have reserved' }],
      });
      expect(await snapshot()).toEqual(before);
      // Exactly the reserved units found: the unreserved one is written off, the reservation stands.
      const ok = await call('hzPicker', 'POST', `/api/v1/warehouses/${wh.hz}/counts`, { lines: [{ productId: f.products.oem.id, lotNo: 'OEM-1', counted: 2 }] });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(await quants(f.products.oem.id, loc.hz)).toEqual({ [`OEM-1|${orgs.hzAdmin}`]: [2, 2] });
    });

    it('leaves the cache equal to the moves', async () => {
      expect(await verifyStock(t.database.db)).toMatchObject({ ok: true, mismatches: [], invalid: [] });
    });
  });

  describe(`demo stock seed on ${kind}`, () => {
    let database: Database;
    let drop: () => Promise<void>;

    beforeAll(async () => {
      // The test template has no catalog (and so no demo stock): seed it whole here.
      ({ database, drop } = await openTestDatabase(kind));
      await runSeed(database, { scale: 'demo', seed: 1 });
    }, 120_000);
    afterAll(async () => {
      await database?.close();
      await drop?.();
    });

    async function totals() {
      const rows = await database.db
        .select({
          code: warehouse.code,
          products: sql<number>`count(distinct ${stockQuant.productId})::int`,
          units: sql<number>`sum(${stockQuant.onHand})::int`,
          consigned: sql<number>`coalesce(sum(${stockQuant.onHand}) filter (where ${stockQuant.ownerOrgId} <> ${warehouse.operatorOrgId}), 0)::int`,
        })
        .from(stockQuant)
        .innerJoin(warehouse, eq(warehouse.stockLocationId, stockQuant.locationId))
        .groupBy(warehouse.code)
        .orderBy(warehouse.code);
      const [units] = await database.db.select({ n: sql<number>`count(*)::int` }).from(traceUnit);
      const [moves] = await database.db.select({ n: sql<number>`count(*)::int` }).from(stockMove);
      return { rows, traceUnits: units!.n, moves: moves!.n };
    }

    it('stocks HZ-CENTRAL and CD-FRONT by lot, with consignment and one trace code per certified unit, once', async () => {
      const first = await totals();
      const [hz, cd] = [first.rows.find((r) => r.code === 'HZ-CENTRAL')!, first.rows.find((r) => r.code === 'CD-FRONT')!];
      // The common parts' regional products and a few hundred others (demo-warehouses.ts).
      const plan = await demoStockPlan(database.db, 1);
      const planned = (code: string) => plan.platform.find((p) => p.w.code === code)!.products;
      expect(hz.products).toBe(planned('HZ-CENTRAL'));
      expect(cd.products).toBe(planned('CD-FRONT'));
      expect(hz.products).toBeGreaterThan(1000);
      expect(cd.products).toBeGreaterThan(300);
      expect(hz.units).toBeGreaterThanOrEqual(hz.products * 5);
      expect(hz.units).toBeLessThanOrEqual(hz.products * 30);
      expect(hz.consigned).toBeGreaterThan(0);
      expect(first.traceUnits).toBeGreaterThan(0);
      const codes = await database.db.select({ code: traceUnit.code }).from(traceUnit).limit(50);
      for (const c of codes) expect(readTraceCode(c.code)).toEqual({ kind: 'issued', code: c.code });
      const lots = await database.db.selectDistinct({ lotNo: stockLot.lotNo }).from(stockLot);
      // The platform's lots, and the suppliers' own stock in their default lot.
      expect(lots.map((l) => l.lotNo).sort()).toEqual(['L2026-09-HZ', 'L2026-10-CD', 'L2026-11-HZ', 'SUPPLIER-STOCK']);
      const [w] = await database.db.select().from(warehouse).where(eq(warehouse.code, 'HZ-CENTRAL'));
      const coverage = await database.db.select().from(warehouseCoverage).where(eq(warehouseCoverage.warehouseId, w!.id));
      expect(coverage.find((c) => c.regionCode === '330000')?.transitDays).toBe(1);
      expect(coverage.find((c) => c.regionCode === '650000')?.transitDays).toBe(4);
      expect(coverage).toHaveLength(31);
      expect(await verifyStock(database.db)).toMatchObject({ ok: true });

      await runSeed(database, { scale: 'demo', seed: 1 });
      expect(await totals()).toEqual(first);
    }, 120_000);
  });
}
