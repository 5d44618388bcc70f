import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import { isUniqueViolation, type Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { fenToJson, vatOfGross } from '../../../platform/money.ts';
import { offer } from '../tables.ts';
import { dateOrderErrors } from './dates.ts';
import { toOfferDto, type OfferDto } from './dto.ts';
import { lockProduct } from './find.ts';
import { normaliseRegionCodes, regionKey } from './region-key.ts';
import { dateField, fenOf, leadTimeDaysField, MAX_OFFERS_PER_PRODUCT, minQtyField, priceFenField, regionCodesField } from './schemas.ts';

export const CreateOfferInput = z
  .strictObject({
    // VAT-inclusive, in fen; the VAT part is computed at the parts rate (13 %).
    priceFen: priceFenField,
    minQty: minQtyField.default(1),
    // Days to deliver when not in stock.
    leadTimeDays: leadTimeDaysField,
    // GB/T 2260 codes of the provinces or cities served; empty (the default) means nationwide.
    regionCodes: regionCodesField.default([]),
    validFrom: dateField,
    validTo: dateField.optional(),
  })
  .meta({ id: 'CreateOfferInput' });
export type CreateOfferInput = z.infer<typeof CreateOfferInput>;

export async function createOffer(tx: Tx, ctx: Ctx, productId: string, input: CreateOfferInput): Promise<OfferDto> {
  requirePermission(ctx.actor, 'products.manage');
  // The product row is locked so that concurrent creates count its offers one after the other.
  const owner = await lockProduct(tx, ctx, productId);
  const errors = dateOrderErrors(input.validFrom, input.validTo ?? null, 'validTo');
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);
  const [existing] = await tx.select({ n: count() }).from(offer).where(eq(offer.productId, productId));
  if ((existing?.n ?? 0) >= MAX_OFFERS_PER_PRODUCT) throw new AppError('limit_reached', { what: 'offer', limit: MAX_OFFERS_PER_PRODUCT });

  const priceFen = fenOf(input.priceFen);
  const codes = normaliseRegionCodes(input.regionCodes);
  const key = regionKey(codes);
  let row: typeof offer.$inferSelect;
  try {
    [row] = (await tx
      .insert(offer)
      .values({
        id: newId(),
        productId,
        supplierOrgId: owner.supplierOrgId,
        priceFen,
        vatFen: vatOfGross(priceFen),
        minQty: input.minQty,
        leadTimeDays: input.leadTimeDays,
        regionCodes: codes,
        regionKey: key,
        validFrom: input.validFrom,
        validTo: input.validTo ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()) as [typeof offer.$inferSelect];
  } catch (error) {
    // One price per product and region set: a second offer for the same regions is an update of
    // the first, which the caller should make with PATCH.
    if (isUniqueViolation(error, 'offer_product_region_uq')) throw new AppError('conflict', { what: 'offer', value: key });
    throw error;
  }
  await recordAudit(tx, ctx, {
    orgId: row.supplierOrgId,
    objectType: 'offer',
    objectId: row.id,
    action: 'create',
    data: { productId, priceFen: fenToJson(row.priceFen), regionKey: key },
  });
  return toOfferDto(row);
}
