// Inventory: warehouses and their coverage, the location tree, lots and trace codes, inbound
// receipts, and stock as immutable moves with a cache of quants. Orders reserve and release stock
// only through the sourcing core (loadSourcingWorld + planSourcing, then applyMoves), fillDemands
// and resolveReservations.
export { inventoryRoutes } from './routes.ts';
export { resolveReservations } from './resolve-reservations.ts';
export {
  installLineUnits,
  releaseLineUnits,
  reservedLots,
  scanProblems,
  scanUnitsForLines,
  shipLineUnits,
  takeBackLine,
  unitsByCode,
  lineGoods,
  type LineGoods,
  type LineToScan,
  type ReservedLot,
  type ScannedUnit,
  type UnitAtScan,
} from './order-units.ts';
export { applyMoves, movesOnLockedQuants, type NewMove } from './apply-moves.ts';
export { verifyStock, type VerifyReport } from './stock/verify-stock.ts';
export { virtualLocations } from './locations.ts';
export { warehouse, warehouseCoverage, stockLocation, stockLot, stockMove, stockQuant, traceUnit, stockReceipt, stockDemand, stockIncoming } from './tables.ts';
export { planSourcing, homeWarehouse, sourceKinds, type LineSource, type SourceKind, type SourcingLine, type SourcingWorld, type UnsourceableReason } from './sourcing/plan-sourcing.ts';
export { loadSourcingWorld, DEFAULT_LINE_HAUL_DAYS, INBOUND_DAYS_ELSEWHERE, INBOUND_DAYS_SAME_PROVINCE } from './sourcing/sourcing-world.ts';
export { newTraceCode, readTraceCode, traceCodeField, type TraceCodeReading } from './trace-code.ts';
export { findWarehouse, warehouseScope } from './access.ts';
export {
  cancelDemands,
  demandRows,
  demandsInsert,
  demandsOfDocument,
  reopenDemands,
  fillDemands,
  fillDemandsWhereFreed,
  onDemandsFilled,
  onDemandsUnsourced,
  planFills,
  unsourceDemands,
  type DemandsFilledListener,
  type DemandsUnsourcedListener,
  type FilledDemand,
  type NewDemand,
  type UnsourcedDemand,
} from './sourcing/demands.ts';
// Lot recalls (召回, issue 10): the trace module's recall command marks the lot and asks which lines
// and warehouses hold it.
export { markLotRecalled, type RecallMark, type RecallMarkResult } from './recall/mark-lot-recalled.ts';
export { openLinesHoldingLot, MAX_OPEN_LINES_PER_RECALL } from './recall/open-lines-holding-lot.ts';
export { lotStock, type LotStockAt } from './recall/lot-stock.ts';
export { dropIncoming, putIncoming } from './incoming/write-incoming.ts';
export { verifyIncoming, type ExpectedIncoming, type IncomingMismatch, type IncomingReport } from './stock/verify-incoming.ts';
export { stockFacts, MAX_FACT_PRODUCTS, type StockFacts } from './stock/stock-facts.ts';
export { createReceipt, type ReceiptOptions } from './receipts/create-receipt.ts';
export { CreateReceiptInput, ReceiptDto, ReceiptLineInput, MAX_RECEIPT_LINES } from './receipts/schemas.ts';
export { setStockLevels } from './stock-levels/set-stock-levels.ts';
export { DEFAULT_STOCK_LOT } from './stock-levels/schemas.ts';
export { sendTransfer } from './transfers/create-transfer.ts';
