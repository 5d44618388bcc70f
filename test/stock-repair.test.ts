import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMoves, stockIncoming, stockMove, stockQuant, verifyStock, virtualLocations, warehouse } from '../src/modules/inventory/index.ts';
import { stockVerify } from '../src/modules/inventory/stock/cli.ts';
import { repairStock } from '../src/modules/inventory/stock/repair-stock.ts';
import { org } from '../src/modules/identity/index.ts';
import { expectedIncoming } from '../src/modules/purchasing/index.ts';
import type { Db } from '../src/platform/db.ts';
import { newId } from '../src/platform/ids.ts';
import { auditEvent } from '../src/platform/tables.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { loadCatalogFixture } from './support/catalog-fixture.ts';

const BOGUS = 120;

// `anpei stock verify [--repair]` on a warehouse stocked by receipts and one order: the cache is corrupted the ways it can drift
// (a quant changed, one gone, rows no move ever made), the report counts every difference past the
// hundred it lists, and the repair puts back exactly the quants the moves say, audited, without
// touching a move. The command is run through stockVerify, which the CLI's action calls.
for (const kind of databaseKinds()) {
  describe(`stock verify --repair on ${kind}`, () => {
    let t: TestApp;
    let db: Db;
    const quants = () => db.select().from(stockQuant).orderBy(asc(stockQuant.productId), asc(stockQuant.locationId), asc(stockQuant.lotId), asc(stockQuant.ownerOrgId));
    const moves = () => db.select().from(stockMove).orderBy(asc(stockMove.id));
    const run = async (repair: boolean) => {
      let out = '';
      const ok = await stockVerify(db, { repair, expectedIncoming, write: (text) => (out += text), progress: () => ({ update() {}, stop() {} }) });
      return { ok, out };
    };
    const repairAudits = () => db.select().from(auditEvent).where(eq(auditEvent.objectType, 'stock_quant_cache'));

    beforeAll(async () => {
      t = await startTestApp(kind);
      db = t.database.db;
      const f = await loadCatalogFixture(db);
      const users = cast(() => t);
      await users.signIn({ ops: 'admin@hz-ops.demo', shop: 'buyer@sh-anda.demo' });
      const w = await users.call('ops', 'POST', '/api/v1/warehouses', {
        code: 'REPAIR-1',
        name: 'repair',
        kind: 'central',
        regionCode: '330100',
        coverage: [{ regionCode: '310000', transitDays: 1 }],
      });
      expect(w.statusCode, w.body).toBe(201);
      const received: [string, string[]][] = [
        [f.suppliers.huajun, [f.products.oes.id]],
        [f.suppliers.yuetong, [f.products.oem.id, f.products.aftermarket.id]],
      ];
      for (const [supplierOrgId, products] of received) {
        const lines = products.flatMap((productId) => ['A', 'B'].map((lot) => ({ productId, qty: 5, lotNo: `REPAIR-${lot}` })));
        const r = await users.call('ops', 'POST', `/api/v1/warehouses/${w.json().id}/receipts`, { supplierOrgId, lines });
        expect(r.statusCode, r.body).toBe(201);
      }
      const o = await users.call('shop', 'POST', '/api/v1/orders', { lines: [{ productId: f.products.oes.id, qty: 2 }], backorders: 'in_stock_only' });
      expect(o.statusCode, o.body).toBe(201);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('repairs drifted, missing and bogus quants from the moves, in one audited transaction, and no move changes', async () => {
      expect((await verifyStock(db)).ok).toBe(true);
      const before = await quants();
      const history = await moves();
      const held = before.filter((q) => q.onHand > 0);
      expect(held.length).toBeGreaterThan(4);
      const [gone, ...rest] = held;
      const drifted = rest.slice(0, 3);

      for (const q of drifted) {
        await db
          .update(stockQuant)
          .set({ onHand: q.onHand + 1 })
          .where(and(eq(stockQuant.productId, q.productId), eq(stockQuant.locationId, q.locationId), eq(stockQuant.lotId, q.lotId), eq(stockQuant.ownerOrgId, q.ownerOrgId)));
      }
      await db
        .delete(stockQuant)
        .where(and(eq(stockQuant.productId, gone!.productId), eq(stockQuant.locationId, gone!.locationId), eq(stockQuant.lotId, gone!.lotId), eq(stockQuant.ownerOrgId, gone!.ownerOrgId)));
      // Goods the moves never brought: a lot nobody received, at a real place.
      await db.insert(stockQuant).values(Array.from({ length: BOGUS }, () => ({ ...gone!, lotId: newId(), onHand: 2, reserved: 1 })));
      const differing = drifted.length + 1 + BOGUS;

      const report = await verifyStock(db);
      expect(report).toMatchObject({ ok: false, mismatchCount: differing, invalidCount: 0 });
      expect(report.mismatches).toHaveLength(100);

      // Without --repair the report says how many differ in all, and nothing is written.
      const looked = await run(false);
      expect(looked.ok).toBe(false);
      expect(looked.out).toContain(`MISMATCH: ${differing} quant(s) differ from their moves; the first 100:\n`);
      expect(looked.out).toContain('Nothing was written; `anpei stock verify --repair` rebuilds the cached quants from the moves.');
      expect((await verifyStock(db)).mismatchCount).toBe(differing);
      expect(await repairAudits()).toEqual([]);

      const repaired = await run(true);
      expect(repaired.out).toContain(`REPAIRED from ${history.length} moves, in one transaction: 1 quant(s) inserted, ${drifted.length} updated, ${BOGUS} deleted; one audit row records it.\n`);
      expect(repaired.out).toMatch(/OK: every cached quant equals what its moves add up to\.\n[\s\S]*OK: every incoming row/);
      expect(repaired.ok).toBe(true);

      expect(await quants()).toEqual(before);
      expect(await moves()).toEqual(history);
      const [platform] = await db.select({ id: org.id }).from(org).where(eq(org.kind, 'platform'));
      const audits = await repairAudits();
      expect(audits).toEqual([
        expect.objectContaining({
          action: 'repair',
          orgId: null,
          actorOrgId: platform!.id,
          actorUserId: null,
          requestId: expect.stringMatching(/^cli-/),
          data: { moves: history.length, inserted: 1, updated: drifted.length, deleted: BOGUS, unrepairable: 0 },
        }),
      ]);

      // Once equal, a repair has nothing to do and writes nothing.
      const again = await run(true);
      expect(again).toMatchObject({ ok: true });
      expect(again.out).toContain('stock verify --repair: nothing to repair.');
      expect(await repairAudits()).toHaveLength(1);
    });

    it('leaves a quant whose moves add up to the impossible as cached, repairs the rest, and fails', async () => {
      const [q, other] = (await quants()).filter((x) => x.onHand > x.reserved);
      // A move out of stock that was never there: the truth itself is wrong, which no rebuild mends.
      const bad = {
        id: newId(),
        phase: 'single' as const,
        kind: 'adjustment' as const,
        productId: q!.productId,
        lotId: q!.lotId,
        ownerOrgId: q!.ownerOrgId,
        qty: q!.onHand + 1,
        fromLocationId: q!.locationId,
        toLocationId: virtualLocations.loss.id,
        at: new Date(),
      };
      await db.insert(stockMove).values(bad);
      await db
        .update(stockQuant)
        .set({ reserved: 0, onHand: other!.onHand + 5 })
        .where(and(eq(stockQuant.productId, other!.productId), eq(stockQuant.locationId, other!.locationId), eq(stockQuant.lotId, other!.lotId), eq(stockQuant.ownerOrgId, other!.ownerOrgId)));

      const repaired = await run(true);
      expect(repaired.ok).toBe(false);
      expect(repaired.out).toContain('REPAIRED from');
      expect(repaired.out).toContain('0 quant(s) inserted, 1 updated, 0 deleted');
      expect(repaired.out).toContain('UNREPAIRABLE: 1 quant(s) whose moves add up to an impossible quantity were left as cached; the moves need a person:\n');
      expect(repaired.out).toContain(`cached on hand ${q!.onHand}, reserved ${q!.reserved}; from moves on hand -1, reserved ${q!.reserved}`);
      const after = await verifyStock(db);
      expect(after).toMatchObject({ mismatchCount: 1, invalidCount: 1 });
      expect(after.mismatches[0]).toMatchObject({ cached: { onHand: q!.onHand, reserved: q!.reserved } });

      await db.delete(stockMove).where(eq(stockMove.id, bad.id));
      expect((await verifyStock(db)).ok).toBe(true);
    });

    it('reports incoming that differs from the purchase orders, and leaves it', async () => {
      const [w] = await db.select({ id: warehouse.id }).from(warehouse).where(eq(warehouse.code, 'REPAIR-1'));
      const [q] = await quants();
      const row = { documentLineId: newId(), documentId: newId(), warehouseId: w!.id, productId: q!.productId, qty: 3, expectedDate: null };
      await db.insert(stockIncoming).values(row);
      const repaired = await run(true);
      expect(repaired.ok).toBe(false);
      expect(repaired.out).toContain('stock verify --repair: nothing to repair.');
      expect(repaired.out).toContain('MISMATCH: 1 incoming row(s) differ from their purchase order lines:\n');
      expect(repaired.out).toContain('--repair leaves incoming as it is: its rows follow the purchase orders, which purchasing keeps.');
      expect(await db.select().from(stockIncoming)).toEqual([row]);
      await db.delete(stockIncoming).where(eq(stockIncoming.documentLineId, row.documentLineId));
    });

    // Only PostgreSQL runs two transactions at once. A writer holding a quant (as an order does
    // between locking its stock and writing its moves) makes the repair wait; the writer's move
    // then lands on the repaired cache, and the two agree.
    it.skipIf(kind !== 'pg')('waits for a stock writer that holds quants, and the writer’s move is kept', async () => {
      const [q] = (await quants()).filter((x) => x.onHand > 0);
      await db
        .update(stockQuant)
        .set({ onHand: q!.onHand + 3 })
        .where(and(eq(stockQuant.productId, q!.productId), eq(stockQuant.locationId, q!.locationId), eq(stockQuant.lotId, q!.lotId), eq(stockQuant.ownerOrgId, q!.ownerOrgId)));
      const ctx = { actor: null, requestId: `test-${newId()}`, now: new Date() };
      let repair: Promise<unknown> | undefined;
      let settled = false;
      await db.transaction(async (tx) => {
        await tx
          .select()
          .from(stockQuant)
          .where(and(eq(stockQuant.productId, q!.productId), eq(stockQuant.locationId, q!.locationId), gt(stockQuant.onHand, 0)))
          .for('update');
        repair = repairStock(db, ctx).finally(() => (settled = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
        await applyMoves(
          tx,
          [
            {
              phase: 'single',
              kind: 'receipt',
              productId: q!.productId,
              lotId: q!.lotId,
              ownerOrgId: q!.ownerOrgId,
              qty: 2,
              fromLocationId: virtualLocations.supplier.id,
              toLocationId: q!.locationId,
            },
          ],
          new Date(),
        );
      });
      await expect(repair).resolves.toMatchObject({ updated: 1, inserted: 0, deleted: 0 });
      expect((await verifyStock(db)).ok).toBe(true);
      const [now] = await db
        .select()
        .from(stockQuant)
        .where(and(eq(stockQuant.productId, q!.productId), eq(stockQuant.locationId, q!.locationId), eq(stockQuant.lotId, q!.lotId), eq(stockQuant.ownerOrgId, q!.ownerOrgId)));
      expect(now!.onHand).toBe(q!.onHand + 2);
      expect(await db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(eq(auditEvent.requestId, ctx.requestId))).toEqual([{ n: 1 }]);
    });
  });
}
