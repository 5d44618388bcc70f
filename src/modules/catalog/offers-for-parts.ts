import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { org } from '../identity/index.ts';
import { regionPath } from '../regions/index.ts';
import { grades, type Grade } from './grades.ts';
import { offerUsableWhere } from './offer-valid.ts';
import { offer, product, productPart } from './tables.ts';

// The offers of many parts at once, for quoting an assessment: every offer valid on the day that
// serves the delivery region, with what ranking needs. One query for the whole assessment, so a
// 20-line quote costs one round trip here and not twenty.

// An assessment has at most 200 lines, so at most 200 parts are asked for at once.
export const MAX_PARTS_PER_OFFER_QUERY = 200;
// A part has a handful of offers per grade; ranking more than this many is never useful, and the
// cap keeps one pathological part from crowding out the others.
export const MAX_OFFERS_PER_PART = 50;

export type PartOfferRow = {
  partId: string;
  offerId: string;
  productId: string;
  supplierOrgId: string;
  supplierName: string;
  brand: string;
  productName: string;
  grade: Grade;
  // VAT-inclusive unit price, and the VAT inside it.
  priceFen: bigint;
  vatFen: bigint;
  leadTimeDays: number;
  minQty: number;
  // Empty means nationwide.
  regionCodes: string[];
  // The certificate of a certified product; ranking decides whether it is valid on the day.
  certification: { number: string; validFrom: string; validTo: string } | null;
};

export type OffersForPartsInput = { partIds: readonly string[]; regionCode: string; day: string };

const gradeOrder = sql`array_position(array[${sql.join(
  grades.map((g) => sql`${g}`),
  sql`, `,
)}]::text[], ${product.grade})`;

// The query with placeholders: partIds (uuid[]), day (YYYY-MM-DD) and served (the delivery region
// and the regions containing it). The inner select numbers each part's offers in the catalog's
// order (best grade, cheapest, fastest, then id, so the cut at MAX_OFFERS_PER_PART is the same on
// every run); the outer one keeps the first ones. Every field is aliased because offer and product
// share column names, which a subquery must not repeat. Exported apart so a benchmark can EXPLAIN
// exactly what runs.
export function offersForPartsSelect(exec: Executor) {
  const ranked = exec
    .select({
      partId: sql<string>`${productPart.partId}`.as('part_id'),
      offerId: sql<string>`${offer.id}`.as('offer_id'),
      productId: sql<string>`${product.id}`.as('product_id'),
      supplierOrgId: sql<string>`${product.supplierOrgId}`.as('supplier_org_id'),
      supplierName: sql<string>`${org.name}`.as('supplier_name'),
      brand: sql<string>`${product.brand}`.as('brand'),
      productName: sql<string>`${product.name}`.as('product_name'),
      grade: sql<Grade>`${product.grade}`.as('grade'),
      priceFen: sql<bigint>`${offer.priceFen}`.mapWith(offer.priceFen).as('price_fen'),
      vatFen: sql<bigint>`${offer.vatFen}`.mapWith(offer.vatFen).as('vat_fen'),
      leadTimeDays: sql<number>`${offer.leadTimeDays}`.as('lead_time_days'),
      minQty: sql<number>`${offer.minQty}`.as('min_qty'),
      regionCodes: sql<string[]>`${offer.regionCodes}`.mapWith(offer.regionCodes).as('region_codes'),
      certNo: sql<string | null>`${product.certNo}`.as('cert_no'),
      certValidFrom: sql<string | null>`${product.certValidFrom}`.mapWith(product.certValidFrom).as('cert_valid_from'),
      certValidTo: sql<string | null>`${product.certValidTo}`.mapWith(product.certValidTo).as('cert_valid_to'),
      rank: sql<number>`row_number() over (partition by ${productPart.partId} order by ${gradeOrder}, ${offer.priceFen}, ${offer.leadTimeDays}, ${offer.id})`.mapWith(Number).as('offer_rank'),
    })
    .from(productPart)
    .innerJoin(product, eq(product.id, productPart.productId))
    .innerJoin(offer, eq(offer.productId, product.id))
    .innerJoin(org, eq(org.id, product.supplierOrgId))
    .where(and(sql`${productPart.partId} = any(${sql.placeholder('partIds')}::uuid[])`, offerUsableWhere({ day: sql.placeholder('day'), served: sql.placeholder('served') })))
    .as('ranked');
  return exec
    .select()
    .from(ranked)
    .where(lte(ranked.rank, MAX_OFFERS_PER_PART))
    .orderBy(asc(ranked.partId), asc(ranked.rank))
    .limit(MAX_PARTS_PER_OFFER_QUERY * MAX_OFFERS_PER_PART);
}

// The plan is made once per connection and then only executed, as for a single part's offers
// (part-offers.ts): planning this join costs more than running it.
const prepared = new WeakMap<Executor, ReturnType<typeof prepareOffersForParts>>();

function prepareOffersForParts(exec: Executor) {
  return offersForPartsSelect(exec).prepare('offers_for_parts');
}

// Every offer of the given parts usable on the day in the region (offer-valid.ts), at most
// MAX_OFFERS_PER_PART per part, each part's in the catalog's order. Parts without offers are in the
// map with an empty list. Not scoped: offers are the catalog's public listing, which every
// signed-in organisation may read.
export async function offersForParts(exec: Executor, input: OffersForPartsInput): Promise<Map<string, PartOfferRow[]>> {
  const partIds = [...new Set(input.partIds)];
  if (partIds.length > MAX_PARTS_PER_OFFER_QUERY) {
    throw new Error(`offersForParts: ${partIds.length} parts, at most ${MAX_PARTS_PER_OFFER_QUERY}`);
  }
  const byPart = new Map<string, PartOfferRow[]>(partIds.map((id) => [id, []]));
  if (partIds.length === 0) return byPart;
  const served = regionPath(input.regionCode).map((r) => r.code);
  if (served.length === 0) throw new Error(`offersForParts: unknown region ${input.regionCode}`);

  let query = prepared.get(exec);
  if (!query) {
    query = prepareOffersForParts(exec);
    prepared.set(exec, query);
  }
  const rows = await query.execute({ partIds, day: input.day, served });
  for (const row of rows) {
    const certification = row.certNo !== null && row.certValidFrom !== null && row.certValidTo !== null ? { number: row.certNo, validFrom: row.certValidFrom, validTo: row.certValidTo } : null;
    byPart.get(row.partId)?.push({
      partId: row.partId,
      offerId: row.offerId,
      productId: row.productId,
      supplierOrgId: row.supplierOrgId,
      supplierName: row.supplierName,
      brand: row.brand,
      productName: row.productName,
      grade: row.grade,
      priceFen: row.priceFen,
      vatFen: row.vatFen,
      leadTimeDays: row.leadTimeDays,
      minQty: row.minQty,
      regionCodes: row.regionCodes,
      certification,
    });
  }
  return byPart;
}
