import { eq } from 'drizzle-orm';
import { requirePermission } from '../../platform/access.ts';
import { chinaDate } from '../../platform/china-date.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { findOrder, visibleLines } from './access.ts';
import { toOrderDto, type OrderDto } from './dto.ts';
import { loadOrderFacts } from './order-facts.ts';
import { orderLine, shipment } from './tables.ts';

export async function getOrder(db: Executor, ctx: Ctx, id: string): Promise<OrderDto> {
  requirePermission(ctx.actor, 'orders.read');
  const o = await findOrder(db, ctx.actor, id);
  const seen = visibleLines(ctx.actor, o, await db.select().from(orderLine).where(eq(orderLine.orderId, o.id)));
  const shipments = await db.select().from(shipment).where(eq(shipment.orderId, o.id));
  return toOrderDto(o, seen.lines, shipments, seen.all, chinaDate(ctx.now), await loadOrderFacts(db, [o], seen.lines));
}
