import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { mayActFor, requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { fillDemandsWhereFreed, takeBackLine } from '../../inventory/index.ts';
import { countForSuppliers } from '../../ratings/index.ts';
import { orderLine, orderReturn, type ReturnDisposition } from '../tables.ts';
import { applyLineEvent } from '../apply-line-event.ts';
import { reverseSale } from '../money/reverse-sale.ts';
import { bookScrap } from '../money/book-scrap.ts';
import { toReturnDto, type ReturnDto } from './dto.ts';
import { findReturn } from './find-return.ts';
import { returnTransition, type ReturnEvent } from './lifecycle.ts';
import { tellParties } from '../tell-parties.ts';

export const RefuseReturnInput = z.strictObject({ reason: z.string().trim().min(1).max(500) }).meta({ id: 'RefuseReturnInput' });
export const ReceiveReturnInput = z.strictObject({ disposition: z.enum(['restock', 'scrap']) }).meta({ id: 'ReceiveReturnInput' });

type Step = { event: 'approve' } | { event: 'refuse'; reason: string } | { event: 'receive'; disposition: ReturnDisposition };

// Moves a return by one step. The seller (the line's supplier) approves or refuses it; the
// warehouse the goods go back to (its operator, or the supplier for its own stock) receives them
// and decides: restock (back to sellable stock, by the same lots and owner they left with) or
// scrap. A line returned after acceptance is `returned` then, and its sale reversed. Received goods are stock moves from the customer location, so the books still add up, and
// their trace units follow (back in stock, or scrapped). The platform may take any step.
export async function moveReturn(tx: Tx, ctx: Ctx, returnId: string, step: Step): Promise<ReturnDto> {
  requirePermission(ctx.actor, 'returns.manage');
  const { ret, order, line } = await findReturn(tx, ctx.actor, returnId, { forUpdate: true });
  // The goods go back to the warehouse the line shipped from, whose operator is the line's shipper.
  const actsFor = step.event === 'receive' ? line.shipperOrgId : ret.supplierOrgId;
  if (!mayActFor(ctx.actor, actsFor)) throw new AppError('forbidden', { permission: 'returns.manage' });
  const next = returnTransition(ret.status, step.event as ReturnEvent);
  if (!next.ok) throw new AppError('invalid_state', { what: 'order_return', state: ret.status });

  if (step.event === 'receive') {
    const goods = await takeBackLine(tx, { orderLineId: line.id, warehouseId: ret.warehouseId, disposition: step.disposition, documentId: ret.id, at: ctx.now });
    if (ret.stage === 'after_acceptance') {
      // Sent back after the shop accepted it: the line is returned, and its sale undone.
      const [locked] = await tx.select().from(orderLine).where(eq(orderLine.id, line.id)).for('update');
      await applyLineEvent(tx, ctx, { orgId: order.payerOrgId, lines: [locked!], event: 'return', detail: { orderId: order.id, returnId: ret.id } });
      // It counts against its supplier as a line rejected (its rating, its return rate and so its
      // financing limit): the shop found it wanting after all, and the seller agreed. Before the
      // money, as signing for a delivery does (the supplier's record, then its payable), so that
      // the two never take those locks in opposite orders.
      await countForSuppliers(tx, [{ supplierOrgId: ret.supplierOrgId, linesRejected: 1 }], ctx.now);
      await reverseSale(tx, ctx, ret, goods);
    }
    // Restocked goods are sellable again: lines waiting for them at that warehouse get them first.
    if (step.disposition === 'restock') await fillDemandsWhereFreed(tx, ctx, [{ warehouseId: ret.warehouseId, productId: line.productId }]);
    // Scrapped goods the platform owned are its loss (after acceptance, once back in its books).
    else await bookScrap(tx, ctx, ret, goods);
  }
  const [after] = await tx
    .update(orderReturn)
    .set({
      status: next.to,
      updatedAt: ctx.now,
      ...(step.event === 'refuse' ? { refusedReason: step.reason } : {}),
      ...(step.event === 'receive' ? { disposition: step.disposition } : {}),
    })
    .where(eq(orderReturn.id, ret.id))
    .returning();
  await recordAudit(tx, ctx, {
    orgId: order.payerOrgId,
    objectType: 'order_return',
    objectId: ret.id,
    action: step.event,
    fromState: ret.status,
    toState: next.to,
    data: step.event === 'refuse' ? { reason: step.reason } : step.event === 'receive' ? { disposition: step.disposition } : undefined,
  });
  await tellParties(tx, ctx, order.id, `return.${next.to}`, { returnId: ret.id, orderId: order.id, orderNo: order.orderNo, orderLineId: line.id });
  return toReturnDto(after!);
}
