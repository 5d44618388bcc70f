import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { isPlatform, requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { orderReturn } from '../tables.ts';
import { toReturnDto, type ReturnDto } from './dto.ts';
import { findReturn } from './find-return.ts';

export const ShipBackInput = z
  .strictObject({
    carrier: z.string().trim().min(1).max(60),
    trackingNo: z.string().trim().min(1).max(60),
  })
  .meta({ id: 'ShipBackReturnInput' });
export type ShipBackInput = z.infer<typeof ShipBackInput>;

// The reverse shipment (退货寄回): once the seller approved the return, the shop sends the goods back
// to the warehouse they came from and says with which carrier, so the warehouse knows what to
// expect. The return stays `approved` until the warehouse receives it.
export async function shipBack(tx: Tx, ctx: Ctx, returnId: string, input: ShipBackInput): Promise<ReturnDto> {
  requirePermission(ctx.actor, 'orders.receive');
  const { ret, order } = await findReturn(tx, ctx.actor, returnId, { forUpdate: true });
  if (!isPlatform(ctx.actor) && ctx.actor.orgId !== order.buyerOrgId) throw new AppError('forbidden', { permission: 'orders.receive' });
  if (ret.status !== 'approved') throw new AppError('invalid_state', { what: 'order_return', state: ret.status });
  const [after] = await tx.update(orderReturn).set({ carrier: input.carrier, trackingNo: input.trackingNo, updatedAt: ctx.now }).where(eq(orderReturn.id, ret.id)).returning();
  await recordAudit(tx, ctx, { orgId: order.payerOrgId, objectType: 'order_return', objectId: ret.id, action: 'ship_back', data: { carrier: input.carrier, trackingNo: input.trackingNo } });
  await emitEvents(
    tx,
    ctx,
    [ret.supplierOrgId, order.payerOrgId].map((orgId) => ({
      orgId,
      type: 'return.shipped_back',
      payload: { returnId: ret.id, orderId: order.id, carrier: input.carrier, trackingNo: input.trackingNo },
    })),
  );
  return toReturnDto(after!);
}
