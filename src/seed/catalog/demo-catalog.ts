import { offer, part, partFitment, partInterchange, partSupersession, product, productPart, vehicleModel } from '../../modules/catalog/tables.ts';
import type { Executor } from '../../platform/db.ts';
import { rng } from '../rng.ts';
import { ensureCertBodies, type CertBodyCode } from './cert-bodies.ts';
import { buildDemoParts } from './demo-parts.ts';
import { buildDemoProducts, type DemoSupplierIds } from './demo-products.ts';

export { demoVehicleModels, type DemoModel } from './demo-models.ts';
export type { DemoSupplierIds } from './demo-products.ts';

export type DemoCatalogOptions = {
  seed: number;
  supplierOrgIds: DemoSupplierIds;
  onProgress?: (done: number, total: number) => void;
};

export type DemoCatalogReport = { vehicleModels: number; parts: number; products: number; offers: number };

// Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table.
const BATCH_ROWS = 500;

// The catalog's own stream of random numbers, apart from the identity seed's, so adding a demo
// org never reshuffles the catalog.
const CATALOG_STREAM = 0xca7a_1090;

// Everything the demo catalog is, as rows, without touching the database: deterministic for a
// seed, so tests and docs can inspect it.
export function buildDemoCatalog(seed: number, supplierOrgIds: DemoSupplierIds, certBodyIds: Record<CertBodyCode, string>) {
  const random = rng((seed ^ CATALOG_STREAM) >>> 0);
  const parts = buildDemoParts(seed, random);
  const products = buildDemoProducts(seed, random, parts.parts, supplierOrgIds, certBodyIds);
  return { ...parts, ...products };
}

// Loads the demo catalog: 46 vehicle models of 15 makers, ~1,900 parts with fitment, a few
// supersessions and interchanges, and the three demo suppliers' products and offers. Rows carry
// fixed ids and are inserted with ON CONFLICT DO NOTHING, so a second run changes nothing. The
// demo seed runs it inside its one transaction (seed.ts), so pass that transaction.
export async function seedDemoCatalog(db: Executor, opts: DemoCatalogOptions): Promise<DemoCatalogReport> {
  const certBodyIds = await ensureCertBodies(db, opts.seed);
  const rows = buildDemoCatalog(opts.seed, opts.supplierOrgIds, certBodyIds);
  const steps = [
    [vehicleModel, rows.vehicleModels],
    [part, rows.parts.map((p) => p.row)],
    [partFitment, rows.fitments],
    [partSupersession, rows.supersessions],
    [partInterchange, rows.interchanges],
    [product, rows.products],
    [productPart, rows.productParts],
    [offer, rows.offers],
  ] as const;
  const total = steps.reduce((n, [, list]) => n + list.length, 0);
  let done = 0;
  opts.onProgress?.(done, total);
  for (const [table, list] of steps) {
    for (let i = 0; i < list.length; i += BATCH_ROWS) {
      const batch = list.slice(i, i + BATCH_ROWS);
      // Each step's rows match its table; the union of tables defeats drizzle's inference.
      await db
        .insert(table)
        .values(batch as never[])
        .onConflictDoNothing();
      done += batch.length;
      opts.onProgress?.(done, total);
    }
  }
  return { vehicleModels: rows.vehicleModels.length, parts: rows.parts.length, products: rows.products.length, offers: rows.offers.length };
}
