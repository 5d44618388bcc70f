import { and, eq, inArray } from 'drizzle-orm';
import { statesAllowing } from '../../platform/lifecycle.ts';
import { purchaseOrderLineLifecycle } from './lifecycle.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { unsourceDemands } from '../inventory/index.ts';
import { assertBuyer, findPurchaseOrder } from './access.ts';
import type { PurchaseOrderDto } from './dto.ts';
import { removeIncoming } from './incoming.ts';
import { getPurchaseOrder } from './list-purchase-orders.ts';
import { assertCan, movePurchaseOrder } from './move-purchase-order.ts';
import type { CancelPurchaseOrderInput } from './schemas.ts';
import { purchaseOrderLine } from './tables.ts';

// The buyer withdraws a purchase order before anything of it arrived (a draft, or one sent or
// confirmed): its lines are cancelled, nothing is incoming any more, the supplier is told (unless
// it was a draft it never saw), and the backorders it was bringing goods for go back to orders to
// be re-sourced or surfaced. Once goods arrived, the order is closed with a final receipt instead.
export async function cancelPurchaseOrder(tx: Tx, ctx: Ctx, id: string, input: CancelPurchaseOrderInput): Promise<PurchaseOrderDto> {
  requirePermission(ctx.actor, 'purchasing.manage');
  const po = await findPurchaseOrder(tx, ctx.actor, id, { forUpdate: true });
  assertBuyer(ctx.actor, po, 'purchasing.manage');
  assertCan(po, 'cancel');
  const lines = await tx
    .update(purchaseOrderLine)
    .set({ status: 'cancelled' })
    .where(and(eq(purchaseOrderLine.purchaseOrderId, po.id), inArray(purchaseOrderLine.status, statesAllowing(purchaseOrderLineLifecycle, 'cancel'))))
    .returning({ lineNo: purchaseOrderLine.lineNo, productId: purchaseOrderLine.productId, qty: purchaseOrderLine.qty, qtyReceived: purchaseOrderLine.qtyReceived });
  // The states that allow cancelling are those before any receipt; this says so where it matters.
  if (lines.some((l) => l.qtyReceived > 0)) throw new AppError('invalid_state', { what: 'purchase_order', state: 'partially_received' });
  lines.sort((a, b) => a.lineNo - b.lineNo);
  await movePurchaseOrder(tx, ctx, po, 'cancel', { reason: input.reason, cancelled: lines.map(({ qtyReceived: _, ...l }) => l) });
  await removeIncoming(tx, { purchaseOrderId: po.id });
  await unsourceDemands(tx, ctx, { documentId: po.id, why: `purchase order ${po.poNo} cancelled by the buyer: ${input.reason}` });
  return getPurchaseOrder(tx, ctx, po.id);
}
