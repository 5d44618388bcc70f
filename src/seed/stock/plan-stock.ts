import type { CreateReceiptInput } from '../../modules/inventory/receipts/schemas.ts';
import { provinceOf } from '../../modules/regions/index.ts';
import type { DemoSupplierIds } from '../catalog/index.ts';
import { demoSupplierWarehouses, demoWarehouses, LEVELS_AT, mainlandProvinces, type DemoSupplierWarehouse, type DemoWarehouse, type Lot } from './demo-warehouses.ts';
import type { StockOffer, StockProduct } from './stock-catalog.ts';
import { transitDays } from './transit-days.ts';

// What the demo warehouses hold, planned without touching the database: deterministic for a
// catalog and a stream of random numbers, so a test can know what a seed makes.

// Lines per receipt: at most thirty units a line, so a receipt of certified parts stays under the
// 5,000 trace codes one receipt may issue.
export const MAX_LINES_PER_RECEIPT = 100;

export type PlannedReceipt = { at: Date; input: CreateReceiptInput };
export type PlatformPlan = { w: DemoWarehouse; receipts: PlannedReceipt[]; products: number };
export type Coverage = { regionCode: string; transitDays: number }[];
export type SupplierPlan = { w: DemoSupplierWarehouse; supplierOrgId: string; coverage: Coverage; levels: { productId: string; qty: number }[] };
export type DemoStockPlan = { platform: PlatformPlan[]; suppliers: SupplierPlan[] };

const day = (at: Date) => at.toISOString().slice(0, 10);
const validOn = (o: StockOffer, date: string) => o.validFrom <= date && (o.validTo === null || o.validTo >= date);
const serves = (o: StockOffer, regions: readonly string[]) => o.regionCodes.length === 0 || o.regionCodes.some((r) => regions.includes(r));

// Every demo warehouse's plan, platform ones first, each drawn whether it will be made or not, so
// the stream (and with it each warehouse's stock) does not depend on which already exist.
// `catalog` is ordered by product id.
export function planDemoStock(catalog: readonly StockProduct[], suppliers: DemoSupplierIds, random: () => number): DemoStockPlan {
  return {
    platform: demoWarehouses.map((w) => planPlatform(w, catalog, random)),
    suppliers: demoSupplierWarehouses.map((w) => planSupplier(w, suppliers[w.supplier], catalog, random)),
  };
}

// A platform warehouse holds the common parts' products offered in its province or city (or
// nationwide), and some other such products drawn at random, by lot, some on consignment; grouped
// into receipts by lot, supplier and ownership as a warehouse would book them.
function planPlatform(w: DemoWarehouse, catalog: readonly StockProduct[], random: () => number): PlatformPlan {
  const regions = [`${w.regionCode.slice(0, 2)}0000`, w.regionCode];
  const asOf = day(w.lots.at(-1)!.at);
  const stockable = catalog.filter((p) => p.offers.some((o) => validOn(o, asOf) && serves(o, regions)));
  const common = new Set(w.commonParts);
  const isCommon = (p: StockProduct) => p.partNames.some((n) => common.has(n));
  const extras = shuffle(
    stockable.filter((p) => !isCommon(p)),
    random,
  ).slice(0, w.extras);
  const chosen = [...stockable.filter(isCommon), ...extras].sort((a, b) => (a.id < b.id ? -1 : 1));
  const groups = new Map<string, PlannedReceipt & { lot: Lot }>();
  for (const p of chosen) {
    const qty = 5 + Math.floor(random() * 26);
    const consignment = random() < w.consignmentShare;
    const split = w.lots.length > 1 && random() < 0.4;
    const first = split ? Math.max(1, Math.floor(qty * (0.3 + random() * 0.4))) : qty;
    const parts: [Lot, number][] = split
      ? [
          [w.lots[0]!, first],
          [w.lots[1]!, qty - first],
        ]
      : [[w.lots[Math.floor(random() * w.lots.length)]!, qty]];
    for (const [l, n] of parts) {
      const key = `${l.yyyymm}|${p.supplierOrgId}|${consignment}`;
      let group = groups.get(key);
      if (!group) {
        group = { at: l.at, lot: l, input: { supplierOrgId: p.supplierOrgId, consignment, note: `演示入库 ${l.yyyymm}`, lines: [] } };
        groups.set(key, group);
      }
      group.input.lines.push({ productId: p.id, qty: n, lotNo: `L${l.yyyymm.slice(0, 4)}-${l.yyyymm.slice(4)}-${l.suffix}` });
    }
  }
  // Oldest lots first, so lot ids (time-ordered) follow the months.
  const receipts: PlannedReceipt[] = [];
  for (const g of [...groups.values()].sort((a, b) => a.lot.yyyymm.localeCompare(b.lot.yyyymm))) {
    for (let i = 0; i < g.input.lines.length; i += MAX_LINES_PER_RECEIPT) {
      receipts.push({ at: g.at, input: { ...g.input, lines: g.input.lines.slice(i, i + MAX_LINES_PER_RECEIPT) } });
    }
  }
  return { w, receipts, products: chosen.length };
}

// A supplier's own warehouse delivers to the provinces its offers serve (a nationwide offer: the
// whole mainland), in days by distance from its city, and holds a share of its products.
function planSupplier(w: DemoSupplierWarehouse, supplierOrgId: string, catalog: readonly StockProduct[], random: () => number): SupplierPlan {
  const asOf = day(LEVELS_AT);
  const offered = catalog.filter((p) => p.supplierOrgId === supplierOrgId && p.offers.some((o) => validOn(o, asOf)));
  const offers = offered.flatMap((p) => p.offers.filter((o) => validOn(o, asOf)));
  const provinces = offers.some((o) => o.regionCodes.length === 0) ? mainlandProvinces() : [...new Set(offers.flatMap((o) => o.regionCodes.map((r) => provinceOf(r)?.code ?? r)))].sort();
  const home = provinceOf(w.regionCode)!.code;
  const coverage = provinces.map((code) => ({ regionCode: code, transitDays: transitDays(w.origin, home, code) }));
  const chosen = shuffle(offered, random)
    .slice(0, Math.round(offered.length * w.share))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return { w, supplierOrgId, coverage, levels: chosen.map((p) => ({ productId: p.id, qty: 1 + Math.floor(random() * w.maxQty) })) };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
