import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, openTestDatabase } from '../../../test/support/app.ts';
import type { Grade } from '../../modules/catalog/grades.ts';
import { queryRows, type Database } from '../../platform/db.ts';
import { copyText, copyTextArray } from './copy-text.ts';
import { seedLargeCatalog, type LargeCatalogReport } from './large-catalog.ts';
import { buildLargeModels } from './large-models.ts';
import { largePartRows, type LargeContext, type LargeScale } from './large-rows.ts';
import { GRADE_BANDS_PERMILLE } from './pricing.ts';
import { findDemoSupplierIds } from './supplier-ids.ts';

const SCALE: LargeScale = { models: 200, parts: 20_000, offers: 60_000 };
const CERTS = { CAPA: 'c1', CATARC: 'c2', CQC: 'c3' };

function context(seed: number, scale: LargeScale = SCALE): LargeContext {
  return { seed, scale, models: buildLargeModels(seed, scale.models), supplierOrgIds: ['s1', 's2', 's3'], certBodyIds: CERTS };
}

describe('large catalog generator', () => {
  it('makes the same rows for the same seed, other rows for another', () => {
    const a = context(7);
    const b = context(7);
    const c = context(8);
    for (const i of [0, 1, 2, 999, 12_345]) {
      expect(largePartRows(a, i)).toEqual(largePartRows(b, i));
      expect(largePartRows(a, i).part.id).not.toBe(largePartRows(c, i).part.id);
    }
  });

  it('spreads exactly the requested products over the parts, two to four each', () => {
    const ctx = context(3, { models: 50, parts: 1_001, offers: 3_003 });
    let products = 0;
    const perPart = new Set<number>();
    for (let i = 0; i < 1_001; i++) {
      const n = largePartRows(ctx, i).products.length;
      perPart.add(n);
      products += n;
    }
    expect(products).toBe(3_003);
    expect([...perPart].sort()).toEqual([2, 3, 4]);
  });

  it('escapes COPY text', () => {
    expect(copyText('a\tb\\c\nd')).toBe('a\\tb\\\\c\\nd');
    expect(copyText(null)).toBe('\\N');
    expect(copyTextArray([])).toBe('{}');
    expect(copyTextArray(['310000', '330000'])).toBe('{"310000","330000"}');
  });
});

// COPY goes through PGlite's /dev/blob or pg-copy-streams: both paths are loaded and checked.
describe.each(databaseKinds())('large catalog load on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void>;
  let before: Record<string, number>;
  let report: LargeCatalogReport;
  let indexesBefore: string[];
  const progress: number[] = [];

  const count = async (table: string) => (await queryRows<{ n: number }>(database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
  const definitions = async () =>
    (
      await queryRows<{ d: string }>(
        database.db,
        sql`select indexdef as d from pg_indexes where schemaname = current_schema()
            union all select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where contype = 'f' order by 1`,
      )
    ).map((r) => r.d);

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase(kind));
    before = {};
    for (const t of ['vehicle_model', 'part', 'part_fitment', 'product', 'product_part', 'offer']) before[t] = await count(t);
    indexesBefore = await definitions();
    const suppliers = await findDemoSupplierIds(database.db);
    report = await seedLargeCatalog(database, {
      seed: 5,
      supplierOrgIds: [suppliers.huajun, suppliers.yuetong, suppliers.anxin],
      scale: SCALE,
      onProgress: (done) => progress.push(done),
    });
  }, 120_000);

  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('loads the requested counts', async () => {
    expect(report.skipped).toBe(false);
    expect((await count('vehicle_model')) - before.vehicle_model!).toBe(SCALE.models);
    expect((await count('part')) - before.part!).toBe(SCALE.parts);
    expect((await count('product')) - before.product!).toBe(SCALE.offers);
    expect((await count('product_part')) - before.product_part!).toBe(SCALE.offers);
    expect((await count('offer')) - before.offer!).toBe(SCALE.offers);
    const fitments = (await count('part_fitment')) - before.part_fitment!;
    expect(fitments).toBe(report.fitments);
    expect(fitments).toBeGreaterThanOrEqual(SCALE.parts);
    expect(fitments).toBeLessThanOrEqual(3 * SCALE.parts);
    expect(progress.at(-1)).toBeGreaterThan(SCALE.parts);
  });

  it('stores the rows it generates', async () => {
    const expected = largePartRows(context(5), 0).part;
    const suppliers = await findDemoSupplierIds(database.db);
    const ctx = { ...context(5), supplierOrgIds: [suppliers.huajun, suppliers.yuetong, suppliers.anxin] };
    const [row] = await queryRows<{ oe_no: string; name_zh: string; pinyin: string; oe_price_fen: string }>(
      database.db,
      sql`select oe_no, name_zh, pinyin, oe_price_fen::text from part where id = ${expected.id}`,
    );
    expect(row).toEqual({ oe_no: expected.oeNo, name_zh: expected.nameZh, pinyin: expected.pinyin, oe_price_fen: String(expected.oePriceFen) });
    const offer = largePartRows(ctx, 17).offers[0]!;
    const [stored] = await queryRows<{ region_codes: string[]; price_fen: string }>(database.db, sql`select region_codes, price_fen::text from offer where id = ${offer.id}`);
    expect(stored).toEqual({ region_codes: [...offer.regionCodes], price_fen: String(offer.priceFen) });
  });

  it('puts back every index and foreign key it dropped', async () => {
    expect(await definitions()).toEqual(indexesBefore);
  });

  it('keeps the grade rules: certificates, safety parts, price bands', async () => {
    const rows = await queryRows<{ grade: Grade; category: string; cert_no: string | null; oe: string; price: string }>(
      database.db,
      sql`select p.grade, part.category, p.cert_no, part.oe_price_fen::text as oe, o.price_fen::text as price
            from offer o join product p on p.id = o.product_id join product_part pp on pp.product_id = p.id join part on part.id = pp.part_id`,
    );
    for (const r of rows) {
      if (r.grade === 'certified') expect(r.cert_no).not.toBeNull();
      if (r.category === 'safety') expect(['oem', 'oes']).toContain(r.grade);
      const [low, high] = GRADE_BANDS_PERMILLE[r.grade];
      const permille = (Number(r.price) * 1000) / Number(r.oe);
      expect(permille).toBeGreaterThanOrEqual(low);
      expect(permille).toBeLessThanOrEqual(high);
    }
  });

  it('finds a common part name across many models by trigram search', async () => {
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from part where name_zh like '%左前大灯总成%'`);
    expect(row!.n).toBeGreaterThan(100);
  });

  it('skips a second run once the catalog is that large', async () => {
    const suppliers = await findDemoSupplierIds(database.db);
    const again = await seedLargeCatalog(database, { seed: 5, supplierOrgIds: [suppliers.huajun], scale: SCALE });
    expect(again.skipped).toBe(true);
    expect(again.reason).toMatch(/already holds/);
  });
});
