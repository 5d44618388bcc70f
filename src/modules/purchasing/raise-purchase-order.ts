import { auditInsert } from '../../platform/audit.ts';
import { bulkInsert } from '../../platform/bulk-insert.ts';
import { chinaDate } from '../../platform/china-date.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { fenToJson, vatOfGross } from '../../platform/money.ts';
import { eventsInsert } from '../../platform/outbox.ts';
import type { Stmt } from '../../platform/stmt.ts';
import { writeTogether } from '../../platform/write-together.ts';
import { stockIncoming } from '../inventory/index.ts';
import { purchaseOrder, purchaseOrderHistory, purchaseOrderLine, type PurchaseOrderOrigin } from './tables.ts';

export type RaiseLine = { productId: string; offerId: string | null; qty: number; unitFen: bigint };

export type RaiseInput = {
  supplierOrgId: string;
  warehouseId: string;
  operatorOrgId: string;
  origin: PurchaseOrderOrigin;
  consignment: boolean;
  // Sent at once (a backorder's purchase) or kept as a draft for the operator to review.
  send: boolean;
  expectedDate: string;
  note: string | null;
  lines: readonly RaiseLine[];
};

export type RaisedPurchaseOrder = { id: string; poNo: string; lineIds: string[] };

export const MAX_PURCHASE_ORDER_LINES = 200;

// Human-readable numbers like the orders': PO, the day in China, and twelve hex digits of the id's
// random tail.
function poNoOf(id: string, day: string): string {
  return `PO${day.replaceAll('-', '')}${id.replaceAll('-', '').slice(-12).toUpperCase()}`;
}

// Writes a purchase order with its lines and first history row, and (when sent) what it brings as
// incoming at the warehouse, with the audit trail and, when sent, the supplier's event; in one round
// trip, in the caller's transaction. The caller has checked who may raise it and that the products
// are the supplier's: operators through the API (create-purchase-order.ts), an order's backorders
// (orders), replenishment.
export async function raisePurchaseOrder(tx: Tx, ctx: Ctx, input: RaiseInput): Promise<RaisedPurchaseOrder> {
  const { raised, writes } = purchaseOrderWrites(ctx, [input]);
  await writeTogether(tx, writes);
  return raised[0]!;
}

// The same for several purchase orders, as statements for the caller's own single write: an order
// whose backorders need purchases writes them with the order itself. At most six statements,
// whatever the number of purchase orders.
export function purchaseOrderWrites(ctx: Ctx, inputs: readonly RaiseInput[]): { raised: RaisedPurchaseOrder[]; writes: Stmt[] } {
  if (inputs.length === 0) return { raised: [], writes: [] };
  const actorUserId = ctx.actor.userId ?? null;
  const day = chinaDate(ctx.now);
  const orders = inputs.map((input) => {
    if (input.lines.length === 0 || input.lines.length > MAX_PURCHASE_ORDER_LINES) throw new Error(`raisePurchaseOrder: ${input.lines.length} lines`);
    const id = newId();
    const poNo = poNoOf(id, day);
    const status = input.send ? ('sent' as const) : ('draft' as const);
    const lines = input.lines.map((l, i) => ({
      id: newId(),
      purchaseOrderId: id,
      lineNo: i + 1,
      productId: l.productId,
      offerId: l.offerId,
      qty: l.qty,
      unitFen: l.unitFen,
      vatFen: vatOfGross(l.unitFen),
      qtyReceived: 0,
      status: 'open' as const,
      promisedDate: null,
      refuseReason: null,
    }));
    // A sent purchase order is news to the supplier and to the warehouse's operator (who did not
    // raise it when an order's backorders did); a draft is nobody's news yet.
    const parties = input.send ? [...new Set([input.supplierOrgId, input.operatorOrgId])] : [input.operatorOrgId];
    const payload = {
      purchaseOrderId: id,
      poNo,
      warehouseId: input.warehouseId,
      supplierOrgId: input.supplierOrgId,
      origin: input.origin,
      from: null,
      status,
      expectedDate: input.expectedDate,
      lines: lines.length,
    };
    const auditData = {
      poNo,
      origin: input.origin,
      supplierOrgId: input.supplierOrgId,
      warehouseId: input.warehouseId,
      lines: lines.map((l) => ({ productId: l.productId, qty: l.qty, unitFen: fenToJson(l.unitFen) })),
    };
    return {
      input,
      lines,
      row: {
        id,
        poNo,
        supplierOrgId: input.supplierOrgId,
        warehouseId: input.warehouseId,
        operatorOrgId: input.operatorOrgId,
        origin: input.origin,
        consignment: input.consignment,
        status,
        expectedDate: input.expectedDate,
        note: input.note,
        carrier: null,
        trackingNo: null,
        shippedAt: null,
        createdBy: actorUserId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      },
      history: {
        id: newId(),
        purchaseOrderId: id,
        event: input.send ? 'send' : 'create',
        fromStatus: null,
        toStatus: status,
        actorOrgId: ctx.actor.orgId,
        actorUserId,
        data: { origin: input.origin },
        at: ctx.now,
      },
      audits: parties.map((orgId) => ({ orgId, objectType: 'purchase_order', objectId: id, action: input.send ? 'send' : 'create', toState: status, data: auditData })),
      events: input.send ? parties.map((orgId) => ({ orgId, type: 'purchase_order.sent', payload })) : [],
    };
  });
  const incoming = orders
    .filter((o) => o.input.send)
    .flatMap((o) => o.lines.map((l) => ({ documentLineId: l.id, documentId: o.row.id, warehouseId: o.input.warehouseId, productId: l.productId, qty: l.qty, expectedDate: o.input.expectedDate })));
  // eventsInsert refuses an empty list: drafts have no events.
  const events = orders.flatMap((o) => o.events);
  return {
    raised: orders.map((o) => ({ id: o.row.id, poNo: o.row.poNo, lineIds: o.lines.map((l) => l.id) })),
    writes: [
      bulkInsert(
        purchaseOrder,
        orders.map((o) => o.row),
      ),
      bulkInsert(
        purchaseOrderLine,
        orders.flatMap((o) => o.lines),
      ),
      bulkInsert(
        purchaseOrderHistory,
        orders.map((o) => o.history),
      ),
      ...(incoming.length > 0 ? [bulkInsert(stockIncoming, incoming)] : []),
      auditInsert(
        ctx,
        orders.flatMap((o) => o.audits),
      ),
      ...(events.length > 0 ? [eventsInsert(ctx, events).insert] : []),
    ],
  };
}
