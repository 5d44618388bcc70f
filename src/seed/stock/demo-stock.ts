import { eq, inArray } from 'drizzle-orm';
import { appUser, org } from '../../modules/identity/index.ts';
import { warehouse } from '../../modules/inventory/index.ts';
import { createReceipt } from '../../modules/inventory/receipts/create-receipt.ts';
import { setStockLevels } from '../../modules/inventory/stock-levels/set-stock-levels.ts';
import { createWarehouse } from '../../modules/inventory/warehouses/create-warehouse.ts';
import type { OrgKind } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { findDemoSupplierIds } from '../catalog/index.ts';
import { rng } from '../rng.ts';
import { demoSupplierWarehouses, demoWarehouses, LEVELS_AT, OPENED_AT } from './demo-warehouses.ts';
import { planDemoStock, type DemoStockPlan } from './plan-stock.ts';
import { readStockCatalog } from './stock-catalog.ts';

export { demoSupplierWarehouses, demoWarehouses } from './demo-warehouses.ts';

// The demo's stock, made through the same commands as the API (every unit arrives by a command
// that writes its moves and audit rows), so that a claim's natural flow works from the first one:
// - the platform's two warehouses (createWarehouse, createReceipt), stocked by lot, some on
//   consignment, with every regional product of the parts claims name most (bumpers, lamps,
//   wings, mirrors, grilles) for every demo model, and a few hundred others;
// - each demo supplier's own warehouse (createWarehouse, then setStockLevels as the supplier keeps
//   them), delivering wherever its offers do, holding a share of its products for drop-ship.
// Quantities and lots are the same for a given seed (the stock's own stream of random numbers,
// apart from the catalog's); ids are new each time, and so are the trace codes, which are issued
// at random as for real stock (a demo code that followed from the seed could be guessed). A
// warehouse whose code exists is left alone, so a second run adds nothing.

// The seed's own stream of random numbers, apart from the catalog's.
const STOCK_STREAM = 0x5700_c4a1;
// Lines per stock-levels command: at most twenty units a line, so one command's certified units
// stay under the trace codes it may issue.
const LEVEL_LINES_PER_CALL = 200;

export type DemoStockReport = { warehouses: number; receipts: number; levels: number; units: number; traceCodes: number; skipped: string[] };

// Runs inside the demo seed's one transaction (seed.ts): the warehouses exist with all their stock,
// and with the rest of the demo world, or not at all.
export async function seedDemoStock(tx: Tx, opts: { seed: number; onProgress?: (done: number, total: number) => void }): Promise<DemoStockReport> {
  const codes = [...demoWarehouses, ...demoSupplierWarehouses].map((w) => w.code);
  const existing = new Set((await tx.select({ code: warehouse.code }).from(warehouse).where(inArray(warehouse.code, codes))).map((w) => w.code));
  const report: DemoStockReport = { warehouses: 0, receipts: 0, levels: 0, units: 0, traceCodes: 0, skipped: [...existing] };
  if (existing.size === codes.length) return report;
  const plan = await demoStockPlan(tx, opts.seed);
  const platform = plan.platform.filter((p) => !existing.has(p.w.code));
  const suppliers = plan.suppliers.filter((p) => !existing.has(p.w.code));
  const total = platform.reduce((n, p) => n + 1 + p.receipts.length, 0) + suppliers.reduce((n, p) => n + 1 + Math.ceil(p.levels.length / LEVEL_LINES_PER_CALL), 0);
  let done = 0;
  opts.onProgress?.(done, total);

  for (const { w, receipts } of platform) {
    const ctx = await orgCtx(tx, w.adminEmail, 'operator', OPENED_AT);
    const created = await createWarehouse(tx, ctx, { code: w.code, name: w.name, kind: w.kind, regionCode: w.regionCode, coverage: w.coverage() });
    opts.onProgress?.(++done, total);
    for (const r of receipts) {
      const receipt = await createReceipt(tx, { ...ctx, now: r.at }, created.id, r.input);
      report.receipts += 1;
      report.units += r.input.lines.reduce((n, l) => n + l.qty, 0);
      report.traceCodes += receipt.lines.reduce((n, l) => n + l.traceCodes.length, 0);
      opts.onProgress?.(++done, total);
    }
    report.warehouses += 1;
  }

  for (const { w, coverage, levels } of suppliers) {
    const ctx = await orgCtx(tx, w.adminEmail, 'supplier', OPENED_AT);
    const created = await createWarehouse(tx, ctx, { code: w.code, name: w.name, kind: 'supplier', regionCode: w.regionCode, coverage });
    opts.onProgress?.(++done, total);
    for (let i = 0; i < levels.length; i += LEVEL_LINES_PER_CALL) {
      const set = await setStockLevels(tx, { ...ctx, now: LEVELS_AT }, created.id, { note: '演示库存水位', lines: levels.slice(i, i + LEVEL_LINES_PER_CALL) });
      report.levels += 1;
      report.units += set.lines.reduce((n, l) => n + l.difference, 0);
      report.traceCodes += set.lines.reduce((n, l) => n + l.traceCodes.length, 0);
      opts.onProgress?.(++done, total);
    }
    report.warehouses += 1;
  }
  return report;
}

// What the demo warehouses hold for a seed, planned from the demo catalog in the database.
export async function demoStockPlan(db: Executor, seed: number): Promise<DemoStockPlan> {
  return planDemoStock(await readStockCatalog(db), await findDemoSupplierIds(db), rng((seed ^ STOCK_STREAM) >>> 0));
}

// The seed acts for the warehouse's organisation (an operator, or a supplier for its own), as that
// organisation with no user, like the CLI for the platform: the organisation's own commands and
// checks apply, and the audit rows show the seed's request id rather than a person.
async function orgCtx(tx: Tx, adminEmail: string, kind: Extract<OrgKind, 'operator' | 'supplier'>, now: Date): Promise<Ctx> {
  const [row] = await tx.select({ orgId: org.id, kind: org.kind, regionCode: org.regionCode }).from(appUser).innerJoin(org, eq(org.id, appUser.orgId)).where(eq(appUser.email, adminEmail));
  if (!row || row.kind !== kind) throw new Error(`demo stock: no ${kind} with admin ${adminEmail}; run the identity seed first`);
  return {
    actor: { type: 'user', userId: null, apiKeyId: null, orgId: row.orgId, orgKind: kind, orgRegionCode: row.regionCode, roles: ['admin'] },
    requestId: `seed-stock-${adminEmail}`,
    locale: 'zh-CN',
    now,
  };
}
