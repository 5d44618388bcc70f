// Settlement (结算, issue 13): statements to payers, the payments they make, invoices; all of it
// reconciled with the ledger, which alone moves money.
export { settlementRoutes } from './routes.ts';
export { statement, statementLine, payment, paymentAllocation, invoice, settlementTerms } from './tables.ts';
export { statementLifecycle } from './statements/lifecycle.ts';
