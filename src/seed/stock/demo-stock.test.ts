import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../test/support/app.ts';
import { verifyStock } from '../../modules/inventory/index.ts';
import { queryRows, type Database } from '../../platform/db.ts';
import { demoVehicleModels, findDemoSupplierIds } from '../catalog/index.ts';
import { runSeed } from '../seed.ts';
import { demoStockPlan } from './demo-stock.ts';
import { demoSupplierWarehouses, demoWarehouses, mainlandProvinces } from './demo-warehouses.ts';

// Issue 10: the demo world in which a claim's natural flow works from the first one. Asserted on a
// world seeded as `npm start` seeds it: every demo supplier keeps stock in its own warehouse, the
// platform's warehouses hold the commonest parts of every demo model for Shanghai, every offer has
// a lead time, and the stock is what the seed's plan says, whatever the ids.
describe.each(databaseKinds())('the demo stock on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase(kind));
    await runSeed(database, { scale: 'demo', seed: 1 });
  }, 240_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  // On hand (and available) per warehouse and product.
  const holdings = () =>
    queryRows<{ code: string; kind: string; operator: string; product: string; owner: string; on_hand: number; available: number; lot_no: string }>(
      database.db,
      sql`select w.code, w.kind, w.operator_org_id as operator, q.product_id as product, q.owner_org_id as owner, l.lot_no,
          q.on_hand, q.on_hand - q.reserved as available
        from stock_quant q join warehouse w on w.stock_location_id = q.location_id join stock_lot l on l.id = q.lot_id
        where q.on_hand > 0`,
    );

  it('gives every demo supplier its own stocked warehouse, delivering wherever its offers do', async () => {
    const suppliers = await findDemoSupplierIds(database.db);
    const rows = await holdings();
    const warehouses = await queryRows<{ id: string; code: string; kind: string; operator: string; region_code: string }>(
      database.db,
      sql`select id, code, kind, operator_org_id as operator, region_code from warehouse where kind = 'supplier' order by code`,
    );
    for (const w of demoSupplierWarehouses) {
      const supplierOrgId = suppliers[w.supplier];
      const own = warehouses.filter((x) => x.operator === supplierOrgId);
      expect(own.map((x) => x.code)).toEqual([w.code]);
      const stocked = rows.filter((r) => r.code === w.code);
      // A good share of its products, all its own, in its default lot.
      const [{ products }] = (await queryRows<{ products: number }>(database.db, sql`select count(*)::int as products from product where supplier_org_id = ${supplierOrgId}`)) as [
        { products: number },
      ];
      expect(new Set(stocked.map((r) => r.product)).size).toBeGreaterThanOrEqual(Math.floor(products * 0.3));
      expect(stocked.every((r) => r.owner === supplierOrgId && r.lot_no === 'SUPPLIER-STOCK' && r.on_hand >= 1)).toBe(true);
      // Every offer of these suppliers is nationwide or regional with a nationwide one beside it:
      // their warehouses deliver to the whole mainland, the nearer the sooner.
      const coverage = await queryRows<{ region_code: string; transit_days: number }>(
        database.db,
        sql`select region_code, transit_days from warehouse_coverage where warehouse_id = ${own[0]!.id} order by region_code`,
      );
      expect(coverage.map((c) => c.region_code)).toEqual(mainlandProvinces().sort());
      const days = Object.fromEntries(coverage.map((c) => [c.region_code, c.transit_days]));
      expect(days[`${w.regionCode.slice(0, 2)}0000`]).toBe(1);
      expect(Math.max(...coverage.map((c) => c.transit_days))).toBeGreaterThan(2);
    }
    // The certified-parts maker's units carry their trace codes, one per unit.
    const [codes] = await queryRows<{ units: number; onHand: number }>(
      database.db,
      sql`select (select count(*)::int from trace_unit t join warehouse w on w.stock_location_id = t.location_id where w.code = 'AX-CHANGZHOU' and t.status = 'in_stock') as units,
          (select sum(q.on_hand)::int from stock_quant q join warehouse w on w.stock_location_id = q.location_id where w.code = 'AX-CHANGZHOU') as "onHand"`,
    );
    expect(codes!.units).toBe(codes!.onHand);
    expect(codes!.units).toBeGreaterThan(0);
  });

  it('stocks, for every demo model, at least five of its parts offered in Shanghai in a platform warehouse covering Shanghai', async () => {
    const perModel = await queryRows<{ code: string; offered: number; stocked: number }>(
      database.db,
      sql`with offered as (
          select distinct f.vehicle_model_id, pp.part_id, pp.product_id
          from part_fitment f join product_part pp on pp.part_id = f.part_id
          join offer o on o.product_id = pp.product_id and (cardinality(o.region_codes) = 0 or '310000' = any(o.region_codes))
        ), stocked as (
          select distinct q.product_id from stock_quant q
          join warehouse w on w.stock_location_id = q.location_id and w.kind in ('central', 'front')
          join warehouse_coverage c on c.warehouse_id = w.id and c.region_code = '310000'
          where q.on_hand > q.reserved
        )
        select vm.code, count(distinct o.part_id)::int as offered,
          count(distinct o.part_id) filter (where o.product_id in (select product_id from stocked))::int as stocked
        from vehicle_model vm join offered o on o.vehicle_model_id = vm.id
        group by vm.code order by vm.code`,
    );
    expect(perModel.map((m) => m.code).sort()).toEqual(
      demoVehicleModels()
        .map((m) => m.code)
        .sort(),
    );
    const short = perModel.filter((m) => m.stocked < 5);
    expect(short).toEqual([]);

    // The first vehicle (what a new user claims first): every product of its common parts offered
    // in Shanghai is in stock at the East-China central warehouse, whichever the quote chooses.
    const first = demoVehicleModels()[0]!;
    const hz = demoWarehouses.find((w) => w.code === 'HZ-CENTRAL')!;
    const rows = await queryRows<{ part: string; product: string; available: number }>(
      database.db,
      sql`select p.name_zh as part, pp.product_id as product,
          coalesce((select sum(q.on_hand - q.reserved) from stock_quant q join warehouse w on w.stock_location_id = q.location_id
            where w.code = 'HZ-CENTRAL' and q.product_id = pp.product_id), 0)::int as available
        from vehicle_model vm join part_fitment f on f.vehicle_model_id = vm.id join part p on p.id = f.part_id
        join product_part pp on pp.part_id = p.id
        where vm.code = ${first.code} and p.name_zh in (${sql.join(
          hz.commonParts.map((n) => sql`${n}`),
          sql`, `,
        )})
          and exists (select 1 from offer o where o.product_id = pp.product_id and (cardinality(o.region_codes) = 0 or '310000' = any(o.region_codes)))`,
    );
    expect(new Set(rows.map((r) => r.part)).size).toBeGreaterThanOrEqual(10);
    expect(rows.filter((r) => r.available < 5)).toEqual([]);
  });

  it('gives every offer a lead time', async () => {
    const [row] = await queryRows<{ offers: number; without: number }>(
      database.db,
      sql`select count(*)::int as offers, (count(*) filter (where lead_time_days is null or lead_time_days < 0 or lead_time_days > 365))::int as without from offer`,
    );
    expect(row!.offers).toBeGreaterThan(1000);
    expect(row!.without).toBe(0);
  });

  it('holds what the seed’s plan says, keeps the cache equal to the moves, and a second run adds nothing', async () => {
    const plan = await demoStockPlan(database.db, 1);
    const planned = new Map<string, number>();
    const add = (code: string, product: string, qty: number) => planned.set(`${code}|${product}`, (planned.get(`${code}|${product}`) ?? 0) + qty);
    for (const p of plan.platform) for (const r of p.receipts) for (const l of r.input.lines) add(p.w.code, l.productId, l.qty);
    for (const p of plan.suppliers) for (const l of p.levels) add(p.w.code, l.productId, l.qty);
    const held = new Map<string, number>();
    for (const r of await holdings()) held.set(`${r.code}|${r.product}`, (held.get(`${r.code}|${r.product}`) ?? 0) + r.on_hand);
    expect(held).toEqual(planned);
    expect(await verifyStock(database.db)).toMatchObject({ ok: true });

    const [before] = await queryRows<{ moves: number; units: number }>(database.db, sql`select (select count(*)::int from stock_move) as moves, (select count(*)::int from trace_unit) as units`);
    await runSeed(database, { scale: 'demo', seed: 1 });
    const [after] = await queryRows<{ moves: number; units: number }>(database.db, sql`select (select count(*)::int from stock_move) as moves, (select count(*)::int from trace_unit) as units`);
    expect(after).toEqual(before);
  }, 120_000);
});
