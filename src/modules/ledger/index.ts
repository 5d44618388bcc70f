// The ledger (总账, issue 13): a double-entry book after TigerBeetle, through which every fen moves.
// The chart of accounts and the transfer codes are data (chart.ts, transfer-codes.ts); one pure
// function decides every posting (create-transfers.ts) and postTransfers runs it in the caller's
// transaction. The rules that turn what happens (an order placed, a line accepted, goods received)
// into transfers are pure too (rules/).
export { accountCodes, chart, isAccountCode, type AccountCode } from './chart.ts';
export { transferCodes, transferCodeList, type TransferCode } from './transfer-codes.ts';
export { accountId, accountRef, type AccountRef } from './account-id.ts';
export { createTransfers, resultCodes, type ResultCode, type TransferInput } from './create-transfers.ts';
export { postTransfers, expectPosted, MAX_BATCH, type Posted, type TransferDraft } from './post-transfers.ts';
export { payerAccount, salesPending, salesResolved, saleTransferId, type SaleLine } from './rules/sales.ts';
export { goodsBought, netCostOf, type BoughtLine } from './rules/purchases.ts';
export { goodsSold, type SoldLine, type SoldPart } from './rules/goods-sold.ts';
export { feeRatesOn, feeOf, DEFAULT_FEE_BP } from './fee-rates.ts';
export { averageCosts, valueIn, valueOut, type ValueIn } from './valuation.ts';
export { stockChanges, type StockChange } from './rules/stock-losses.ts';
export { linesInBooks } from './lines-in-books.ts';
export { saleReturned, ownCostReturned, type LineTransfer } from './rules/sale-returned.ts';
export { saleTransfersOf } from './line-transfers.ts';
export { ledgerAccount, ledgerTransfer, stockValuation, supplierFeeRate } from './tables.ts';
export { ledgerRoutes } from './routes.ts';
export { trialBalance, type TrialBalance, type AccountCodeLine, type TransferCodeLine } from './trial-balance.ts';
export { verifyLedger, type LedgerReport, MAX_LISTED } from './verify/verify-ledger.ts';
export { registerLedgerCommand, ledgerVerify } from './verify/cli.ts';
