import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { createReceipt, ReceiptDto, unsourceDemands } from '../inventory/index.ts';
import { assertBuyer, findPurchaseOrder } from './access.ts';
import { PurchaseOrderDto, type ReceiptRecord } from './dto.ts';
import { removeIncoming, syncIncoming } from './incoming.ts';
import { getPurchaseOrder } from './list-purchase-orders.ts';
import { assertCan, movePurchaseOrder } from './move-purchase-order.ts';
import type { ReceivePurchaseOrderInput } from './schemas.ts';
import { purchaseOrderLine } from './tables.ts';

export const ReceivedPurchaseOrderDto = z.object({ purchaseOrder: PurchaseOrderDto, receipt: ReceiptDto.nullable() }).meta({ id: 'ReceivedPurchaseOrder' });
export type ReceivedPurchaseOrderDto = z.infer<typeof ReceivedPurchaseOrderDto>;

// The warehouse receives goods against a purchase order (入库): per confirmed line, how many
// arrived of which lot. The goods go in through the ordinary receipt (createReceipt), owned as the
// order says (consignment or bought outright), with trace codes issued for certified units, and
// reserved first for the backorders waiting at the warehouse. Here the order keeps count: what
// arrived per line, what is still incoming, and short or over deliveries in its history and audit.
// The order is received when every confirmed line has arrived in full, or when the buyer closes
// it with `final` (short: the rest will not come, it is no longer incoming, and the backorders still
// counting on this order go back to orders to be re-sourced or surfaced).
export async function receivePurchaseOrder(tx: Tx, ctx: Ctx, id: string, input: ReceivePurchaseOrderInput): Promise<ReceivedPurchaseOrderDto> {
  requirePermission(ctx.actor, 'stock.receive');
  const po = await findPurchaseOrder(tx, ctx.actor, id, { forUpdate: true });
  assertBuyer(ctx.actor, po, 'stock.receive');
  assertCan(po, 'receive_part');
  const lines = await tx.select().from(purchaseOrderLine).where(eq(purchaseOrderLine.purchaseOrderId, po.id)).orderBy(asc(purchaseOrderLine.lineNo)).for('update');
  const byId = new Map(lines.map((l) => [l.id, l]));

  const errors: FieldError[] = [];
  input.lines.forEach((r, i) => {
    const line = byId.get(r.lineId);
    if (!line) errors.push({ path: `lines.${i}.lineId`, in: 'body', code: 'po_line_unknown' });
    else if (line.status !== 'confirmed') errors.push({ path: `lines.${i}.lineId`, in: 'body', code: 'po_line_not_confirmed', params: { status: line.status } });
  });
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);

  // Through the ordinary receipt: its checks (lots, trace codes, the operator running the
  // warehouse) answer by the same line index as this request's.
  const receipt =
    input.lines.length === 0
      ? null
      : await createReceipt(
          tx,
          ctx,
          po.warehouseId,
          {
            supplierOrgId: po.supplierOrgId,
            consignment: po.consignment,
            note: input.note ?? `${po.poNo}`,
            lines: input.lines.map((r) => ({ productId: byId.get(r.lineId)!.productId, qty: r.qty, lotNo: r.lotNo, issueTraceCodes: r.issueTraceCodes })),
          },
          { purchaseOrderId: po.id, prices: input.lines.map((r) => ({ unitFen: byId.get(r.lineId)!.unitFen, vatFen: byId.get(r.lineId)!.vatFen })) },
        );

  const now = new Map<string, number>();
  for (const r of input.lines) now.set(r.lineId, (now.get(r.lineId) ?? 0) + r.qty);
  const after = lines.map((l) => ({ ...l, qtyReceived: l.qtyReceived + (now.get(l.id) ?? 0) }));
  for (const l of after) {
    if (now.has(l.id))
      await tx
        .update(purchaseOrderLine)
        .set({ qtyReceived: sql`${purchaseOrderLine.qtyReceived} + ${now.get(l.id)!}` })
        .where(eq(purchaseOrderLine.id, l.id));
  }
  const confirmed = after.filter((l) => l.status === 'confirmed');
  const complete = confirmed.every((l) => l.qtyReceived >= l.qty);
  const closing = complete || input.final;

  // What the history and the audit say about each line that arrived now or is left short.
  const record: ReceiptRecord = {
    receiptId: receipt?.id ?? null,
    final: input.final,
    lots: input.lines.map((r, i) => {
      const line = byId.get(r.lineId)!;
      return { lineId: line.id, lineNo: line.lineNo, productId: line.productId, qty: r.qty, lotNo: r.lotNo, traceCodes: receipt?.lines[i]?.traceCodes.length ?? 0 };
    }),
  };
  const counts = confirmed
    .filter((l) => now.has(l.id) || closing)
    .map((l) => ({
      lineNo: l.lineNo,
      productId: l.productId,
      ordered: l.qty,
      receivedNow: now.get(l.id) ?? 0,
      received: l.qtyReceived,
      over: Math.max(0, l.qtyReceived - l.qty),
      // Short only once nothing more is to come.
      short: closing ? Math.max(0, l.qty - l.qtyReceived) : 0,
    }));
  await movePurchaseOrder(tx, ctx, po, closing ? 'receive_all' : 'receive_part', {
    ...record,
    lines: counts,
    short: counts.reduce((n, c) => n + c.short, 0),
    over: counts.reduce((n, c) => n + c.over, 0),
  });

  if (closing) {
    await removeIncoming(tx, { purchaseOrderId: po.id });
    // The goods went to the oldest backorders at the warehouse, which need not be those this order
    // was raised for; any still waiting on it wait on nothing now, and orders must know.
    await unsourceDemands(tx, ctx, { documentId: po.id, why: `purchase order ${po.poNo} received${input.final ? ' and closed short' : ''}; its goods did not cover this backorder` });
  } else {
    await syncIncoming(tx, po, confirmed);
  }
  return { purchaseOrder: await getPurchaseOrder(tx, ctx, po.id), receipt };
}
