import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { part, product } from '../catalog/index.ts';
import { claim } from '../claims/index.ts';
import { org } from '../identity/index.ts';
import { traceUnit, warehouse } from '../inventory/index.ts';
import type { orderLine, partsOrder } from './tables.ts';

// What people read on an order besides its ids: the names of its parties, products, parts and
// warehouses, its claim's number and vehicle, and the trace codes packed for each line. A shop
// signs a delivery note naming them, and a console cannot ask the catalog for another supplier's
// product (a 404 there), so the order answers with them. Bounded by the orders and lines asked for.
export type OrderFacts = {
  orgNames: Map<string, string>;
  warehouseNames: Map<string, string>;
  products: Map<string, { sku: string; brand: string; name: string }>;
  parts: Map<string, { nameZh: string; nameEn: string; oeNo: string }>;
  claims: Map<string, { claimNo: string; vin: string; plate: string }>;
  // Codes by order line, in code order; none before the line is packed.
  traceCodes: Map<string, string[]>;
};

type OrderRow = Pick<typeof partsOrder.$inferSelect, 'payerOrgId' | 'buyerOrgId' | 'claimId'>;
type LineRow = Pick<typeof orderLine.$inferSelect, 'id' | 'productId' | 'partId' | 'supplierOrgId' | 'shipperOrgId' | 'warehouseId'>;

const uniq = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];

export async function loadOrderFacts(db: Executor, orders: readonly OrderRow[], lines: readonly LineRow[], opts: { traceCodes?: boolean } = {}): Promise<OrderFacts> {
  const orgIds = uniq([...orders.flatMap((o) => [o.payerOrgId, o.buyerOrgId]), ...lines.flatMap((l) => [l.supplierOrgId, l.shipperOrgId])]);
  const warehouseIds = uniq(lines.map((l) => l.warehouseId));
  const productIds = uniq(lines.map((l) => l.productId));
  const partIds = uniq(lines.map((l) => l.partId));
  const claimIds = uniq(orders.map((o) => o.claimId));
  const lineIds = lines.map((l) => l.id);
  const [orgs, warehouses, products, parts, claims, units] = [
    orgIds.length ? await db.select({ id: org.id, name: org.name }).from(org).where(inArray(org.id, orgIds)) : [],
    warehouseIds.length ? await db.select({ id: warehouse.id, name: warehouse.name }).from(warehouse).where(inArray(warehouse.id, warehouseIds)) : [],
    productIds.length ? await db.select({ id: product.id, sku: product.sku, brand: product.brand, name: product.name }).from(product).where(inArray(product.id, productIds)) : [],
    partIds.length ? await db.select({ id: part.id, nameZh: part.nameZh, nameEn: part.nameEn, oeNo: part.oeNo }).from(part).where(inArray(part.id, partIds)) : [],
    claimIds.length ? await db.select({ id: claim.id, claimNo: claim.claimNo, vin: claim.vin, plate: claim.plate }).from(claim).where(inArray(claim.id, claimIds)) : [],
    opts.traceCodes !== false && lineIds.length ? await db.select({ code: traceUnit.code, orderLineId: traceUnit.orderLineId }).from(traceUnit).where(inArray(traceUnit.orderLineId, lineIds)).orderBy(traceUnit.code) : [],
  ];
  const traceCodes = new Map<string, string[]>();
  for (const u of units) traceCodes.set(u.orderLineId!, [...(traceCodes.get(u.orderLineId!) ?? []), u.code]);
  return {
    orgNames: new Map(orgs.map((o) => [o.id, o.name])),
    warehouseNames: new Map(warehouses.map((w) => [w.id, w.name])),
    products: new Map(products.map(({ id, ...p }) => [id, p])),
    parts: new Map(parts.map(({ id, ...p }) => [id, p])),
    claims: new Map(claims.map(({ id, ...c }) => [id, c])),
    traceCodes,
  };
}
