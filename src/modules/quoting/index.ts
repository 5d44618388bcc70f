// Quoting's surface for other modules: what a price check approved, for the orders it becomes.
export { approvedLinesOf, type ApprovedLine } from './approve/approved-lines.ts';
export { quoteLine } from './tables.ts';
