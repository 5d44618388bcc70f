import { and, eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db.ts';
import { dropIncoming, putIncoming, type ExpectedIncoming } from '../inventory/index.ts';
import { purchaseOrder, purchaseOrderLine } from './tables.ts';

// Incoming (已订购): per purchase order line, what is still to arrive at the warehouse, kept in
// inventory's stock_incoming (through its putIncoming and dropIncoming) in the transaction that
// changes the line. One definition below says what it must be; the writers keep to it and `anpei
// stock verify` checks it.
//
// A line is on its way while its purchase order has been sent and is neither fully received nor
// withdrawn (sent, confirmed, partially_received), and the line itself was not refused or
// cancelled (open, confirmed): what is on its way is what was ordered less what arrived, due on
// the day the supplier promised, or else the day the order asked for.

export const INCOMING_ORDER_STATUSES = ['sent', 'confirmed', 'partially_received'] as const;
export const INCOMING_LINE_STATUSES = ['open', 'confirmed'] as const;

type LineOnItsWay = { id: string; productId: string; qty: number; qtyReceived: number; promisedDate: string | null };
type OrderOnItsWay = { id: string; warehouseId: string; expectedDate: string };

// Pure: the incoming row a line should have, or null when nothing more is to arrive.
export function incomingOf(po: OrderOnItsWay, line: LineOnItsWay): ExpectedIncoming | null {
  const qty = line.qty - line.qtyReceived;
  if (qty <= 0) return null;
  return { documentLineId: line.id, documentId: po.id, warehouseId: po.warehouseId, productId: line.productId, qty, expectedDate: line.promisedDate ?? po.expectedDate };
}

// Writes the lines' incoming rows as the definition says (inserting, changing or removing them).
export async function syncIncoming(tx: Tx, po: OrderOnItsWay, lines: readonly LineOnItsWay[]): Promise<void> {
  if (lines.length === 0) return;
  const rows = lines.map((l) => incomingOf(po, l)).filter((r): r is ExpectedIncoming => r !== null);
  const gone = lines.filter((l) => !rows.some((r) => r.documentLineId === l.id)).map((l) => l.id);
  await putIncoming(tx, rows, gone);
}

// Nothing more is to arrive for these lines (refused, cancelled) or for the whole purchase order.
export async function removeIncoming(tx: Tx, where: { lineIds: readonly string[] } | { purchaseOrderId: string }): Promise<void> {
  await dropIncoming(tx, 'lineIds' in where ? { documentLineIds: where.lineIds } : { documentId: where.purchaseOrderId });
}

// Every incoming row the purchase orders say there should be, rebuilt from them: what `anpei stock
// verify` compares stock_incoming with (inventory cannot read purchasing's tables; the CLI passes
// this in). Read in one statement; the open purchase orders are a working set, not a history.
export async function expectedIncoming(exec: Executor): Promise<ExpectedIncoming[]> {
  const rows = await exec
    .select({
      id: purchaseOrderLine.id,
      productId: purchaseOrderLine.productId,
      qty: purchaseOrderLine.qty,
      qtyReceived: purchaseOrderLine.qtyReceived,
      promisedDate: purchaseOrderLine.promisedDate,
      poId: purchaseOrder.id,
      warehouseId: purchaseOrder.warehouseId,
      expectedDate: purchaseOrder.expectedDate,
    })
    .from(purchaseOrderLine)
    .innerJoin(purchaseOrder, eq(purchaseOrder.id, purchaseOrderLine.purchaseOrderId))
    .where(and(inArray(purchaseOrder.status, [...INCOMING_ORDER_STATUSES]), inArray(purchaseOrderLine.status, [...INCOMING_LINE_STATUSES])));
  return rows.map((r) => incomingOf({ id: r.poId, warehouseId: r.warehouseId, expectedDate: r.expectedDate }, r)).filter((r): r is ExpectedIncoming => r !== null);
}
