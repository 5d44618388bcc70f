import { useMe } from '../../auth/use-me.ts';

// What the signed-in user may do here, as the server's permissions say (platform/access.ts, read
// from /api/v1/me): the platform's finance team (and its admin) gathers, issues and settles
// statements and records payments and invoices; a payer's finance team (an insurer's, a shop's
// admin) reads its statements and answers them; every finance team reads its own ledger accounts,
// the platform all of them and the trial balance. The server decides; this only hides what it
// would refuse. Payouts (付款) are the platform's to run and the payee's to read; financing (融资) is
// the supplier's to ask for and its funder's to decide (the platform's team, or a funder's); the settings (credit limits, fee rates,
// settlement terms) the platform's finance team keeps.
export type FinanceTab = 'statements' | 'payments' | 'refunds' | 'payouts' | 'financing' | 'ledger' | 'trial-balance' | 'settings';

export type FinanceRights = {
  userId: string | undefined;
  platform: boolean;
  // A funder organisation (资金方): its people decide the requests addressed to it.
  funder: boolean;
  readStatements: boolean;
  manage: boolean;
  answer: boolean;
  readLedger: boolean;
  trialBalance: boolean;
  readPayouts: boolean;
  managePayouts: boolean;
  readFinancing: boolean;
  requestFinancing: boolean;
  approveFinancing: boolean;
  // Credit limits and fee rates (ledger.manage); settlement terms (statements.manage).
  manageLedger: boolean;
  settings: boolean;
};

export function rightsOf(permissions: readonly string[], orgKind: string | undefined, userId?: string): FinanceRights {
  const has = (p: string) => permissions.includes(p);
  const platform = orgKind === 'platform';
  return {
    userId,
    platform,
    funder: orgKind === 'funder',
    readStatements: has('statements.read'),
    manage: has('statements.manage'),
    answer: has('statements.answer'),
    readLedger: has('ledger.read'),
    trialBalance: platform && has('ledger.read'),
    readPayouts: has('payouts.read'),
    managePayouts: has('payouts.manage'),
    readFinancing: has('financing.read'),
    requestFinancing: has('financing.request'),
    approveFinancing: has('financing.approve'),
    manageLedger: has('ledger.manage'),
    settings: platform && (has('ledger.manage') || has('statements.manage')),
  };
}

// The landing page's tabs, in the order a finance clerk works: statements, the money that came in,
// the money that goes out to payees, financing, the accounts, the trial balance, and the settings.
export function tabsFor(r: FinanceRights): FinanceTab[] {
  const tabs: FinanceTab[] = [];
  if (r.readStatements) tabs.push('statements');
  if (r.manage) tabs.push('payments');
  // Money sent back: the platform's team asks and approves; a payer reads what it was sent.
  if (r.readStatements) tabs.push('refunds');
  // A funder's work is its financing queue; its payouts (what the platform passes on) come after.
  if (r.funder && r.readFinancing) tabs.push('financing');
  if (r.readPayouts) tabs.push('payouts');
  if (r.readFinancing && !r.funder) tabs.push('financing');
  if (r.readLedger) tabs.push('ledger');
  if (r.trialBalance) tabs.push('trial-balance');
  if (r.settings) tabs.push('settings');
  return tabs;
}

// Who records an invoice against a statement (the platform's, to its payer: statements.manage) or
// a payout (the payee's, to the platform: payouts.manage), and so takes one of them back with a
// red-letter invoice (settlement/invoices/record-invoice.ts).
export function mayInvoice(r: FinanceRights, on: 'statement' | 'payout'): boolean {
  return on === 'statement' ? r.manage : r.managePayouts;
}

export function useFinanceRights(): FinanceRights & { loading: boolean } {
  const me = useMe();
  return { ...rightsOf(me.data?.permissions ?? [], me.data?.org.kind, me.data?.user?.id), loading: me.isPending };
}
