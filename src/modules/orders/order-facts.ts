import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db.ts';
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

type Named = { id: string; name: string };
type FactRows = {
  orgs: Named[];
  warehouses: Named[];
  products: { id: string; sku: string; brand: string; name: string }[];
  parts: { id: string; nameZh: string; nameEn: string; oeNo: string }[];
  claims: { id: string; claimNo: string; vin: string; plate: string }[];
  units: { code: string; orderLineId: string }[];
};

// Each kind of name as a JSON array, all in one statement: one round trip for an order's facts
// instead of one per kind (placing an order reads them before it writes).
const agg = (rows: SQL, from: SQL) => sql`(select coalesce(json_agg(${rows}), '[]'::json) from ${from})`;

export async function loadOrderFacts(db: Executor, orders: readonly OrderRow[], lines: readonly LineRow[], opts: { traceCodes?: boolean } = {}): Promise<OrderFacts> {
  const orgIds = uniq([...orders.flatMap((o) => [o.payerOrgId, o.buyerOrgId]), ...lines.flatMap((l) => [l.supplierOrgId, l.shipperOrgId])]);
  const ids = (values: string[]) => sql`${sql.param(values)}::uuid[]`;
  const lineIds = opts.traceCodes === false ? [] : lines.map((l) => l.id);
  const [facts] = await queryRows<FactRows>(
    db,
    sql`select
      ${agg(sql`json_build_object('id', ${org.id}, 'name', ${org.name})`, sql`${org} where ${org.id} = any(${ids(orgIds)})`)} as orgs,
      ${agg(sql`json_build_object('id', ${warehouse.id}, 'name', ${warehouse.name})`, sql`${warehouse} where ${warehouse.id} = any(${ids(uniq(lines.map((l) => l.warehouseId)))})`)} as warehouses,
      ${agg(sql`json_build_object('id', ${product.id}, 'sku', ${product.sku}, 'brand', ${product.brand}, 'name', ${product.name})`, sql`${product} where ${product.id} = any(${ids(uniq(lines.map((l) => l.productId)))})`)} as products,
      ${agg(sql`json_build_object('id', ${part.id}, 'nameZh', ${part.nameZh}, 'nameEn', ${part.nameEn}, 'oeNo', ${part.oeNo})`, sql`${part} where ${part.id} = any(${ids(uniq(lines.map((l) => l.partId)))})`)} as parts,
      ${agg(sql`json_build_object('id', ${claim.id}, 'claimNo', ${claim.claimNo}, 'vin', ${claim.vin}, 'plate', ${claim.plate})`, sql`${claim} where ${claim.id} = any(${ids(uniq(orders.map((o) => o.claimId)))})`)} as claims,
      ${agg(sql`json_build_object('code', u.code, 'orderLineId', u.order_line_id) order by u.code`, sql`(select ${traceUnit.code} as code, ${traceUnit.orderLineId} as order_line_id from ${traceUnit} where ${traceUnit.orderLineId} = any(${ids(lineIds)})) u`)} as units`,
  );
  const traceCodes = new Map<string, string[]>();
  for (const u of facts!.units) traceCodes.set(u.orderLineId, [...(traceCodes.get(u.orderLineId) ?? []), u.code]);
  return {
    orgNames: new Map(facts!.orgs.map((o) => [o.id, o.name])),
    warehouseNames: new Map(facts!.warehouses.map((w) => [w.id, w.name])),
    products: new Map(facts!.products.map(({ id, ...p }) => [id, p])),
    parts: new Map(facts!.parts.map(({ id, ...p }) => [id, p])),
    claims: new Map(facts!.claims.map(({ id, ...c }) => [id, c])),
    traceCodes,
  };
}
