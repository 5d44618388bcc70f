import { and, asc, eq, inArray } from 'drizzle-orm';
import { recordAudits } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { org } from '../../identity/index.ts';
import type { FilledDemand, UnsourcedDemand } from '../../inventory/index.ts';
import { applyLineEvent } from '../apply-line-event.ts';
import { orderLine, partsOrder } from '../tables.ts';
import { tellParties } from '../tell-parties.ts';

// What orders does when inventory reports on its backorders (registered in index.ts; called in the
// transaction that received the goods or learned the source failed).

// Goods arrived and were reserved for these lines: awaiting_stock → reserved, with the day, and the
// order's parties are told (the warehouse can now pick them).
export async function linesReservedOnArrival(tx: Tx, ctx: Ctx, filled: readonly FilledDemand[]): Promise<void> {
  const lines = await tx
    .select()
    .from(orderLine)
    .where(
      inArray(
        orderLine.id,
        filled.map((f) => f.orderLineId),
      ),
    )
    .orderBy(asc(orderLine.id))
    .for('update');
  for (const [orderId, ofOrder] of groupBy(lines, (l) => l.orderId)) {
    const [o] = await tx.select({ payerOrgId: partsOrder.payerOrgId, orderNo: partsOrder.orderNo }).from(partsOrder).where(eq(partsOrder.id, orderId));
    await applyLineEvent(tx, ctx, {
      orgId: o!.payerOrgId,
      lines: ofOrder,
      event: 'stock_arrived',
      set: { reservedAt: ctx.now },
      detail: { demands: filled.filter((f) => ofOrder.some((l) => l.id === f.orderLineId)) },
    });
    await tellParties(tx, ctx, orderId, 'order.lines_reserved', { orderId, orderNo: o!.orderNo, lines: ofOrder.map((l) => l.id) });
  }
}

// What was bringing the goods failed (the supplier refused, the purchase order was cancelled or
// closed short): the lines stay awaiting_stock and the platform, the payer and the buyer are told,
// with why, so someone acts (another purchase order, a transfer, or cancelling the line). Never
// silently left waiting.
export async function linesUnsourced(tx: Tx, ctx: Ctx, unsourced: readonly UnsourcedDemand[]): Promise<void> {
  const lines = await tx
    .select({ id: orderLine.id, orderId: orderLine.orderId, lineNo: orderLine.lineNo, productId: orderLine.productId, qty: orderLine.qty })
    .from(orderLine)
    .where(
      inArray(
        orderLine.id,
        unsourced.map((u) => u.orderLineId),
      ),
    )
    .orderBy(asc(orderLine.id));
  const platforms = (
    await tx
      .select({ id: org.id })
      .from(org)
      .where(and(eq(org.kind, 'platform'), eq(org.status, 'active')))
      .orderBy(org.id)
      .limit(10)
  ).map((p) => p.id);
  for (const [orderId, ofOrder] of groupBy(lines, (l) => l.orderId)) {
    const [o] = await tx.select({ payerOrgId: partsOrder.payerOrgId, buyerOrgId: partsOrder.buyerOrgId, orderNo: partsOrder.orderNo }).from(partsOrder).where(eq(partsOrder.id, orderId));
    const payload = {
      orderId,
      orderNo: o!.orderNo,
      lines: ofOrder.map((l) => ({ id: l.id, lineNo: l.lineNo, productId: l.productId, qty: l.qty, why: unsourced.find((u) => u.orderLineId === l.id)!.why })),
    };
    await recordAudits(
      tx,
      ctx,
      ofOrder.map((l) => ({
        orgId: o!.payerOrgId,
        objectType: 'order_line',
        objectId: l.id,
        action: 'unsourced',
        fromState: 'awaiting_stock',
        toState: 'awaiting_stock',
        data: { why: unsourced.find((u) => u.orderLineId === l.id)!.why },
      })),
    );
    const to = [...new Set([...platforms, o!.payerOrgId, o!.buyerOrgId])];
    await emitEvents(
      tx,
      ctx,
      to.map((orgId) => ({ orgId, type: 'order.lines_unsourced', payload })),
    );
  }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
