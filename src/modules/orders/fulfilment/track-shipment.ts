import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../../platform/audit.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import { countForSuppliers } from '../../ratings/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError, invalidField } from '../../../platform/errors.ts';
import { shipmentTransition } from './shipment-lifecycle.ts';
import { newId } from '../../../platform/ids.ts';
import { applyLineEvent } from '../apply-line-event.ts';
import type { OrderDto } from '../dto.ts';
import { getOrder } from '../get-order.ts';
import { orderLine, shipment as shipmentTable, shipmentEvent } from '../tables.ts';
import { findShipmentToWork } from './find-shipment.ts';
import { tellParties } from '../tell-parties.ts';

export const TrackingEventInput = z
  .strictObject({
    type: z.enum(['picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'exception']),
    // When it happened, as the carrier says; now when left out.
    at: z.iso.datetime({ offset: true }).optional(),
    location: z.string().trim().max(100).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'TrackingEventInput' });
export type TrackingEventInput = z.infer<typeof TrackingEventInput>;

// A tracking event of a shipped shipment (物流轨迹), from its shipper or the carrier's system via
// the shipper's API key. `delivered` ends the trip: the shipment and its shipped lines move to
// delivered, and the shop is asked to sign (签收).
export async function trackShipment(tx: Tx, ctx: Ctx, shipmentId: string, input: TrackingEventInput): Promise<OrderDto> {
  const { shipment, order } = await findShipmentToWork(tx, ctx.actor, shipmentId);
  const step = shipmentTransition(shipment.status, input.type === 'delivered' ? 'deliver' : 'track');
  if (!step.ok) throw new AppError('invalid_state', { what: 'shipment', state: shipment.status });
  const at = input.at ? new Date(input.at) : ctx.now;
  // The carrier's own time is kept, within reason: not before the goods left, not in the future
  // (a back-dated delivery would also dodge the lateness a supplier's rating counts).
  if (at < shipment.shippedAt! || at.getTime() > ctx.now.getTime() + 5 * 60_000) throw invalidField('at', 'delivered_before_shipped');
  const id = newId();
  await tx
    .insert(shipmentEvent)
    .values({ id, shipmentId: shipment.id, type: input.type, at, location: input.location ?? null, note: input.note ?? null, createdBy: ctx.actor.userId ?? ctx.actor.apiKeyId, createdAt: ctx.now });
  if (input.type === 'delivered') {
    const lines = await tx
      .select()
      .from(orderLine)
      .where(and(eq(orderLine.shipmentId, shipment.id), eq(orderLine.status, 'shipped')))
      .orderBy(asc(orderLine.id))
      .for('update');
    await applyLineEvent(tx, ctx, { orgId: order.payerOrgId, lines, event: 'deliver', detail: { shipmentId: shipment.id, at: at.toISOString() } });
    // Delivered after its ETA: each line counts against its supplier's rating.
    if (chinaDate(at) > shipment.etaDate)
      await countForSuppliers(
        tx,
        lines.map((l) => ({ supplierOrgId: l.supplierOrgId, linesLate: 1 })),
        ctx.now,
      );
    await tx.update(shipmentTable).set({ status: step.to, deliveredAt: at }).where(eq(shipmentTable.id, shipment.id));
    await recordAudit(tx, ctx, {
      orgId: order.payerOrgId,
      objectType: 'shipment',
      objectId: shipment.id,
      action: 'deliver',
      fromState: shipment.status,
      toState: step.to,
      data: { eventId: id, at: at.toISOString() },
    });
    await tellParties(tx, ctx, order.id, 'shipment.delivered', { orderId: order.id, orderNo: order.orderNo, shipmentId: shipment.id, at: at.toISOString() });
  } else {
    await recordAudit(tx, ctx, {
      orgId: order.payerOrgId,
      objectType: 'shipment',
      objectId: shipment.id,
      action: `track_${input.type}`,
      data: { eventId: id, at: at.toISOString(), location: input.location ?? null },
    });
  }
  return getOrder(tx, ctx, order.id);
}
