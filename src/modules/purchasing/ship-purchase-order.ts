import { requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { assertSupplier, findPurchaseOrder } from './access.ts';
import type { PurchaseOrderDto } from './dto.ts';
import { getPurchaseOrder } from './list-purchase-orders.ts';
import { movePurchaseOrder } from './move-purchase-order.ts';
import type { ShipPurchaseOrderInput } from './schemas.ts';

// The supplier hands the confirmed goods to a carrier (发货): the carrier and tracking number are
// kept on the order and the warehouse is told, so it knows what to expect at its dock. Shipping
// does not change the state (the goods count as incoming since the order was sent); a later
// shipment of the rest replaces the tracking, and the history keeps every one.
export async function shipPurchaseOrder(tx: Tx, ctx: Ctx, id: string, input: ShipPurchaseOrderInput): Promise<PurchaseOrderDto> {
  requirePermission(ctx.actor, 'purchasing.supply');
  const po = await findPurchaseOrder(tx, ctx.actor, id, { forUpdate: true });
  assertSupplier(ctx.actor, po, 'purchasing.supply');
  await movePurchaseOrder(tx, ctx, po, 'ship', { carrier: input.carrier, trackingNo: input.trackingNo }, { carrier: input.carrier, trackingNo: input.trackingNo, shippedAt: ctx.now });
  return getPurchaseOrder(tx, ctx, po.id);
}
