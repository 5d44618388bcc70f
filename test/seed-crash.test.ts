import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { verifyStock } from '../src/modules/inventory/index.ts';
import { auditEvent } from '../src/platform/tables.ts';
import { openDatabase, queryRows, type Database, type Executor } from '../src/platform/db.ts';
import { buildDemoCatalog, findDemoSupplierIds, seedDemoCatalog } from '../src/seed/catalog/index.ts';
import { certBodyDefs } from '../src/seed/catalog/cert-bodies.ts';
import { demoOrgs } from '../src/seed/demo-data.ts';
import { planDemoStock } from '../src/seed/stock/plan-stock.ts';
import { stockCatalogOf } from '../src/seed/stock/stock-catalog.ts';
import { rng } from '../src/seed/rng.ts';
import { demoWorldState, seedIfEmpty } from '../src/seed/seed.ts';
import { openTestDatabase } from './support/app.ts';
import { countRows, spawnAnpei, stopAll } from './support/spawn-anpei.ts';

// Issue 9, point 9: a first start killed in the middle of seeding the demo world once left the
// catalog without warehouses or stock, and the restart skipped seeding because the platform
// organisation was there. The demo seed is now one transaction that ends with a record saying the
// world is complete; a demo platform without that record (left by an older version) is completed
// at start. PGlite, as the issue found it.

const WORLD_TABLES = ['org', 'app_user', 'cert_body', 'vehicle_model', 'part', 'part_fitment', 'part_supersession', 'part_interchange', 'product', 'product_part', 'offer', 'warehouse'] as const;

// What a demo world is made of, by count.
async function world(db: Executor): Promise<Record<string, unknown>> {
  const counts = await countRows(db, WORLD_TABLES);
  const stockedProducts = await queryRows<{ code: string; products: number }>(
    db,
    // Products each warehouse was stocked with, sold out since or not: the demo claims, filed after
    // the seed, ship some of its stock.
    sql`select w.code, count(distinct q.product_id)::int as products from warehouse w
      join stock_location l on l.warehouse_id = w.id join stock_quant q on q.location_id = l.id
      group by w.code order by w.code`,
  );
  return { ...counts, stockedProducts };
}

// What an uninterrupted seed makes, from the demo data itself: every organisation and user, the
// catalog as buildDemoCatalog lays it out, and each demo warehouse (the platform's and the
// suppliers' own) holding its planned number of products. (Ids do not change counts, so any will
// do for the layout, as long as the three suppliers' differ.)
function uninterruptedWorld(): Record<string, unknown> {
  const id = '00000000-0000-7000-8000-000000000000';
  const suppliers = { huajun: '00000000-0000-7000-8000-000000000001', yuetong: '00000000-0000-7000-8000-000000000002', anxin: '00000000-0000-7000-8000-000000000003' };
  const catalog = buildDemoCatalog(1, suppliers, { CAPA: id, CATARC: id, CQC: id });
  const stock = planDemoStock(stockCatalogOf(catalog), suppliers, rng(1));
  return {
    org: demoOrgs.length,
    app_user: demoOrgs.reduce((n, o) => n + o.users.length, 0),
    cert_body: certBodyDefs.length,
    vehicle_model: catalog.vehicleModels.length,
    part: catalog.parts.length,
    part_fitment: catalog.fitments.length,
    part_supersession: catalog.supersessions.length,
    part_interchange: catalog.interchanges.length,
    product: catalog.products.length,
    product_part: catalog.productParts.length,
    offer: catalog.offers.length,
    warehouse: stock.platform.length + stock.suppliers.length,
    stockedProducts: [...stock.platform.map((p) => ({ code: p.w.code, products: p.products })), ...stock.suppliers.map((p) => ({ code: p.w.code, products: p.levels.length }))].sort((a, b) =>
      a.code.localeCompare(b.code),
    ),
  };
}

// A complete demo world: as an uninterrupted seed makes it, its stock consistent with its moves,
// and recorded as complete.
async function expectCompleteDemoWorld(db: Executor): Promise<void> {
  expect(await world(db)).toEqual(uninterruptedWorld());
  expect((await verifyStock(db)).ok).toBe(true);
  expect(await demoWorldState(db)).toBe('complete');
}

describe('the demo seed after a crash (PGlite)', () => {
  const dirs: string[] = [];
  afterEach(stopAll);
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a first start killed while seeding stock restarts into a complete demo world', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anpei-seed-crash-'));
    dirs.push(dataDir);
    const env = { ANPEI_DATA_DIR: dataDir };

    // The catalog is written and the warehouses are next: where the probe's kill left a half world.
    const first = spawnAnpei(['serve'], env);
    await first.waitFor(/"stage":"stock"/);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(first.output()).not.toContain('seeded demo data');

    const second = spawnAnpei(['serve'], env);
    const [, base] = await second.waitFor(/anpei is serving (http:\/\/\S+)/);
    // Seeded again from the start, not skipped.
    expect(second.output()).toContain('"stage":"identity"');
    expect(second.output()).toMatch(/"resumed":false.*seeded demo data/);
    // And the demo's claims, filed through the API once the world is complete.
    expect(second.output()).toMatch(/"filed":7,"skipped":0,.*filed the demo claims/);
    // Before them, the months before this one, settled (src/seed/history).
    expect(second.output()).toMatch(/"financed":1,"financedByFunder":1,"skipped":false.*told the demo’s settled history/);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'adjuster@picc.demo', password: 'anpei-demo' }),
    });
    expect(login.status).toBe(200);
    expect(await second.stop()).toBe(0);

    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await expectCompleteDemoWorld(database.db);
    } finally {
      await database.close();
    }
  }, 600_000);

  it('a demo world an older version left half-seeded (catalog, no warehouses) is completed at start', async () => {
    const { database, drop } = await openTestDatabase('pglite');
    try {
      await halfSeedAsBefore(database);
      expect(await demoWorldState(database.db)).toBe('incomplete');
      const report = await seedIfEmpty(database);
      expect(report).toMatchObject({ skipped: false, resumed: true });
      await expectCompleteDemoWorld(database.db);
      // And the next start leaves the complete world alone.
      expect(await seedIfEmpty(database)).toMatchObject({ skipped: true });
    } finally {
      await database.close();
      await drop();
    }
  }, 240_000);
});

// What the probe found: the organisations, users and catalog committed stage by stage,
// the warehouses never reached, and no record of completion (older versions wrote none).
async function halfSeedAsBefore(database: Database): Promise<void> {
  await database.db.delete(auditEvent).where(eq(auditEvent.objectType, 'demo_world'));
  await seedDemoCatalog(database.db, { seed: 1, supplierOrgIds: await findDemoSupplierIds(database.db) });
}
