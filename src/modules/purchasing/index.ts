// Purchasing (采购): purchase orders to suppliers, their lifecycle, receipts against them, and
// replenishment. Orders raise purchase orders for backordered lines through purchaseOrderWrites, with the order's own write.
export { raisePurchaseOrder, purchaseOrderWrites, MAX_PURCHASE_ORDER_LINES, type RaiseInput, type RaiseLine, type RaisedPurchaseOrder } from './raise-purchase-order.ts';
export { purchaseOrder, purchaseOrderLine, purchaseOrderHistory, replenishmentRule } from './tables.ts';
export { purchasingRoutes } from './routes.ts';
export { expectedIncoming } from './incoming.ts';
export { replenishWarehouse, OUTFLOW_DAYS, type ReplenishmentRun } from './replenishment/replenish.ts';
export { startReplenishmentJob, runDailyReplenishment, type ReplenishmentJob, type WarehouseOutcome } from './replenishment/daily-job.ts';
