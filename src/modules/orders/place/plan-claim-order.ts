import { sql } from 'drizzle-orm';
import { mayActFor } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { lockAssessmentWithClaim } from '../../claims/index.ts';
import { approvedLinesOf } from '../../quoting/index.ts';
import { partsOrder } from '../tables.ts';
import type { OrderPlan } from './plan.ts';

// The order an approved assessment version becomes: its approved lines at their approved prices,
// paid by the insurer, delivered to the claim's repair shop in the shop's region. The insurer's
// adjusters or the shop's buyer place it; anyone else who cannot see the claim gets a 404. The
// version and its claim are locked, so two requests to order it queue and the second finds the
// first's order; the claim moves to ordered with the order's own writes (placeOrder).
export async function planClaimOrder(tx: Tx, ctx: Ctx, assessmentId: string, note: string | null): Promise<OrderPlan> {
  // An earlier order of this version (a replacement aside), asked with the lock.
  const earlier = sql<string | null>`(select ${partsOrder.orderNo} from ${partsOrder} where ${partsOrder.assessmentId} = ${assessmentId}::uuid and ${partsOrder.replacesReturnId} is null)`;
  const found = await lockAssessmentWithClaim(tx, ctx.actor, assessmentId, { ask: earlier });
  if (!found) throw new AppError('not_found', { what: 'assessment' });
  const c = found.claim;
  if (!mayActFor(ctx.actor, c.insurerOrgId) && !mayActFor(ctx.actor, c.repairShopOrgId)) throw new AppError('forbidden', { permission: 'orders.place' });

  if (found.asked !== null) throw new AppError('validation_failed', { count: 1 }, [{ path: 'assessmentId', in: 'body', code: 'already_ordered', params: { value: found.asked } }]);
  if (found.assessment.status !== 'approved') throw new AppError('validation_failed', { count: 1 }, [{ path: 'assessmentId', in: 'body', code: 'assessment_not_approved' }]);

  const approved = await approvedLinesOf(tx, assessmentId);
  if (approved.length === 0) throw new AppError('validation_failed', { count: 1 }, [{ path: 'assessmentId', in: 'body', code: 'nothing_to_order' }]);
  return {
    kind: 'claim',
    claimId: c.id,
    assessmentId,
    claim: c,
    payerOrgId: c.insurerOrgId,
    buyerOrgId: c.repairShopOrgId,
    deliveryRegionCode: found.shopRegionCode,
    note,
    replacesReturnId: null,
    // The insurer approved these parts for the vehicle: they are delivered, from stock or not.
    backorders: 'wait',
    lines: approved.map((l) => ({
      quoteLineId: l.quoteLineId,
      partId: l.partId,
      productId: l.productId,
      supplierOrgId: l.supplierOrgId,
      grade: l.grade,
      qty: l.quantity,
      unitFen: l.unitFen,
      amountFen: l.amountFen,
      vatFen: l.vatFen,
      handlingFeeFen: l.handlingFeeFen,
      purchase: { offerId: l.offerId, unitFen: l.purchaseUnitFen, leadTimeDays: l.leadTimeDays },
      path: `quoteLines.${l.quoteLineId}`,
    })),
  };
}
