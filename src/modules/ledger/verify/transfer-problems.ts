import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from '../../../platform/db.ts';
import type { AccountCode } from '../chart.ts';
import type { Phase } from '../create-transfers.ts';
import { ledgerAccount, ledgerTransfer } from '../tables.ts';
import { type TransferCode, transferCodes } from '../transfer-codes.ts';

// What can be wrong with a stored transfer on its own, whatever the balances say. The names are
// the posting function's result codes (create-transfers.ts) for the same faults, as it would have
// refused them: a post or void whose pending transfer is missing, is not a pending one, or moved
// other accounts, another amount or under another code; a reversal whose transfer is missing, was
// never posted, or is not the same code with the sides swapped; and a transfer whose code does not
// move money between the kinds of accounts it names (transfer-codes.ts). One more the posting
// function does not decide: a reversal of more than the transfer it reverses.
export type TransferProblemCode =
  | 'pending_not_found'
  | 'pending_not_pending'
  | 'pending_differs'
  | 'reversed_not_found'
  | 'reversed_differs'
  | 'reversal_exceeds_reversed'
  | 'code_does_not_fit_accounts';

export type TransferProblem = {
  transferId: string;
  phase: Phase;
  code: TransferCode;
  problem: TransferProblemCode;
  // The pending or reversed transfer it names, for the problems about those.
  namesId: string | null;
  // What differs from the transfer it names (pending_differs, reversed_differs), or the kinds of
  // the accounts it moves money between (code_does_not_fit_accounts).
  detail: string[];
};

type LinkRow = {
  id: string;
  phase: string;
  code: string;
  pending_id: string | null;
  reverses_id: string | null;
  debit_id: string;
  credit_id: string;
  amount: string;
  o_id: string | null;
  o_phase: string | null;
  o_code: string | null;
  o_debit_id: string | null;
  o_credit_id: string | null;
  o_amount: string | null;
  total: string;
};

const t = ledgerTransfer;
// In a raw statement drizzle writes an alias's columns by the alias, but the alias itself by its
// table's name: the statements below name the aliases in FROM themselves.
const o = alias(ledgerTransfer, 'o');

// Posts and voids against their pending transfers, reversals against the transfers they reverse:
// one statement over the transfers that name another (a transfer names at most one: a post or
// void never carries a reversal, the posting function drops it). The first `limit` in insertion
// order, and how many in all. The problems are found first and only they are sorted: asked for
// the first few in order, PostgreSQL would otherwise sort every post and void and then look up
// their pending transfers one by one (3.3 s over a million transfers, against 1.3 s).
export async function linkProblems(exec: Executor, limit: number): Promise<{ problems: TransferProblem[]; count: number }> {
  const rows = await queryRows<LinkRow>(
    exec,
    sql`with found as materialized (
      select ${t.seq} as seq, ${t.id} as id, ${t.phase} as phase, ${t.code} as code, ${t.pendingId} as pending_id, ${t.reversesId} as reverses_id,
          ${t.debitAccountId} as debit_id, ${t.creditAccountId} as credit_id, ${t.amountFen}::text as amount,
          ${o.id} as o_id, ${o.phase} as o_phase, ${o.code} as o_code, ${o.debitAccountId} as o_debit_id, ${o.creditAccountId} as o_credit_id, ${o.amountFen}::text as o_amount
        from ${t} left join ${ledgerTransfer} as o on ${o.id} = coalesce(${t.pendingId}, ${t.reversesId})
        where (${t.pendingId} is not null or ${t.reversesId} is not null)
          and (${o.id} is null
            or (${t.pendingId} is not null and (${o.phase} <> 'pending' or ${o.debitAccountId} <> ${t.debitAccountId} or ${o.creditAccountId} <> ${t.creditAccountId}
              or ${o.amountFen} <> ${t.amountFen} or ${o.code} <> ${t.code}))
            or (${t.pendingId} is null and (${o.phase} not in ('single', 'post') or ${o.debitAccountId} <> ${t.creditAccountId} or ${o.creditAccountId} <> ${t.debitAccountId}
              or ${o.code} <> ${t.code} or ${o.amountFen} < ${t.amountFen}))))
    select *, count(*) over ()::text as total from found order by seq limit ${limit}`,
  );
  return { problems: rows.map(linkProblemOf), count: rows.length > 0 ? Number(rows[0]!.total) : 0 };
}

function linkProblemOf(r: LinkRow): TransferProblem {
  const base = { transferId: r.id, phase: r.phase as Phase, code: r.code as TransferCode, namesId: r.pending_id ?? r.reverses_id };
  const pending = r.pending_id !== null;
  if (r.o_id === null) return { ...base, problem: pending ? 'pending_not_found' : 'reversed_not_found', detail: [] };
  if (pending && r.o_phase !== 'pending') return { ...base, problem: 'pending_not_pending', detail: [`named transfer is ${r.o_phase}`] };
  if (!pending && r.o_phase !== 'single' && r.o_phase !== 'post') return { ...base, problem: 'reversed_not_found', detail: [`reversed transfer is ${r.o_phase}`] };
  // A reversal moves the other way: its debit is the reversed transfer's credit.
  const [debit, credit] = pending ? [r.o_debit_id, r.o_credit_id] : [r.o_credit_id, r.o_debit_id];
  const detail: string[] = [];
  if (debit !== r.debit_id) detail.push(`debit account ${r.debit_id}, expected ${debit}`);
  if (credit !== r.credit_id) detail.push(`credit account ${r.credit_id}, expected ${credit}`);
  if (r.o_code !== r.code) detail.push(`code ${r.code}, expected ${r.o_code}`);
  if (pending && r.o_amount !== r.amount) detail.push(`amount ${r.amount} fen, expected ${r.o_amount} fen`);
  if (detail.length > 0) return { ...base, problem: pending ? 'pending_differs' : 'reversed_differs', detail };
  return { ...base, problem: 'reversal_exceeds_reversed', detail: [`amount ${r.amount} fen, reversed ${r.o_amount} fen`] };
}

// Every (code, debit kind, credit kind) a transfer may have, a reversal's with the sides swapped
// (transfer-codes.ts: codeFits), as text keys the database compares a transfer's with.
function fittingKeys(): { normal: string[]; reversed: string[] } {
  const list = (x: AccountCode | readonly AccountCode[]): readonly AccountCode[] => (typeof x === 'string' ? [x] : x);
  const normal: string[] = [];
  const reversed: string[] = [];
  for (const [code, spec] of Object.entries(transferCodes)) {
    for (const d of list(spec.debit)) {
      for (const c of list(spec.credit)) {
        normal.push(`${code}:${d}:${c}`);
        reversed.push(`${code}:${c}:${d}`);
      }
    }
  }
  return { normal, reversed };
}

type FitRow = { id: string; phase: string; code: string; debit_code: string; credit_code: string; reversal: boolean; total: string };

const da = alias(ledgerAccount, 'da');
const ca = alias(ledgerAccount, 'ca');

// Transfers whose code does not fit the kinds of the accounts they move money between. Posts and
// voids are left out: they must repeat their pending transfer (linkProblems), which is checked
// here, and a post of a pending reversal carries the reversal's swapped sides without naming what
// it reverses. The first `limit` in insertion order, and how many in all.
export async function codeMisfits(exec: Executor, limit: number): Promise<{ problems: TransferProblem[]; count: number }> {
  const keys = fittingKeys();
  const key = sql`${t.code} || ':' || ${da.code} || ':' || ${ca.code}`;
  const rows = await queryRows<FitRow>(
    exec,
    sql`select ${t.id} as id, ${t.phase} as phase, ${t.code} as code, ${da.code} as debit_code, ${ca.code} as credit_code,
        ${t.reversesId} is not null as reversal, count(*) over ()::text as total
      from ${t} join ${ledgerAccount} as da on ${da.id} = ${t.debitAccountId} join ${ledgerAccount} as ca on ${ca.id} = ${t.creditAccountId}
      where ${t.phase} in ('single', 'pending')
        and case when ${t.reversesId} is null then not (${key} = any(${sql.param(keys.normal)}::text[])) else not (${key} = any(${sql.param(keys.reversed)}::text[])) end
      order by ${t.seq}
      limit ${limit}`,
  );
  const problems = rows.map(
    (r): TransferProblem => ({
      transferId: r.id,
      phase: r.phase as Phase,
      code: r.code as TransferCode,
      problem: 'code_does_not_fit_accounts',
      namesId: null,
      detail: [`debits ${r.debit_code}, credits ${r.credit_code}${r.reversal ? ' (a reversal)' : ''}`],
    }),
  );
  return { problems, count: rows.length > 0 ? Number(rows[0]!.total) : 0 };
}
