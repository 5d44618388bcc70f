// Settlement (结算, issue 13): statements to payers, the payments they make, invoices; all of it
// reconciled with the ledger, which alone moves money.
export { settlementRoutes } from './routes.ts';
export { statement, statementLine, payment, paymentAllocation, invoice, settlementTerms, payout, payoutItem, financingRequest, financingItem } from './tables.ts';
export { financingLifecycle } from './financing/lifecycle.ts';
export { statementLifecycle } from './statements/lifecycle.ts';
export { payoutLifecycle } from './payouts/lifecycle.ts';
export { registerPayoutsCommand, payoutsRun } from './payouts/cli.ts';
export { runPayouts, type RunReport } from './payouts/run-payouts.ts';
export { startPayoutJob } from './payouts/daily-job.ts';
