import { and, eq, inArray } from 'drizzle-orm';
import { statesAllowing } from '../../platform/lifecycle.ts';
import { purchaseOrderLineLifecycle } from './lifecycle.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { unsourceDemands } from '../inventory/index.ts';
import { assertSupplier, findPurchaseOrder } from './access.ts';
import type { PurchaseOrderDto } from './dto.ts';
import { removeIncoming } from './incoming.ts';
import { getPurchaseOrder } from './list-purchase-orders.ts';
import { assertCan, movePurchaseOrder } from './move-purchase-order.ts';
import type { RefusePurchaseOrderInput } from './schemas.ts';
import { purchaseOrderLine } from './tables.ts';

// The supplier refuses a sent purchase order as a whole, with why: every line is refused, nothing
// is incoming any more, and the backorders it was bringing goods for go back to orders to be
// re-sourced or surfaced (see confirm-purchase-order.ts for refusing some lines only).
export async function refusePurchaseOrder(tx: Tx, ctx: Ctx, id: string, input: RefusePurchaseOrderInput): Promise<PurchaseOrderDto> {
  requirePermission(ctx.actor, 'purchasing.supply');
  const po = await findPurchaseOrder(tx, ctx.actor, id, { forUpdate: true });
  assertSupplier(ctx.actor, po, 'purchasing.supply');
  assertCan(po, 'refuse');
  const lines = await tx
    .update(purchaseOrderLine)
    .set({ status: 'refused', refuseReason: input.reason })
    .where(and(eq(purchaseOrderLine.purchaseOrderId, po.id), inArray(purchaseOrderLine.status, statesAllowing(purchaseOrderLineLifecycle, 'refuse'))))
    .returning({ lineNo: purchaseOrderLine.lineNo, productId: purchaseOrderLine.productId, qty: purchaseOrderLine.qty });
  lines.sort((a, b) => a.lineNo - b.lineNo);
  await movePurchaseOrder(tx, ctx, po, 'refuse', { reason: input.reason, refused: lines.map((l) => ({ ...l, reason: input.reason })) });
  await removeIncoming(tx, { purchaseOrderId: po.id });
  await unsourceDemands(tx, ctx, { documentId: po.id, why: `purchase order ${po.poNo} refused by the supplier: ${input.reason}` });
  return getPurchaseOrder(tx, ctx, po.id);
}
