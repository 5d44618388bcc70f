import { and, desc, eq, ilike, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { isPlatform, type Actor } from '../../platform/access.ts';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import { chinaDate } from '../../platform/china-date.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { containsPattern } from '../../platform/like.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { orderScope, visibleLines } from './access.ts';
import { orderLineStatuses } from './lifecycle.ts';
import { orderStatuses, type OrderStatus } from './status.ts';
import { toOrderDto, type OrderDto } from './dto.ts';
import { loadOrderFacts } from './order-facts.ts';
import { orderLine, partsOrder, shipment } from './tables.ts';

export const ListOrdersQuery = z.strictObject({
  kind: z.enum(['claim', 'shop']).optional(),
  claimId: z.uuid().optional(),
  // A fragment of the order number.
  q: z.string().trim().min(1).max(40).optional(),
  // The order's status as derived from the lines the caller sees (status.ts).
  status: z.enum(orderStatuses).optional(),
  // Orders with at least one line (that the caller sees) in this state: the shop's deliveries to
  // sign are lineStatus=delivered, its parts to fit lineStatus=accepted.
  lineStatus: z.enum(orderLineStatuses).optional(),
  ...pageQuery,
});
export type ListOrdersQuery = z.infer<typeof ListOrdersQuery>;

// The lines of the order in hand that the caller sees (access.ts, visibleLines, in SQL).
function seenLines(actor: Actor): SQL {
  const own = isPlatform(actor)
    ? sql`true`
    : sql`(${partsOrder.payerOrgId} = ${actor.orgId} or ${partsOrder.buyerOrgId} = ${actor.orgId} or l.supplier_org_id = ${actor.orgId} or l.shipper_org_id = ${actor.orgId})`;
  return sql`l.order_id = ${partsOrder.id} and ${own}`;
}

// orderStatus (status.ts) over the lines the caller sees, as SQL: the same rules in the same order.
function statusIs(actor: Actor, status: OrderStatus): SQL {
  const list = (...s: string[]) =>
    sql.join(
      s.map((x) => sql`${x}`),
      sql`, `,
    );
  const all = (...s: string[]) => sql`coalesce(bool_and(l.status in (${list(...s)})) filter (where l.status <> 'cancelled'), false)`;
  return sql`(select case
      when count(*) filter (where l.status <> 'cancelled') = 0 then 'cancelled'
      when ${all('reserved')} then 'reserved'
      when ${all('reserved', 'awaiting_stock')} then 'awaiting_stock'
      when ${all('installed', 'rejected', 'returned')} and bool_or(l.status = 'installed') then 'completed'
      when ${all('accepted', 'rejected', 'returned', 'installed')} then 'received'
      when ${all('delivered', 'accepted', 'rejected', 'returned', 'installed')} then 'delivered'
      when ${all('shipped', 'delivered', 'accepted', 'rejected', 'returned', 'installed')} then 'shipped'
      else 'in_fulfilment' end
    from ${orderLine} l where ${seenLines(actor)}) = ${status}`;
}

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
        query.status ? statusIs(ctx.actor, query.status) : undefined,
        query.lineStatus ? sql`exists (select 1 from ${orderLine} l where ${seenLines(ctx.actor)} and l.status = ${query.lineStatus})` : undefined,
        before ? lt(partsOrder.id, before) : undefined,
      ),
    )
    .orderBy(desc(partsOrder.id))
    .limit(query.limit + 1);
  const ids = orders.slice(0, query.limit).map((o) => o.id);
  const lines = ids.length === 0 ? [] : await db.select().from(orderLine).where(inArray(orderLine.orderId, ids));
  const shipments = ids.length === 0 ? [] : await db.select().from(shipment).where(inArray(shipment.orderId, ids));
  const shown = orders.slice(0, query.limit).map((o) => ({
    o,
    seen: visibleLines(
      ctx.actor,
      o,
      lines.filter((l) => l.orderId === o.id),
    ),
  }));
  const facts = await loadOrderFacts(
    db,
    orders.slice(0, query.limit),
    shown.flatMap((s) => s.seen.lines),
  );
  return toPage(orders, query.limit, (o) => {
    const { seen } = shown.find((s) => s.o.id === o.id)!;
    return toOrderDto(
      o,
      seen.lines,
      shipments.filter((s) => s.orderId === o.id),
      seen.all,
      chinaDate(ctx.now),
      facts,
    );
  });
}
