import { newId } from '../../../platform/ids.ts';
import { vatOfGross } from '../../../platform/money.ts';
import { offer } from '../tables.ts';
import { normaliseRegionCodes, regionKey } from '../products/region-key.ts';
import { countsOf, insertedFlag, upsertSet } from '../../../platform/csv-import/upsert.ts';
import { idOf, type Writer } from './write-context.ts';

// An offer is keyed by its product and its set of regions: the same product may be priced one way
// nationwide and another way in Guangdong. The VAT part is computed, never taken from the file.
export const writeOffers: Writer<'offers'> = async (tx, rows, { now, supplierOrgId, ids }) => {
  if (!supplierOrgId) throw new Error('an offers import needs its supplier');
  const { set, setWhere } = upsertSet(
    {
      priceFen: offer.priceFen,
      vatFen: offer.vatFen,
      minQty: offer.minQty,
      leadTimeDays: offer.leadTimeDays,
      regionCodes: offer.regionCodes,
      validFrom: offer.validFrom,
      validTo: offer.validTo,
    },
    { key: 'updatedAt', now },
  );
  const returned = await tx
    .insert(offer)
    .values(
      rows.map((r) => {
        const regionCodes = normaliseRegionCodes(r.region_codes ?? []);
        return {
          id: newId(),
          productId: idOf(ids.product, r.sku, 'product'),
          supplierOrgId,
          priceFen: r.price_fen,
          vatFen: vatOfGross(r.price_fen),
          minQty: r.min_qty ?? 1,
          leadTimeDays: r.lead_time_days,
          regionCodes,
          regionKey: regionKey(regionCodes),
          validFrom: r.valid_from,
          validTo: r.valid_to ?? null,
          createdAt: now,
          updatedAt: now,
        };
      }),
    )
    .onConflictDoUpdate({ target: [offer.productId, offer.regionKey], set, setWhere })
    .returning({ inserted: insertedFlag });
  return countsOf(rows.length, returned);
};
