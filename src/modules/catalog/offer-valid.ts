import type { SQL } from 'drizzle-orm';
import { MAX_UNIT_PRICE_FEN } from '../../platform/bounds.ts';
import { drizzleSql, type SqlWriter, stmtSql } from '../../platform/sql-writer.ts';
import { org } from '../identity/index.ts';
import { offer } from './tables.ts';

// When a buyer may use an offer: the one rule behind every read of the catalog that prices a part for
// somebody (a part's offers, an assessment's offers, a shop order's prices), and the region half of it
// behind the supplier rings an inquiry goes to. Written once for either SQL tag (platform/sql-writer.ts).

export { drizzleSql, stmtSql, type SqlWriter };

// The columns the rule reads, as the writer names them: the offer's own, and the status of the
// organisation that supplies its product.
export type OfferColumns = { supplierStatus: unknown; validFrom: unknown; validTo: unknown; regionCodes: unknown; priceFen: unknown };

// Whom and when an offer is asked about: the day (YYYY-MM-DD) and the codes of the delivery region's
// path (regionPath: the region, its city, its province), or null when no region is asked about.
export type OfferUse = { day: unknown; served: unknown };

// An offer serves the region when it is nationwide (no region codes) or names a code on the region's
// path; with no region asked about (served null), every offer serves. A region code unknown to
// regionPath has an empty path, which only nationwide offers serve.
export function servesRegion<Q>(w: SqlWriter<Q>, regionCodes: unknown, served: unknown): Q {
  return w.sql`(${served}::text[] is null or cardinality(${regionCodes}) = 0 or ${regionCodes} && ${served}::text[])`;
}

// An offer is usable on a day in a region when its supplier is active, it is valid on the day (both
// ends included, an open end never lapses), it serves the region, and its price is within the
// domain's bound for a unit: an offer priced above it was written before the bound existed
// (bounds.ts), is not a real price, and a quote of it could not be shown.
export function offerUsable<Q>(w: SqlWriter<Q>, at: OfferColumns, on: OfferUse): Q {
  return w.sql`(${at.supplierStatus} = 'active'
          and ${at.validFrom} <= ${on.day}::date and (${at.validTo} is null or ${at.validTo} >= ${on.day}::date)
          and ${servesRegion(w, at.regionCodes, on.served)}
          and ${at.priceFen} <= ${w.raw(String(MAX_UNIT_PRICE_FEN))})`;
}

// The rule for a query builder over the `offer` table joined with the `org` that supplies its product.
export function offerUsableWhere(on: OfferUse): SQL {
  return offerUsable(drizzleSql, { supplierStatus: org.status, validFrom: offer.validFrom, validTo: offer.validTo, regionCodes: offer.regionCodes, priceFen: offer.priceFen }, on);
}
