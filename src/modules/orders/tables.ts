import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Grade } from '../catalog/index.ts';
import { orderLineLifecycle, type OrderLineStatus } from './lifecycle.ts';
import { shipmentLifecycle, type ShipmentStatus } from './fulfilment/shipment-lifecycle.ts';
import { returnLifecycle, type ReturnStatus } from './returns/lifecycle.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'bigint' });

// Orders, their lines and the shipments they split into. References into other modules (claim,
// assessment, quote line, part, product, organisations, warehouses) carry no foreign keys: each
// module owns only its own tables.

export type OrderKind = 'claim' | 'shop';

// A parts order (订单): from an approved assessment (kind `claim`: payer the insurer, buyer and
// receiver the shop), or a shop buying for itself (kind `shop`: the shop pays). Its status is not
// stored: it is derived from its lines (status.ts).
export const partsOrder = pgTable(
  'parts_order',
  {
    id: uuid('id').primaryKey(),
    orderNo: text('order_no').notNull(),
    kind: text('kind').$type<OrderKind>().notNull(),
    claimId: uuid('claim_id'),
    assessmentId: uuid('assessment_id'),
    payerOrgId: uuid('payer_org_id').notNull(),
    buyerOrgId: uuid('buyer_org_id').notNull(),
    deliveryRegionCode: text('delivery_region_code').notNull(),
    amountFen: fen('amount_fen').notNull(),
    vatFen: fen('vat_fen').notNull(),
    handlingFeeFen: fen('handling_fee_fen').notNull(),
    note: text('note'),
    // A replacement order for a returned line (补发): same payer, buyer and prices as the line.
    replacesReturnId: uuid('replaces_return_id'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('parts_order_no_uq').on(t.orderNo),
    // One order per approved assessment version; replacements come on top.
    uniqueIndex('parts_order_assessment_uq').on(t.assessmentId).where(sql`${t.replacesReturnId} is null`),
    uniqueIndex('parts_order_replaces_uq').on(t.replacesReturnId),
    index('parts_order_claim_idx').on(t.claimId),
    check('parts_order_kind_ck', sql`${t.kind} in ('claim','shop')`),
    check('parts_order_claim_ck', sql`(${t.kind} = 'claim') = (${t.assessmentId} is not null and ${t.claimId} is not null)`),
    check('parts_order_amount_ck', sql`${t.amountFen} >= 0 and ${t.vatFen} >= 0 and ${t.handlingFeeFen} >= 0`),
  ],
);

// Everyone with a part in an order: payer, buyer, the suppliers of its lines, the operators who
// ship them. Reading an order is scoped by this table (access.ts), and each party's worklist is one
// index range.
export const orderParty = pgTable(
  'order_party',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => partsOrder.id),
    orgId: uuid('org_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.orgId] }), index('order_party_org_idx').on(t.orgId, t.orderId)],
);

export const orderLine = pgTable(
  'order_line',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => partsOrder.id),
    lineNo: integer('line_no').notNull(),
    quoteLineId: uuid('quote_line_id'),
    partId: uuid('part_id'),
    productId: uuid('product_id').notNull(),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    grade: text('grade').$type<Grade>().notNull(),
    qty: integer('qty').notNull(),
    unitFen: fen('unit_fen').notNull(),
    amountFen: fen('amount_fen').notNull(),
    vatFen: fen('vat_fen').notNull(),
    handlingFeeFen: fen('handling_fee_fen').notNull(),
    // Where it ships from: a platform warehouse, or the supplier's own stock (drop-ship).
    warehouseId: uuid('warehouse_id').notNull(),
    // How it was sourced when the order was placed: reserved from stock there, drop-shipped from
    // the supplier's own stock, or backordered (awaiting_stock) on a transfer or a purchase order.
    source: text('source').$type<LineSource>().notNull().default('stock'),
    // The day promised when the order was placed (the quote's promise is kept on the quote line);
    // the actual days are the reservation's, the shipment's and the receipt's.
    promisedEtaDate: date('promised_eta_date', { mode: 'string' }),
    reservedAt: ts('reserved_at'),
    shipperOrgId: uuid('shipper_org_id').notNull(),
    dropShip: boolean('drop_ship').notNull(),
    shipmentId: uuid('shipment_id').notNull(),
    status: text('status').$type<OrderLineStatus>().notNull(),
    cancelReason: text('cancel_reason'),
    // The shop's receipt (签收): when, and for a refused line why and with which photos.
    receivedAt: ts('received_at'),
    rejectReason: text('reject_reason').$type<RejectReason>(),
    rejectPhotoUrls: text('reject_photo_urls').array(),
    // A scanned trace code that did not match the ordered product or grade (以次充好): the line is
    // flagged whatever the shop decided, for the platform's risk team.
    traceMismatch: boolean('trace_mismatch').notNull().default(false),
    installedVin: text('installed_vin'),
    installedAt: ts('installed_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('order_line_no_uq').on(t.orderId, t.lineNo),
    index('order_line_shipment_idx').on(t.shipmentId),
    check('order_line_qty_ck', sql`${t.qty} > 0`),
    check('order_line_amount_ck', sql`${t.unitFen} > 0 and ${t.amountFen} = ${t.unitFen} * ${t.qty} and ${t.vatFen} >= 0 and ${t.handlingFeeFen} >= 0`),
    check('order_line_status_ck', orderLineLifecycle.check(t.status)),
    check('order_line_source_ck', sql`${t.source} in ('stock','drop_ship','transfer','purchase')`),
  ],
);

export type LineSource = 'stock' | 'drop_ship' | 'transfer' | 'purchase';

export type RejectReason = 'wrong_part' | 'damaged' | 'quality' | 'missing';

export type { ShipmentStatus };

// What one warehouse (or one drop-shipping supplier) sends for one order: what it had in stock when
// the order was placed, and apart from it (`backorder`) the lines it waits for, so that waiting
// lines never hold back the ones ready to go.
export const shipment = pgTable(
  'shipment',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => partsOrder.id),
    warehouseId: uuid('warehouse_id').notNull(),
    shipperOrgId: uuid('shipper_org_id').notNull(),
    backorder: boolean('backorder').notNull().default(false),
    status: text('status').$type<ShipmentStatus>().notNull(),
    transitDays: integer('transit_days').notNull(),
    etaDate: date('eta_date', { mode: 'string' }).notNull(),
    carrier: text('carrier'),
    trackingNo: text('tracking_no'),
    shippedAt: ts('shipped_at'),
    deliveredAt: ts('delivered_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('shipment_order_warehouse_uq').on(t.orderId, t.warehouseId, t.backorder),
    index('shipment_shipper_idx').on(t.shipperOrgId, t.status, t.id),
    check('shipment_status_ck', shipmentLifecycle.check(t.status)),
  ],
);

export type ShipmentEventType = 'picked_up' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception';

// The carrier's tracking events of a shipment (物流轨迹), as the shipper or the carrier's system
// reports them; `delivered` also moves the shipment and its lines.
export const shipmentEvent = pgTable(
  'shipment_event',
  {
    id: uuid('id').primaryKey(),
    shipmentId: uuid('shipment_id')
      .notNull()
      .references(() => shipment.id),
    type: text('type').$type<ShipmentEventType>().notNull(),
    at: ts('at').notNull(),
    location: text('location'),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('shipment_event_shipment_idx').on(t.shipmentId, t.at), check('shipment_event_type_ck', sql`${t.type} in ('picked_up','in_transit','out_for_delivery','delivered','exception')`)],
);

export type { ReturnStatus };
export type ReturnDisposition = 'restock' | 'scrap';
// When the shop sent the line back: refused at its receipt (the sale never posted), or after it
// accepted it (售后退货: a fault found before fitting; the sale is reversed when the goods are back).
export type ReturnStage = 'at_receipt' | 'after_acceptance';

// A return (退货) opened by a rejected line, or by the shop after it accepted the line (stage):
// approved (or refused) by the seller, shipped back, and on arrival restocked as sellable or
// scrapped. It feeds settlement (after acceptance, a credit of the line on the payer's next
// statement) and the supplier's rating; a replacement may be ordered for it.
export const orderReturn = pgTable(
  'order_return',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => partsOrder.id),
    orderLineId: uuid('order_line_id')
      .notNull()
      .references(() => orderLine.id),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    reason: text('reason').$type<RejectReason>().notNull(),
    stage: text('stage').$type<ReturnStage>().notNull().default('at_receipt'),
    // After acceptance: what the shop found, with photos (at receipt they are the line's).
    note: text('note'),
    photoUrls: text('photo_urls').array(),
    qty: integer('qty').notNull(),
    creditFen: fen('credit_fen').notNull(),
    status: text('status').$type<ReturnStatus>().notNull(),
    disposition: text('disposition').$type<ReturnDisposition>(),
    // Where the goods go back to: the warehouse the line shipped from.
    warehouseId: uuid('warehouse_id').notNull(),
    carrier: text('carrier'),
    trackingNo: text('tracking_no'),
    refusedReason: text('refused_reason'),
    replacementOrderId: uuid('replacement_order_id'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('order_return_line_uq').on(t.orderLineId),
    index('order_return_supplier_idx').on(t.supplierOrgId, t.status, t.id),
    check('order_return_status_ck', returnLifecycle.check(t.status)),
    check('order_return_reason_ck', sql`${t.reason} in ('wrong_part','damaged','quality','missing')`),
    check('order_return_stage_ck', sql`${t.stage} in ('at_receipt','after_acceptance')`),
    check('order_return_qty_ck', sql`${t.qty} > 0 and ${t.creditFen} >= 0`),
  ],
);
