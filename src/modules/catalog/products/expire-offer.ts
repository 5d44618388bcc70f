import { eq } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { offer } from '../tables.ts';
import { chinaDate } from './dates.ts';
import { toOfferDto, type OfferDto } from './dto.ts';
import { lockOffer } from './find.ts';

// Ends an offer today (China time): its validity stops at the end of today, the last day it is
// included. An offer already ending by today is answered unchanged, so the call may be repeated.
// An offer that had not started yet gets an end before its start, an empty range: it never
// applies, which is what withdrawing it means, and its history stays readable.
export async function expireOffer(tx: Tx, ctx: Ctx, id: string): Promise<OfferDto> {
  requirePermission(ctx.actor, 'products.manage');
  const before = await lockOffer(tx, ctx, id);
  const today = chinaDate(ctx.now);
  if (before.validTo !== null && before.validTo <= today) return toOfferDto(before);
  const [after] = await tx.update(offer).set({ validTo: today, updatedAt: ctx.now }).where(eq(offer.id, id)).returning();
  await recordAudit(tx, ctx, {
    orgId: before.supplierOrgId,
    objectType: 'offer',
    objectId: id,
    action: 'expire',
    toState: 'expired',
    data: { validToBefore: before.validTo, validTo: today },
  });
  return toOfferDto(after!);
}
