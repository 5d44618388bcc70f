import { describe, expect, it } from 'vitest';
import { accountId, accountRef, createTransfers, type TransferDraft, type TransferInput } from '../../ledger/index.ts';
import { type AssignedLine, assignmentPending, assignmentSettled, assignmentVoided } from './assignment.ts';

// A funder's advance through the pure posting function, step by step as the commands post it: its
// line assigned at funding (pending), then the insurer's payment (the repayment out of the
// supplier's payable and the assignment posted), or a write-off (voided), or a write-off the
// insurer pays after all (posted anew). Each story ends with financing_advanced back to zero and
// the funder owed exactly what the insurer paid of its lines.

type LedgerView = Parameters<typeof createTransfers>[0];
type AccountState = LedgerView['accounts'] extends ReadonlyMap<string, infer A> ? A : never;

const line: AssignedLine = { requestId: 'r1', orderLineId: 'l1', statementId: 's1', faceFen: 10_000n, supplierOrgId: 'sup', funderOrgId: 'fun' };
const payable = accountId(accountRef('supplier_payable', 'sup'));
const advanced = accountId(accountRef('financing_advanced', null, 'sup'));
const owed = accountId(accountRef('funder_payable', 'fun'));

// What repay-financing.ts posts beside the assignment: the line's face out of the supplier's payable.
const repaid: TransferDraft = {
  id: 'repaid',
  phase: 'single',
  code: 'financing_repaid',
  debit: accountRef('supplier_payable', 'sup'),
  credit: accountRef('financing_advanced', null, 'sup'),
  amountFen: line.faceFen,
};

const blank = (id: string, code: AccountState['code'], over: Partial<AccountState> = {}): AccountState => ({
  id,
  code,
  debitsPending: 0n,
  debitsPosted: 0n,
  creditsPending: 0n,
  creditsPosted: 0n,
  creditLimitFen: null,
  ...over,
});

function input({ debit, credit, ...t }: TransferDraft): TransferInput {
  return { ...t, debitAccountId: accountId(debit), creditAccountId: accountId(credit) };
}

// Posts each step in turn on a ledger whose supplier is owed the line's face, and answers the
// results and the balances at the end.
function story(steps: TransferDraft[][]) {
  const view = {
    accounts: new Map([blank(payable, 'supplier_payable', { creditsPosted: line.faceFen }), blank(advanced, 'financing_advanced'), blank(owed, 'funder_payable')].map((a) => [a.id, a])),
    transfers: new Map(),
    resolved: new Map(),
    reversedBy: new Map(),
  } satisfies LedgerView;
  const results: string[] = [];
  for (const step of steps) {
    const out = createTransfers(view, step.map(input));
    results.push(...out.results.map((r) => r.result));
    for (const [id, a] of out.accounts) view.accounts.set(id, a);
    for (const t of out.created) {
      view.transfers.set(t.id, t);
      if (t.pendingId) view.resolved.set(t.pendingId, t.phase as 'post' | 'void');
    }
  }
  const a = (id: string) => view.accounts.get(id)!;
  return { results, advanced: a(advanced), owed: a(owed), payable: a(payable) };
}

describe('a funder’s advance in the ledger', () => {
  it.each([
    // story, steps, what the funder is owed (posted), still pending on it
    ['the insurer pays', [[assignmentPending(line)], [repaid, assignmentSettled(line, false)]], line.faceFen, 0n],
    ['written off', [[assignmentPending(line)], [assignmentVoided(line)]], 0n, 0n],
    ['written off, then paid after all', [[assignmentPending(line)], [assignmentVoided(line)], [repaid, assignmentSettled(line, true)]], line.faceFen, 0n],
    ['funded, not paid yet', [[assignmentPending(line)]], 0n, line.faceFen],
  ] as const)('%s', (_name, steps, owedFen, pendingFen) => {
    const r = story(steps.map((s) => [...s]));
    expect(r.results.every((x) => x === 'ok')).toBe(true);
    expect(r.owed.creditsPosted).toBe(owedFen);
    expect(r.owed.creditsPending).toBe(pendingFen);
    // financing_advanced carries only the assignment while it is pending, and nets to zero.
    expect(r.advanced.debitsPending).toBe(pendingFen);
    expect(r.advanced.debitsPosted - r.advanced.creditsPosted).toBe(0n);
    // What the funder is owed left the supplier's payable, no more.
    expect(r.payable.debitsPosted).toBe(owedFen);
  });

  it('posts each step once: the same drafts again answer exists', () => {
    const r = story([[assignmentPending(line)], [repaid, assignmentSettled(line, false)], [assignmentPending(line), repaid, assignmentSettled(line, false)]]);
    expect(r.results.slice(3)).toEqual(['exists', 'exists', 'exists']);
    expect(r.owed.creditsPosted).toBe(line.faceFen);
  });

  it('cannot post a written-off assignment as if it were pending', () => {
    const r = story([[assignmentPending(line)], [assignmentVoided(line)], [assignmentSettled(line, false)]]);
    expect(r.results.at(-1)).toBe('pending_already_voided');
  });
});
