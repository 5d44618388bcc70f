import { describe, expect, it } from 'vitest';
import { MAX_TRANSFER_FEN } from '../../platform/bounds.ts';
import type { AccountCode } from './chart.ts';
import { type AccountState, createTransfers, debitCheck, type LedgerView, type ResultCode, type StoredTransfer, type TransferInput } from './create-transfers.ts';

// The posting function's every result code, table-tested on a small world: an insurer's
// receivable with a limit of 1,000 fen, the platform's sales revenue and VAT, a supplier's payable
// with 500 fen posted, the cost of sales and the fee revenue. Stored already: a pending sale of 100
// (p1), one posted (p2, by x2) and one voided (p3, by x3), and a single transfer s1.

const account = (id: string, code: AccountCode, over: Partial<AccountState> = {}): AccountState => ({
  id,
  code,
  debitsPending: 0n,
  debitsPosted: 0n,
  creditsPending: 0n,
  creditsPosted: 0n,
  creditLimitFen: null,
  ...over,
});

const stored = (id: string, over: Partial<StoredTransfer>): StoredTransfer => ({
  id,
  phase: 'pending',
  code: 'sale',
  debitAccountId: 'ins',
  creditAccountId: 'rev',
  amountFen: 100n,
  pendingId: null,
  reversesId: null,
  ...over,
});

function world(): LedgerView {
  return {
    accounts: new Map(
      [
        account('ins', 'insurer_receivable', { creditLimitFen: 1000n, debitsPending: 300n }),
        account('rev', 'sales_revenue', { creditsPending: 300n }),
        account('vat', 'vat_output'),
        account('sup', 'supplier_payable', { creditsPosted: 500n }),
        account('cos', 'cost_of_sales', { debitsPosted: 500n }),
        account('fee', 'fee_revenue'),
        account('cash', 'platform_cash'),
      ].map((a) => [a.id, a]),
    ),
    transfers: new Map(
      [
        stored('p1', {}),
        stored('p2', {}),
        stored('x2', { phase: 'post', pendingId: 'p2' }),
        stored('p3', {}),
        stored('x3', { phase: 'void', pendingId: 'p3' }),
        stored('s1', { phase: 'single', code: 'consignment_sold', debitAccountId: 'cos', creditAccountId: 'sup', amountFen: 500n }),
        stored('r0', { phase: 'single', code: 'consignment_sold', debitAccountId: 'cos', creditAccountId: 'sup', amountFen: 5n }),
      ].map((t) => [t.id, t]),
    ),
    resolved: new Map([
      ['p2', 'post'],
      ['p3', 'void'],
    ]),
    reversedBy: new Map([['r0', 'x0']]),
  };
}

const sale = (id: string, amountFen: bigint, over: Partial<TransferInput> = {}): TransferInput => ({
  id,
  phase: 'pending',
  code: 'sale',
  debitAccountId: 'ins',
  creditAccountId: 'rev',
  amountFen,
  ...over,
});

const cases: { name: string; batch: TransferInput[]; results: ResultCode[] }[] = [
  { name: 'a pending sale within the limit', batch: [sale('n1', 700n)], results: ['ok'] },
  { name: 'one fen past the limit (300 pending + 701 > 1,000)', batch: [sale('n1', 701n)], results: ['exceeds_credit_limit'] },
  { name: 'a single transfer counts against the limit too', batch: [sale('n1', 701n, { phase: 'single' })], results: ['exceeds_credit_limit'] },
  { name: 'two within the limit together, the second past it', batch: [sale('n1', 400n), sale('n2', 400n)], results: ['ok', 'exceeds_credit_limit'] },
  { name: 'zero', batch: [sale('n1', 0n)], results: ['amount_must_be_positive'] },
  { name: 'negative', batch: [sale('n1', -5n)], results: ['amount_must_be_positive'] },
  { name: 'past the bound', batch: [sale('n1', MAX_TRANSFER_FEN + 1n)], results: ['amount_too_large'] },
  { name: 'one account both sides', batch: [sale('n1', 5n, { creditAccountId: 'ins' })], results: ['accounts_must_be_different'] },
  { name: 'no amount', batch: [sale('n1', 5n, { amountFen: undefined })], results: ['accounts_required'] },
  { name: 'unknown debit account', batch: [sale('n1', 5n, { debitAccountId: 'zz' })], results: ['debit_account_not_found'] },
  { name: 'unknown credit account', batch: [sale('n1', 5n, { creditAccountId: 'zz' })], results: ['credit_account_not_found'] },
  { name: 'a sale credited to VAT', batch: [sale('n1', 5n, { creditAccountId: 'vat' })], results: ['code_does_not_fit_accounts'] },
  { name: 'a pending naming a pending', batch: [sale('n1', 5n, { pendingId: 'p1' })], results: ['pending_id_not_allowed'] },
  // Idempotency: the same id.
  { name: 'the same pending again', batch: [sale('p1', 100n)], results: ['exists'] },
  { name: 'the same id, another amount', batch: [sale('p1', 101n)], results: ['exists_with_different_amount'] },
  { name: 'the same id, another phase', batch: [sale('p1', 100n, { phase: 'single' })], results: ['exists_with_different_phase'] },
  { name: 'the same id, another code', batch: [sale('p1', 100n, { code: 'sale_vat' })], results: ['exists_with_different_code'] },
  { name: 'the same id, another debit account', batch: [sale('p1', 100n, { debitAccountId: 'cos' })], results: ['exists_with_different_debit_account'] },
  { name: 'the same id, another credit account', batch: [sale('p1', 100n, { creditAccountId: 'vat' })], results: ['exists_with_different_credit_account'] },
  { name: 'the same id twice in one batch', batch: [sale('n1', 5n), sale('n1', 5n)], results: ['ok', 'exists'] },
  { name: 'the same post again', batch: [{ id: 'x2', phase: 'post', code: 'sale', pendingId: 'p2' }], results: ['exists'] },
  { name: 'the same id, posting another pending', batch: [{ id: 'x2', phase: 'post', code: 'sale', pendingId: 'p1' }], results: ['exists_with_different_pending_id'] },
  // Two phases.
  { name: 'post a pending', batch: [{ id: 'n1', phase: 'post', code: 'sale', pendingId: 'p1' }], results: ['ok'] },
  { name: 'void a pending', batch: [{ id: 'n1', phase: 'void', code: 'sale', pendingId: 'p1' }], results: ['ok'] },
  {
    name: 'post then void the same pending',
    batch: [
      { id: 'n1', phase: 'post', code: 'sale', pendingId: 'p1' },
      { id: 'n2', phase: 'void', code: 'sale', pendingId: 'p1' },
    ],
    results: ['ok', 'pending_already_posted'],
  },
  { name: 'post one already posted', batch: [{ id: 'n1', phase: 'post', code: 'sale', pendingId: 'p2' }], results: ['pending_already_posted'] },
  { name: 'void one already voided', batch: [{ id: 'n1', phase: 'void', code: 'sale', pendingId: 'p3' }], results: ['pending_already_voided'] },
  { name: 'post a transfer that does not exist', batch: [{ id: 'n1', phase: 'post', code: 'sale', pendingId: 'zz' }], results: ['pending_not_found'] },
  { name: 'post a single transfer', batch: [{ id: 'n1', phase: 'post', code: 'consignment_sold', pendingId: 's1' }], results: ['pending_not_pending'] },
  { name: 'post naming no pending', batch: [{ id: 'n1', phase: 'post', code: 'sale' }], results: ['pending_id_required'] },
  { name: 'post another amount', batch: [{ id: 'n1', phase: 'post', code: 'sale', pendingId: 'p1', amountFen: 99n }], results: ['pending_differs'] },
  { name: 'post to another account', batch: [{ id: 'n1', phase: 'post', code: 'sale', pendingId: 'p1', creditAccountId: 'vat' }], results: ['pending_differs'] },
  { name: 'post under another code', batch: [{ id: 'n1', phase: 'post', code: 'sale_vat', pendingId: 'p1' }], results: ['pending_differs'] },
  // A payable is paid out at most what is owed (500 posted); what is taken from it otherwise (a fee,
  // a repayment, a return) may leave the payee owing.
  { name: 'a payout of what is owed', batch: [{ id: 'n1', phase: 'pending', code: 'payout', debitAccountId: 'sup', creditAccountId: 'cash', amountFen: 500n }], results: ['ok'] },
  { name: 'a payout past what is owed', batch: [{ id: 'n1', phase: 'pending', code: 'payout', debitAccountId: 'sup', creditAccountId: 'cash', amountFen: 501n }], results: ['exceeds_credits'] },
  {
    name: 'a payout past what is left once a fee was taken',
    batch: [
      { id: 'n1', phase: 'single', code: 'supplier_fee', debitAccountId: 'sup', creditAccountId: 'fee', amountFen: 100n },
      { id: 'n2', phase: 'pending', code: 'payout', debitAccountId: 'sup', creditAccountId: 'cash', amountFen: 401n },
    ],
    results: ['ok', 'exceeds_credits'],
  },
  {
    name: 'a fee past what is owed leaves the supplier owing',
    batch: [{ id: 'n1', phase: 'single', code: 'supplier_fee', debitAccountId: 'sup', creditAccountId: 'fee', amountFen: 501n }],
    results: ['ok'],
  },
  // Reversals.
  {
    name: 'reverse a single transfer',
    batch: [{ id: 'n1', phase: 'single', code: 'consignment_sold', debitAccountId: 'sup', creditAccountId: 'cos', amountFen: 500n, reversesId: 's1' }],
    results: ['ok'],
  },
  {
    name: 'reverse a posted pending (its post)',
    batch: [{ id: 'n1', phase: 'single', code: 'sale', debitAccountId: 'rev', creditAccountId: 'ins', amountFen: 100n, reversesId: 'x2' }],
    results: ['ok'],
  },
  {
    name: 'reverse a pending',
    batch: [{ id: 'n1', phase: 'single', code: 'sale', debitAccountId: 'rev', creditAccountId: 'ins', amountFen: 100n, reversesId: 'p1' }],
    results: ['reversed_not_found'],
  },
  {
    name: 'reverse part of it',
    batch: [{ id: 'n1', phase: 'single', code: 'consignment_sold', debitAccountId: 'sup', creditAccountId: 'cos', amountFen: 499n, reversesId: 's1' }],
    results: ['reversed_differs'],
  },
  {
    name: 'reverse one already reversed',
    batch: [{ id: 'n1', phase: 'single', code: 'consignment_sold', debitAccountId: 'sup', creditAccountId: 'cos', amountFen: 5n, reversesId: 'r0' }],
    results: ['reversed_already'],
  },
  {
    name: 'reverse twice in one batch',
    batch: [
      { id: 'n1', phase: 'single', code: 'consignment_sold', debitAccountId: 'sup', creditAccountId: 'cos', amountFen: 500n, reversesId: 's1' },
      { id: 'n2', phase: 'single', code: 'consignment_sold', debitAccountId: 'sup', creditAccountId: 'cos', amountFen: 500n, reversesId: 's1' },
    ],
    results: ['ok', 'reversed_already'],
  },
  {
    name: 'a pending reversal',
    batch: [{ id: 'n1', phase: 'pending', code: 'consignment_sold', debitAccountId: 'sup', creditAccountId: 'cos', amountFen: 500n, reversesId: 's1' }],
    results: ['reversal_must_be_single'],
  },
  {
    name: 'reverse the wrong way round',
    batch: [{ id: 'n1', phase: 'single', code: 'consignment_sold', debitAccountId: 'cos', creditAccountId: 'sup', amountFen: 500n, reversesId: 's1' }],
    results: ['code_does_not_fit_accounts'],
  },
  {
    name: 'reverse with other accounts',
    batch: [{ id: 'n1', phase: 'single', code: 'sale', debitAccountId: 'rev', creditAccountId: 'ins', amountFen: 100n, reversesId: 's1' }],
    results: ['reversed_differs'],
  },
  // Linked chains.
  { name: 'a chain that holds', batch: [sale('n1', 100n, { linked: true }), sale('n2', 100n, { code: 'sale_vat', creditAccountId: 'vat' })], results: ['ok', 'ok'] },
  {
    name: 'a chain with a failure',
    batch: [sale('n1', 100n, { linked: true }), sale('n2', 0n, { linked: true }), sale('n3', 100n)],
    results: ['linked_event_failed', 'amount_must_be_positive', 'linked_event_failed'],
  },
  { name: 'a chain left open at the end', batch: [sale('n1', 100n), sale('n2', 100n, { linked: true })], results: ['ok', 'linked_event_chain_open'] },
  { name: 'a chain posted again', batch: [sale('p1', 100n, { linked: true }), sale('n2', 100n)], results: ['exists', 'ok'] },
  {
    name: 'a failed chain leaves no trace for the next',
    batch: [sale('n1', 700n, { linked: true }), sale('n2', 0n), sale('n3', 700n)],
    results: ['linked_event_failed', 'amount_must_be_positive', 'ok'],
  },
];

describe('createTransfers', () => {
  it.each(cases)('$name', ({ batch, results }) => {
    const out = createTransfers(world(), batch);
    expect(out.results.map((r) => r.result)).toEqual(results);
    // Only `ok` transfers are stored, in order.
    expect(out.created.map((t) => t.id)).toEqual(batch.filter((_, i) => results[i] === 'ok').map((t) => t.id));
  });

  it('moves the balances: pending, then posted or released', () => {
    const pending = createTransfers(world(), [sale('n1', 200n)]);
    expect(pending.accounts.get('ins')).toMatchObject({ debitsPending: 500n, debitsPosted: 0n });
    expect(pending.accounts.get('rev')).toMatchObject({ creditsPending: 500n, creditsPosted: 0n });

    const posted = createTransfers(world(), [{ id: 'n1', phase: 'post', code: 'sale', pendingId: 'p1' }]);
    expect(posted.accounts.get('ins')).toMatchObject({ debitsPending: 200n, debitsPosted: 100n });
    expect(posted.accounts.get('rev')).toMatchObject({ creditsPending: 200n, creditsPosted: 100n });
    expect(posted.created[0]).toMatchObject({ debitAccountId: 'ins', creditAccountId: 'rev', amountFen: 100n, pendingId: 'p1' });

    const voided = createTransfers(world(), [{ id: 'n1', phase: 'void', code: 'sale', pendingId: 'p1' }]);
    expect(voided.accounts.get('ins')).toMatchObject({ debitsPending: 200n, debitsPosted: 0n });
  });

  it('a failed chain changes no balance', () => {
    const out = createTransfers(world(), [sale('n1', 100n, { linked: true }), sale('n2', 0n)]);
    expect(out.accounts.size).toBe(0);
    expect(out.created).toEqual([]);
  });

  it('debits equal credits over every batch of ok transfers', () => {
    const out = createTransfers(world(), [sale('n1', 100n), sale('n2', 50n, { phase: 'single' }), { id: 'n3', phase: 'post', code: 'sale', pendingId: 'p1' }]);
    const before = world().accounts;
    let debits = 0n;
    let credits = 0n;
    for (const [id, a] of out.accounts) {
      const b = before.get(id)!;
      debits += a.debitsPending - b.debitsPending + a.debitsPosted - b.debitsPosted;
      credits += a.creditsPending - b.creditsPending + a.creditsPosted - b.creditsPosted;
    }
    expect(debits).toBe(credits);
    expect(debits).toBe(150n);
  });
});

// Which debits a decision checks against the account's balance: what postTransfers locks at its
// read. Anything else it moves by a change at its last write.
describe('debitCheck', () => {
  it.each([
    { account: 'supplier_payable', code: 'payout', check: 'always' },
    { account: 'handling_fee_payable', code: 'handling_fee_payout', check: 'always' },
    { account: 'supplier_payable', code: 'supplier_fee', check: null },
    { account: 'supplier_payable', code: 'financing_repaid', check: null },
    { account: 'insurer_receivable', code: 'sale', check: 'if_limit' },
    { account: 'shop_receivable', code: 'sale', check: 'if_limit' },
    { account: 'platform_cash', code: 'payment', check: null },
    // A refund takes the payer's receivable back up: within its limit, where it has one.
    { account: 'insurer_receivable', code: 'refund', check: 'if_limit' },
    { account: 'shop_receivable', code: 'refund', check: 'if_limit' },
    { account: 'sales_revenue', code: 'sale', check: null },
  ] as const)('$account debited by $code: $check', ({ account, code, check }) => {
    expect(debitCheck(account, code)).toBe(check);
  });
});
