import { asc, eq } from 'drizzle-orm';
import { requirePermission } from '../../platform/access.ts';
import { chinaDate } from '../../platform/china-date.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { unsourceDemands } from '../inventory/index.ts';
import { assertSupplier, findPurchaseOrder } from './access.ts';
import type { PurchaseOrderDto } from './dto.ts';
import { removeIncoming, syncIncoming } from './incoming.ts';
import { getPurchaseOrder } from './list-purchase-orders.ts';
import { assertCan, movePurchaseOrder } from './move-purchase-order.ts';
import type { ConfirmPurchaseOrderInput } from './schemas.ts';
import { purchaseOrderLine } from './tables.ts';

// The supplier answers a sent purchase order, every line at once: confirmed with the day it
// promises the goods at the warehouse, or refused with why (out of production, price no longer
// valid). Confirmed lines stay incoming, due on the promised day; refused lines no longer are, and
// the backorders they were bringing goods for are handed back to orders (unsourceDemands), which
// finds them another source or surfaces them: a refusal never leaves an order line waiting for
// goods that will not come. A purchase order whose every line is refused is refused.
export async function confirmPurchaseOrder(tx: Tx, ctx: Ctx, id: string, input: ConfirmPurchaseOrderInput): Promise<PurchaseOrderDto> {
  requirePermission(ctx.actor, 'purchasing.supply');
  const po = await findPurchaseOrder(tx, ctx.actor, id, { forUpdate: true });
  assertSupplier(ctx.actor, po, 'purchasing.supply');
  // Confirming and refusing are both answers to a sent order: either may tell the state is wrong.
  assertCan(po, 'confirm');
  const lines = await tx.select().from(purchaseOrderLine).where(eq(purchaseOrderLine.purchaseOrderId, po.id)).orderBy(asc(purchaseOrderLine.lineNo)).for('update');

  const errors: FieldError[] = [];
  const today = chinaDate(ctx.now);
  const answered = new Map<string, ConfirmPurchaseOrderInput['lines'][number]>();
  input.lines.forEach((a, i) => {
    if (!lines.some((l) => l.id === a.lineId)) errors.push({ path: `lines.${i}.lineId`, in: 'body', code: 'po_line_unknown' });
    else if (answered.has(a.lineId)) errors.push({ path: `lines.${i}.lineId`, in: 'body', code: 'po_line_repeated' });
    if (a.promisedDate !== undefined && a.promisedDate < today) errors.push({ path: `lines.${i}.promisedDate`, in: 'body', code: 'date_in_past' });
    answered.set(a.lineId, a);
  });
  for (const l of lines) {
    if (!answered.has(l.id)) errors.push({ path: 'lines', in: 'body', code: 'po_line_unanswered', params: { lineNo: l.lineNo } });
  }
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);

  const confirmed = lines.filter((l) => answered.get(l.id)!.promisedDate !== undefined).map((l) => ({ ...l, status: 'confirmed' as const, promisedDate: answered.get(l.id)!.promisedDate! }));
  const refused = lines.filter((l) => answered.get(l.id)!.refuseReason !== undefined).map((l) => ({ ...l, status: 'refused' as const, refuseReason: answered.get(l.id)!.refuseReason! }));
  for (const l of confirmed) await tx.update(purchaseOrderLine).set({ status: 'confirmed', promisedDate: l.promisedDate }).where(eq(purchaseOrderLine.id, l.id));
  for (const l of refused) await tx.update(purchaseOrderLine).set({ status: 'refused', refuseReason: l.refuseReason }).where(eq(purchaseOrderLine.id, l.id));

  const event = confirmed.length === 0 ? 'refuse' : 'confirm';
  await movePurchaseOrder(tx, ctx, po, event, {
    confirmed: confirmed.map((l) => ({ lineNo: l.lineNo, productId: l.productId, qty: l.qty, promisedDate: l.promisedDate })),
    refused: refused.map((l) => ({ lineNo: l.lineNo, productId: l.productId, qty: l.qty, reason: l.refuseReason })),
  });
  await syncIncoming(tx, po, confirmed);
  await removeIncoming(tx, { lineIds: refused.map((l) => l.id) });
  for (const l of refused) {
    await unsourceDemands(tx, ctx, { documentId: po.id, productIds: [l.productId], why: `purchase order ${po.poNo} line ${l.lineNo} refused by the supplier: ${l.refuseReason}` });
  }
  return getPurchaseOrder(tx, ctx, po.id);
}
