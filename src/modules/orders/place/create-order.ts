import { requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import type { Finished } from '../../../platform/finished.ts';
import type { OrderDto } from '../dto.ts';
import { placeOrder } from './place-order.ts';
import { planClaimOrder } from './plan-claim-order.ts';
import { planShopOrder } from './plan-shop-order.ts';
import type { CreateOrderInput } from './schemas.ts';

// POST /api/v1/orders: an approved assessment version, or a shop's own purchase, becomes an order
// through the same placement (stock reserved for every line or for none).
export async function createOrder(tx: Tx, ctx: Ctx, input: CreateOrderInput): Promise<Finished<OrderDto>> {
  requirePermission(ctx.actor, 'orders.place');
  const note = input.note ?? null;
  const plan = input.assessmentId !== undefined ? await planClaimOrder(tx, ctx, input.assessmentId, note) : await planShopOrder(tx, ctx, input.lines!, note, input.backorders ?? 'wait');
  return placeOrder(tx, ctx, plan);
}
