import { and, eq, exists, type SQL } from 'drizzle-orm';
import { isPlatform, type Actor } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { orderParty, partsOrder } from './tables.ts';

// An order is visible to its parties (order_party: payer, buyer, the suppliers of its lines, the
// operators who ship them) and to the platform; to anyone else it does not exist (404).
export function orderScope(db: Executor, actor: Actor): SQL | undefined {
  if (isPlatform(actor)) return undefined;
  return exists(
    db
      .select({ one: orderParty.orgId })
      .from(orderParty)
      .where(and(eq(orderParty.orderId, partsOrder.id), eq(orderParty.orgId, actor.orgId))),
  );
}

// Which lines of a visible order a party sees: payer and buyer all of them; a supplier the lines
// it supplies; an operator the lines it ships. Prices of other suppliers are not its business.
export function visibleLines<L extends { supplierOrgId: string; shipperOrgId: string }>(
  actor: Actor,
  order: { payerOrgId: string; buyerOrgId: string },
  lines: readonly L[],
): { lines: L[]; all: boolean } {
  if (isPlatform(actor) || actor.orgId === order.payerOrgId || actor.orgId === order.buyerOrgId) return { lines: [...lines], all: true };
  return { lines: lines.filter((l) => l.supplierOrgId === actor.orgId || l.shipperOrgId === actor.orgId), all: false };
}

export type OrderRow = typeof partsOrder.$inferSelect;

export async function findOrder(db: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<OrderRow> {
  const query = db
    .select()
    .from(partsOrder)
    .where(and(orderScope(db, actor), eq(partsOrder.id, id)));
  const [row] = opts.forUpdate ? await query.for('update', { of: partsOrder }) : await query;
  if (!row) throw new AppError('not_found', { what: 'order' });
  return row;
}
