import { pgArray } from '../../platform/bulk-insert.ts';
import { retryOnUniqueViolation } from '../../platform/concurrent-writes.ts';
import { executePrepared, type Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { bare, joinStmts, stmt, type Stmt } from '../../platform/stmt.ts';
import { accountId, type AccountRef } from './account-id.ts';
import { type AccountCode, chart } from './chart.ts';
import { type AccountState, createTransfers, debitCheck, type LedgerView, linkKeys, type Phase, type ResultCode, type StoredTransfer, type TransferInput } from './create-transfers.ts';
import { ledgerAccount, ledgerTransfer } from './tables.ts';
import type { TransferCode } from './transfer-codes.ts';

// A transfer as the modules that cause money to move write it: the accounts by what they are for
// (account-id.ts), every phase naming them, so that the accounts a batch touches are known and
// locked before it is decided.
export type TransferDraft = Omit<TransferInput, 'debitAccountId' | 'creditAccountId'> & { debit: AccountRef; credit: AccountRef };

export type Posted = {
  results: { id: string; result: ResultCode }[];
  // The statements that store the batch: its transfers and the accounts' new balances. The caller
  // sends them in its command's last round trip (finished.ts) or at once (writeTogether).
  writes: Stmt[];
};

// Two batches that decided the same transfer at once (see loadView) meet on one of these when the
// second inserts: a request's command is then run again (command.ts), and decides with what the
// first committed: `exists`, or the pending already posted, or the transfer already reversed.
retryOnUniqueViolation('ledger_transfer_pkey');
retryOnUniqueViolation('ledger_transfer_pending_uq');
retryOnUniqueViolation('ledger_transfer_reverses_uq');

// At most this many transfers in one batch: a payout run or a statement posts in batches of it.
export const MAX_BATCH = 8190;

// Posts a batch in the caller's transaction: opens the accounts it names that do not exist yet,
// locks those whose balance a posting checks, in the one lock order (loadView says which and why),
// reads the transfers it names, decides with the pure posting function and returns the
// writes: the transfers, and every account's balances moved by the batch's change to them. One
// round trip to read; the writes go with the caller's, best as its last statement (finished.ts),
// as the accounts not locked at the read are locked by them until the commit.
export async function postTransfers(exec: Executor, drafts: readonly TransferDraft[], now: Date): Promise<Posted> {
  if (drafts.length > MAX_BATCH) throw new Error(`postTransfers: ${drafts.length} transfers, at most ${MAX_BATCH}`);
  if (drafts.length === 0) return { results: [], writes: [] };
  const refs = new Map<string, AccountRef>();
  // A copy of each draft with its accounts' ids (its `debit` and `credit` ride along unread: a
  // spread copies in one step, where leaving them out rebuilt every draft key by key).
  const inputs: TransferInput[] = drafts.map((d) => {
    const debitAccountId = idOf(d.debit);
    const creditAccountId = idOf(d.credit);
    refs.set(debitAccountId, d.debit);
    refs.set(creditAccountId, d.credit);
    return { ...d, debitAccountId, creditAccountId };
  });
  const view = await loadView(exec, refs, inputs, now);
  const outcome = createTransfers(view, inputs);
  return { results: outcome.results, writes: writesOf(view, outcome.created, outcome.accounts, now) };
}

// Account ids by what they are for, remembered: an id is a hash of the reference (account-id.ts),
// the same on every database, and a batch names the same few accounts hundreds of times (every leg
// of every line names its payer's). Bounded: emptied when full.
const MAX_REMEMBERED_IDS = 100_000;
const knownIds = new Map<string, string>();
function idOf(ref: AccountRef): string {
  const key = `${ref.code}|${ref.orgId}|${ref.partnerOrgId}`;
  let id = knownIds.get(key);
  if (id === undefined) {
    if (knownIds.size >= MAX_REMEMBERED_IDS) knownIds.clear();
    id = accountId(ref);
    knownIds.set(key, id);
  }
  return id;
}

// The results every caller expects of a batch it built from its own state: each transfer `ok`, or
// `exists` when the same cause was posted before. A receivable over its limit is the caller's
// refusal (409, nothing written); anything else is a bug in the caller's rules.
export function expectPosted(posted: Posted): void {
  const bad = posted.results.filter((r) => r.result !== 'ok' && r.result !== 'exists');
  if (bad.length === 0) return;
  const limit = bad.find((r) => r.result === 'exceeds_credit_limit');
  if (limit) throw new AppError('credit_limit_exceeded', {});
  throw new Error(`ledger: transfers refused: ${bad.map((r) => `${r.id} ${r.result}`).join(', ')}`);
}

type ViewRow = {
  k: 'a' | 'b' | 't' | 'r' | 'v';
  id: string;
  code: string | null;
  a1: string | null;
  a2: string | null;
  a3: string | null;
  a4: string | null;
  a5: string | null;
  phase: string | null;
  u1: string | null;
  u2: string | null;
  u3: string | null;
  u4: string | null;
};

const a = ledgerAccount;
const t = ledgerTransfer;

// The one order every batch locks accounts in: receivables, then payables, then every other
// account, each by id. It is fixed by the accounts' codes alone, so two batches never take two
// accounts in opposite orders (see loadView).
const lockRank = (code: AccountCode) => (chart[code].creditLimit ? 0 : chart[code].debitsMustNotExceedCredits ? 1 : 2);
function lockOrder(x: { id: string; code: AccountCode }, y: { id: string; code: AccountCode }): number {
  return lockRank(x.code) - lockRank(y.code) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

// The one read: open the missing accounts; lock, in the lock order, the accounts up to the last one
// a decision of this batch reads the balance of; read the transfers the batch names by id, as
// pending, or as reversed, with how each named pending was resolved. A batch that names no pending
// or reversed transfer skips those reads (a one-time filter): on a table whose statistics had
// fallen behind, PostgreSQL looked for an empty list by filtering a hundred thousand rows of an
// unrelated index, 50–70 ms a batch.
//
// Which balances a batch reads: only those a decision checks (debitCheck in create-transfers.ts):
// a payable some transfer of the batch pays out, a receivable with a limit some new transfer
// debits. Every other account starts at zero in the view and its change is what the batch writes,
// as `debits_posted + x` in its last statement, so that concurrent batches add up whatever order
// they commit in. Its existence is what the batch needs of it, and the insert that opens the
// missing accounts gives that; its code is in its reference (the id is derived from it).
//
// Why so few locks at the read: an account locked at the read is held until the commit, through
// the caller's work and the batch's own, and every batch that touches it waits that long. A sale
// credits the shop's handling-fee payable and a receipt posts it: neither is checked, and a batch
// of 8,190 transfers that locked them all at its read (about 1,500 shops) held its neighbours back
// for most of its life. Now only a payout (which debits a payable to the bank) and a debit to a
// receivable with a limit lock at the read; the rest lock at the batch's last write. What a
// check reads may miss a credit another batch has not committed (it only adds room) and never a
// checked debit (that batch holds the lock at its read).
//
// Why no two wait on each other in a cycle: every batch takes its accounts in the one lock order
// (lockOrder) and never one before another it holds. The read locks a prefix of the batch's
// accounts in that order: every one up to the last it must read exact (some there are read, not
// needed, and that is the price of the order); the last write locks the rest, in the same order,
// after it (writesOf), with nothing locked after it. The missing accounts are opened before the
// read locks anything (the lock CTE waits on the insert's count): a second batch opening the same
// account waits for the first's commit there, holding none of this batch's locks. An account of the
// prefix that the read's snapshot cannot see (opened by it, or by a batch that committed while its
// insert waited) is not locked by it, so the read locks the prefix only up to the first such
// account and a second statement, which sees them, locks the rest. The ledger-concurrency test
// found that: a batch that locked a limited receivable but skipped the unlimited one opened a
// moment before, which comes first, deadlocked with a batch that took the two in order. A limit
// set on a receivable between two batches' reads moves one batch's prefix and not the other's, but
// never the order. Locks are FOR NO KEY UPDATE, as an UPDATE of the balances takes: they do not
// stop another transaction's foreign key check of its transfers' accounts (FOR KEY SHARE), which
// FOR UPDATE would.
//
// What batches that lock nothing at the read no longer do is queue behind each other: two that
// post the same transfer id at the same moment both decide `ok`, and the second's insert fails on
// the id (nothing of it is written). A request's command is then run again by runCommand, as after
// a deadlock (retryOnUniqueViolation above), and answers as a retry would: the transfer `exists`.
// The commands that resolve or pay (a receipt, a payout, a financing, a statement) lock their own
// row before they post, so they do not meet this; two runs of the same cause without such a row
// can (test/ledger-concurrency.test.ts).
//
// Accounts are found by joining the unnested ids, never `id = any(…)`: PostgreSQL filtered every
// row of ledger_account against the whole list for the latter (a seq scan, 190 ids against 8,000
// rows: 15–60 ms on a busy machine), where the join looks each up by its key.
async function loadView(exec: Executor, refs: Map<string, AccountRef>, inputs: readonly TransferInput[], now: Date): Promise<LedgerView> {
  const ordered = [...refs.entries()].map(([id, ref]) => ({ id, code: ref.code })).sort(lockOrder);
  const named = new Set<string>();
  const pendings = new Set<string>();
  const reversed = new Set<string>();
  // The accounts a decision reads, each with its check: 'always', or 'if_limit' (when one is set).
  const checked = new Map<string, 'always' | 'if_limit'>();
  for (const i of inputs) {
    named.add(i.id);
    if (i.pendingId) {
      named.add(i.pendingId);
      pendings.add(i.pendingId);
    }
    if (i.reversesId) {
      named.add(i.reversesId);
      reversed.add(i.reversesId);
    }
    if (i.phase === 'single' || i.phase === 'pending') {
      const check = debitCheck(refs.get(i.debitAccountId!)!.code, i.code);
      if (check) checked.set(i.debitAccountId!, check);
    }
  }
  // The prefix the read may lock: up to the last account checked (its position, 1-based), and each
  // checked account's position and whether it counts without a limit (a payable paid out counts
  // even when this read cannot see it yet: the second statement below locks and reads it).
  const checkedIds: string[] = [];
  const positions: number[] = [];
  const always: boolean[] = [];
  for (const [n, o] of ordered.entries()) {
    const check = checked.get(o.id);
    if (check === undefined) continue;
    checkedIds.push(o.id);
    positions.push(n + 1);
    always.push(check === 'always');
  }
  const lockable = ordered.slice(0, positions.at(-1) ?? 0).map((o) => o.id);
  const lockableIds = pgArray(lockable);
  const ids = ordered.map((o) => o.id);
  const opened = ordered.map((o) => refs.get(o.id)!);
  const rows = await executePrepared<ViewRow>(
    exec,
    stmt`with opened as (
      insert into ${a} (${bare(a.id)}, ${bare(a.orgId)}, ${bare(a.code)}, ${bare(a.partnerOrgId)}, ${bare(a.createdAt)})
      select u.id, u.org, u.code, u.partner, ${now.toISOString()}::timestamptz
        from unnest(${pgArray(ids)}::uuid[], ${pgArray(opened.map((r) => r.orgId))}::uuid[], ${pgArray(opened.map((r) => r.code))}::text[], ${pgArray(opened.map((r) => r.partnerOrgId))}::uuid[]) as u(id, org, code, partner)
        order by u.id
      on conflict (${bare(a.id)}) do nothing
      returning 1),
    bound as (
      select coalesce(max(c.n), 0) as n
        from unnest(${pgArray(checkedIds)}::uuid[], ${pgArray(positions.map(String))}::int[], ${pgArray(always.map(String))}::boolean[]) as c(id, n, always)
        left join ${a} on ${a.id} = c.id
        where (select count(*) from opened) >= 0 and (c.always or ${a.creditLimitFen} is not null)),
    unseen as (
      select coalesce(min(u.n), 2147483647) as n
        from unnest(${lockableIds}::uuid[]) with ordinality as u(id, n)
        where u.n <= (select n from bound) and not exists (select 1 from ${a} where ${a.id} = u.id)),
    locked as (${lockInOrder(lockableIds, accountRow, stmt`u.n <= (select n from bound) and u.n < (select n from unseen)`)})
    select * from locked
    union all
    select 'b', null, null, (select n from bound)::text, (select n from unseen)::text, null, null, null, null, null, null, null, null
      where cardinality(${lockableIds}::uuid[]) > 0
    union all
    select 't', ${t.id}, ${t.code}, ${t.amountFen}::text, null, null, null, null, ${t.phase}, ${t.debitAccountId}, ${t.creditAccountId}, ${t.pendingId}, ${t.reversesId}
      from ${t} where ${t.id} = any(${pgArray([...named])}::uuid[])
    union all
    select 'r', ${t.pendingId}, null, null, null, null, null, null, ${t.phase}, null, null, null, null
      from ${t} where cardinality(${pgArray([...pendings])}::uuid[]) > 0 and ${t.pendingId} is not null and ${t.pendingId} = any(${pgArray([...pendings])}::uuid[])
    union all
    select 'v', ${t.reversesId}, null, null, null, null, null, null, null, ${t.id}, null, null, null
      from ${t} where cardinality(${pgArray([...reversed])}::uuid[]) > 0 and ${t.reversesId} is not null and ${t.reversesId} = any(${pgArray([...reversed])}::uuid[])`,
  );
  const accounts = new Map<string, AccountState>();
  const transfers = new Map<string, StoredTransfer>();
  const resolved = new Map<string, 'post' | 'void'>();
  const reversedBy = new Map<string, string>();
  let bound: { n: number; unseen: number } | null = null;
  for (const r of rows) {
    if (r.k === 'a') {
      accounts.set(r.id, accountOf(r));
    } else if (r.k === 'b') {
      bound = { n: Number(r.a1), unseen: Number(r.a2) };
    } else if (r.k === 't') {
      transfers.set(r.id, {
        id: r.id,
        code: r.code as TransferCode,
        amountFen: BigInt(r.a1!),
        phase: r.phase as Phase,
        debitAccountId: r.u1!,
        creditAccountId: r.u2!,
        pendingId: r.u3,
        reversesId: r.u4,
      });
    } else if (r.k === 'r') {
      resolved.set(r.id, r.phase as 'post' | 'void');
    } else if (r.k === 'v') {
      reversedBy.set(r.id, r.u1!);
    }
  }
  // The prefix's accounts this statement's snapshot could not see (opened by it, or by another
  // batch that committed while this one's insert waited for it) were not locked, nor anything after
  // the first of them; they are visible now, and the rest of the prefix is locked from there on.
  if (bound !== null && bound.unseen <= bound.n) {
    for (const r of await executePrepared<ViewRow>(exec, lockInOrder(pgArray(lockable.slice(bound.unseen - 1, bound.n)), accountRow))) accounts.set(r.id, accountOf(r));
  }
  // Every account not locked starts at zero: one past the prefix (above), one opened now, and one
  // another transaction opened a moment ago, which this statement's snapshot cannot see (it waited
  // for that insert and then skipped its own). Balances are written as changes, so they add up.
  for (const id of ids) {
    if (!accounts.has(id)) accounts.set(id, { id, code: refs.get(id)!.code, debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n, creditLimitFen: null });
  }
  return { accounts, transfers, resolved, reversedBy };
}

// Locks the accounts `ids` names (a pgArray of them), in the order given (the lock order: the caller
// sorted them), and
// selects `columns` of them; `where` may stop short of the end, by the position u.n (1-based).
// Every lock the ledger takes goes through it: the read's prefix, its second statement, the last
// write's. PostgreSQL locks after it sorts (LockRows above the Sort), so the order holds.
function lockInOrder(ids: ReturnType<typeof pgArray>, columns: Stmt, where: Stmt = stmt`true`): Stmt {
  return stmt`select ${columns} from unnest(${ids}::uuid[]) with ordinality as u(id, n) join ${a} on ${a.id} = u.id
    where ${where} order by u.n for no key update of ${a}`;
}

// An account as the view's rows carry it (kind 'a').
const accountRow = stmt`'a' as k, ${a.id} as id, ${a.code} as code, ${a.debitsPending}::text as a1, ${a.debitsPosted}::text as a2, ${a.creditsPending}::text as a3,
  ${a.creditsPosted}::text as a4, ${a.creditLimitFen}::text as a5, null as phase, null::uuid as u1, null::uuid as u2, null::uuid as u3, null::uuid as u4`;
function accountOf(r: ViewRow): AccountState {
  return {
    id: r.id,
    code: r.code as AccountCode,
    debitsPending: BigInt(r.a1!),
    debitsPosted: BigInt(r.a2!),
    creditsPending: BigInt(r.a3!),
    creditsPosted: BigInt(r.a4!),
    creditLimitFen: r.a5 === null ? null : BigInt(r.a5),
  };
}

// The transfers' columns in the order writesOf sends them, the time last.
const transferColumns = [t.id, t.phase, t.code, t.debitAccountId, t.creditAccountId, t.amountFen, t.pendingId, t.reversesId, ...linkKeys.map((k) => t[k]), t.at];
const transferInsert = stmt`insert into ${t} (${joinStmts(
  transferColumns.map((c) => bare(c)),
  ', ',
)}) select u.*, `;

// The batch's writes: its transfers, in one INSERT of one array per column (a column no transfer
// sets goes as null, which unnest reads as nulls), and every account it moved, by its change, in the
// lock order. The INSERT's text is the same for every batch, so it is parsed once per connection.
function writesOf(view: LedgerView, created: readonly StoredTransfer[], after: ReadonlyMap<string, AccountState>, now: Date): Stmt[] {
  if (created.length === 0) return [];
  const changed = [...after.values()]
    .map((n) => {
      const o = view.accounts.get(n.id)!;
      return { id: n.id, code: n.code, dp: n.debitsPending - o.debitsPending, dpo: n.debitsPosted - o.debitsPosted, cp: n.creditsPending - o.creditsPending, cpo: n.creditsPosted - o.creditsPosted };
    })
    .filter((c) => c.dp !== 0n || c.dpo !== 0n || c.cp !== 0n || c.cpo !== 0n)
    .sort(lockOrder);
  const n = created.length;
  const ids: string[] = new Array(n);
  const phases: string[] = new Array(n);
  const codes: string[] = new Array(n);
  const debits: string[] = new Array(n);
  const credits: string[] = new Array(n);
  const amounts: string[] = new Array(n);
  const pendingIds: (string | null)[] = new Array(n);
  const reversesIds: (string | null)[] = new Array(n);
  const links = linkKeys.map(() => ({ values: new Array<string | null>(n), any: false }));
  for (let i = 0; i < n; i++) {
    const c = created[i]!;
    ids[i] = c.id;
    phases[i] = c.phase;
    codes[i] = c.code;
    debits[i] = c.debitAccountId;
    credits[i] = c.creditAccountId;
    amounts[i] = c.amountFen.toString();
    pendingIds[i] = c.pendingId;
    reversesIds[i] = c.reversesId;
    for (let k = 0; k < linkKeys.length; k++) {
      const v = c[linkKeys[k]!] ?? null;
      links[k]!.values[i] = v;
      if (v !== null) links[k]!.any = true;
    }
  }
  const orNull = (values: readonly (string | null)[]) => (values.some((v) => v !== null) ? pgArray(values) : null);
  const s = (xs: bigint[]) => pgArray(xs.map((x) => x.toString()));
  const insert = stmt`${transferInsert}${now.toISOString()}::timestamptz from unnest(${pgArray(ids)}::uuid[], ${pgArray(phases)}::text[], ${pgArray(codes)}::text[],
      ${pgArray(debits)}::uuid[], ${pgArray(credits)}::uuid[], ${pgArray(amounts)}::bigint[], ${orNull(pendingIds)}::uuid[], ${orNull(reversesIds)}::uuid[],
      ${joinStmts(
        links.map((l) => stmt`${l.any ? pgArray(l.values) : null}::uuid[]`),
        ', ',
      )}) as u`;
  const changedIds = pgArray(changed.map((c) => c.id));
  return [
    insert,
    stmt`update ${a} set ${bare(a.debitsPending)} = ${a.debitsPending} + d.dp, ${bare(a.debitsPosted)} = ${a.debitsPosted} + d.dpo,
        ${bare(a.creditsPending)} = ${a.creditsPending} + d.cp, ${bare(a.creditsPosted)} = ${a.creditsPosted} + d.cpo
      from unnest(${changedIds}::uuid[], ${s(changed.map((c) => c.dp))}::bigint[], ${s(changed.map((c) => c.dpo))}::bigint[], ${s(changed.map((c) => c.cp))}::bigint[], ${s(changed.map((c) => c.cpo))}::bigint[]) as d(id, dp, dpo, cp, cpo),
        (${lockInOrder(changedIds, stmt`${a.id} as id`)}) as l
      where ${a.id} = d.id and l.id = d.id`,
  ];
}
