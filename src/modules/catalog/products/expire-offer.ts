import { eq } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { offer } from '../tables.ts';
import { addDays, chinaDate } from './dates.ts';
import { toOfferDto, type OfferDto } from './dto.ts';
import { lockOffer } from './find.ts';

// Ends an offer now: a supplier expires an offer because the price is wrong or the stock is gone,
// so it must stop counting at once, for quotes, shop orders and buyers' lists alike. Validity is
// whole days in China and inclusive, so "now" is: the last valid day becomes yesterday. (Ending it
// today would leave it valid until midnight.) An offer already ending by yesterday is answered
// unchanged, so the call may be repeated. An offer that started today or has not started yet gets
// an end before its start, an empty range: it never applies, which is what withdrawing it means,
// and its history stays readable.
export async function expireOffer(tx: Tx, ctx: Ctx, id: string): Promise<OfferDto> {
  requirePermission(ctx.actor, 'products.manage');
  const before = await lockOffer(tx, ctx, id);
  const lastDay = addDays(chinaDate(ctx.now), -1);
  if (before.validTo !== null && before.validTo <= lastDay) return toOfferDto(before);
  const [after] = await tx.update(offer).set({ validTo: lastDay, updatedAt: ctx.now }).where(eq(offer.id, id)).returning();
  await recordAudit(tx, ctx, {
    orgId: before.supplierOrgId,
    objectType: 'offer',
    objectId: id,
    action: 'expire',
    toState: 'expired',
    data: { validToBefore: before.validTo, validTo: lastDay },
  });
  return toOfferDto(after!);
}
