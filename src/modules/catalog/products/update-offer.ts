import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { fenToJson, vatOfGross } from '../../../platform/money.ts';
import { emitEvent } from '../../../platform/outbox.ts';
import { offer } from '../tables.ts';
import { dateOrderErrors } from './dates.ts';
import { toOfferDto, type OfferDto } from './dto.ts';
import { lockOffer } from './find.ts';
import { dateField, fenOf, leadTimeDaysField, minQtyField, priceFenField } from './schemas.ts';

// The regions are the offer's natural key and stay fixed; another region set is another offer.
// validTo may be cleared with null (open-ended). What the supplier has in stock is not an offer's
// field: it is the supplier's own warehouse's stock (inventory).
export const UpdateOfferInput = z
  .strictObject({
    priceFen: priceFenField.optional(),
    minQty: minQtyField.optional(),
    leadTimeDays: leadTimeDaysField.optional(),
    validFrom: dateField.optional(),
    validTo: dateField.nullable().optional(),
  })
  .meta({ id: 'UpdateOfferInput' });
export type UpdateOfferInput = z.infer<typeof UpdateOfferInput>;

export async function updateOffer(tx: Tx, ctx: Ctx, id: string, input: UpdateOfferInput): Promise<OfferDto> {
  requirePermission(ctx.actor, 'products.manage');
  const before = await lockOffer(tx, ctx, id);
  // The order of the dates is checked only when the request touches them: an offer expired before
  // it started (see expireOffer) keeps its empty range through edits of, say, its lead time.
  if (input.validFrom !== undefined || input.validTo !== undefined) {
    const from = input.validFrom ?? before.validFrom;
    const to = input.validTo !== undefined ? input.validTo : before.validTo;
    const errors = dateOrderErrors(from, to, 'validTo');
    if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);
  }
  const priceFen = input.priceFen !== undefined ? fenOf(input.priceFen) : undefined;
  const priceChanged = priceFen !== undefined && priceFen !== before.priceFen;
  const [after] = await tx
    .update(offer)
    .set({
      priceFen,
      vatFen: priceFen !== undefined ? vatOfGross(priceFen) : undefined,
      minQty: input.minQty,
      leadTimeDays: input.leadTimeDays,
      validFrom: input.validFrom,
      validTo: input.validTo,
      updatedAt: ctx.now,
    })
    .where(eq(offer.id, id))
    .returning();
  const dto = toOfferDto(after!);
  const changed = Object.keys(input).filter((key) => input[key as keyof UpdateOfferInput] !== undefined);
  const prices = priceChanged ? { oldPriceFen: fenToJson(before.priceFen), newPriceFen: dto.priceFen } : {};
  await recordAudit(tx, ctx, { orgId: before.supplierOrgId, objectType: 'offer', objectId: id, action: 'update', data: { changed, ...prices } });
  // A price change is what the supplier's own systems (its ERP, its price list) must learn of,
  // whoever made it: the supplier's staff or the platform's catalog team.
  if (priceChanged) {
    await emitEvent(tx, ctx, { orgId: before.supplierOrgId, type: 'offer.changed', payload: { offer: dto, ...prices } });
  }
  return dto;
}
