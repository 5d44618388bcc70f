import { and, asc, eq, exists, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db.ts';
import { drizzleSql, offer, org, partFitment, productPart, regionPath, servesRegion, vehicleModel } from './ports.ts';

// The most suppliers one inquiry goes to, escalations included. A hundred suppliers bidding on
// one bumper help nobody, and the bound keeps the fan-out of events and webhooks small.
export const MAX_INVITED_SUPPLIERS = 50;

// Which suppliers an inquiry is sent to, in widening rings:
//   `model_and_region`: suppliers with an offer serving the delivery region on a product for a part
//     that fits the claim's very model. Tried first because it is both the likeliest bidder and a
//     cheap question (one model's few hundred fitted parts), where the make ring below may have to
//     walk a whole brand's fitment.
//   `make_and_region`: suppliers with an offer serving the delivery region on a product that fits
//     some model of the vehicle's brand (product_part → part_fitment → vehicle_model.brand). Offers
//     count whatever their validity dates: a line becomes an inquiry precisely when no current
//     offer fits, and a supplier that has priced this make for this region before is the one most
//     likely to bid now.
//   `region`: suppliers with any offer serving the delivery region, whatever the make (the ring an
//     escalation adds).
//   `all`: every active supplier, when the narrower rings find nobody (a new region, a rare make),
//     so that an inquiry is never sent to no one.
// An offer serves a region as the catalog says (servesRegion: nationwide, or naming a code on the
// region's path); only that half of the catalog's usable-offer rule applies here, on purpose: the
// rings ask who has priced for the region, not whose offer could be bought today.
export type SupplierRing = 'model_and_region' | 'make_and_region' | 'region' | 'all';

export type SupplierQuery = {
  ring: SupplierRing;
  // The vehicle's model and brand; without them (a claim whose VIN matched no model) the model and
  // make rings are empty.
  vehicleModelId?: string | null;
  brand: string | null;
  deliveryRegionCode: string;
  // Suppliers already invited, left out of the answer.
  exclude?: readonly string[];
  limit: number;
};

function offerServes(regionCode: string): SQL {
  return servesRegion(drizzleSql, offer.regionCodes, sql.param(regionPath(regionCode).map((r) => r.code)));
}

// Active suppliers of a ring, by id (UUIDv7, so oldest first), at most `limit`.
export async function findSuppliers(db: Executor, query: SupplierQuery): Promise<string[]> {
  if (query.limit <= 0) return [];
  if (query.ring === 'make_and_region' && query.brand === null) return [];
  if (query.ring === 'model_and_region' && !query.vehicleModelId) return [];
  const exclude = query.exclude && query.exclude.length > 0 ? notInArray(org.id, [...query.exclude]) : undefined;

  let served: SQL | undefined;
  if (query.ring === 'model_and_region') {
    // Per supplier, does any offer of it sit on a part fitting the model? An EXISTS stops at the
    // first such offer (well under a millisecond), where collecting every supplier of the model's
    // parts first reads all their offers (ten milliseconds and more on a large catalog).
    served = exists(
      db
        .select({ one: sql`1` })
        .from(partFitment)
        .innerJoin(productPart, eq(productPart.partId, partFitment.partId))
        .innerJoin(offer, eq(offer.productId, productPart.productId))
        .where(and(eq(partFitment.vehicleModelId, query.vehicleModelId!), eq(offer.supplierOrgId, org.id), offerServes(query.deliveryRegionCode))),
    );
  } else if (query.ring === 'make_and_region') {
    served = exists(
      db
        .select({ one: sql`1` })
        .from(offer)
        .innerJoin(productPart, eq(productPart.productId, offer.productId))
        .innerJoin(partFitment, eq(partFitment.partId, productPart.partId))
        .innerJoin(vehicleModel, eq(vehicleModel.id, partFitment.vehicleModelId))
        .where(and(eq(offer.supplierOrgId, org.id), eq(vehicleModel.brand, query.brand!), offerServes(query.deliveryRegionCode))),
    );
  } else if (query.ring === 'region') {
    served = exists(
      db
        .select({ one: sql`1` })
        .from(offer)
        .where(and(eq(offer.supplierOrgId, org.id), offerServes(query.deliveryRegionCode))),
    );
  }

  const rows = await db
    .select({ id: org.id })
    .from(org)
    .where(and(eq(org.kind, 'supplier'), eq(org.status, 'active'), exclude, served))
    .orderBy(asc(org.id))
    .limit(query.limit);
  return rows.map((r) => r.id);
}

// The first of the given rings that names anyone new.
export async function findSuppliersWidening(db: Executor, rings: readonly SupplierRing[], query: Omit<SupplierQuery, 'ring'>): Promise<{ ring: SupplierRing; supplierOrgIds: string[] }> {
  for (const ring of rings) {
    const supplierOrgIds = await findSuppliers(db, { ...query, ring });
    if (supplierOrgIds.length > 0) return { ring, supplierOrgIds };
  }
  return { ring: 'all', supplierOrgIds: [] };
}

// The brand of the claim's vehicle, null when its VIN matched no catalog model.
export async function vehicleBrandOf(db: Executor, vehicleModelId: string | null): Promise<string | null> {
  if (vehicleModelId === null) return null;
  const [row] = await db.select({ brand: vehicleModel.brand }).from(vehicleModel).where(eq(vehicleModel.id, vehicleModelId));
  return row?.brand ?? null;
}
