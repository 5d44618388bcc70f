import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { type AccountCode, accountCodes } from './chart.ts';
import type { Phase } from './create-transfers.ts';
import { type TransferCode, transferCodeList } from './transfer-codes.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'bigint' });
const oneOf = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

// The ledger, after TigerBeetle: accounts with their debits and credits, pending and posted, and
// insert-only transfers between them. Money moves only here. The balances are a cache of the
// transfers, changed in the transaction that inserts them and rebuilt and compared by
// `anpei ledger verify`. References into other modules (organisations, claims, orders, returns,
// purchase orders) carry no foreign keys: each module owns only its own tables.

// An account: one code of the chart (chart.ts) for one organisation (null: the platform's books),
// and for some of the platform's accounts one counterparty. Its id is derived from those three
// (account-id.ts), so that anyone can name an account without reading it, and opening it twice
// opens it once.
export const ledgerAccount = pgTable(
  'ledger_account',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id'),
    code: text('code').$type<AccountCode>().notNull(),
    partnerOrgId: uuid('partner_org_id'),
    debitsPending: fen('debits_pending').notNull().default(sql`0`),
    debitsPosted: fen('debits_posted').notNull().default(sql`0`),
    creditsPending: fen('credits_pending').notNull().default(sql`0`),
    creditsPosted: fen('credits_posted').notNull().default(sql`0`),
    // Set by the platform's finance team on a receivable (chart.ts: creditLimit).
    creditLimitFen: fen('credit_limit_fen'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('ledger_account_org_idx').on(t.orgId, t.code),
    check('ledger_account_code_ck', sql`${t.code} in (${oneOf(accountCodes)})`),
    check('ledger_account_balances_ck', sql`${t.debitsPending} >= 0 and ${t.debitsPosted} >= 0 and ${t.creditsPending} >= 0 and ${t.creditsPosted} >= 0`),
    check('ledger_account_limit_ck', sql`${t.creditLimitFen} is null or ${t.creditLimitFen} >= 0`),
  ],
);

// A transfer: an amount from one account's debit to another's credit, for a reason (code), never
// changed once written. A pending one is resolved by exactly one later post or void naming it (the
// unique index on pending_id); a correction is a reversing transfer naming the one it reverses.
export const ledgerTransfer = pgTable(
  'ledger_transfer',
  {
    // The idempotency key: whoever posts derives it from what caused the transfer (ids.ts).
    id: uuid('id').primaryKey(),
    phase: text('phase').$type<Phase>().notNull(),
    code: text('code').$type<TransferCode>().notNull(),
    debitAccountId: uuid('debit_account_id')
      .notNull()
      .references(() => ledgerAccount.id),
    creditAccountId: uuid('credit_account_id')
      .notNull()
      .references(() => ledgerAccount.id),
    amountFen: fen('amount_fen').notNull(),
    pendingId: uuid('pending_id'),
    reversesId: uuid('reverses_id'),
    // What caused it.
    claimId: uuid('claim_id'),
    orderId: uuid('order_id'),
    orderLineId: uuid('order_line_id'),
    returnId: uuid('return_id'),
    purchaseOrderId: uuid('purchase_order_id'),
    documentId: uuid('document_id'),
    statementId: uuid('statement_id'),
    paymentId: uuid('payment_id'),
    payoutId: uuid('payout_id'),
    financingId: uuid('financing_id'),
    partnerOrgId: uuid('partner_org_id'),
    // Insertion order, for keyset pages of an account's transfers and for "since" reads.
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: ts('at').notNull(),
  },
  (t) => [
    // Most transfers have neither, nor a statement: these indexes keep only the rows that do, so a
    // batch writes three index entries fewer per transfer. Queries by them say `is not null` where
    // the planner cannot see it (`= any(…)`).
    uniqueIndex('ledger_transfer_pending_uq').on(t.pendingId).where(sql`${t.pendingId} is not null`),
    uniqueIndex('ledger_transfer_reverses_uq').on(t.reversesId).where(sql`${t.reversesId} is not null`),
    index('ledger_transfer_debit_idx').on(t.debitAccountId, t.seq),
    index('ledger_transfer_credit_idx').on(t.creditAccountId, t.seq),
    index('ledger_transfer_order_line_idx').on(t.orderLineId),
    // A statement gathers what a payer's receivable posted in its period.
    index('ledger_transfer_posted_debit_at_idx').on(t.debitAccountId, t.at).where(sql`${t.phase} = 'post'`),
    index('ledger_transfer_statement_idx').on(t.statementId).where(sql`${t.statementId} is not null`),
    // A statement gathers what returns credited a payer's receivable in its period.
    index('ledger_transfer_return_credit_at_idx').on(t.creditAccountId, t.at).where(sql`${t.returnId} is not null`),
    check('ledger_transfer_amount_ck', sql`${t.amountFen} > 0`),
    check('ledger_transfer_accounts_ck', sql`${t.debitAccountId} <> ${t.creditAccountId}`),
    check('ledger_transfer_phase_ck', sql`${t.phase} in ('single','pending','post','void')`),
    check('ledger_transfer_pending_ck', sql`(${t.phase} in ('post','void')) = (${t.pendingId} is not null)`),
    check('ledger_transfer_code_ck', sql`${t.code} in (${oneOf(transferCodeList)})`),
  ],
);

// The platform's average cost of the stock it owns, per product (Odoo's AVCO): what the units it
// bought outright cost, net of VAT, so that a sale or a loss takes out its share. The sum of the
// values is the platform_inventory account's balance (checked by `ledger verify`).
export const stockValuation = pgTable(
  'stock_valuation',
  {
    productId: uuid('product_id').primaryKey(),
    qty: integer('qty').notNull(),
    valueFen: fen('value_fen').notNull(),
  },
  (t) => [check('stock_valuation_ck', sql`${t.qty} >= 0 and ${t.valueFen} >= 0 and (${t.qty} > 0 or ${t.valueFen} = 0)`)],
);

// The platform's fee on a supplier's sales, in basis points, from a day on (changes are dated: a
// sale takes the rate in force on its day). A supplier with none pays the default (fee-rates.ts).
export const supplierFeeRate = pgTable(
  'supplier_fee_rate',
  {
    supplierOrgId: uuid('supplier_org_id').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    rateBp: integer('rate_bp').notNull(),
    setBy: uuid('set_by'),
    setAt: ts('set_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.supplierOrgId, t.fromDate] }), check('supplier_fee_rate_ck', sql`${t.rateBp} >= 0 and ${t.rateBp} <= 3000`)],
);
