import { MAX_TRANSFER_FEN } from '../../platform/bounds.ts';
import { type AccountCode, chart } from './chart.ts';
import { codeFits, type TransferCode, transferCodes } from './transfer-codes.ts';

// The posting function, after TigerBeetle's create_transfers: pure, given the accounts a batch
// touches (their balances as locked in the transaction), the transfers already stored under the
// batch's ids and the pending transfers it names; it answers every transfer with one closed result
// code and, for those that are `ok`, the rows to store and the accounts' new balances. Nothing here
// reads or writes the database (post-transfers.ts does, around it), so every rule is table-tested
// (create-transfers.test.ts).
//
// Phases, as for stock moves: `single` posts at once; `pending` holds the amount (it counts against
// limits and shows as pending) until exactly one later `post` (the amount moves to posted) or `void`
// (it is released) names it in `pendingId`. A transfer's id is its idempotency key: the same id
// again answers `exists` if it is the same transfer, and `exists_with_different_*` if not, and
// changes nothing either way. `linked` ties a transfer to the next: a chain posts whole or not at
// all (its failed member says why, the others `linked_event_failed`). Unlike TigerBeetle, `exists`
// does not fail a chain: it changes nothing, so a chain posted again answers `exists` throughout.

export type Phase = 'single' | 'pending' | 'post' | 'void';

export type Balances = {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
};

export type AccountState = Balances & {
  id: string;
  code: AccountCode;
  creditLimitFen: bigint | null;
};

// What caused a transfer: the objects of other modules it belongs to (ids, no foreign keys).
export type TransferLinks = {
  claimId?: string | null;
  orderId?: string | null;
  orderLineId?: string | null;
  returnId?: string | null;
  purchaseOrderId?: string | null;
  documentId?: string | null;
  statementId?: string | null;
  paymentId?: string | null;
  payoutId?: string | null;
  financingId?: string | null;
  // The organisation on the other side, for the platform's own accounts' statements.
  partnerOrgId?: string | null;
};

export type TransferInput = TransferLinks & {
  id: string;
  phase: Phase;
  code: TransferCode;
  // single and pending: both accounts and the amount. post and void: the pending transfer's,
  // which these may repeat but not change.
  debitAccountId?: string;
  creditAccountId?: string;
  amountFen?: bigint;
  pendingId?: string;
  // A correction of an earlier transfer: the same code, the sides swapped.
  reversesId?: string;
  linked?: boolean;
};

// A transfer as stored: every field resolved.
export type StoredTransfer = TransferLinks & {
  id: string;
  phase: Phase;
  code: TransferCode;
  debitAccountId: string;
  creditAccountId: string;
  amountFen: bigint;
  pendingId: string | null;
  reversesId: string | null;
};

export const resultCodes = [
  'ok',
  'exists',
  'exists_with_different_phase',
  'exists_with_different_debit_account',
  'exists_with_different_credit_account',
  'exists_with_different_amount',
  'exists_with_different_code',
  'exists_with_different_pending_id',
  'linked_event_failed',
  'linked_event_chain_open',
  'amount_must_be_positive',
  'amount_too_large',
  'accounts_must_be_different',
  'accounts_required',
  'debit_account_not_found',
  'credit_account_not_found',
  'code_does_not_fit_accounts',
  'pending_id_required',
  'pending_id_not_allowed',
  'pending_not_found',
  'pending_not_pending',
  'pending_already_posted',
  'pending_already_voided',
  'pending_differs',
  'reversed_not_found',
  'reversed_differs',
  'reversed_already',
  'reversal_must_be_single',
  'exceeds_credit_limit',
  'exceeds_credits',
] as const;
export type ResultCode = (typeof resultCodes)[number];

export type LedgerView = {
  accounts: ReadonlyMap<string, AccountState>;
  // Stored transfers by id: those the batch's ids, pending ids and reversed ids name.
  transfers: ReadonlyMap<string, StoredTransfer>;
  // How each named pending transfer was resolved, when it was.
  resolved: ReadonlyMap<string, 'post' | 'void'>;
  // Which transfer reversed each named transfer, when one did.
  reversedBy: ReadonlyMap<string, string>;
};

export type Outcome = {
  results: { id: string; result: ResultCode }[];
  // The rows to insert, in order.
  created: StoredTransfer[];
  // The new balances of every account that changed.
  accounts: Map<string, AccountState>;
};

// Working state: what the batch's committed chains changed, and on top of it what the open chain
// changed, each holding only its own changes (a lookup reads the chain, then the batch, then the
// view). A chain that holds together is merged into the batch in time proportional to its own size,
// so a batch of n unlinked transfers costs O(n), not O(n²).
type Work = {
  accounts: Map<string, AccountState>;
  transfers: Map<string, StoredTransfer>;
  resolved: Map<string, 'post' | 'void'>;
  reversedBy: Map<string, string>;
  created: StoredTransfer[];
};
type Layers = { batch: Work; chain: Work };

const emptyWork = (): Work => ({ accounts: new Map(), transfers: new Map(), resolved: new Map(), reversedBy: new Map(), created: [] });

export function createTransfers(view: LedgerView, inputs: readonly TransferInput[]): Outcome {
  const results: ResultCode[] = [];
  const w: Layers = { batch: emptyWork(), chain: emptyWork() };
  let chainStart = 0;

  inputs.forEach((input, i) => {
    const result = createOne(view, w, input);
    results.push(result);
    const chainEnds = !input.linked || i === inputs.length - 1;
    if (!chainEnds) return;
    const failed = results.slice(chainStart).findIndex((r) => r !== 'ok' && r !== 'exists');
    if (input.linked) {
      // The batch ended inside a chain: the whole chain fails.
      for (let j = chainStart; j <= i; j++) results[j] = j === i ? 'linked_event_chain_open' : results[j] === 'ok' || results[j] === 'exists' ? 'linked_event_failed' : results[j]!;
    } else if (failed >= 0) {
      for (let j = chainStart; j <= i; j++) if (j !== chainStart + failed) results[j] = 'linked_event_failed';
    } else {
      mergeInto(w.batch, w.chain);
    }
    chainStart = i + 1;
    w.chain = emptyWork();
  });

  return {
    results: inputs.map((t, i) => ({ id: t.id, result: results[i]! })),
    created: w.batch.created,
    accounts: w.batch.accounts,
  };
}

function mergeInto(into: Work, from: Work): void {
  for (const [k, v] of from.accounts) into.accounts.set(k, v);
  for (const [k, v] of from.transfers) into.transfers.set(k, v);
  for (const [k, v] of from.resolved) into.resolved.set(k, v);
  for (const [k, v] of from.reversedBy) into.reversedBy.set(k, v);
  for (const t of from.created) into.created.push(t);
}

function accountOf(view: LedgerView, w: Layers, id: string | undefined): AccountState | undefined {
  if (id === undefined) return undefined;
  return w.chain.accounts.get(id) ?? w.batch.accounts.get(id) ?? view.accounts.get(id);
}

function transferOf(view: LedgerView, w: Layers, id: string): StoredTransfer | undefined {
  return w.chain.transfers.get(id) ?? w.batch.transfers.get(id) ?? view.transfers.get(id);
}

function resolutionOf(view: LedgerView, w: Layers, pendingId: string): 'post' | 'void' | undefined {
  return w.chain.resolved.get(pendingId) ?? w.batch.resolved.get(pendingId) ?? view.resolved.get(pendingId);
}

function reversalOf(view: LedgerView, w: Layers, id: string): string | undefined {
  return w.chain.reversedBy.get(id) ?? w.batch.reversedBy.get(id) ?? view.reversedBy.get(id);
}

// One transfer against the chain's working state; on `ok` the working state holds its effect.
function createOne(view: LedgerView, w: Layers, t: TransferInput): ResultCode {
  const existing = transferOf(view, w, t.id);
  if (existing) return compareExisting(existing, t);

  if (t.phase === 'post' || t.phase === 'void') return resolvePending(view, w, t);

  if (t.pendingId !== undefined) return 'pending_id_not_allowed';
  if (t.debitAccountId === undefined || t.creditAccountId === undefined || t.amountFen === undefined) return 'accounts_required';
  if (t.amountFen <= 0n) return 'amount_must_be_positive';
  if (t.amountFen > MAX_TRANSFER_FEN) return 'amount_too_large';
  if (t.debitAccountId === t.creditAccountId) return 'accounts_must_be_different';
  const debit = accountOf(view, w, t.debitAccountId);
  if (!debit) return 'debit_account_not_found';
  const credit = accountOf(view, w, t.creditAccountId);
  if (!credit) return 'credit_account_not_found';
  if (!codeFits(t.code, debit.code, credit.code, t.reversesId !== undefined)) return 'code_does_not_fit_accounts';
  if (t.reversesId !== undefined) {
    // A reversal undoes a posted transfer whole, once, at once.
    if (t.phase !== 'single') return 'reversal_must_be_single';
    const reversed = transferOf(view, w, t.reversesId);
    if (!reversed || reversed.phase === 'pending' || reversed.phase === 'void') return 'reversed_not_found';
    if (reversed.code !== t.code || reversed.debitAccountId !== t.creditAccountId || reversed.creditAccountId !== t.debitAccountId || reversed.amountFen !== t.amountFen) return 'reversed_differs';
    if (reversalOf(view, w, reversed.id) !== undefined) return 'reversed_already';
  }

  const a = t.amountFen;
  const pending = t.phase === 'pending';
  const newDebit: AccountState = pending ? { ...debit, debitsPending: debit.debitsPending + a } : { ...debit, debitsPosted: debit.debitsPosted + a };
  const newCredit: AccountState = pending ? { ...credit, creditsPending: credit.creditsPending + a } : { ...credit, creditsPosted: credit.creditsPosted + a };
  const breach = limitBreached(newDebit, t.code);
  if (breach) return breach;

  w.chain.accounts.set(debit.id, newDebit);
  w.chain.accounts.set(credit.id, newCredit);
  if (t.reversesId !== undefined) w.chain.reversedBy.set(t.reversesId, t.id);
  store(w.chain, { ...linksOf(t), id: t.id, phase: t.phase, code: t.code, debitAccountId: debit.id, creditAccountId: credit.id, amountFen: a, pendingId: null, reversesId: t.reversesId ?? null });
  return 'ok';
}

function resolvePending(view: LedgerView, w: Layers, t: TransferInput): ResultCode {
  if (t.pendingId === undefined) return 'pending_id_required';
  const p = transferOf(view, w, t.pendingId);
  if (!p) return 'pending_not_found';
  if (p.phase !== 'pending') return 'pending_not_pending';
  const done = resolutionOf(view, w, p.id);
  if (done === 'post') return 'pending_already_posted';
  if (done === 'void') return 'pending_already_voided';
  if ((t.debitAccountId !== undefined && t.debitAccountId !== p.debitAccountId) || (t.creditAccountId !== undefined && t.creditAccountId !== p.creditAccountId)) return 'pending_differs';
  if ((t.amountFen !== undefined && t.amountFen !== p.amountFen) || t.code !== p.code) return 'pending_differs';
  const debit = accountOf(view, w, p.debitAccountId);
  const credit = accountOf(view, w, p.creditAccountId);
  // The pending transfer moved them: they exist unless the caller left them out of the view.
  if (!debit) return 'debit_account_not_found';
  if (!credit) return 'credit_account_not_found';

  const a = p.amountFen;
  const post = t.phase === 'post';
  w.chain.accounts.set(debit.id, { ...debit, debitsPending: debit.debitsPending - a, debitsPosted: debit.debitsPosted + (post ? a : 0n) });
  w.chain.accounts.set(credit.id, { ...credit, creditsPending: credit.creditsPending - a, creditsPosted: credit.creditsPosted + (post ? a : 0n) });
  w.chain.resolved.set(p.id, post ? 'post' : 'void');
  store(w.chain, {
    ...linksOf(p),
    ...linksOf(t),
    id: t.id,
    phase: t.phase,
    code: p.code,
    debitAccountId: p.debitAccountId,
    creditAccountId: p.creditAccountId,
    amountFen: a,
    pendingId: p.id,
    reversesId: null,
  });
  return 'ok';
}

// The same id again: the same transfer (exists) changes nothing; a different one is refused with
// the first field that differs.
function compareExisting(e: StoredTransfer, t: TransferInput): ResultCode {
  if (e.phase !== t.phase) return 'exists_with_different_phase';
  if (t.phase === 'post' || t.phase === 'void') {
    if (e.pendingId !== (t.pendingId ?? null)) return 'exists_with_different_pending_id';
  } else if ((t.pendingId ?? null) !== null) return 'exists_with_different_pending_id';
  if (t.debitAccountId !== undefined && t.debitAccountId !== e.debitAccountId) return 'exists_with_different_debit_account';
  if (t.creditAccountId !== undefined && t.creditAccountId !== e.creditAccountId) return 'exists_with_different_credit_account';
  if (t.amountFen !== undefined && t.amountFen !== e.amountFen) return 'exists_with_different_amount';
  if (t.code !== e.code) return 'exists_with_different_code';
  return 'exists';
}

// The account's invariants after a change (chart.ts): a payable paid out beyond what is owed, a
// receivable beyond its limit.
function limitBreached(a: AccountState, code: TransferCode): ResultCode | null {
  const check = debitCheck(a.code, code);
  if (check === 'always' && a.debitsPending + a.debitsPosted > a.creditsPosted) return 'exceeds_credits';
  if (check === 'if_limit' && a.creditLimitFen !== null && a.debitsPending + a.debitsPosted - a.creditsPosted > a.creditLimitFen) return 'exceeds_credit_limit';
  return null;
}

// Whether a new transfer of `code` that debits an account of `account`'s code is checked against
// the account's balance, the one place a decision reads a balance (a credit, a pending posted or
// voided, never is: none can breach). A payable is held to what it is owed by what pays it out (a
// code that credits the platform's bank): what is taken from it otherwise (the platform's fee, an
// advance repaid, a sale reversed when the goods came back) may leave the payee owing the platform,
// even after it was paid out, and its next payouts net that (pay-payee.ts); a payout still cannot
// pay beyond the balance, which counts those debits. A receivable is held to its limit when one is
// set. postTransfers reads exact, and so locks first, only the accounts this says are checked.
export function debitCheck(account: AccountCode, code: TransferCode): 'always' | 'if_limit' | null {
  const spec = chart[account];
  if (spec.debitsMustNotExceedCredits) return transferCodes[code].credit === 'platform_cash' ? 'always' : null;
  return spec.creditLimit ? 'if_limit' : null;
}

function store(w: Work, t: StoredTransfer): void {
  w.transfers.set(t.id, t);
  w.created.push(t);
}

export const linkKeys = ['claimId', 'orderId', 'orderLineId', 'returnId', 'purchaseOrderId', 'documentId', 'statementId', 'paymentId', 'payoutId', 'financingId', 'partnerOrgId'] as const;

function linksOf(t: TransferLinks): TransferLinks {
  const out: TransferLinks = {};
  for (const k of linkKeys) {
    if (t[k] !== undefined && t[k] !== null) out[k] = t[k];
  }
  return out;
}
