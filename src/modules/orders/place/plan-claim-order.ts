import { and, eq, isNull } from 'drizzle-orm';
import { mayActFor } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { assessment, claim, claimReadScope } from '../../claims/index.ts';
import { org } from '../../identity/index.ts';
import { approvedLinesOf } from '../../quoting/index.ts';
import { partsOrder } from '../tables.ts';
import type { OrderPlan } from './plan.ts';

// The order an approved assessment version becomes: its approved lines at their approved prices,
// paid by the insurer, delivered to the claim's repair shop in the shop's region. The insurer's
// adjusters or the shop's buyer place it; anyone else who cannot see the claim gets a 404. The
// version is locked, so two requests to order it queue and the second finds the first's order.
export async function planClaimOrder(tx: Tx, ctx: Ctx, assessmentId: string, note: string | null): Promise<OrderPlan> {
  const [found] = await tx
    .select({ assessmentId: assessment.id, status: assessment.status, claimId: claim.id, claimStatus: claim.status, insurerOrgId: claim.insurerOrgId, shopOrgId: claim.repairShopOrgId, shopRegionCode: org.regionCode })
    .from(assessment)
    .innerJoin(claim, eq(claim.id, assessment.claimId))
    .innerJoin(org, eq(org.id, claim.repairShopOrgId))
    .where(and(claimReadScope(ctx.actor), eq(assessment.id, assessmentId)));
  if (!found) throw new AppError('not_found', { what: 'assessment' });
  if (!mayActFor(ctx.actor, found.insurerOrgId) && !mayActFor(ctx.actor, found.shopOrgId)) throw new AppError('forbidden', { permission: 'orders.place' });

  const [locked] = await tx.select({ status: assessment.status }).from(assessment).where(eq(assessment.id, assessmentId)).for('update');
  const [existing] = await tx.select({ id: partsOrder.id, orderNo: partsOrder.orderNo }).from(partsOrder).where(and(eq(partsOrder.assessmentId, assessmentId), isNull(partsOrder.replacesReturnId)));
  if (existing) throw new AppError('validation_failed', { count: 1 }, [{ path: 'assessmentId', in: 'body', code: 'already_ordered', params: { value: existing.orderNo } }]);
  if (locked?.status !== 'approved') throw new AppError('validation_failed', { count: 1 }, [{ path: 'assessmentId', in: 'body', code: 'assessment_not_approved' }]);

  const approved = await approvedLinesOf(tx, assessmentId);
  if (approved.length === 0) throw new AppError('validation_failed', { count: 1 }, [{ path: 'assessmentId', in: 'body', code: 'nothing_to_order' }]);
  return {
    kind: 'claim',
    claimId: found.claimId,
    assessmentId,
    claimStatus: found.claimStatus,
    payerOrgId: found.insurerOrgId,
    buyerOrgId: found.shopOrgId,
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
