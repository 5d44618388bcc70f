import { asc, eq, inArray } from 'drizzle-orm';
import { offer, part, partFitment, product, productPart, vehicleModel } from '../../modules/catalog/index.ts';
import type { Executor } from '../../platform/db.ts';
import type { buildDemoCatalog } from '../catalog/index.ts';
import { demoVehicleModels } from '../catalog/index.ts';

// What the stock seed needs to know of the demo catalog: each product of a demo vehicle model, its
// supplier, the names of the parts it is (a bumper, a headlamp: what claims name most), and its
// offers' regions and validity. Read from the database the demo catalog was just written to, or
// made from the catalog's rows (buildDemoCatalog) where no database is at hand: both give the
// same list, ordered by product id.
export type StockOffer = { regionCodes: readonly string[]; validFrom: string; validTo: string | null };
export type StockProduct = { id: string; supplierOrgId: string; grade: string; partNames: readonly string[]; offers: readonly StockOffer[] };

// Reads only the demo models' products: a database may also hold the large generated catalog,
// which the demo warehouses do not stock.
export async function readStockCatalog(db: Executor): Promise<StockProduct[]> {
  const codes = demoVehicleModels().map((m) => m.code);
  const rows = await db
    .selectDistinct({ id: product.id, supplierOrgId: product.supplierOrgId, grade: product.grade, partName: part.nameZh })
    .from(product)
    .innerJoin(productPart, eq(productPart.productId, product.id))
    .innerJoin(part, eq(part.id, productPart.partId))
    .innerJoin(partFitment, eq(partFitment.partId, part.id))
    .innerJoin(vehicleModel, eq(vehicleModel.id, partFitment.vehicleModelId))
    .where(inArray(vehicleModel.code, codes));
  const byId = new Map<string, { id: string; supplierOrgId: string; grade: string; partNames: string[]; offers: StockOffer[] }>();
  for (const r of rows) {
    const p = byId.get(r.id) ?? { id: r.id, supplierOrgId: r.supplierOrgId, grade: r.grade, partNames: [], offers: [] };
    if (!p.partNames.includes(r.partName)) p.partNames.push(r.partName);
    byId.set(r.id, p);
  }
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += 5_000) {
    const offers = await db
      .select({ productId: offer.productId, regionCodes: offer.regionCodes, validFrom: offer.validFrom, validTo: offer.validTo })
      .from(offer)
      .where(inArray(offer.productId, ids.slice(i, i + 5_000)))
      .orderBy(asc(offer.id));
    for (const o of offers) byId.get(o.productId)!.offers.push({ regionCodes: o.regionCodes, validFrom: o.validFrom, validTo: o.validTo });
  }
  return sortById([...byId.values()]);
}

// The same list from the catalog's rows.
export function stockCatalogOf(catalog: ReturnType<typeof buildDemoCatalog>): StockProduct[] {
  const partName = new Map(catalog.parts.map((p) => [p.row.id, p.row.nameZh]));
  const names = new Map<string, string[]>();
  for (const pp of catalog.productParts) {
    const list = names.get(pp.productId) ?? [];
    const name = partName.get(pp.partId)!;
    if (!list.includes(name)) list.push(name);
    names.set(pp.productId, list);
  }
  const offers = new Map<string, StockOffer[]>();
  for (const o of catalog.offers) offers.set(o.productId, [...(offers.get(o.productId) ?? []), { regionCodes: o.regionCodes ?? [], validFrom: o.validFrom, validTo: o.validTo ?? null }]);
  return sortById(catalog.products.map((p) => ({ id: p.id, supplierOrgId: p.supplierOrgId, grade: p.grade, partNames: names.get(p.id) ?? [], offers: offers.get(p.id) ?? [] })));
}

function sortById<T extends { id: string }>(list: T[]): T[] {
  return list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
