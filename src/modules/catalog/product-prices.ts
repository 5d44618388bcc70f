import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { org } from '../identity/index.ts';
import { regionPath } from '../regions/index.ts';
import type { Grade } from './grades.ts';
import { offer, product, productPart } from './tables.ts';

export type ProductPrice = {
  productId: string;
  offerId: string;
  supplierOrgId: string;
  grade: Grade;
  // One catalog part the product replaces (the first by id), for the order line's reference.
  partId: string | null;
  priceFen: bigint;
  vatFen: bigint;
  minQty: number;
};

// A product has one offer per region list; a handful at most serve one region.
const MAX_PRODUCTS = 200;

// Every shop order asks this; planning the join costs more than running it, so the plan is made
// once per connection (the statement is named) and then only executed.
function preparePrices(exec: Executor) {
  return exec
    .select({
      productId: product.id,
      offerId: offer.id,
      supplierOrgId: product.supplierOrgId,
      grade: product.grade,
      partId: sql<string | null>`(select min(${productPart.partId}::text)::uuid from ${productPart} where ${productPart.productId} = ${product.id})`,
      priceFen: offer.priceFen,
      vatFen: offer.vatFen,
      minQty: offer.minQty,
    })
    .from(product)
    .innerJoin(offer, eq(offer.productId, product.id))
    .innerJoin(org, eq(org.id, product.supplierOrgId))
    .where(
      and(
        sql`${product.id} = any(${sql.placeholder('productIds')}::uuid[])`,
        eq(org.status, 'active'),
        lte(offer.validFrom, sql.placeholder('day')),
        or(isNull(offer.validTo), gte(offer.validTo, sql.placeholder('day'))),
        sql`(cardinality(${offer.regionCodes}) = 0 or ${offer.regionCodes} && ${sql.placeholder('served')}::text[])`,
      ),
    )
    .orderBy(asc(product.id), asc(offer.priceFen), asc(offer.id))
    .limit(MAX_PRODUCTS * 20)
    .prepare('product_prices');
}

const prepared = new WeakMap<Executor, ReturnType<typeof preparePrices>>();

// The price a buyer in a region pays for some products today: per product, the cheapest valid
// offer serving the region whose minimum quantity the wanted quantity meets. Products without such
// an offer are absent from the map. For shops buying for themselves (no claim, no price check).
export async function productPrices(exec: Executor, input: { wanted: ReadonlyMap<string, number>; regionCode: string; day: string }): Promise<Map<string, ProductPrice>> {
  const productIds = [...input.wanted.keys()];
  if (productIds.length > MAX_PRODUCTS) throw new Error(`productPrices: ${productIds.length} products, at most ${MAX_PRODUCTS}`);
  const out = new Map<string, ProductPrice>();
  if (productIds.length === 0) return out;
  const served = regionPath(input.regionCode).map((r) => r.code);
  let query = prepared.get(exec);
  if (!query) {
    query = preparePrices(exec);
    prepared.set(exec, query);
  }
  const rows = await query.execute({ productIds, day: input.day, served });
  for (const row of rows) {
    if (out.has(row.productId) || row.minQty > (input.wanted.get(row.productId) ?? 0)) continue;
    out.set(row.productId, row);
  }
  return out;
}
