import { and, eq, or, type SQL } from 'drizzle-orm';
import { isPlatform, type Actor } from '../../../platform/access.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { OrderRow } from '../access.ts';
import { orderLine, orderReturn, partsOrder } from '../tables.ts';

export type ReturnRow = typeof orderReturn.$inferSelect;
export type LineRow = typeof orderLine.$inferSelect;

// Who sees a return: the order's payer and buyer, the supplier of the returned line, the
// warehouse's operator who takes it back (the line's shipper), and the platform. Another supplier
// in the same order does not: the line is not its business.
export function returnScope(actor: Actor): SQL | undefined {
  if (isPlatform(actor)) return undefined;
  return or(eq(partsOrder.payerOrgId, actor.orgId), eq(partsOrder.buyerOrgId, actor.orgId), eq(orderReturn.supplierOrgId, actor.orgId), eq(orderLine.shipperOrgId, actor.orgId));
}

// A return the actor may see, or 404.
export async function findReturn(db: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<{ ret: ReturnRow; order: OrderRow; line: LineRow }> {
  const query = db
    .select({ ret: orderReturn, order: partsOrder, line: orderLine })
    .from(orderReturn)
    .innerJoin(partsOrder, eq(partsOrder.id, orderReturn.orderId))
    .innerJoin(orderLine, eq(orderLine.id, orderReturn.orderLineId))
    .where(and(returnScope(actor), eq(orderReturn.id, id)));
  const [found] = opts.forUpdate ? await query.for('update', { of: orderReturn }) : await query;
  if (!found) throw new AppError('not_found', { what: 'order_return' });
  return found;
}
