import { useQuery } from '@tanstack/react-query';
import { call, client } from '../../api/client.ts';
import type { ApiBody, ApiQuery, Schema } from '../../api/types.ts';

// The answers this workbench reads, named from the generated types (never copied by hand).
export type Statement = Schema<'Statement'>;
export type StatementStatus = Statement['status'];
export type StatementLine = Schema<'StatementLine'>;
export type Dispute = NonNullable<Statement['dispute']>;
export type DisputeLine = Dispute['lines'][number];
export type Payment = Schema<'Payment'>;
export type Invoice = Schema<'Invoice'>;
export type LedgerAccount = Schema<'LedgerAccount'>;
export type AccountCode = LedgerAccount['code'];
export type LedgerTransfer = Schema<'LedgerTransfer'>;
export type TransferCode = LedgerTransfer['code'];
export type TrialBalance = Schema<'TrialBalance'>;
export type Org = Schema<'Org'>;
export type DisputeBody = ApiBody<'/api/v1/statements/{id}/dispute'>;
export type ResolveBody = ApiBody<'/api/v1/statements/{id}/resolve'>;
export type PaymentBody = ApiBody<'/api/v1/payments'>;
export type InvoiceBody = ApiBody<'/api/v1/invoices'>;
export type Refund = Schema<'Refund'>;
export type RefundStatus = Refund['status'];
export type Payout = Schema<'Payout'>;
export type PayoutStatus = Payout['status'];
export type RemittanceLine = Schema<'RemittanceLine'>;
export type PayoutRun = Schema<'PayoutRun'>;
export type FinancingRequest = Schema<'FinancingRequest'>;
export type FinancingStatus = FinancingRequest['status'];
export type Receivable = Schema<'FinanceableReceivable'>;
export type FinancingLimit = Schema<'FinancingLimit'>;
// Who may fund a request: the platform (id null) and the funder organisations (资金方).
export type Funder = Schema<'Funder'>;
export type SettlementTerms = Schema<'SettlementTerms'>;
export type SupplierFeeRates = Schema<'SupplierFeeRates'>;
export type PayoutsQuery = ApiQuery<'/api/v1/payouts'>;
export type FinancingQuery = ApiQuery<'/api/v1/financing/requests'>;
export type StatementsQuery = ApiQuery<'/api/v1/statements'>;
export type PaymentsQuery = ApiQuery<'/api/v1/payments'>;
export type AccountsQuery = ApiQuery<'/api/v1/ledger/accounts'>;
export type TransfersQuery = ApiQuery<'/api/v1/ledger/transfers'>;

// The payout and financing lifecycles, in their tables' order (settlement/payouts/lifecycle.ts,
// settlement/financing/lifecycle.ts).
export const payoutStatuses: PayoutStatus[] = ['pending', 'paid', 'returned'];
export const refundStatuses: RefundStatus[] = ['requested', 'refunded', 'refused', 'withdrawn'];
// Whom payouts pay (settlement/tables.ts): suppliers, shops (their handling fees) and funders.
export const payeeKinds: Payout['payeeKind'][] = ['supplier', 'repair_shop', 'funder'];
export const financingStatuses: FinancingStatus[] = ['requested', 'approved', 'refused', 'funded', 'repaid', 'overdue', 'defaulted'];

export const statementStatuses: StatementStatus[] = ['draft', 'issued', 'disputed', 'confirmed', 'paid', 'cancelled'];
// Statements a payment may still be matched to (allocate-payment.ts): issued and not yet paid.
export const openStatuses: StatementStatus[] = ['issued', 'disputed', 'confirmed'];

// The chart of accounts and the transfer codes, in the server's order (src/modules/ledger/chart.ts
// and transfer-codes.ts); their names are in the locales, for the filters.
export const accountCodes: AccountCode[] = [
  'insurer_receivable',
  'shop_receivable',
  'supplier_payable',
  'handling_fee_payable',
  'sales_revenue',
  'cost_of_sales',
  'fee_revenue',
  'platform_inventory',
  'stock_loss',
  'platform_cash',
  'vat_output',
  'vat_input',
  'financing_advanced',
  'financing_fee_revenue',
  'funder_payable',
];
export const transferCodes: TransferCode[] = [
  'sale',
  'sale_vat',
  'handling_fee',
  'consignment_sold',
  'stock_purchase',
  'purchase_vat',
  'supplier_fee',
  'stock_sold',
  'stock_written_off',
  'stock_found',
  'credit_note',
  'credit_note_vat',
  'payment',
  'refund',
  'payout',
  'handling_fee_payout',
  'financing_advance',
  'financing_fee',
  'financing_repaid',
  'financing_assigned',
  'funder_payout',
];

export const keys = {
  statements: ['statements'] as const,
  statement: (id: string) => ['statements', id] as const,
  lines: (id: string) => ['statements', id, 'lines'] as const,
  payments: ['payments'] as const,
  refunds: ['refunds'] as const,
  accounts: ['ledger', 'accounts'] as const,
  account: (id: string) => ['ledger', 'accounts', id] as const,
  transfers: (accountId: string) => ['ledger', 'transfers', accountId] as const,
  trialBalance: ['ledger', 'trial-balance'] as const,
  orgs: ['orgs'] as const,
  payouts: ['payouts'] as const,
  payout: (id: string) => ['payouts', id] as const,
  // A statement's or payout's invoices, under it: refreshed with it.
  statementInvoices: (id: string) => ['statements', id, 'invoices'] as const,
  payoutInvoices: (id: string) => ['payouts', id, 'invoices'] as const,
  financing: ['financing'] as const,
  financingRequest: (id: string) => ['financing', 'requests', id] as const,
  settings: ['finance-settings'] as const,
};

export function useStatement(id: string) {
  return useQuery({ queryKey: keys.statement(id), queryFn: () => call(client.GET('/api/v1/statements/{id}', { params: { path: { id } } })), retry: false });
}

export function fetchStatements(query: StatementsQuery) {
  return call(client.GET('/api/v1/statements', { params: { query } }));
}

export function fetchLines(id: string, cursor: string | undefined, limit: number) {
  return call(client.GET('/api/v1/statements/{id}/lines', { params: { path: { id }, query: { limit, ...(cursor ? { cursor } : {}) } } }));
}

// The most lines read to find the ones a dispute names: the API pages a statement's lines but has
// no lookup by order line, and a dispute names at most 200 lines of a statement of up to 100,000.
const LOOKUP_PAGES = 10;
const LOOKUP_PAGE_SIZE = 200;

// The statement lines a dispute names, read page by page until all are found (or the pages run out
// or the bound above is reached: a line not found is then shown by its id alone).
export function useLinesById(statementId: string, ids: readonly string[]) {
  const wanted = [...ids].sort();
  return useQuery({
    queryKey: [...keys.lines(statementId), 'by-id', wanted],
    enabled: wanted.length > 0,
    queryFn: async () => {
      const found = new Map<string, StatementLine>();
      let cursor: string | undefined;
      for (let i = 0; i < LOOKUP_PAGES; i++) {
        const page = await fetchLines(statementId, cursor, LOOKUP_PAGE_SIZE);
        for (const l of page.items) if (l.kind === 'sale' && wanted.includes(l.orderLineId)) found.set(l.orderLineId, l);
        if (found.size === wanted.length || !page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return found;
    },
  });
}

// A payer's statements that may still take money, newest first: one page of each open status.
export function useOpenStatements(payerOrgId: string | undefined) {
  return useQuery({
    queryKey: [...keys.statements, 'open', payerOrgId],
    enabled: !!payerOrgId,
    queryFn: async () => {
      const pages = await Promise.all(openStatuses.map((status) => fetchStatements({ payerOrgId, status, limit: 50 })));
      return pages
        .flatMap((p) => p.items)
        .filter((s) => s.outstandingFen > 0)
        .sort((a, b) => (a.id < b.id ? 1 : -1));
    },
  });
}

// The payments matched to a statement: the API lists payments by payer, not by statement, so the
// payer's latest page is read and kept to those naming it. `more` says older payments went unread.
export function useStatementPayments(s: Statement | undefined) {
  return useQuery({
    queryKey: [...keys.payments, 'of-statement', s?.id, s?.paidFen],
    enabled: !!s && s.paidFen > 0,
    queryFn: async () => {
      const page = await call(client.GET('/api/v1/payments', { params: { query: { payerOrgId: s!.payer.id, limit: 200 } } }));
      const rows = page.items.flatMap((p) => p.allocations.filter((a) => a.statementId === s!.id).map((a) => ({ payment: p, allocation: a })));
      return { rows, more: page.nextCursor !== null };
    },
  });
}

// The invoices of a statement or of a payout, red-letter ones among them, in the order recorded.
export function useInvoices(of: { statementId: string } | { payoutId: string }) {
  return useQuery({
    queryKey: 'statementId' in of ? keys.statementInvoices(of.statementId) : keys.payoutInvoices(of.payoutId),
    queryFn: async () => (await call(client.GET('/api/v1/invoices', { params: { query: of } }))).items,
  });
}

export function useAccount(id: string) {
  return useQuery({ queryKey: keys.account(id), queryFn: () => call(client.GET('/api/v1/ledger/accounts/{id}', { params: { path: { id } } })), retry: false });
}

export function useTrialBalance() {
  return useQuery({ queryKey: keys.trialBalance, queryFn: () => call(client.GET('/api/v1/ledger/trial-balance')) });
}

export function usePayout(id: string) {
  return useQuery({ queryKey: keys.payout(id), queryFn: () => call(client.GET('/api/v1/payouts/{id}', { params: { path: { id } } })), retry: false });
}

export function fetchPayouts(query: PayoutsQuery) {
  return call(client.GET('/api/v1/payouts', { params: { query } }));
}

export function fetchRemittance(id: string, cursor: string | undefined, limit: number) {
  return call(client.GET('/api/v1/payouts/{id}/lines', { params: { path: { id }, query: { limit, ...(cursor ? { cursor } : {}) } } }));
}

// The most remittance lines one export reads (pages of 200): a payout pays a supplier's due lines
// of one run, thousands at the most; beyond this the file says it is cut short.
export const REMITTANCE_EXPORT_PAGES = 50;

// Every line of a payout's remittance advice, page by page, for its export.
export async function fetchAllRemittance(id: string): Promise<{ lines: RemittanceLine[]; complete: boolean }> {
  const lines: RemittanceLine[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < REMITTANCE_EXPORT_PAGES; i++) {
    const page = await fetchRemittance(id, cursor, 200);
    lines.push(...page.items);
    if (!page.nextCursor) return { lines, complete: true };
    cursor = page.nextCursor;
  }
  return { lines, complete: false };
}

export function useFinancingRequest(id: string) {
  return useQuery({
    queryKey: keys.financingRequest(id),
    queryFn: () => call(client.GET('/api/v1/financing/requests/{id}', { params: { path: { id } } })),
    retry: false,
  });
}

export function fetchFinancing(query: FinancingQuery) {
  return call(client.GET('/api/v1/financing/requests', { params: { query } }));
}

// A supplier's limit and receivables: its own (supplierOrgId undefined), or, for the platform, the
// one it names.
export function useFinancingLimit(supplierOrgId?: string, enabled = true) {
  return useQuery({
    queryKey: [...keys.financing, 'limit', supplierOrgId],
    enabled,
    queryFn: () => call(client.GET('/api/v1/financing/limit', { params: { query: supplierOrgId ? { supplierOrgId } : {} } })),
  });
}

export function useReceivables() {
  return useQuery({ queryKey: [...keys.financing, 'receivables'], queryFn: () => call(client.GET('/api/v1/financing/receivables')) });
}

// The funders a supplier may ask (the platform first); they change rarely.
export function useFunders(enabled = true) {
  return useQuery({
    queryKey: [...keys.financing, 'funders'],
    queryFn: () => call(client.GET('/api/v1/financing/funders')),
    enabled,
    staleTime: 5 * 60_000,
  });
}
