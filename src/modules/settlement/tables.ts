import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { type FinancingStatus, financingLifecycle } from './financing/lifecycle.ts';
import { payoutLifecycle, type PayoutStatus } from './payouts/lifecycle.ts';
import { refundLifecycle, type RefundStatus } from './refunds/lifecycle.ts';
import { statementLifecycle, type StatementStatus } from './statements/lifecycle.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'bigint' });

// Settlement (结算): statements to payers, the payments they make, invoices, and payouts to
// suppliers, all reconciled with the ledger, which alone moves money. References into other
// modules (organisations, order lines, claims, ledger transfers) carry no foreign keys.

export type PayerKind = 'insurer' | 'repair_shop';

// A statement (对账单) to one payer for one period: the lines its receivable posted in the period
// (accepted order lines) and the credits. Its totals are the sums of its lines, which are the sums
// of the ledger's transfers for them.
export const statement = pgTable(
  'statement',
  {
    id: uuid('id').primaryKey(),
    statementNo: text('statement_no').notNull(),
    payerOrgId: uuid('payer_org_id').notNull(),
    payerKind: text('payer_kind').$type<PayerKind>().notNull(),
    // The period, days in China time, both included.
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    status: text('status').$type<StatementStatus>().notNull(),
    lineCount: integer('line_count').notNull(),
    // Sales: net of VAT, the VAT, the handling fees; credits (negative on the payer's side) apart.
    netFen: fen('net_fen').notNull(),
    vatFen: fen('vat_fen').notNull(),
    handlingFeeFen: fen('handling_fee_fen').notNull(),
    creditFen: fen('credit_fen').notNull().default(sql`0`),
    // What the payer owes on it: net + VAT + handling fees − credits.
    totalFen: fen('total_fen').notNull(),
    // What payments matched to it so far.
    paidFen: fen('paid_fen').notNull().default(sql`0`),
    // The payer's rule when it was issued: no "paid" without its invoices recorded.
    invoiceRequired: boolean('invoice_required').notNull().default(true),
    dispute: jsonb('dispute').$type<StatementDispute | null>(),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    issuedBy: uuid('issued_by'),
    issuedAt: ts('issued_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('statement_no_uq').on(t.statementNo),
    index('statement_payer_idx').on(t.payerOrgId, t.id),
    index('statement_status_idx').on(t.status, t.id),
    check('statement_status_ck', statementLifecycle.check(t.status)),
    check('statement_payer_kind_ck', sql`${t.payerKind} in ('insurer','repair_shop')`),
    check('statement_period_ck', sql`${t.periodFrom} <= ${t.periodTo}`),
    check('statement_money_ck', sql`${t.netFen} >= 0 and ${t.vatFen} >= 0 and ${t.handlingFeeFen} >= 0 and ${t.creditFen} >= 0 and ${t.paidFen} >= 0`),
  ],
);

export type StatementDispute = {
  raisedBy: string;
  raisedAt: string;
  lines: { orderLineId: string; reason: string; resolution?: { kind: 'credit' | 'confirm'; creditFen: number; note: string | null; by: string; at: string } }[];
};

export type StatementLineKind = 'sale' | 'credit' | 'return';

// One order line on a statement: its sale (what the ledger posted when the shop accepted it), a
// credit against it (a dispute settled by a credit note), or its return (sent back after it was
// accepted: its sale reversed, credited whole less any credit note already given). An order line's
// sale is on one statement at most, and so are each credit and its return (the unique indexes):
// every accepted line is billed exactly once, and credited for its return once.
export const statementLine = pgTable(
  'statement_line',
  {
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statement.id),
    orderLineId: uuid('order_line_id').notNull(),
    kind: text('kind').$type<StatementLineKind>().notNull(),
    // For a credit: the credit note's transfer id (a line may be credited more than once).
    creditId: uuid('credit_id'),
    orderId: uuid('order_id').notNull(),
    claimId: uuid('claim_id'),
    postedAt: ts('posted_at').notNull(),
    netFen: fen('net_fen').notNull(),
    vatFen: fen('vat_fen').notNull(),
    handlingFeeFen: fen('handling_fee_fen').notNull(),
    totalFen: fen('total_fen').notNull(),
  },
  (t) => [
    uniqueIndex('statement_line_sale_uq').on(t.orderLineId).where(sql`${t.kind} = 'sale'`),
    uniqueIndex('statement_line_credit_uq').on(t.creditId),
    uniqueIndex('statement_line_return_uq').on(t.orderLineId).where(sql`${t.kind} = 'return'`),
    index('statement_line_statement_idx').on(t.statementId, t.orderLineId, t.kind),
    check('statement_line_kind_ck', sql`${t.kind} in ('sale','credit','return') and (${t.kind} = 'credit') = (${t.creditId} is not null)`),
  ],
);

export type PayoutCycle = 'daily' | 'weekly' | 'monthly';

// Each organisation's settlement terms, set by the platform: a payer's rule on invoices (no
// statement paid without them), a supplier's payment terms (T+N days after the sale, paid on the
// cycle's run days). An organisation without a row has the defaults.
export const settlementTerms = pgTable(
  'settlement_terms',
  {
    orgId: uuid('org_id').primaryKey(),
    invoiceRequired: boolean('invoice_required').notNull().default(true),
    payoutDays: integer('payout_days').notNull().default(30),
    payoutCycle: text('payout_cycle').$type<PayoutCycle>().notNull().default('daily'),
    // A funder's annual rate on the advances it funds, basis points; null: the platform's.
    financingRateBp: integer('financing_rate_bp'),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    check('settlement_terms_ck', sql`${t.payoutDays} >= 0 and ${t.payoutDays} <= 180 and ${t.payoutCycle} in ('daily','weekly','monthly')`),
    check('settlement_terms_rate_ck', sql`${t.financingRateBp} is null or (${t.financingRateBp} >= 1 and ${t.financingRateBp} <= 2400)`),
  ],
);

export type InvoiceKind = 'special' | 'ordinary';

// A VAT invoice (发票) as a record: the platform's to a payer for a statement, or a payee's to the
// platform for a payout; or a red-letter one (红字发票) taking back part or all of one of those, kept
// negative so that a statement's or payout's invoices add up. Its number is the tax authority's,
// unique nationwide.
export const invoice = pgTable(
  'invoice',
  {
    id: uuid('id').primaryKey(),
    invoiceNo: text('invoice_no').notNull(),
    // 专票 (special: the receiver deducts its input VAT) or 普票 (ordinary).
    kind: text('kind').$type<InvoiceKind>().notNull(),
    // Null: the platform.
    issuerOrgId: uuid('issuer_org_id'),
    receiverOrgId: uuid('receiver_org_id'),
    amountFen: fen('amount_fen').notNull(),
    taxFen: fen('tax_fen').notNull(),
    totalFen: fen('total_fen').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    statementId: uuid('statement_id'),
    payoutId: uuid('payout_id'),
    reversesInvoiceId: uuid('reverses_invoice_id'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('invoice_no_uq').on(t.invoiceNo),
    index('invoice_statement_idx').on(t.statementId),
    index('invoice_payout_idx').on(t.payoutId),
    check('invoice_kind_ck', sql`${t.kind} in ('special','ordinary')`),
    index('invoice_reverses_idx').on(t.reversesInvoiceId),
    check(
      'invoice_money_ck',
      sql`${t.totalFen} = ${t.amountFen} + ${t.taxFen} and case when ${t.reversesInvoiceId} is null then ${t.amountFen} > 0 and ${t.taxFen} >= 0 else ${t.amountFen} < 0 and ${t.taxFen} <= 0 end`,
    ),
    check('invoice_link_ck', sql`(${t.statementId} is null) <> (${t.payoutId} is null)`),
  ],
);

// Money a payer sent to the platform's bank (收款), as the platform's finance team records it from
// the bank statement: posted to the ledger at once (the payer owes less), and matched to statements
// in whole or in part, or sent back (refunded, below). What is neither stays visible
// (amount − allocated − refunded).
export const payment = pgTable(
  'payment',
  {
    id: uuid('id').primaryKey(),
    paymentNo: text('payment_no').notNull(),
    payerOrgId: uuid('payer_org_id').notNull(),
    amountFen: fen('amount_fen').notNull(),
    allocatedFen: fen('allocated_fen').notNull().default(sql`0`),
    // Asked to be sent back or sent back (refunds requested or refunded): held from matches.
    refundedFen: fen('refunded_fen').notNull().default(sql`0`),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    // The bank's reference (流水号): one payment per bank line.
    bankRef: text('bank_ref').notNull(),
    payerName: text('payer_name'),
    // The account it came from (对方账号), as the bank statement shows it: a bank statement import
    // recognises the payer by the accounts and names its earlier payments came from.
    payerAccount: text('payer_account'),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('payment_no_uq').on(t.paymentNo),
    uniqueIndex('payment_bank_ref_uq').on(t.bankRef),
    index('payment_payer_idx').on(t.payerOrgId, t.id),
    index('payment_payer_account_idx').on(t.payerAccount),
    index('payment_payer_name_idx').on(t.payerName),
    check('payment_money_ck', sql`${t.amountFen} > 0 and ${t.allocatedFen} >= 0 and ${t.refundedFen} >= 0 and ${t.allocatedFen} + ${t.refundedFen} <= ${t.amountFen}`),
  ],
);

// Part of a payment sent back to its payer (退款): an over-payment, money sent twice. Asked by the
// platform's finance team, approved by a second person, when the ledger posts it (refunds/). The
// bank's own confirmation or return of the transfer is not recorded yet (payouts have it).
export const paymentRefund = pgTable(
  'payment_refund',
  {
    id: uuid('id').primaryKey(),
    refundNo: text('refund_no').notNull(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payment.id),
    payerOrgId: uuid('payer_org_id').notNull(),
    amountFen: fen('amount_fen').notNull(),
    // The account it goes back to (收款账号): the one the payment came from unless the clerk named
    // another (the approver is shown which).
    toAccount: text('to_account').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<RefundStatus>().notNull(),
    // Who asked: a user, or an API key (the person behind it counts for four eyes).
    requestedBy: uuid('requested_by').notNull(),
    requestedAt: ts('requested_at').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    refusal: text('refusal'),
  },
  (t) => [
    uniqueIndex('payment_refund_no_uq').on(t.refundNo),
    index('payment_refund_payment_idx').on(t.paymentId),
    index('payment_refund_payer_idx').on(t.payerOrgId, t.id),
    index('payment_refund_status_idx').on(t.status, t.id),
    check('payment_refund_amount_ck', sql`${t.amountFen} > 0`),
    check('payment_refund_status_ck', refundLifecycle.check(t.status)),
  ],
);

// Part of a payment matched to a statement.
export const paymentAllocation = pgTable(
  'payment_allocation',
  {
    id: uuid('id').primaryKey(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payment.id),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statement.id),
    amountFen: fen('amount_fen').notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('payment_allocation_payment_idx').on(t.paymentId), index('payment_allocation_statement_idx').on(t.statementId), check('payment_allocation_ck', sql`${t.amountFen} > 0`)],
);

// Suppliers (their payable), repair shops (their handling fees) and funders (what the platform
// passes on to them when the insurers pay the receivables they advanced on).
export type PayeeKind = 'supplier' | 'repair_shop' | 'funder';

// A payout (付款): what the platform pays one payee on one run day, everything its payable posted up
// to the day its terms make due and no other payout took (the items, each a ledger transfer on the
// payable: what it was owed, less fees and corrections). Its id is derived from the payee and the
// run day, so a run done twice, or resumed after it was killed, pays each payee once a day.
export const payout = pgTable(
  'payout',
  {
    id: uuid('id').primaryKey(),
    payoutNo: text('payout_no').notNull(),
    payeeOrgId: uuid('payee_org_id').notNull(),
    payeeKind: text('payee_kind').$type<PayeeKind>().notNull(),
    runDate: date('run_date', { mode: 'string' }).notNull(),
    // Everything posted up to the end of this day (China time) was due.
    dueThrough: date('due_through', { mode: 'string' }).notNull(),
    status: text('status').$type<PayoutStatus>().notNull(),
    itemCount: integer('item_count').notNull(),
    creditsFen: fen('credits_fen').notNull(),
    debitsFen: fen('debits_fen').notNull(),
    amountFen: fen('amount_fen').notNull(),
    bankRef: text('bank_ref'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('payout_no_uq').on(t.payoutNo),
    index('payout_payee_idx').on(t.payeeOrgId, t.id),
    index('payout_run_idx').on(t.runDate, t.id),
    check('payout_status_ck', payoutLifecycle.check(t.status)),
    check('payout_payee_kind_ck', sql`${t.payeeKind} in ('supplier','repair_shop','funder')`),
    check('payout_money_ck', sql`${t.amountFen} > 0 and ${t.amountFen} = ${t.creditsFen} - ${t.debitsFen} and ${t.itemCount} > 0`),
  ],
);

// One ledger transfer on a payee's payable, paid by one payout: the primary key makes "paid once" a
// fact of the database. A returned payout's items are released for the next run.
export const payoutItem = pgTable(
  'payout_item',
  {
    transferId: uuid('transfer_id').primaryKey(),
    payoutId: uuid('payout_id')
      .notNull()
      .references(() => payout.id),
    // Signed: what the payee was owed (positive) or what was taken from it (fees, corrections).
    amountFen: fen('amount_fen').notNull(),
  },
  (t) => [index('payout_item_payout_idx').on(t.payoutId)],
);

// Receivables financing (应收账款融资): a supplier's advance on what the platform owes it for lines
// the insurer has approved (on a confirmed statement), from the platform or from a funder
// organisation, repaid out of that money when the insurer pays. References into other modules (organisations, order lines, statements) carry no foreign keys.
export const financingRequest = pgTable(
  'financing_request',
  {
    id: uuid('id').primaryKey(),
    requestNo: text('request_no').notNull(),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    // Who advances the money and decides: a funder organisation (资金方) the supplier named, or null
    // for the platform itself.
    funderOrgId: uuid('funder_org_id'),
    status: text('status').$type<FinancingStatus>().notNull(),
    // What the receivables are worth, the discount fee, and what the supplier gets: face − fee.
    faceFen: fen('face_fen').notNull(),
    feeFen: fen('fee_fen').notNull(),
    advanceFen: fen('advance_fen').notNull(),
    annualRateBp: integer('annual_rate_bp').notNull(),
    // When the insurer is expected to pay (the latest of the statements' due days), and the days
    // the fee is charged for, from the day it was priced.
    expectedPayDate: date('expected_pay_date', { mode: 'string' }).notNull(),
    days: integer('days').notNull(),
    requestedBy: uuid('requested_by'),
    approvedBy: uuid('approved_by'),
    fundedBy: uuid('funded_by'),
    refusedReason: text('refused_reason'),
    fundedAt: ts('funded_at'),
    repaidAt: ts('repaid_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('financing_request_no_uq').on(t.requestNo),
    index('financing_request_supplier_idx').on(t.supplierOrgId, t.id),
    index('financing_request_funder_idx').on(t.funderOrgId, t.id),
    index('financing_request_status_idx').on(t.status, t.id),
    check('financing_request_status_ck', financingLifecycle.check(t.status)),
    check('financing_request_money_ck', sql`${t.faceFen} > 0 and ${t.feeFen} >= 0 and ${t.advanceFen} = ${t.faceFen} - ${t.feeFen} and ${t.advanceFen} > 0 and ${t.days} >= 1`),
  ],
);

// One order line financed: its primary key makes "no line financed twice" a fact of the database.
// A refused request's lines are released (deleted), free to be asked for again.
export const financingItem = pgTable(
  'financing_item',
  {
    orderLineId: uuid('order_line_id').primaryKey(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => financingRequest.id),
    statementId: uuid('statement_id').notNull(),
    faceFen: fen('face_fen').notNull(),
    // When the insurer's payment repaid it (its statement paid).
    repaidAt: ts('repaid_at'),
  },
  (t) => [index('financing_item_request_idx').on(t.requestId), index('financing_item_statement_idx').on(t.statementId), check('financing_item_face_ck', sql`${t.faceFen} > 0`)],
);
