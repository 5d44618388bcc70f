// Traceability (追溯): the public trace-code lookup (一物一码: one code per certified unit, read by
// car owners without an account) and lot recalls (召回: which order lines, shops, claims and VINs
// received units of a lot, and the recall itself, which stops the lot and tells them), over HTTP
// and the CLI. It owns no tables: it reads inventory's units, lots and moves (and has inventory
// mark a lot recalled), orders, claims, the catalog's products and identity's organisations, and
// counts its public lookups in the platform's rate-limit table.
export { traceRoutes } from './routes.ts';
export {
  TRACE_VEHICLE_LOOKUPS_PER_WINDOW,
  traceVehicleLookupLimits,
  TRACE_LOOKUPS_PER_WINDOW,
  TRACE_LOOKUPS_ALL_PER_WINDOW,
  TRACE_LOOKUP_WINDOW_MS,
  TRACE_LOOKUP_WINDOW_S,
  clientKey,
  traceLookupLimits,
} from './lookup-limit.ts';
export { registerTraceCommand, traceLotReport, traceRecallReport } from './cli.ts';
export { codeToLookUp, lookupTraceCode } from './lookup-trace-code.ts';
export { lookupVehicle, MAX_VEHICLE_CLAIMS, MAX_VEHICLE_PARTS } from './lookup-vehicle.ts';
export { lotRecipients, MAX_LOTS_PER_NUMBER } from './lot-recipients.ts';
export { recallLot, MAX_RECALL_RECIPIENT_LINES } from './recall-lot.ts';
export { recallNotices, LOT_RECALLED_EVENT, MAX_NOTICE_LINES } from './recall-notices.ts';
export { maskVin } from './vin-mask.ts';
export { TraceVehicleDto, TraceVehicleInput, TraceVehiclePartDto, TraceLookupDto, LotRecipientsDto, LotRecipientsQuery, RecipientDto, RecallLotDto, RecallDto, RecallLotInput } from './dto.ts';
