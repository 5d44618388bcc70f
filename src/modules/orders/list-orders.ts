import { and, desc, eq, ilike, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import { chinaDate } from '../../platform/china-date.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { containsPattern } from '../../platform/like.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { orderScope, visibleLines } from './access.ts';
import { toOrderDto, type OrderDto } from './dto.ts';
import { loadOrderFacts } from './order-facts.ts';
import { orderLine, partsOrder, shipment } from './tables.ts';

export const ListOrdersQuery = z.strictObject({
  kind: z.enum(['claim', 'shop']).optional(),
  claimId: z.uuid().optional(),
  // A fragment of the order number.
  q: z.string().trim().min(1).max(40).optional(),
  ...pageQuery,
});
export type ListOrdersQuery = z.infer<typeof ListOrdersQuery>;

// The orders the caller is a party to, newest first, each with the lines it may see.
export async function listOrders(db: Executor, ctx: Ctx, query: ListOrdersQuery): Promise<Page<OrderDto>> {
  requirePermission(ctx.actor, 'orders.read');
  const before = decodeCursor(query.cursor);
  const orders = await db
    .select()
    .from(partsOrder)
    .where(
      and(
        orderScope(db, ctx.actor),
        query.kind ? eq(partsOrder.kind, query.kind) : undefined,
        query.claimId ? eq(partsOrder.claimId, query.claimId) : undefined,
        query.q ? ilike(partsOrder.orderNo, containsPattern(query.q.toUpperCase())) : undefined,
        before ? lt(partsOrder.id, before) : undefined,
      ),
    )
    .orderBy(desc(partsOrder.id))
    .limit(query.limit + 1);
  const ids = orders.slice(0, query.limit).map((o) => o.id);
  const lines = ids.length === 0 ? [] : await db.select().from(orderLine).where(inArray(orderLine.orderId, ids));
  const shipments = ids.length === 0 ? [] : await db.select().from(shipment).where(inArray(shipment.orderId, ids));
  const shown = orders.slice(0, query.limit).map((o) => ({ o, seen: visibleLines(ctx.actor, o, lines.filter((l) => l.orderId === o.id)) }));
  const facts = await loadOrderFacts(db, orders.slice(0, query.limit), shown.flatMap((s) => s.seen.lines));
  return toPage(orders, query.limit, (o) => {
    const { seen } = shown.find((s) => s.o.id === o.id)!;
    return toOrderDto(o, seen.lines, shipments.filter((s) => s.orderId === o.id), seen.all, chinaDate(ctx.now), facts);
  });
}
