import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../test/support/app.ts';
import type { Grade } from '../../modules/catalog/grades.ts';
import { regionKey } from '../../modules/catalog/index.ts';
import { queryRows, type Database } from '../../platform/db.ts';
import { vatOfGross } from '../../platform/money.ts';
import { seedDemoCatalog } from './demo-catalog.ts';
import { GRADE_BANDS_PERMILLE } from './pricing.ts';
import { findDemoSupplierIds } from './supplier-ids.ts';

const TABLES = ['vehicle_model', 'part', 'part_fitment', 'part_supersession', 'part_interchange', 'cert_body', 'product', 'product_part', 'offer'] as const;
type Counts = Record<(typeof TABLES)[number], number>;

async function counts(database: Database): Promise<Counts> {
  const result = {} as Counts;
  for (const table of TABLES) {
    const [row] = await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from ${table}`));
    result[table] = row?.n ?? 0;
  }
  return result;
}

describe.each(databaseKinds())('demo catalog on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  let before: Counts;
  let report: Awaited<ReturnType<typeof seedDemoCatalog>>;

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase(kind));
    before = await counts(database);
    const supplierOrgIds = await findDemoSupplierIds(database.db);
    report = await seedDemoCatalog(database.db, { seed: 1, supplierOrgIds });
  });

  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('inserts models, parts, fitment, products and offers', async () => {
    const after = await counts(database);
    expect(report.vehicleModels).toBeGreaterThanOrEqual(30);
    expect(report.parts).toBeGreaterThanOrEqual(30 * 35);
    // The test database may one day be seeded with the demo catalog already; then nothing is new.
    const fresh = before.part === 0;
    expect(after.vehicle_model - before.vehicle_model).toBe(fresh ? report.vehicleModels : 0);
    expect(after.part - before.part).toBe(fresh ? report.parts : 0);
    expect(after.product - before.product).toBe(fresh ? report.products : 0);
    expect(after.offer - before.offer).toBe(fresh ? report.offers : 0);
    expect(after.part).toBeGreaterThanOrEqual(report.parts);
    expect(after.part_supersession).toBeGreaterThan(0);
    expect(after.part_interchange).toBeGreaterThan(0);
    expect(after.cert_body).toBeGreaterThanOrEqual(2);
  });

  it('shares some parts between two models of one maker', async () => {
    const shared = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from (
            select f.part_id from part_fitment f join vehicle_model m on m.id = f.vehicle_model_id
             group by f.part_id having count(*) >= 2 and count(distinct m.brand) = 1) s`,
    );
    expect(shared[0]?.n).toBeGreaterThan(10);
  });

  it('changes no counts when run a second time', async () => {
    const first = await counts(database);
    const supplierOrgIds = await findDemoSupplierIds(database.db);
    await seedDemoCatalog(database.db, { seed: 1, supplierOrgIds });
    expect(await counts(database)).toEqual(first);
  });

  it('gives every certified product its certificate, and only certified ones', async () => {
    const rows = await queryRows<{ grade: Grade; cert_body_id: string | null; cert_no: string | null; cert_valid_from: string | null; cert_valid_to: string | null }>(
      database.db,
      sql`select grade, cert_body_id, cert_no, cert_valid_from::text, cert_valid_to::text from product`,
    );
    const certified = rows.filter((r) => r.grade === 'certified');
    expect(certified.length).toBeGreaterThan(50);
    for (const r of certified) {
      expect(r.cert_body_id).not.toBeNull();
      expect(r.cert_no).toMatch(/^(CAPA-2025-\d{5,}|CATARC-C-\d{4,}|CQC250\d{6,})$/);
      expect(r.cert_valid_from! < '2026-01-01').toBe(true);
      expect(r.cert_valid_to! > '2027-01-01').toBe(true);
    }
    for (const r of rows.filter((x) => x.grade !== 'certified')) expect(r.cert_no).toBeNull();
  });

  it('sells airbags and belts only as oem or oes', async () => {
    const rows = await queryRows<{ grade: Grade; n: number }>(
      database.db,
      sql`select p.grade, count(*)::int as n from product p join product_part pp on pp.product_id = p.id join part on part.id = pp.part_id
           where part.category = 'safety' group by p.grade`,
    );
    expect(rows.map((r) => r.grade).sort()).toEqual(['oem', 'oes']);
  });

  it('prices every offer inside its grade band of the OE price, with the VAT split', async () => {
    const rows = await queryRows<{ grade: Grade; oe: string; price: string; vat: string }>(
      database.db,
      sql`select p.grade, part.oe_price_fen::text as oe, o.price_fen::text as price, o.vat_fen::text as vat
            from offer o join product p on p.id = o.product_id join product_part pp on pp.product_id = p.id join part on part.id = pp.part_id`,
    );
    const grades = new Set<Grade>();
    for (const r of rows) {
      const [low, high] = GRADE_BANDS_PERMILLE[r.grade];
      const permille = (Number(r.price) * 1000) / Number(r.oe);
      expect(permille, `${r.grade} ${r.price}/${r.oe}`).toBeGreaterThanOrEqual(low);
      expect(permille, `${r.grade} ${r.price}/${r.oe}`).toBeLessThanOrEqual(high);
      expect(BigInt(r.vat)).toBe(vatOfGross(BigInt(r.price)));
      grades.add(r.grade);
    }
    expect([...grades].sort()).toEqual(['aftermarket', 'certified', 'oem', 'oes', 'recycled']);
  });

  it('serves both nationwide and provincial regions', async () => {
    const rows = await queryRows<{ region_key: string; region_codes: string[] }>(database.db, sql`select distinct region_key, region_codes from offer`);
    for (const r of rows) expect(r.region_key).toBe(regionKey(r.region_codes));
    const keys = rows.map((r) => r.region_key);
    expect(keys).toContain('*');
    expect(keys.some((k) => k.includes('330000'))).toBe(true);
    expect(keys.some((k) => k.includes('440000'))).toBe(true);
    expect(keys.some((k) => k.includes('510000'))).toBe(true);
  });
});
