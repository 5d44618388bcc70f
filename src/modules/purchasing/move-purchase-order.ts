import { eq } from 'drizzle-orm';
import { recordAudits, type AuditEntry } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { emitEvents } from '../../platform/outbox.ts';
import type { PurchaseOrderRow } from './access.ts';
import { transition, type PurchaseOrderEvent } from './lifecycle.ts';
import { purchaseOrder, purchaseOrderHistory, type PurchaseOrderStatus } from './tables.ts';

// What each event is called when the parties are told (`purchase_order.<name>`).
const eventNames: Record<PurchaseOrderEvent, string> = {
  send: 'sent',
  confirm: 'confirmed',
  refuse: 'refused',
  ship: 'shipped',
  receive_part: 'partially_received',
  receive_all: 'received',
  cancel: 'cancelled',
};

// Refuses early, before anything is written, when the purchase order's state does not allow the
// event: the command then changes nothing.
export function assertCan(po: PurchaseOrderRow, event: PurchaseOrderEvent): PurchaseOrderStatus {
  const t = transition(po.status, event);
  if (!t.ok) throw new AppError('invalid_state', { what: 'purchase_order', state: po.status });
  return t.to;
}

// Every transition of a purchase order goes through here: the state decided by the lifecycle
// table, the row updated (with any other columns the command changes), a history row, an audit row
// for the buyer and (once the order is no longer a draft) for the supplier, and an event to both,
// all in the caller's transaction. `data` says what the transition was about (lines confirmed or
// refused, what arrived); it is the history's, the audit's and the event's alike.
export async function movePurchaseOrder(
  tx: Tx,
  ctx: Ctx,
  po: PurchaseOrderRow,
  event: PurchaseOrderEvent,
  data: Record<string, unknown>,
  set: Partial<Pick<PurchaseOrderRow, 'carrier' | 'trackingNo' | 'shippedAt'>> = {},
): Promise<PurchaseOrderStatus> {
  const to = assertCan(po, event);
  await tx
    .update(purchaseOrder)
    .set({ ...set, status: to, updatedAt: ctx.now })
    .where(eq(purchaseOrder.id, po.id));
  await tx.insert(purchaseOrderHistory).values({
    id: newId(),
    purchaseOrderId: po.id,
    event,
    fromStatus: po.status,
    toStatus: to,
    actorOrgId: ctx.actor.orgId,
    actorUserId: ctx.actor.userId,
    data,
    at: ctx.now,
  });
  const parties = po.status === 'draft' && to === 'cancelled' ? [po.operatorOrgId] : [...new Set([po.operatorOrgId, po.supplierOrgId])];
  const entry = (orgId: string): AuditEntry => ({ orgId, objectType: 'purchase_order', objectId: po.id, action: event, fromState: po.status, toState: to, data: { poNo: po.poNo, ...data } });
  await recordAudits(tx, ctx, parties.map(entry));
  const payload = { purchaseOrderId: po.id, poNo: po.poNo, warehouseId: po.warehouseId, supplierOrgId: po.supplierOrgId, from: po.status, status: to, ...data };
  await emitEvents(
    tx,
    ctx,
    parties.map((orgId) => ({ orgId, type: `purchase_order.${eventNames[event]}`, payload })),
  );
  return to;
}
