import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../../platform/pagination.ts';
import { orderLine, orderReturn, partsOrder } from '../tables.ts';
import { toReturnDto, type ReturnDto } from './dto.ts';
import { findReturn, returnScope } from './find-return.ts';

export const ListReturnsQuery = z.strictObject({
  status: z.enum(['requested', 'approved', 'refused', 'received', 'closed']).optional(),
  // The returns of one order.
  orderId: z.uuid().optional(),
  ...pageQuery,
});
export type ListReturnsQuery = z.infer<typeof ListReturnsQuery>;

// Returns of the orders the caller is a party to, newest first: the supplier's worklist of
// returns to answer, the shop's of returns it opened.
export async function listReturns(db: Executor, ctx: Ctx, query: ListReturnsQuery): Promise<Page<ReturnDto>> {
  requirePermission(ctx.actor, 'orders.read');
  const before = decodeCursor(query.cursor);
  const rows = await db
    .select({ ret: orderReturn })
    .from(orderReturn)
    .innerJoin(partsOrder, eq(partsOrder.id, orderReturn.orderId))
    .innerJoin(orderLine, eq(orderLine.id, orderReturn.orderLineId))
    .where(
      and(
        returnScope(ctx.actor),
        query.status ? eq(orderReturn.status, query.status) : undefined,
        query.orderId ? eq(orderReturn.orderId, query.orderId) : undefined,
        before ? lt(orderReturn.id, before) : undefined,
      ),
    )
    .orderBy(desc(orderReturn.id))
    .limit(query.limit + 1);
  return toPage(
    rows.map((r) => r.ret),
    query.limit,
    toReturnDto,
  );
}

export async function getReturn(db: Executor, ctx: Ctx, id: string): Promise<ReturnDto> {
  requirePermission(ctx.actor, 'orders.read');
  return toReturnDto((await findReturn(db, ctx.actor, id)).ret);
}
