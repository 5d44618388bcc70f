import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { purchaseOrderLifecycle, purchaseOrderLineLifecycle, type PurchaseOrderLineStatus, type PurchaseOrderStatus } from './lifecycle.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'bigint' });

// Purchasing (采购): the platform buys at the source. A purchase order goes to one supplier for one
// warehouse; the supplier confirms or refuses it line by line and ships it, and the warehouse's
// receipt names it. References into other modules (supplier and operator organisations,
// warehouses, products, offers) carry no foreign keys: each module owns only its own tables.

export type { PurchaseOrderStatus };
// Why it was raised: by an operator, for an order's backordered lines, or by replenishment.
export type PurchaseOrderOrigin = 'manual' | 'backorder' | 'replenishment';

export const purchaseOrder = pgTable(
  'purchase_order',
  {
    id: uuid('id').primaryKey(),
    poNo: text('po_no').notNull(),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    // The warehouse's operator, who buys (and receives).
    operatorOrgId: uuid('operator_org_id').notNull(),
    origin: text('origin').$type<PurchaseOrderOrigin>().notNull(),
    // Consignment (寄售): the goods stay the supplier's until sold; otherwise bought outright.
    consignment: boolean('consignment').notNull(),
    status: text('status').$type<PurchaseOrderStatus>().notNull(),
    expectedDate: date('expected_date', { mode: 'string' }).notNull(),
    note: text('note'),
    carrier: text('carrier'),
    trackingNo: text('tracking_no'),
    shippedAt: ts('shipped_at'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('purchase_order_no_uq').on(t.poNo),
    index('purchase_order_supplier_idx').on(t.supplierOrgId, t.id),
    index('purchase_order_operator_idx').on(t.operatorOrgId, t.id),
    index('purchase_order_warehouse_idx').on(t.warehouseId, t.status),
    check('purchase_order_status_ck', purchaseOrderLifecycle.check(t.status)),
    check('purchase_order_origin_ck', sql`${t.origin} in ('manual','backorder','replenishment')`),
  ],
);

export type { PurchaseOrderLineStatus };

export const purchaseOrderLine = pgTable(
  'purchase_order_line',
  {
    id: uuid('id').primaryKey(),
    purchaseOrderId: uuid('purchase_order_id')
      .notNull()
      .references(() => purchaseOrder.id),
    lineNo: integer('line_no').notNull(),
    productId: uuid('product_id').notNull(),
    // The offer the price was agreed from, when there was one.
    offerId: uuid('offer_id'),
    qty: integer('qty').notNull(),
    // The agreed unit price, VAT included, and the VAT inside it.
    unitFen: fen('unit_fen').notNull(),
    vatFen: fen('vat_fen').notNull(),
    qtyReceived: integer('qty_received').notNull().default(0),
    status: text('status').$type<PurchaseOrderLineStatus>().notNull(),
    // The supplier's answer: the day it promises (confirm), or why not (refuse).
    promisedDate: date('promised_date', { mode: 'string' }),
    refuseReason: text('refuse_reason'),
  },
  (t) => [
    uniqueIndex('purchase_order_line_no_uq').on(t.purchaseOrderId, t.lineNo),
    index('purchase_order_line_product_idx').on(t.productId),
    check('purchase_order_line_qty_ck', sql`${t.qty} > 0 and ${t.qtyReceived} >= 0`),
    check('purchase_order_line_money_ck', sql`${t.unitFen} > 0 and ${t.vatFen} >= 0 and ${t.vatFen} < ${t.unitFen}`),
    check('purchase_order_line_status_ck', purchaseOrderLineLifecycle.check(t.status)),
  ],
);

// Every transition of a purchase order, in the transaction that made it.
export const purchaseOrderHistory = pgTable(
  'purchase_order_history',
  {
    id: uuid('id').primaryKey(),
    purchaseOrderId: uuid('purchase_order_id')
      .notNull()
      .references(() => purchaseOrder.id),
    event: text('event').notNull(),
    fromStatus: text('from_status').$type<PurchaseOrderStatus>(),
    toStatus: text('to_status').$type<PurchaseOrderStatus>().notNull(),
    actorOrgId: uuid('actor_org_id').notNull(),
    actorUserId: uuid('actor_user_id'),
    data: jsonb('data'),
    at: ts('at').notNull(),
  },
  (t) => [index('purchase_order_history_po_idx').on(t.purchaseOrderId, t.at)],
);

// Replenishment (补货) per warehouse and product: when what is available plus incoming falls to the
// reorder point, buy up to the maximum.
export const replenishmentRule = pgTable(
  'replenishment_rule',
  {
    warehouseId: uuid('warehouse_id').notNull(),
    productId: uuid('product_id').notNull(),
    minQty: integer('min_qty').notNull(),
    maxQty: integer('max_qty').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.warehouseId, t.productId] }), check('replenishment_rule_qty_ck', sql`${t.minQty} >= 0 and ${t.maxQty} > ${t.minQty} and ${t.maxQty} <= 9999`)],
);
