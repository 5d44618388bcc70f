import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db.ts';
import { certBody, part, product, vehicleModel } from '../tables.ts';
import type { ImportKind, RowOf } from './formats.ts';

// What rows of one kind point at, and how those references are looked up in batches.

export type Lookup = 'vehicle_model' | 'part' | 'cert_body' | 'product';
export const lookups: readonly Lookup[] = ['vehicle_model', 'part', 'cert_body', 'product'];

// One reference from a cell: the key to look up, and the value to show when it is missing.
export type Ref = { column: string; lookup: Lookup; key: string; shown: string };

// Keys per query: inArray makes one parameter per key, and PostgreSQL allows 65,535.
export const LOOKUP_BATCH = 1_000;

export const refsOf: { [K in ImportKind]: (row: Partial<RowOf<K>>) => Ref[] } = {
  vehicle_models: () => [],
  parts: () => [],
  fitment: (row) => [
    ...(row.vehicle_model_code ? [{ column: 'vehicle_model_code', lookup: 'vehicle_model' as const, key: row.vehicle_model_code, shown: row.vehicle_model_code }] : []),
    ...(row.oe_no ? [{ column: 'oe_no', lookup: 'part' as const, key: row.oe_no.norm, shown: row.oe_no.raw }] : []),
  ],
  products: (row) => [
    ...(row.oe_nos ?? []).map((norm) => ({ column: 'oe_nos', lookup: 'part' as const, key: norm, shown: norm })),
    // Certification bodies' codes are matched without regard to case (cells are upper-cased).
    ...(row.cert_body ? [{ column: 'cert_body', lookup: 'cert_body' as const, key: row.cert_body, shown: row.cert_body }] : []),
  ],
  offers: (row) => (row.sku ? [{ column: 'sku', lookup: 'product' as const, key: row.sku, shown: row.sku }] : []),
};

async function lookupChunk(exec: Executor, lookup: Lookup, keys: string[], supplierOrgId: string | null): Promise<{ id: string; key: string }[]> {
  switch (lookup) {
    case 'vehicle_model':
      return exec.select({ id: vehicleModel.id, key: vehicleModel.code }).from(vehicleModel).where(inArray(vehicleModel.code, keys));
    case 'part':
      return exec.select({ id: part.id, key: part.oeNorm }).from(part).where(inArray(part.oeNorm, keys));
    case 'cert_body':
      return exec
        .select({ id: certBody.id, key: sql<string>`upper(${certBody.code})` })
        .from(certBody)
        .where(inArray(sql`upper(${certBody.code})`, keys));
    case 'product':
      // A supplier's SKUs are its own namespace: another supplier's product of the same SKU is
      // simply not there.
      if (!supplierOrgId) throw new Error('product references need the supplier');
      return exec
        .select({ id: product.id, key: product.sku })
        .from(product)
        .where(and(eq(product.supplierOrgId, supplierOrgId), inArray(product.sku, keys)));
  }
}

// Ids of the given keys that exist; a key that is missing is simply not in the map.
export async function resolveKeys(exec: Executor, lookup: Lookup, keys: Iterable<string>, supplierOrgId: string | null): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const all = [...new Set(keys)];
  for (let i = 0; i < all.length; i += LOOKUP_BATCH) {
    for (const { id, key } of await lookupChunk(exec, lookup, all.slice(i, i + LOOKUP_BATCH), supplierOrgId)) found.set(key, id);
  }
  return found;
}

export type ResolvedRefs = Record<Lookup, Map<string, string>>;

// Resolves every reference of a batch of rows, one query per lookup and 1,000 keys, and lists the
// references that were not found.
export async function resolveRefs(
  exec: Executor,
  refs: readonly { row: number; refs: readonly Ref[] }[],
  supplierOrgId: string | null,
): Promise<{ ids: ResolvedRefs; missing: { row: number; ref: Ref }[] }> {
  const ids: ResolvedRefs = { vehicle_model: new Map(), part: new Map(), cert_body: new Map(), product: new Map() };
  for (const lookup of lookups) {
    const keys = refs.flatMap((r) => r.refs.filter((ref) => ref.lookup === lookup).map((ref) => ref.key));
    if (keys.length > 0) ids[lookup] = await resolveKeys(exec, lookup, keys, supplierOrgId);
  }
  const missing = refs.flatMap((r) => r.refs.filter((ref) => !ids[ref.lookup].has(ref.key)).map((ref) => ({ row: r.row, ref })));
  return { ids, missing };
}
