import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { isPlatform, requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, invalidField } from '../../../platform/errors.ts';
import { httpUrlField } from '../../../platform/http-url.ts';
import { newId } from '../../../platform/ids.ts';
import { findOrder } from '../access.ts';
import { orderLine, orderReturn } from '../tables.ts';
import { tellParties } from '../tell-parties.ts';
import { toReturnDto, type ReturnDto } from './dto.ts';
import { RETURN_WINDOW_DAYS, returnWindowCloses } from './return-window.ts';

export const OpenReturnInput = z
  .strictObject({
    orderLineId: z.uuid(),
    // What the shop found once it had signed: not "missing", which is a refusal at the door.
    reason: z.enum(['wrong_part', 'damaged', 'quality']),
    note: z.string().trim().max(500).optional(),
    photoUrls: z.array(httpUrlField).max(20).optional(),
  })
  .meta({ id: 'OpenReturnInput' });
export type OpenReturnInput = z.infer<typeof OpenReturnInput>;

// The shop sends back a line it accepted and has not fitted (售后退货): a return opened after
// acceptance, for the seller to approve as at the door. The line stays accepted (and cannot be
// installed) until the warehouse has the goods back; then it is `returned` and its sale reversed
// (move-return.ts). One return per line, within the return window (return-window.ts).
export async function openReturn(tx: Tx, ctx: Ctx, orderId: string, input: OpenReturnInput): Promise<ReturnDto> {
  requirePermission(ctx.actor, 'orders.receive');
  const o = await findOrder(tx, ctx.actor, orderId, { forUpdate: true });
  if (!isPlatform(ctx.actor) && ctx.actor.orgId !== o.buyerOrgId) throw new AppError('forbidden', { permission: 'orders.receive' });
  const [line] = await tx
    .select()
    .from(orderLine)
    .where(and(eq(orderLine.orderId, o.id), eq(orderLine.id, input.orderLineId)))
    .for('update');
  if (!line) throw invalidField('orderLineId', 'unknown_reference', { what: 'order_line', value: input.orderLineId });
  if (line.status !== 'accepted') throw invalidField('orderLineId', 'line_not_returnable', { state: line.status });
  const receivedAt = line.receivedAt ?? ctx.now;
  if (ctx.now.getTime() >= returnWindowCloses(receivedAt).getTime()) throw invalidField('orderLineId', 'return_window_closed', { days: RETURN_WINDOW_DAYS, receivedOn: chinaDate(receivedAt) });
  const [earlier] = await tx.select({ id: orderReturn.id }).from(orderReturn).where(eq(orderReturn.orderLineId, line.id));
  if (earlier) throw invalidField('orderLineId', 'return_exists', { value: earlier.id });

  // The line is locked, so a second return for it waits here and then finds the first; the unique
  // index answers the same if it does not.
  const [ret] = await tx
    .insert(orderReturn)
    .values({
      id: newId(),
      orderId: o.id,
      orderLineId: line.id,
      supplierOrgId: line.supplierOrgId,
      reason: input.reason,
      stage: 'after_acceptance',
      note: input.note ?? null,
      photoUrls: input.photoUrls ?? null,
      qty: line.qty,
      creditFen: line.amountFen,
      status: 'requested',
      warehouseId: line.warehouseId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  await recordAudit(tx, ctx, {
    orgId: o.payerOrgId,
    objectType: 'order_return',
    objectId: ret!.id,
    action: 'open',
    toState: 'requested',
    data: { orderLineId: line.id, reason: input.reason, qty: line.qty, stage: 'after_acceptance' },
  });
  await tellParties(tx, ctx, o.id, 'return.requested', { returnId: ret!.id, orderId: o.id, orderNo: o.orderNo, orderLineId: line.id });
  return toReturnDto(ret!);
}
