import { asc, eq } from 'drizzle-orm';
import { requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { assertBuyer, findPurchaseOrder } from './access.ts';
import type { PurchaseOrderDto } from './dto.ts';
import { syncIncoming } from './incoming.ts';
import { getPurchaseOrder } from './list-purchase-orders.ts';
import { assertCan, movePurchaseOrder } from './move-purchase-order.ts';
import { purchaseOrderLine } from './tables.ts';

// The buyer sends its draft to the supplier (draft → sent): from now on the supplier sees it and
// must answer, and what it orders counts as incoming at the warehouse.
export async function sendPurchaseOrder(tx: Tx, ctx: Ctx, id: string): Promise<PurchaseOrderDto> {
  requirePermission(ctx.actor, 'purchasing.manage');
  const po = await findPurchaseOrder(tx, ctx.actor, id, { forUpdate: true });
  assertBuyer(ctx.actor, po, 'purchasing.manage');
  assertCan(po, 'send');
  const lines = await tx.select().from(purchaseOrderLine).where(eq(purchaseOrderLine.purchaseOrderId, po.id)).orderBy(asc(purchaseOrderLine.lineNo));
  await movePurchaseOrder(tx, ctx, po, 'send', { expectedDate: po.expectedDate, lines: lines.map((l) => ({ lineNo: l.lineNo, productId: l.productId, qty: l.qty })) });
  await syncIncoming(tx, po, lines);
  return getPurchaseOrder(tx, ctx, po.id);
}
