import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { transferLifecycle, type TransferStatus } from './transfers/lifecycle.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// Stock, after Odoo: locations in a tree (with virtual ones for the world outside), immutable moves
// between them, and per (product, location, lot, owner) a cache of what is on hand and reserved.
// References into other modules (operator and supplier organisations, products, order lines) carry
// no foreign keys: each module owns only its own tables.

export type WarehouseKind = 'central' | 'front' | 'supplier';

// A warehouse: the platform's own, run by an operator (`central`, e.g. the East-China central
// warehouse in Hangzhou, or a regional `front` one), or a supplier's own stock (`supplier`), which
// is what a drop-shipped line is reserved from.
export const warehouse = pgTable(
  'warehouse',
  {
    id: uuid('id').primaryKey(),
    // The organisation that runs it: an operator, or the supplier for kind `supplier`.
    operatorOrgId: uuid('operator_org_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<WarehouseKind>().notNull(),
    regionCode: text('region_code').notNull(),
    // Its sellable stock location (a child of its root view location).
    stockLocationId: uuid('stock_location_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('warehouse_code_uq').on(t.code),
    index('warehouse_operator_idx').on(t.operatorOrgId, t.id),
    check('warehouse_kind_ck', sql`${t.kind} in ('central','front','supplier')`),
    check('warehouse_region_ck', sql`${t.regionCode} ~ '^[0-9]{6}$'`),
  ],
);

// The regions a warehouse delivers to and in how many days: a province, a city or a county code;
// the most specific entry that contains the shop's region applies.
export const warehouseCoverage = pgTable(
  'warehouse_coverage',
  {
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouse.id),
    regionCode: text('region_code').notNull(),
    transitDays: integer('transit_days').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.warehouseId, t.regionCode] }),
    index('warehouse_coverage_region_idx').on(t.regionCode),
    check('warehouse_coverage_days_ck', sql`${t.transitDays} >= 0 and ${t.transitDays} <= 60`),
  ],
);

// The warehouse network's version: a fresh random value whenever a warehouse or its coverage
// changes (triggers in migration 0019), so each app process can keep the network (which orders and
// quotes read on every request) and check, in the statement that reads the stock, that its copy is
// current. Random rather than a counter, so that two databases (or copies of one) never share a
// version with different contents. One row.
export const warehouseNetwork = pgTable(
  'warehouse_network',
  {
    id: boolean('id').primaryKey().default(true),
    version: uuid('version').notNull(),
  },
  (t) => [check('warehouse_network_one_row_ck', sql`${t.id}`)],
);

export type LocationKind = 'view' | 'internal' | 'supplier' | 'transit' | 'customer' | 'loss' | 'scrap';

// A place stock can be. `internal` locations (a warehouse's stock, its bins) and `transit` hold
// counted stock; the others are the world outside, where stock comes from or goes to (suppliers,
// repair shops, losses found by a count, scrap). `view` only groups children.
export const stockLocation = pgTable(
  'stock_location',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').$type<LocationKind>().notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    warehouseId: uuid('warehouse_id'),
  },
  (t) => [index('stock_location_warehouse_idx').on(t.warehouseId), check('stock_location_kind_ck', sql`${t.kind} in ('view','internal','supplier','transit','customer','loss','scrap')`)],
);

// A lot (batch) of one product, as the supplier labelled it; recalls go by lot.
export const stockLot = pgTable(
  'stock_lot',
  {
    id: uuid('id').primaryKey(),
    productId: uuid('product_id').notNull(),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    lotNo: text('lot_no').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    // A recall (召回) by the platform or the lot's supplier: its stock can no longer be reserved or
    // picked, and its units answer "recalled" to the public.
    recalledAt: ts('recalled_at'),
    recallReason: text('recall_reason'),
    recalledBy: uuid('recalled_by'),
  },
  (t) => [uniqueIndex('stock_lot_product_no_uq').on(t.productId, t.lotNo), index('stock_lot_no_idx').on(t.lotNo)],
);

export type MovePhase = 'single' | 'pending' | 'post' | 'void';
export type MoveKind = 'receipt' | 'order' | 'transfer' | 'adjustment' | 'return' | 'scrap';

// Every change of stock, insert-only. A `single` move happens at once. A reservation is two-phase,
// after TigerBeetle's pending transfers: a `pending` move reserves at its source, and later exactly
// one `post` (the goods left: on hand moves) or `void` (released) move names it in `pending_id`.
// The unique index on `pending_id` makes "resolved once" a fact of the database.
export const stockMove = pgTable(
  'stock_move',
  {
    id: uuid('id').primaryKey(),
    phase: text('phase').$type<MovePhase>().notNull(),
    pendingId: uuid('pending_id'),
    kind: text('kind').$type<MoveKind>().notNull(),
    productId: uuid('product_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    // Whose goods: the operator's, or the supplier's while on consignment (寄售) until sold.
    ownerOrgId: uuid('owner_org_id').notNull(),
    qty: integer('qty').notNull(),
    fromLocationId: uuid('from_location_id').notNull(),
    toLocationId: uuid('to_location_id').notNull(),
    // What caused it: a receipt, a transfer, a count (document), or an order line.
    documentId: uuid('document_id'),
    orderLineId: uuid('order_line_id'),
    at: ts('at').notNull(),
  },
  // Every index here is written for every reservation, shipment and receipt: only those a query
  // uses are kept (a product's history by product went unused and was dropped).
  (t) => [
    uniqueIndex('stock_move_pending_uq').on(t.pendingId),
    index('stock_move_order_line_idx').on(t.orderLineId),
    index('stock_move_lot_idx').on(t.lotId),
    check('stock_move_qty_ck', sql`${t.qty} > 0`),
    check('stock_move_phase_ck', sql`${t.phase} in ('single','pending','post','void')`),
    check('stock_move_pending_ck', sql`(${t.phase} in ('post','void')) = (${t.pendingId} is not null)`),
    check('stock_move_kind_ck', sql`${t.kind} in ('receipt','order','transfer','adjustment','return','scrap')`),
    check('stock_move_locations_ck', sql`${t.fromLocationId} <> ${t.toLocationId}`),
  ],
);

// The cache: on hand and reserved per (product, counted location, lot, owner), changed only in the
// transaction that writes the moves (apply-moves.ts) and rebuildable from them (verify-stock.ts).
// The checks are the last guard against overselling: no transaction can commit a negative
// quantity or reserve more than is on hand, whatever its code did.
export const stockQuant = pgTable(
  'stock_quant',
  {
    productId: uuid('product_id').notNull(),
    locationId: uuid('location_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    ownerOrgId: uuid('owner_org_id').notNull(),
    onHand: integer('on_hand').notNull(),
    reserved: integer('reserved').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.locationId, t.lotId, t.ownerOrgId] }),
    index('stock_quant_location_idx').on(t.locationId, t.productId),
    check('stock_quant_qty_ck', sql`${t.onHand} >= 0 and ${t.reserved} >= 0 and ${t.reserved} <= ${t.onHand}`),
  ],
);

// `lost`: a stock count did not find it on the shelf.
export type TraceUnitStatus = 'in_stock' | 'shipped' | 'installed' | 'returned' | 'scrapped' | 'revoked' | 'lost';

// One unit of a certified part, by the trace code printed on it (一物一码): where it is and what
// became of it. Car owners look codes up; recalls list the VINs a lot's units went to.
export const traceUnit = pgTable(
  'trace_unit',
  {
    code: text('code').primaryKey(),
    productId: uuid('product_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    locationId: uuid('location_id').notNull(),
    status: text('status').$type<TraceUnitStatus>().notNull(),
    receiptId: uuid('receipt_id').notNull(),
    orderLineId: uuid('order_line_id'),
    installedVin: text('installed_vin'),
    installedAt: ts('installed_at'),
    revokedReason: text('revoked_reason'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('trace_unit_lot_idx').on(t.lotId),
    index('trace_unit_location_idx').on(t.locationId, t.productId),
    index('trace_unit_order_line_idx').on(t.orderLineId),
    check('trace_unit_status_ck', sql`${t.status} in ('in_stock','shipped','installed','returned','scrapped','revoked','lost')`),
  ],
);

// An inbound receipt (入库) at a warehouse from a supplier: its lines became `receipt` moves.
export const stockReceipt = pgTable(
  'stock_receipt',
  {
    id: uuid('id').primaryKey(),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouse.id),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    // Consignment (寄售): the goods stay the supplier's until sold.
    consignment: boolean('consignment').notNull(),
    note: text('note'),
    // The purchase order it delivers, when it delivers one (purchasing module).
    purchaseOrderId: uuid('purchase_order_id'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('stock_receipt_warehouse_idx').on(t.warehouseId, t.id), index('stock_receipt_supplier_idx').on(t.supplierOrgId, t.id), index('stock_receipt_purchase_order_idx').on(t.purchaseOrderId)],
);

export type { TransferStatus };

// A transfer between two warehouses (调拨): the goods leave the source for the transit location at
// once and arrive at the destination when it receives them. Its lines are the moves.
export const stockTransfer = pgTable(
  'stock_transfer',
  {
    id: uuid('id').primaryKey(),
    fromWarehouseId: uuid('from_warehouse_id')
      .notNull()
      .references(() => warehouse.id),
    toWarehouseId: uuid('to_warehouse_id')
      .notNull()
      .references(() => warehouse.id),
    status: text('status').$type<TransferStatus>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    receivedBy: uuid('received_by'),
    receivedAt: ts('received_at'),
  },
  (t) => [
    index('stock_transfer_from_idx').on(t.fromWarehouseId, t.id),
    index('stock_transfer_to_idx').on(t.toWarehouseId, t.id),
    check('stock_transfer_status_ck', transferLifecycle.check(t.status)),
    check('stock_transfer_warehouses_ck', sql`${t.fromWarehouseId} <> ${t.toWarehouseId}`),
  ],
);

// A stock count (盘点) at a warehouse: what was counted against what the books said; differences
// were posted as adjustment moves to or from the loss location (document_id = the count).
export const stockCount = pgTable(
  'stock_count',
  {
    id: uuid('id').primaryKey(),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouse.id),
    lines: jsonb('lines').$type<{ productId: string; lotId: string; ownerOrgId: string; expected: number; counted: number }[]>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('stock_count_warehouse_idx').on(t.warehouseId, t.id)],
);

export type DemandSource = 'transfer' | 'purchase';
export type DemandStatus = 'open' | 'filled' | 'cancelled' | 'unsourced';

// A backorder (缺货待补): an order line the stock could not serve when it was placed, waiting at the
// warehouse that will ship it for goods on their way there, by a transfer from another warehouse
// or a purchase from the supplier. When goods of the product arrive at that warehouse, open demands
// are reserved oldest first (fill-demands.ts) and the order line moves on. `unsourced`: what was to
// source it failed (the supplier refused) and nothing else could; the platform must act.
export const stockDemand = pgTable(
  'stock_demand',
  {
    id: uuid('id').primaryKey(),
    orderLineId: uuid('order_line_id').notNull(),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouse.id),
    productId: uuid('product_id').notNull(),
    qty: integer('qty').notNull(),
    source: text('source').$type<DemandSource>().notNull(),
    // The transfer or purchase order bringing the goods.
    sourceDocumentId: uuid('source_document_id'),
    status: text('status').$type<DemandStatus>().notNull(),
    // The day it was promised for when the order was placed.
    etaDate: date('eta_date', { mode: 'string' }).notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    filledAt: ts('filled_at'),
  },
  (t) => [
    uniqueIndex('stock_demand_order_line_uq').on(t.orderLineId),
    index('stock_demand_open_idx').on(t.warehouseId, t.productId, t.id).where(sql`${t.status} = 'open'`),
    index('stock_demand_document_idx').on(t.sourceDocumentId),
    check('stock_demand_qty_ck', sql`${t.qty} > 0`),
    check('stock_demand_source_ck', sql`${t.source} in ('transfer','purchase')`),
    check('stock_demand_status_ck', sql`${t.status} in ('open','filled','cancelled','unsourced')`),
  ],
);

// Incoming (在途/已订购) from purchase orders: per purchase order line, what is still to arrive at
// the warehouse. Kept by the purchasing module in the transaction that changes the line, shown by
// the stock API beside on hand and reserved, and rebuildable from the purchase orders. (Incoming by
// transfer needs no row: it is the transfer's quants in transit.)
export const stockIncoming = pgTable(
  'stock_incoming',
  {
    documentLineId: uuid('document_line_id').primaryKey(),
    documentId: uuid('document_id').notNull(),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouse.id),
    productId: uuid('product_id').notNull(),
    qty: integer('qty').notNull(),
    expectedDate: date('expected_date', { mode: 'string' }),
  },
  (t) => [index('stock_incoming_warehouse_idx').on(t.warehouseId, t.productId), index('stock_incoming_document_idx').on(t.documentId), check('stock_incoming_qty_ck', sql`${t.qty} > 0`)],
);
