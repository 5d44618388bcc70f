import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { isPlatform, requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { shipmentTransition } from './fulfilment/shipment-lifecycle.ts';
import { cancelDemands, fillDemandsWhereFreed, releaseLineUnits, resolveReservations } from '../inventory/index.ts';
import { recordAudits } from '../../platform/audit.ts';
import { findOrder } from './access.ts';
import { applyLineEvent } from './apply-line-event.ts';
import { settleLines } from './money/settle-lines.ts';
import type { OrderDto } from './dto.ts';
import { getOrder } from './get-order.ts';
import { orderLine, shipment } from './tables.ts';
import { tellParties } from './tell-parties.ts';

export const CancelOrderInput = z
  .strictObject({
    // The lines to cancel; all lines not yet cancelled when left out.
    lineIds: z.array(z.uuid()).min(1).max(200).optional(),
    reason: z.string().trim().min(1).max(500),
  })
  .meta({ id: 'CancelOrderInput' });
export type CancelOrderInput = z.infer<typeof CancelOrderInput>;

// Cancels lines before they ship (awaiting stock, reserved or picked): their reservations are
// voided, so the stock is free again at once, in the same transaction, and a backordered line's
// claim on the goods coming for it is withdrawn. The payer or the buyer cancels (and the
// platform); a line already shipped is refused (409) and nothing is cancelled, since from there
// on a wrong part is a rejection and a return, not a cancellation. A shipment left with nothing
// to send is cancelled too.
export async function cancelOrder(tx: Tx, ctx: Ctx, orderId: string, input: CancelOrderInput): Promise<OrderDto> {
  requirePermission(ctx.actor, 'orders.cancel');
  const o = await findOrder(tx, ctx.actor, orderId, { forUpdate: true });
  if (!isPlatform(ctx.actor) && ctx.actor.orgId !== o.payerOrgId && ctx.actor.orgId !== o.buyerOrgId) throw new AppError('forbidden', { permission: 'orders.cancel' });
  // Shipments before lines, as packing and shipping take them (shipment, then its lines), so a
  // cancellation racing a shipment waits for it instead of deadlocking with it.
  const shipments = await tx.select().from(shipment).where(eq(shipment.orderId, o.id)).orderBy(asc(shipment.id)).for('update');
  const lines = await tx.select().from(orderLine).where(eq(orderLine.orderId, o.id)).orderBy(asc(orderLine.id)).for('update');
  let chosen = lines.filter((l) => l.status !== 'cancelled');
  if (input.lineIds) {
    const wanted = new Set(input.lineIds);
    // biome-ignore lint/complexity/useIndexOf: the first id that matches no line, not an item's index.
    const unknown = input.lineIds.findIndex((id) => !lines.some((l) => l.id === id));
    if (unknown >= 0)
      throw new AppError('validation_failed', { count: 1 }, [{ path: `lineIds.${unknown}`, in: 'body', code: 'unknown_reference', params: { what: 'order_line', value: input.lineIds[unknown] } }]);
    chosen = lines.filter((l) => wanted.has(l.id));
  }
  if (chosen.length === 0) throw new AppError('invalid_state', { what: 'order', state: 'cancelled' });

  const steps = await applyLineEvent(tx, ctx, { orgId: o.payerOrgId, lines: chosen, event: 'cancel', set: { cancelReason: input.reason }, detail: { orderId: o.id, reason: input.reason } });
  const released = await resolveReservations(
    tx,
    'void',
    steps.map((s) => s.id),
    ctx.now,
  );
  // Units already scanned for a picked line go back on the shelf, free for the next order.
  await releaseLineUnits(
    tx,
    steps.map((s) => s.id),
    ctx.now,
  );
  // Backordered lines give up their claim on goods still coming: those become free stock on arrival.
  await cancelDemands(
    tx,
    ctx,
    steps.filter((s) => s.from === 'awaiting_stock').map((s) => s.id),
  );
  // The units set free go first to other orders' lines waiting for them at the same warehouse.
  const freedLines = lines.filter((l) => steps.some((s) => s.id === l.id && s.from !== 'awaiting_stock'));
  await fillDemandsWhereFreed(
    tx,
    ctx,
    freedLines.map((l) => ({ warehouseId: l.warehouseId, productId: l.productId })),
  );

  // Shipments none of whose lines is left to send.
  const cancelledIds = new Set(steps.map((s) => s.id));
  const live = lines.filter((l) => l.status !== 'cancelled' && !cancelledIds.has(l.id));
  const emptied = shipments.filter((s) => shipmentTransition(s.status, 'cancel').ok && !live.some((l) => l.shipmentId === s.id));
  if (emptied.length > 0) {
    await tx
      .update(shipment)
      .set({ status: 'cancelled' })
      .where(
        inArray(
          shipment.id,
          emptied.map((s) => s.id),
        ),
      );
    await recordAudits(
      tx,
      ctx,
      emptied.map((s) => ({ orgId: o.payerOrgId, objectType: 'shipment', objectId: s.id, action: 'cancel', fromState: 'open', toState: 'cancelled', data: { orderId: o.id, reason: input.reason } })),
    );
  }

  // What the payer owed for them is released (the ledger last: its locks held shortest).
  await settleLines(tx, ctx, o, chosen, 'released');
  await tellParties(tx, ctx, o.id, 'order.lines_cancelled', { orderId: o.id, orderNo: o.orderNo, lines: steps.map((s) => ({ id: s.id, units: released.get(s.id) ?? 0 })), reason: input.reason });
  return getOrder(tx, ctx, o.id);
}
