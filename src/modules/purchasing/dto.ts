import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db.ts';
import { fenOutput, fenToJson } from '../../platform/money.ts';
import { product } from '../catalog/index.ts';
import { org } from '../identity/index.ts';
import { warehouse } from '../inventory/index.ts';
import type { PurchaseOrderRow } from './access.ts';
import { purchaseOrderHistory, purchaseOrderLine } from './tables.ts';

const statuses = ['draft', 'sent', 'confirmed', 'refused', 'partially_received', 'received', 'cancelled'] as const;
const origins = ['manual', 'backorder', 'replenishment'] as const;

export const PurchaseOrderSummaryDto = z
  .object({
    id: z.uuid(),
    poNo: z.string(),
    status: z.enum(statuses),
    origin: z.enum(origins),
    supplierOrgId: z.uuid(),
    supplierName: z.string(),
    warehouseId: z.uuid(),
    warehouseCode: z.string(),
    operatorOrgId: z.uuid(),
    consignment: z.boolean(),
    expectedDate: z.string(),
    note: z.string().nullable(),
    carrier: z.string().nullable(),
    trackingNo: z.string().nullable(),
    shippedAt: z.string().nullable(),
    lineCount: z.number().int(),
    // Units of the lines still bought (not refused or cancelled), and how many of them arrived.
    qtyOrdered: z.number().int(),
    qtyReceived: z.number().int(),
    // Those lines' amount at the agreed prices, VAT included, and the VAT inside it.
    totalFen: fenOutput,
    vatFen: fenOutput,
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PurchaseOrderSummary' });
export type PurchaseOrderSummaryDto = z.infer<typeof PurchaseOrderSummaryDto>;

export const PurchaseOrderLineDto = z
  .object({
    id: z.uuid(),
    lineNo: z.number().int(),
    productId: z.uuid(),
    sku: z.string(),
    productName: z.string(),
    offerId: z.uuid().nullable(),
    qty: z.number().int(),
    unitFen: fenOutput,
    vatFen: fenOutput,
    amountFen: fenOutput,
    qtyReceived: z.number().int(),
    status: z.enum(['open', 'confirmed', 'refused', 'cancelled']),
    promisedDate: z.string().nullable(),
    refuseReason: z.string().nullable(),
  })
  .meta({ id: 'PurchaseOrderLine' });

export const PurchaseOrderHistoryDto = z
  .object({
    event: z.string(),
    fromStatus: z.enum(statuses).nullable(),
    toStatus: z.enum(statuses),
    actorOrgId: z.uuid(),
    actorUserId: z.uuid().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    at: z.string(),
  })
  .meta({ id: 'PurchaseOrderEvent' });

// A delivery received against the purchase order, as its history recorded it.
export const PurchaseOrderReceiptDto = z
  .object({
    receiptId: z.uuid(),
    at: z.string(),
    actorUserId: z.uuid().nullable(),
    final: z.boolean(),
    lines: z.array(z.object({ lineId: z.uuid(), lineNo: z.number().int(), productId: z.uuid(), qty: z.number().int(), lotNo: z.string(), traceCodes: z.number().int() })),
  })
  .meta({ id: 'PurchaseOrderReceipt' });

export const PurchaseOrderDto = PurchaseOrderSummaryDto.extend({
  lines: z.array(PurchaseOrderLineDto),
  history: z.array(PurchaseOrderHistoryDto),
  receipts: z.array(PurchaseOrderReceiptDto),
}).meta({ id: 'PurchaseOrder' });
export type PurchaseOrderDto = z.infer<typeof PurchaseOrderDto>;

// What a receipt's history row holds (receive-purchase-order.ts writes it).
export type ReceiptRecord = {
  receiptId: string | null;
  final: boolean;
  lots: { lineId: string; lineNo: number; productId: string; qty: number; lotNo: string; traceCodes: number }[];
};

const bought = (status: string) => status === 'open' || status === 'confirmed';

// Purchase orders as their DTOs, with their lines' figures, in a fixed number of queries whatever
// the number of orders; with `detail`, each with its lines, history and receipts.
export async function toPurchaseOrderDtos(exec: Executor, rows: readonly PurchaseOrderRow[], detail: true): Promise<PurchaseOrderDto[]>;
export async function toPurchaseOrderDtos(exec: Executor, rows: readonly PurchaseOrderRow[], detail: false): Promise<PurchaseOrderSummaryDto[]>;
export async function toPurchaseOrderDtos(exec: Executor, rows: readonly PurchaseOrderRow[], detail: boolean): Promise<(PurchaseOrderSummaryDto | PurchaseOrderDto)[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const lines = await exec
    .select({ line: purchaseOrderLine, sku: product.sku, productName: product.name })
    .from(purchaseOrderLine)
    .innerJoin(product, eq(product.id, purchaseOrderLine.productId))
    .where(inArray(purchaseOrderLine.purchaseOrderId, ids))
    .orderBy(asc(purchaseOrderLine.purchaseOrderId), asc(purchaseOrderLine.lineNo));
  const warehouses = new Map(
    (
      await exec
        .select({ id: warehouse.id, code: warehouse.code })
        .from(warehouse)
        .where(inArray(warehouse.id, [...new Set(rows.map((r) => r.warehouseId))]))
    ).map((w) => [w.id, w.code]),
  );
  const suppliers = new Map(
    (
      await exec
        .select({ id: org.id, name: org.name })
        .from(org)
        .where(inArray(org.id, [...new Set(rows.map((r) => r.supplierOrgId))]))
    ).map((o) => [o.id, o.name]),
  );
  const history = detail
    ? await exec.select().from(purchaseOrderHistory).where(inArray(purchaseOrderHistory.purchaseOrderId, ids)).orderBy(asc(purchaseOrderHistory.at), asc(purchaseOrderHistory.id))
    : [];
  return rows.map((r) => {
    const mine = lines.filter((l) => l.line.purchaseOrderId === r.id);
    const live = mine.filter((l) => bought(l.line.status));
    const summary: PurchaseOrderSummaryDto = {
      id: r.id,
      poNo: r.poNo,
      status: r.status,
      origin: r.origin,
      supplierOrgId: r.supplierOrgId,
      supplierName: suppliers.get(r.supplierOrgId) ?? '',
      warehouseId: r.warehouseId,
      warehouseCode: warehouses.get(r.warehouseId) ?? '',
      operatorOrgId: r.operatorOrgId,
      consignment: r.consignment,
      expectedDate: r.expectedDate,
      note: r.note,
      carrier: r.carrier,
      trackingNo: r.trackingNo,
      shippedAt: r.shippedAt?.toISOString() ?? null,
      lineCount: mine.length,
      qtyOrdered: live.reduce((n, l) => n + l.line.qty, 0),
      qtyReceived: mine.reduce((n, l) => n + l.line.qtyReceived, 0),
      totalFen: fenToJson(live.reduce((n, l) => n + l.line.unitFen * BigInt(l.line.qty), 0n)),
      vatFen: fenToJson(live.reduce((n, l) => n + l.line.vatFen * BigInt(l.line.qty), 0n)),
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
    if (!detail) return summary;
    const events = history.filter((h) => h.purchaseOrderId === r.id);
    return {
      ...summary,
      lines: mine.map(({ line: l, sku, productName }) => ({
        id: l.id,
        lineNo: l.lineNo,
        productId: l.productId,
        sku,
        productName,
        offerId: l.offerId,
        qty: l.qty,
        unitFen: fenToJson(l.unitFen),
        vatFen: fenToJson(l.vatFen),
        amountFen: fenToJson(l.unitFen * BigInt(l.qty)),
        qtyReceived: l.qtyReceived,
        status: l.status,
        promisedDate: l.promisedDate,
        refuseReason: l.refuseReason,
      })),
      history: events.map((h) => ({
        event: h.event,
        fromStatus: h.fromStatus,
        toStatus: h.toStatus,
        actorOrgId: h.actorOrgId,
        actorUserId: h.actorUserId,
        data: (h.data ?? null) as Record<string, unknown> | null,
        at: h.at.toISOString(),
      })),
      receipts: events.flatMap((h) => {
        const record = h.data as ReceiptRecord | null;
        if (!record?.receiptId) return [];
        return [{ receiptId: record.receiptId, at: h.at.toISOString(), actorUserId: h.actorUserId, final: record.final, lines: record.lots }];
      }),
    };
  });
}
