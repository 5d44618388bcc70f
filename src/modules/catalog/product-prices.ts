import { executePrepared, type Executor } from '../../platform/db.ts';
import { raw, stmt } from '../../platform/stmt.ts';
import { regionPath } from '../regions/index.ts';
import type { Grade } from './grades.ts';
import { offerUsable, stmtSql } from './offer-valid.ts';

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
  leadTimeDays: number;
};

// A product has one offer per region list; a handful at most serve one region.
const MAX_PRODUCTS = 200;

// Every shop order asks this: raw rows from a named statement (planned once per connection, no
// per-row mapping), with money as text so that both drivers hand back the same thing.
type PriceRow = { product_id: string; offer_id: string; supplier_org_id: string; grade: Grade; part_id: string | null; price_fen: string; vat_fen: string; min_qty: number; lead_time_days: number };

// The offer's columns under the statement's aliases, for the usable-offer rule.
const OFFER_COLUMNS = { supplierStatus: raw('s.status'), validFrom: raw('o.valid_from'), validTo: raw('o.valid_to'), regionCodes: raw('o.region_codes'), priceFen: raw('o.price_fen') };

// The price a buyer in a region pays for some products today: per product, the cheapest offer
// usable on the day in the region (offer-valid.ts) whose minimum quantity the wanted quantity
// meets. Products without such an offer are absent from the map. For shops buying for themselves
// (no claim, no price check).
export async function productPrices(exec: Executor, input: { wanted: ReadonlyMap<string, number>; regionCode: string; day: string }): Promise<Map<string, ProductPrice>> {
  const productIds = [...input.wanted.keys()];
  if (productIds.length > MAX_PRODUCTS) throw new Error(`productPrices: ${productIds.length} products, at most ${MAX_PRODUCTS}`);
  const out = new Map<string, ProductPrice>();
  if (productIds.length === 0) return out;
  const served = regionPath(input.regionCode).map((r) => r.code);
  const rows = await executePrepared<PriceRow>(
    exec,
    stmt`select p.id as product_id, o.id as offer_id, p.supplier_org_id, p.grade,
          (select min(pp.part_id::text)::uuid from product_part pp where pp.product_id = p.id) as part_id,
          o.price_fen::text as price_fen, o.vat_fen::text as vat_fen, o.min_qty, o.lead_time_days
        from product p
        join offer o on o.product_id = p.id
        join org s on s.id = p.supplier_org_id
        where p.id = any(${productIds}::uuid[])
          and ${offerUsable(stmtSql, OFFER_COLUMNS, { day: input.day, served })}
        order by p.id, o.price_fen, o.id
        limit ${MAX_PRODUCTS * 20}`,
  );
  for (const row of rows) {
    if (out.has(row.product_id) || row.min_qty > (input.wanted.get(row.product_id) ?? 0)) continue;
    out.set(row.product_id, {
      productId: row.product_id,
      offerId: row.offer_id,
      supplierOrgId: row.supplier_org_id,
      grade: row.grade,
      partId: row.part_id,
      priceFen: BigInt(row.price_fen),
      vatFen: BigInt(row.vat_fen),
      minQty: row.min_qty,
      leadTimeDays: row.lead_time_days,
    });
  }
  return out;
}
