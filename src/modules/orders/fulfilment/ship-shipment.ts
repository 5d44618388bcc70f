import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit.ts';
import { addDays, chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { shipmentTransition } from './shipment-lifecycle.ts';
import { resolveReservations, shipLineUnits } from '../../inventory/index.ts';
import { applyLineEvent } from '../apply-line-event.ts';
import type { OrderDto } from '../dto.ts';
import { getOrder } from '../get-order.ts';
import { orderLine, shipment as shipmentTable } from '../tables.ts';
import { findShipmentToWork } from './find-shipment.ts';
import { tellParties } from '../tell-parties.ts';

export const ShipInput = z
  .strictObject({
    carrier: z.string().trim().min(1).max(60),
    trackingNo: z.string().trim().min(1).max(60),
  })
  .meta({ id: 'ShipShipmentInput' });
export type ShipInput = z.infer<typeof ShipInput>;

// Hands a packed shipment to the carrier (发货): every line still in it must be picked; their
// reservations are posted (the goods leave the warehouse's stock for the customer), their trace
// units leave with them, the lines move picked → shipped, and the ETA is counted from today by the
// warehouse's transit days to the shop's region. The order's parties are told.
export async function shipShipment(tx: Tx, ctx: Ctx, shipmentId: string, input: ShipInput): Promise<OrderDto> {
  const { shipment, order } = await findShipmentToWork(tx, ctx.actor, shipmentId);
  const step = shipmentTransition(shipment.status, 'ship');
  if (!step.ok) throw new AppError('invalid_state', { what: 'shipment', state: shipment.status });
  const lines = await tx
    .select()
    .from(orderLine)
    .where(and(eq(orderLine.shipmentId, shipment.id), ne(orderLine.status, 'cancelled')))
    .orderBy(asc(orderLine.id))
    .for('update');
  if (lines.length === 0) throw new AppError('invalid_state', { what: 'shipment', state: 'cancelled' });
  const ids = lines.map((l) => l.id);
  await applyLineEvent(tx, ctx, { orgId: order.payerOrgId, lines, event: 'ship', detail: { shipmentId: shipment.id, carrier: input.carrier, trackingNo: input.trackingNo } });
  const units = await resolveReservations(tx, 'post', ids, ctx.now);
  for (const l of lines) {
    if (units.get(l.id) !== l.qty) throw new Error(`shipShipment: line ${l.id} had ${units.get(l.id) ?? 0} units reserved for ${l.qty}`);
  }
  await shipLineUnits(tx, ids, ctx.now);
  const etaDate = addDays(chinaDate(ctx.now), shipment.transitDays);
  await tx.update(shipmentTable).set({ status: step.to, carrier: input.carrier, trackingNo: input.trackingNo, shippedAt: ctx.now, etaDate }).where(eq(shipmentTable.id, shipment.id));
  await recordAudit(tx, ctx, {
    orgId: order.payerOrgId,
    objectType: 'shipment',
    objectId: shipment.id,
    action: 'ship',
    fromState: shipment.status,
    toState: step.to,
    data: { carrier: input.carrier, trackingNo: input.trackingNo, etaDate, lines: ids },
  });
  await tellParties(tx, ctx, order.id, 'shipment.shipped', { orderId: order.id, orderNo: order.orderNo, shipmentId: shipment.id, carrier: input.carrier, trackingNo: input.trackingNo, etaDate });
  return getOrder(tx, ctx, order.id);
}
