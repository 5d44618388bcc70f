// Inventory: warehouses and their coverage, the location tree, lots and trace codes, inbound
// receipts, and stock as immutable moves with a cache of quants. Orders reserve and release stock
// only through reserveStock and resolveReservations.
export { inventoryRoutes } from './routes.ts';
export { reserveStock, type ReserveLine, type ReservedLine, type ReserveResult } from './reserve.ts';
export { resolveReservations } from './resolve-reservations.ts';
export { installLineUnits, releaseLineUnits, reservedLots, scanUnitsForLines, shipLineUnits, takeBackLine, unitsByCode, type LineToScan, type ReservedLot, type ScannedUnit } from './order-units.ts';
export { applyMoves, type NewMove } from './apply-moves.ts';
export { verifyStock, type VerifyReport } from './stock/verify-stock.ts';
export { virtualLocations } from './locations.ts';
export { warehouse, warehouseCoverage, stockLocation, stockLot, stockMove, stockQuant, traceUnit, stockReceipt } from './tables.ts';
export type { ShortLine } from './allocate.ts';
export { newTraceCode, readTraceCode, traceCodeField, type TraceCodeReading } from './trace-code.ts';
export { findWarehouse, warehouseScope } from './access.ts';
export { setStockLevels } from './stock-levels/set-stock-levels.ts';
export { DEFAULT_STOCK_LOT } from './stock-levels/schemas.ts';
