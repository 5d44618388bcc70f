import { and, eq, sql, type SQL } from 'drizzle-orm';
import { isPlatform, mayActFor, type Actor } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { purchaseOrder, purchaseOrderHistory } from './tables.ts';

export type PurchaseOrderRow = typeof purchaseOrder.$inferSelect;

// Who sees a purchase order: the platform every one; an operator those of its warehouses (it is the
// buyer); a supplier those sent to it, never a draft, which is the buyer's own business until sent
// (nor a draft cancelled before it was sent: its history has no `send`). Anyone else sees none. A
// purchase order outside the scope does not exist for the caller (404).
export function purchaseOrderScope(actor: Actor): SQL | undefined {
  if (isPlatform(actor)) return undefined;
  if (actor.orgKind === 'operator') return eq(purchaseOrder.operatorOrgId, actor.orgId);
  if (actor.orgKind === 'supplier') {
    return and(eq(purchaseOrder.supplierOrgId, actor.orgId), sql`exists (select 1 from ${purchaseOrderHistory} h where h.purchase_order_id = ${purchaseOrder.id} and h.event = 'send')`);
  }
  return sql`false`;
}

// A purchase order the actor may see, or 404; locked when it is about to change, so that two
// answers to one purchase order (a confirmation and a cancellation, two receipts) queue.
export async function findPurchaseOrder(exec: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<PurchaseOrderRow> {
  const query = exec
    .select()
    .from(purchaseOrder)
    .where(and(purchaseOrderScope(actor), eq(purchaseOrder.id, id)));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', { what: 'purchase_order' });
  return row;
}

// Seeing a purchase order is not acting on it. The buyer's side (send, cancel, receive) is the
// warehouse's operator's, or the platform's; the supplier's side (confirm, refuse, ship) is the
// supplier's alone: nobody answers for a supplier.
export function assertBuyer(actor: Actor, po: PurchaseOrderRow, permission: string): void {
  if (!mayActFor(actor, po.operatorOrgId)) throw forbidden(permission);
}

export function assertSupplier(actor: Actor, po: PurchaseOrderRow, permission: string): void {
  if (actor.orgId !== po.supplierOrgId) throw forbidden(permission);
}
