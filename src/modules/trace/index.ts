// Traceability (追溯): the public trace-code lookup (一物一码: one code per certified unit, read by
// car owners without an account) and lot recalls (召回: which order lines, shops, claims and VINs
// received units of a lot), over HTTP and the CLI. It owns no tables: it reads inventory's units,
// lots and moves, orders, claims, the catalog's products and identity's organisations, and counts
// its public lookups in the platform's rate-limit table.
export { traceRoutes } from './routes.ts';
export { TRACE_LOOKUPS_PER_WINDOW, TRACE_LOOKUPS_ALL_PER_WINDOW, TRACE_LOOKUP_WINDOW_MS, TRACE_LOOKUP_WINDOW_S, clientKey, traceLookupLimits } from './lookup-limit.ts';
export { registerTraceCommand, traceLotReport } from './cli.ts';
export { codeToLookUp, lookupTraceCode } from './lookup-trace-code.ts';
export { lotRecipients, MAX_LOTS_PER_NUMBER } from './lot-recipients.ts';
export { maskVin } from './vin-mask.ts';
export { TraceLookupDto, LotRecipientsDto, LotRecipientsQuery, RecipientDto, RecallLotDto } from './dto.ts';
