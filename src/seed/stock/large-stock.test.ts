import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../test/support/app.ts';
import { appUser, org } from '../../modules/identity/index.ts';
import { verifyStock } from '../../modules/inventory/index.ts';
import { createWarehouse } from '../../modules/inventory/warehouses/create-warehouse.ts';
import type { Ctx } from '../../platform/context.ts';
import { queryRows, type Database } from '../../platform/db.ts';
import { seedLargeCatalog } from '../catalog/large-catalog.ts';
import { findDemoSupplierIds } from '../catalog/supplier-ids.ts';
import { LARGE_STOCK_NOTE, seedLargeStock, stockLineOf } from './large-stock.ts';

describe('stockLineOf', () => {
  it.each([
    ['0000', 5, true],
    ['0195', 5 + (0x19 % 26), false],
    ['0ff3', 5 + (0xff % 26), true],
    ['1a1f', 5 + (0xa1 % 26), false],
  ])('md5 %s… → %i units, consignment %s', (h, qty, consignment) => {
    expect(stockLineOf({ id: 'p', supplier_org_id: 's', h: `${h}${'0'.repeat(28)}` })).toEqual({ productId: 'p', supplierOrgId: 's', qty, consignment });
  });

  it('always receives 5 to 30 units', () => {
    for (let i = 0; i < 4096; i++) {
      const { qty } = stockLineOf({ id: 'p', supplier_org_id: 's', h: i.toString(16).padStart(4, '0').padEnd(32, '0') });
      expect(qty).toBeGreaterThanOrEqual(5);
      expect(qty).toBeLessThanOrEqual(30);
    }
  });
});

// A small generated catalog and the two platform warehouses of the demo, stocked in bulk: the
// shares hold, certified products are left out, the cache equals the moves, and a second run adds
// nothing.
describe.each(databaseKinds())('large stock on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  const codes = { central: 'T-CENTRAL', front: 'T-FRONT' };

  async function operatorCtx(email: string): Promise<Ctx> {
    const [row] = await database.db.select({ orgId: org.id, regionCode: org.regionCode }).from(appUser).innerJoin(org, eq(org.id, appUser.orgId)).where(eq(appUser.email, email));
    return {
      actor: { type: 'user', userId: null, apiKeyId: null, orgId: row!.orgId, orgKind: 'operator', orgRegionCode: row!.regionCode, roles: ['admin'] },
      requestId: 'test-large-stock',
      locale: 'zh-CN',
      now: new Date(),
    };
  }

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase(kind));
    const suppliers = await findDemoSupplierIds(database.db);
    await seedLargeCatalog(database, { seed: 9, supplierOrgIds: [suppliers.huajun, suppliers.yuetong, suppliers.anxin], scale: { models: 20, parts: 4_000, offers: 12_000 } });
    const hz = await operatorCtx('admin@hz-ops.demo');
    const cd = await operatorCtx('admin@cd-ops.demo');
    await database.db.transaction((tx) =>
      createWarehouse(tx, hz, { code: codes.central, name: '测试中心仓', kind: 'central', regionCode: '330100', coverage: [{ regionCode: '310000', transitDays: 1 }] }),
    );
    await database.db.transaction((tx) =>
      createWarehouse(tx, cd, { code: codes.front, name: '测试前置仓', kind: 'front', regionCode: '510100', coverage: [{ regionCode: '510000', transitDays: 1 }] }),
    );
  }, 180_000);

  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('stocks a share of the catalog in each platform warehouse, consistently with its moves', async () => {
    const progress: number[] = [];
    const report = await seedLargeStock(database, { onProgress: (done) => progress.push(done) });
    expect(report).toMatchObject({ warehouses: 2, skipped: [] });
    const byWarehouse = await queryRows<{ code: string; products: number; certified: number; on_hand: number; moves: number; receipts: number }>(
      database.db,
      sql`select w.code, count(distinct q.product_id)::int as products,
            (count(*) filter (where p.grade = 'certified'))::int as certified,
            sum(q.on_hand)::int as on_hand,
            (select count(*)::int from stock_move m where m.to_location_id = w.stock_location_id) as moves,
            (select count(*)::int from stock_receipt r where r.warehouse_id = w.id and r.note = ${LARGE_STOCK_NOTE}) as receipts
          from warehouse w join stock_quant q on q.location_id = w.stock_location_id join product p on p.id = q.product_id
          group by w.code, w.id, w.stock_location_id order by w.code`,
    );
    const [{ n: eligible }] = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from product where grade <> 'certified'`)) as [{ n: number }];
    const central = byWarehouse.find((w) => w.code === codes.central)!;
    const front = byWarehouse.find((w) => w.code === codes.front)!;
    // One in eight and one in sixteen, within what chance allows on a few thousand products.
    expect(central.products / eligible).toBeGreaterThan(0.1);
    expect(central.products / eligible).toBeLessThan(0.15);
    expect(front.products / eligible).toBeGreaterThan(0.045);
    expect(front.products / eligible).toBeLessThan(0.08);
    for (const w of [central, front]) {
      expect(w.certified).toBe(0);
      expect(w.moves).toBe(w.products);
      expect(w.receipts).toBeGreaterThan(0);
      expect(w.on_hand).toBeGreaterThanOrEqual(5 * w.products);
      expect(w.on_hand).toBeLessThanOrEqual(30 * w.products);
    }
    expect(report.products).toBe(central.products + front.products);
    expect(report.units).toBe(central.on_hand + front.on_hand);
    expect(progress.at(-1)).toBeGreaterThan(0);
    const verified = await verifyStock(database.db);
    expect(verified.ok).toBe(true);
    expect(verified.quants).toBeGreaterThanOrEqual(report.products);
  });

  it('a second run adds nothing', async () => {
    const [{ n: before }] = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from stock_move`)) as [{ n: number }];
    const again = await seedLargeStock(database);
    expect(again).toMatchObject({ warehouses: 0, products: 0, skipped: [codes.central, codes.front] });
    const [{ n: after }] = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from stock_move`)) as [{ n: number }];
    expect(after).toBe(before);
  });
});
