import { z } from 'zod';
import { fenOutput, fenToJson } from '../../platform/money.ts';
import { orderLineStatuses, type OrderLineStatus } from './lifecycle.ts';
import { orderStatus, orderStatuses } from './status.ts';
import type { OrderFacts } from './order-facts.ts';
import { returnableUntil } from './returns/return-window.ts';
import type { orderLine, partsOrder, shipment } from './tables.ts';

export const OrderLineDto = z
  .object({
    id: z.uuid(),
    lineNo: z.number().int(),
    quoteLineId: z.uuid().nullable(),
    partId: z.uuid().nullable(),
    productId: z.uuid(),
    supplierOrgId: z.uuid(),
    grade: z.string(),
    qty: z.number().int(),
    unitFen: fenOutput,
    amountFen: fenOutput,
    vatFen: fenOutput,
    handlingFeeFen: fenOutput,
    warehouseId: z.uuid(),
    shipperOrgId: z.uuid(),
    dropShip: z.boolean(),
    // How it was sourced when the order was placed: stock or drop-ship (reserved at once), or a
    // transfer or purchase it waits for (awaiting_stock until the goods arrive).
    source: z.enum(['stock', 'drop_ship', 'transfer', 'purchase']),
    // The day promised at placement; reservedAt is when stock was reserved for it (at placement, or
    // on the goods' arrival).
    promisedEtaDate: z.string().nullable(),
    reservedAt: z.string().nullable(),
    shipmentId: z.uuid(),
    status: z.enum(orderLineStatuses),
    etaDate: z.string(),
    cancelReason: z.string().nullable(),
    receivedAt: z.string().nullable(),
    // The instant the shop's window to send the line back closes (售后退货期, returns/return-window.ts,
    // the rule the server's check applies), which may have passed; null for a line not signed for and
    // accepted.
    returnableUntil: z.string().nullable(),
    rejectReason: z.enum(['wrong_part', 'damaged', 'quality', 'missing']).nullable(),
    rejectPhotoUrls: z.array(z.string()),
    // A scanned trace code did not match the ordered product or grade (以次充好).
    traceMismatch: z.boolean(),
    installedVin: z.string().nullable(),
    installedAt: z.string().nullable(),
    // What a person reads (order-facts.ts): the product and the catalog part it replaces, who
    // supplies it, the warehouse it ships from, and the trace codes packed for it (certified units).
    sku: z.string(),
    brand: z.string(),
    productName: z.string(),
    partNameZh: z.string().nullable(),
    partNameEn: z.string().nullable(),
    oeNo: z.string().nullable(),
    supplierName: z.string(),
    warehouseName: z.string(),
    traceCodes: z.array(z.string()),
  })
  .meta({ id: 'OrderLine' });
export type OrderLineDto = z.infer<typeof OrderLineDto>;

export const ShipmentDto = z
  .object({
    id: z.uuid(),
    warehouseId: z.uuid(),
    shipperOrgId: z.uuid(),
    // The backordered lines of a warehouse ship apart from what it had in stock.
    backorder: z.boolean(),
    status: z.enum(['open', 'shipped', 'delivered', 'cancelled']),
    transitDays: z.number().int(),
    etaDate: z.string(),
    carrier: z.string().nullable(),
    trackingNo: z.string().nullable(),
    shippedAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    // Not delivered and past its ETA (China date).
    late: z.boolean(),
  })
  .meta({ id: 'Shipment' });
export type ShipmentDto = z.infer<typeof ShipmentDto>;

export const OrderDto = z
  .object({
    id: z.uuid(),
    orderNo: z.string(),
    kind: z.enum(['claim', 'shop']),
    status: z.enum(orderStatuses),
    claimId: z.uuid().nullable(),
    assessmentId: z.uuid().nullable(),
    payerOrgId: z.uuid(),
    buyerOrgId: z.uuid(),
    deliveryRegionCode: z.string(),
    // Totals of the whole order; a supplier or operator seeing only some lines still sees these
    // only if it is payer or buyer (otherwise they are its lines' sums).
    amountFen: fenOutput,
    vatFen: fenOutput,
    handlingFeeFen: fenOutput,
    note: z.string().nullable(),
    createdAt: z.string(),
    // The parties by name, and the claim's number and vehicle for a claim's order.
    payerName: z.string(),
    buyerName: z.string(),
    claimNo: z.string().nullable(),
    vin: z.string().nullable(),
    plate: z.string().nullable(),
    lines: z.array(OrderLineDto),
    shipments: z.array(ShipmentDto),
  })
  .meta({ id: 'Order' });
export type OrderDto = z.infer<typeof OrderDto>;

type OrderRow = typeof partsOrder.$inferSelect;
type LineRow = typeof orderLine.$inferSelect;
type ShipmentRow = typeof shipment.$inferSelect;

// A line arrives with its shipment: its ETA is the shipment's.
export function toOrderLineDto(l: LineRow, etaDate: string, facts: OrderFacts): OrderLineDto {
  const p = facts.products.get(l.productId);
  const pt = l.partId ? facts.parts.get(l.partId) : undefined;
  return {
    id: l.id,
    lineNo: l.lineNo,
    quoteLineId: l.quoteLineId,
    partId: l.partId,
    productId: l.productId,
    supplierOrgId: l.supplierOrgId,
    grade: l.grade,
    qty: l.qty,
    unitFen: fenToJson(l.unitFen),
    amountFen: fenToJson(l.amountFen),
    vatFen: fenToJson(l.vatFen),
    handlingFeeFen: fenToJson(l.handlingFeeFen),
    warehouseId: l.warehouseId,
    shipperOrgId: l.shipperOrgId,
    dropShip: l.dropShip,
    source: l.source,
    promisedEtaDate: l.promisedEtaDate,
    reservedAt: l.reservedAt?.toISOString() ?? null,
    shipmentId: l.shipmentId,
    status: l.status,
    etaDate,
    cancelReason: l.cancelReason,
    receivedAt: l.receivedAt?.toISOString() ?? null,
    returnableUntil: returnableUntil(l)?.toISOString() ?? null,
    rejectReason: l.rejectReason,
    rejectPhotoUrls: l.rejectPhotoUrls ?? [],
    traceMismatch: l.traceMismatch,
    installedVin: l.installedVin,
    installedAt: l.installedAt?.toISOString() ?? null,
    sku: p?.sku ?? '',
    brand: p?.brand ?? '',
    productName: p?.name ?? '',
    partNameZh: pt?.nameZh ?? null,
    partNameEn: pt?.nameEn ?? null,
    oeNo: pt?.oeNo ?? null,
    supplierName: facts.orgNames.get(l.supplierOrgId) ?? '',
    warehouseName: facts.warehouseNames.get(l.warehouseId) ?? '',
    traceCodes: facts.traceCodes.get(l.id) ?? [],
  };
}

export function toShipmentDto(s: ShipmentRow, today: string): ShipmentDto {
  return {
    id: s.id,
    warehouseId: s.warehouseId,
    shipperOrgId: s.shipperOrgId,
    backorder: s.backorder,
    status: s.status,
    transitDays: s.transitDays,
    etaDate: s.etaDate,
    carrier: s.carrier,
    trackingNo: s.trackingNo,
    shippedAt: s.shippedAt?.toISOString() ?? null,
    deliveredAt: s.deliveredAt?.toISOString() ?? null,
    late: (s.status === 'open' || s.status === 'shipped') && today > s.etaDate,
  };
}

// `allLines` says whether the caller sees the whole order; if not, the totals are its lines' sums.
// `today` (China date) decides which shipments are late.
// `facts` names what the ids point at (loadOrderFacts).
export function toOrderDto(o: OrderRow, lines: LineRow[], shipments: ShipmentRow[], allLines: boolean, today: string, facts: OrderFacts): OrderDto {
  const c = o.claimId ? facts.claims.get(o.claimId) : undefined;
  const sum = (pick: (l: LineRow) => bigint) => lines.reduce((s, l) => s + pick(l), 0n);
  const visibleShipments = new Set(lines.map((l) => l.shipmentId));
  return {
    id: o.id,
    orderNo: o.orderNo,
    kind: o.kind,
    status: orderStatus(lines.map((l) => l.status as OrderLineStatus)),
    claimId: o.claimId,
    assessmentId: o.assessmentId,
    payerOrgId: o.payerOrgId,
    buyerOrgId: o.buyerOrgId,
    deliveryRegionCode: o.deliveryRegionCode,
    amountFen: fenToJson(allLines ? o.amountFen : sum((l) => l.amountFen)),
    vatFen: fenToJson(allLines ? o.vatFen : sum((l) => l.vatFen)),
    handlingFeeFen: fenToJson(allLines ? o.handlingFeeFen : sum((l) => l.handlingFeeFen)),
    note: o.note,
    createdAt: o.createdAt.toISOString(),
    payerName: facts.orgNames.get(o.payerOrgId) ?? '',
    buyerName: facts.orgNames.get(o.buyerOrgId) ?? '',
    claimNo: c?.claimNo ?? null,
    vin: c?.vin ?? null,
    plate: c?.plate ?? null,
    lines: [...lines].sort((a, b) => a.lineNo - b.lineNo).map((l) => toOrderLineDto(l, shipments.find((s) => s.id === l.shipmentId)!.etaDate, facts)),
    shipments: shipments.filter((s) => visibleShipments.has(s.id)).map((s) => toShipmentDto(s, today)),
  };
}
