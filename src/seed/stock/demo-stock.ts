import { asc, eq, inArray, sql } from 'drizzle-orm';
import { offer, product } from '../../modules/catalog/index.ts';
import { appUser, org } from '../../modules/identity/index.ts';
import { warehouse } from '../../modules/inventory/index.ts';
import { createReceipt } from '../../modules/inventory/receipts/create-receipt.ts';
import type { CreateReceiptInput } from '../../modules/inventory/receipts/schemas.ts';
import { createWarehouse } from '../../modules/inventory/warehouses/create-warehouse.ts';
import { listRegions } from '../../modules/regions/index.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { rng } from '../rng.ts';

// The demo's stock: the platform's two warehouses, made through the same commands as the API
// (createWarehouse, createReceipt: every unit arrives as a receipt move, with its audit rows), and
// stocked with a few hundred of the demo catalog's products by lot, some on consignment, one trace
// code per certified unit. Quantities and lots are the same for a given seed; ids are new each time,
// and so are the trace codes, which the receipt issues at random as it does for real stock (a demo
// code that followed from the seed could be guessed like the sequential ones it replaced). A
// warehouse whose code exists is left alone, so a second run adds nothing.

// The seed's own stream of random numbers, apart from the catalog's.
const STOCK_STREAM = 0x5700_c4a1;
const MAX_LINES_PER_RECEIPT = 200;
// When the demo warehouses opened (their audit rows' time); stock arrives in the months after.
const OPENED_AT = new Date(Date.UTC(2026, 7, 1, 2));

// East China, one or two days from Hangzhou.
const EAST_CHINA_DAYS: Record<string, number> = { '310000': 1, '320000': 1, '330000': 1, '340000': 2, '350000': 2, '360000': 2, '370000': 2 };
// The far north-east, north-west, south-west and Hainan: four days; the rest of the mainland three.
const FAR_PROVINCES = new Set(['150000', '220000', '230000', '460000', '530000', '540000', '620000', '630000', '640000', '650000']);
// Taiwan, Hong Kong and Macao are left out: parts cross a customs border there, not a warehouse's
// delivery round.
const ACROSS_CUSTOMS = new Set(['710000', '810000', '820000']);

type Lot = { suffix: string; yyyymm: string; at: Date };
type DemoWarehouse = {
  code: string;
  name: string;
  kind: 'central' | 'front';
  regionCode: string;
  adminEmail: string;
  coverage: () => { regionCode: string; transitDays: number }[];
  products: number;
  // Lots received, oldest first; each product gets one or two of them.
  lots: Lot[];
  consignmentShare: number;
};

const lot = (yyyymm: string, suffix: string, day: number): Lot => ({ suffix, yyyymm, at: new Date(Date.UTC(Number(yyyymm.slice(0, 4)), Number(yyyymm.slice(4)) - 1, day, 2)) });

export const demoWarehouses: DemoWarehouse[] = [
  {
    code: 'HZ-CENTRAL',
    name: '华东中心仓（杭州）',
    kind: 'central',
    regionCode: '330100',
    adminEmail: 'admin@hz-ops.demo',
    coverage: () =>
      listRegions({ level: 1 })
        .filter((p) => !ACROSS_CUSTOMS.has(p.code))
        .map((p) => ({ regionCode: p.code, transitDays: EAST_CHINA_DAYS[p.code] ?? (FAR_PROVINCES.has(p.code) ? 4 : 3) })),
    products: 300,
    lots: [lot('202609', 'HZ', 8), lot('202611', 'HZ', 10)],
    consignmentShare: 0.4,
  },
  {
    code: 'CD-FRONT',
    name: '西南前置仓（成都）',
    kind: 'front',
    regionCode: '510100',
    adminEmail: 'admin@cd-ops.demo',
    coverage: () => [
      { regionCode: '510000', transitDays: 1 },
      { regionCode: '500000', transitDays: 1 },
      { regionCode: '520000', transitDays: 2 },
      { regionCode: '530000', transitDays: 2 },
      { regionCode: '540000', transitDays: 2 },
    ],
    products: 150,
    lots: [lot('202610', 'CD', 15)],
    consignmentShare: 0.3,
  },
];

export type DemoStockReport = { warehouses: number; receipts: number; units: number; traceCodes: number; skipped: string[] };

// Runs inside the demo seed's one transaction (seed.ts): the warehouses exist with all their stock,
// and with the rest of the demo world, or not at all.
export async function seedDemoStock(tx: Tx, opts: { seed: number; onProgress?: (done: number, total: number) => void }): Promise<DemoStockReport> {
  const existing = new Set((await tx.select({ code: warehouse.code }).from(warehouse).where(inArray(warehouse.code, demoWarehouses.map((w) => w.code)))).map((w) => w.code));
  const todo = demoWarehouses.filter((w) => !existing.has(w.code));
  const report: DemoStockReport = { warehouses: 0, receipts: 0, units: 0, traceCodes: 0, skipped: [...existing] };
  if (todo.length === 0) return report;
  const random = rng((opts.seed ^ STOCK_STREAM) >>> 0);
  // Plans are drawn for every demo warehouse, skipped or not, so the stream (and with it each
  // warehouse's stock) does not depend on which one already exists.
  const plans = [];
  for (const w of demoWarehouses) plans.push({ w, receipts: planReceipts(w, await stockable(tx, w), random) });
  const total = plans.filter((p) => !existing.has(p.w.code)).reduce((n, p) => n + 1 + p.receipts.length, 0);
  let done = 0;
  opts.onProgress?.(done, total);
  for (const { w, receipts } of plans) {
    if (existing.has(w.code)) continue;
    const ctx = await operatorCtx(tx, w.adminEmail, OPENED_AT);
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
  return report;
}

type Stockable = { id: string; supplierOrgId: string; grade: string };

// Products with an offer for the warehouse's province or city (or a nationwide one), by id.
async function stockable(db: Executor, w: DemoWarehouse): Promise<Stockable[]> {
  const regions = [`${w.regionCode.slice(0, 2)}0000`, w.regionCode];
  const asOf = w.lots.at(-1)!.at.toISOString().slice(0, 10);
  return db
    .select({ id: product.id, supplierOrgId: product.supplierOrgId, grade: product.grade })
    .from(product)
    .where(
      sql`exists (select 1 from ${offer} o where o.product_id = ${product.id} and o.valid_from <= ${asOf}::date and (o.valid_to is null or o.valid_to >= ${asOf}::date)
        and (cardinality(o.region_codes) = 0 or o.region_codes && array[${sql.join(regions.map((r) => sql`${r}`), sql`, `)}]::text[]))`,
    )
    .orderBy(asc(product.id));
}

type PlannedReceipt = { at: Date; input: CreateReceiptInput };

// Which products each warehouse holds, how many of each by lot and who owns them (the receipt
// issues the certified units' codes); grouped into receipts by lot, supplier and ownership as a
// warehouse would book them.
function planReceipts(w: DemoWarehouse, candidates: readonly Stockable[], random: () => number): PlannedReceipt[] {
  const chosen = shuffle(candidates, random).slice(0, w.products).sort((a, b) => (a.id < b.id ? -1 : 1));
  const groups = new Map<string, PlannedReceipt & { lot: Lot; supplierOrgId: string; consignment: boolean }>();
  for (const p of chosen) {
    const qty = 5 + Math.floor(random() * 26);
    const consignment = random() < w.consignmentShare;
    const split = w.lots.length > 1 && random() < 0.4;
    const first = split ? Math.max(1, Math.floor(qty * (0.3 + random() * 0.4))) : qty;
    const parts: [Lot, number][] = split ? [[w.lots[0]!, first], [w.lots[1]!, qty - first]] : [[w.lots[Math.floor(random() * w.lots.length)]!, qty]];
    for (const [l, n] of parts) {
      const key = `${l.yyyymm}|${p.supplierOrgId}|${consignment}`;
      let group = groups.get(key);
      if (!group) {
        group = { at: l.at, lot: l, supplierOrgId: p.supplierOrgId, consignment, input: { supplierOrgId: p.supplierOrgId, consignment, note: `演示入库 ${l.yyyymm}`, lines: [] } };
        groups.set(key, group);
      }
      const lotNo = `L${l.yyyymm.slice(0, 4)}-${l.yyyymm.slice(4)}-${l.suffix}`;
      group.input.lines.push({ productId: p.id, qty: n, lotNo });
    }
  }
  // Oldest lots first, so lot ids (time-ordered) follow the months.
  const receipts: PlannedReceipt[] = [];
  for (const g of [...groups.values()].sort((a, b) => a.lot.yyyymm.localeCompare(b.lot.yyyymm))) {
    for (let i = 0; i < g.input.lines.length; i += MAX_LINES_PER_RECEIPT) {
      receipts.push({ at: g.at, input: { ...g.input, lines: g.input.lines.slice(i, i + MAX_LINES_PER_RECEIPT) } });
    }
  }
  return receipts;
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// The seed acts for the operator, as its organisation with no user (like the CLI for the
// platform): the operator's own commands and checks apply, and the audit rows show the seed's
// request id rather than a person.
async function operatorCtx(tx: Tx, adminEmail: string, now: Date): Promise<Ctx> {
  const [row] = await tx.select({ orgId: org.id, kind: org.kind, regionCode: org.regionCode }).from(appUser).innerJoin(org, eq(org.id, appUser.orgId)).where(eq(appUser.email, adminEmail));
  if (!row || row.kind !== 'operator') throw new Error(`demo stock: no operator with admin ${adminEmail}; run the identity seed first`);
  return {
    actor: { type: 'user', userId: null, apiKeyId: null, orgId: row.orgId, orgKind: 'operator', orgRegionCode: row.regionCode, roles: ['admin'] },
    requestId: `seed-stock-${adminEmail}`,
    locale: 'zh-CN',
    now,
  };
}
