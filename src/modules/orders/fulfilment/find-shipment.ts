import { and, eq } from 'drizzle-orm';
import { mayActFor, requirePermission, type Actor } from '../../../platform/access.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { orderScope, type OrderRow } from '../access.ts';
import { partsOrder, shipment } from '../tables.ts';

export type ShipmentRow = typeof shipment.$inferSelect;

// A shipment the actor may work on, locked: visible through its order (a stranger gets 404), and
// run by the actor's organisation, the warehouse operator or the drop-shipping supplier (another
// party of the order, such as the shop, gets 403).
export async function findShipmentToWork(tx: Tx, actor: Actor, shipmentId: string): Promise<{ shipment: ShipmentRow; order: OrderRow }> {
  requirePermission(actor, 'fulfilment.manage');
  const [found] = await tx
    .select({ shipment, order: partsOrder })
    .from(shipment)
    .innerJoin(partsOrder, eq(partsOrder.id, shipment.orderId))
    .where(and(orderScope(tx, actor), eq(shipment.id, shipmentId)))
    .for('update', { of: shipment });
  if (!found) throw new AppError('not_found', { what: 'shipment' });
  if (!mayActFor(actor, found.shipment.shipperOrgId)) throw new AppError('forbidden', { permission: 'fulfilment.manage' });
  return found;
}
