// bench/ledger's `batch` scenario: transfers/s posted in batches through postTransfers, each batch
// its own transaction, several at once on PostgreSQL (one connection on PGlite), and beside it the
// same rows written by the plainest SQL (one INSERT … SELECT from unnest of the transfers and one
// UPDATE of the balances per batch, at the same concurrency).
//
// The batches are what the ledger is asked to post in service, only bigger: claim orders of 1–5
// lines across many insurers and shops (and a tenth of orders a shop buying for itself), each
// order's legs pending as one linked chain (rules/sales.ts: salesPending, as placing an order
// posts them); then, in the next batch, those lines accepted (posted) or one in twenty rejected
// (voided), as the shops' receipts do (salesResolved). So half the batches are pending chains and
// half are unlinked posts and voids, and every batch touches most of the insurers' accounts.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { accountId, expectPosted, postTransfers, salesPending, salesResolved, type AccountRef, type SaleLine, type TransferDraft } from '../src/modules/ledger/index.ts';
import { isDeadlock, type Database } from '../src/platform/db.ts';
import { writeTogether } from '../src/platform/write-together.ts';
import type { BenchOrgs } from './ledger-fill.ts';

export const TARGET_BATCH_TRANSFERS_PER_S = 10_000;

// Lines accepted (posted) but for one in this many, rejected (voided).
const VOID_EVERY = 20;
const SELF_PAID_SHARE = 0.1;

// Orders of 1–5 lines, random payers, shops and amounts (20 to 5,020 yuan, 13 % VAT inside, a 5 %
// handling fee on an insurer's order), until the next order's legs would pass `size` transfers.
function newOrders(orgs: BenchOrgs, size: number): { lines: SaleLine[]; drafts: TransferDraft[] } {
  const lines: SaleLine[] = [];
  const drafts: TransferDraft[] = [];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  while (true) {
    const shop = pick(orgs.shops);
    const selfPaid = Math.random() < SELF_PAID_SHARE;
    const orderId = randomUUID();
    const order: SaleLine[] = Array.from({ length: 1 + Math.floor(Math.random() * 5) }, () => {
      const amountFen = BigInt(2000 + Math.floor(Math.random() * 500_000));
      return {
        orderId,
        orderLineId: randomUUID(),
        claimId: selfPaid ? null : orderId,
        payerOrgId: selfPaid ? shop : pick(orgs.insurers),
        payerKind: selfPaid ? 'repair_shop' : 'insurer',
        shopOrgId: shop,
        amountFen,
        vatFen: (amountFen * 13n) / 113n,
        handlingFeeFen: selfPaid ? 0n : (amountFen * 5n) / 100n,
      };
    });
    const legs = salesPending(order);
    if (drafts.length + legs.length > size) return { lines, drafts };
    lines.push(...order);
    drafts.push(...legs);
  }
}

// The lines of a pending batch resolved: posted, or voided one in VOID_EVERY.
function resolvedOf(lines: readonly SaleLine[]): TransferDraft[] {
  return [
    ...salesResolved(
      lines.filter((_, i) => i % VOID_EVERY !== 0),
      'post',
    ),
    ...salesResolved(
      lines.filter((_, i) => i % VOID_EVERY === 0),
      'void',
    ),
  ];
}

// One worker's batches, alternately new orders' pending legs and the previous batch's lines
// resolved, until the deadline: `post` writes one batch and answers the transfers it wrote.
async function runBatches(orgs: BenchOrgs, size: number, deadline: number, post: (drafts: readonly TransferDraft[]) => Promise<number>) {
  let transfers = 0;
  let batches = 0;
  const batchMs: number[] = [];
  while (performance.now() < deadline) {
    const { lines, drafts } = newOrders(orgs, size);
    for (const batch of [drafts, resolvedOf(lines)]) {
      const t0 = performance.now();
      transfers += await post(batch);
      batchMs.push(performance.now() - t0);
      batches++;
    }
  }
  return { transfers, batches, batchMs };
}

export type BatchRun = { transfersPerS: number; transfers: number; batches: number; seconds: number; p50BatchMs: number; maxBatchMs: number };

// Runs `clients` workers at once until the deadline; the rate is over the time until the last
// worker's last batch committed.
async function measure(clients: number, durationS: number, orgs: BenchOrgs, size: number, post: (worker: number) => (drafts: readonly TransferDraft[]) => Promise<number>): Promise<BatchRun> {
  const t0 = performance.now();
  const deadline = t0 + durationS * 1000;
  const runs = await Promise.all(Array.from({ length: clients }, (_, w) => runBatches(orgs, size, deadline, post(w))));
  const seconds = (performance.now() - t0) / 1000;
  const transfers = runs.reduce((a, r) => a + r.transfers, 0);
  const batchMs = runs.flatMap((r) => r.batchMs).sort((x, y) => x - y);
  return {
    transfersPerS: Math.round(transfers / seconds),
    transfers,
    batches: runs.reduce((a, r) => a + r.batches, 0),
    seconds: Math.round(seconds * 10) / 10,
    p50BatchMs: Math.round(batchMs[Math.floor(batchMs.length / 2)] ?? 0),
    maxBatchMs: Math.round(batchMs.at(-1) ?? 0),
  };
}

// Ours: a batch posted as every module posts, in a transaction of its own.
function oursPost(database: Database) {
  return async (drafts: readonly TransferDraft[]): Promise<number> =>
    database.db.transaction(async (tx) => {
      const posted = await postTransfers(tx, drafts, new Date());
      expectPosted(posted);
      await writeTogether(tx, posted.writes);
      return posted.results.filter((r) => r.result === 'ok').length;
    });
}

// The raw loop's sessions: no JIT, as the app's pool; and no hash join, so that the UPDATE's join
// meets (and locks) the accounts in the order of the sorted ids it is given, as postTransfers locks
// them. With a hash join probed by a scan of ledger_account, two batches lock their accounts in the
// table's physical order, which updates keep changing, and PostgreSQL kills one as a deadlock's
// victim every second or so (each costing deadlock_timeout, 1 s).
export const RAW_SESSION = '-c jit=off -c enable_hashjoin=off';

type RawRunner = { query(text: string, params?: unknown[]): Promise<unknown>; end?(): Promise<void> };

const RAW_INSERT = `insert into ledger_transfer (id, phase, code, debit_account_id, credit_account_id, amount_fen, pending_id, claim_id, order_id, order_line_id, partner_org_id, at)
  select * from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::bigint[], $7::uuid[], $8::uuid[], $9::uuid[], $10::uuid[], $11::uuid[], $12::timestamptz[])`;
const RAW_UPDATE = `update ledger_account a set debits_pending = a.debits_pending + d.dp, debits_posted = a.debits_posted + d.dpo,
    credits_pending = a.credits_pending + d.cp, credits_posted = a.credits_posted + d.cpo
  from unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) as d(id, dp, dpo, cp, cpo) where a.id = d.id`;

// The same rows as ours would write for the batch, worked out directly: a post or void takes its
// pending leg's accounts and amount (remembered from the pending batch), and each account moves by
// the sums of its legs. No read, no lock taken first, no checks.
function rawBatch(drafts: readonly TransferDraft[], amounts: Map<string, bigint>, ids: Map<string, string>) {
  // The account ids by what they are for, kept: the raw loop hashes each account once.
  const idOf = (ref: AccountRef) => {
    const key = `${ref.code}|${ref.orgId}|${ref.partnerOrgId}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = accountId(ref);
      ids.set(key, id);
    }
    return id;
  };
  const at = new Date().toISOString();
  const cols: unknown[][] = Array.from({ length: 12 }, () => []);
  const deltas = new Map<string, [bigint, bigint, bigint, bigint]>();
  const move = (id: string, i: number, by: bigint) => {
    const d = deltas.get(id) ?? [0n, 0n, 0n, 0n];
    d[i]! += by;
    deltas.set(id, d);
  };
  for (const t of drafts) {
    const debit = idOf(t.debit);
    const credit = idOf(t.credit);
    const amount = t.phase === 'pending' ? t.amountFen! : amounts.get(t.pendingId!)!;
    if (t.phase === 'pending') {
      amounts.set(t.id, amount);
      move(debit, 0, amount);
      move(credit, 2, amount);
    } else {
      amounts.delete(t.pendingId!);
      move(debit, 0, -amount);
      move(credit, 2, -amount);
      if (t.phase === 'post') {
        move(debit, 1, amount);
        move(credit, 3, amount);
      }
    }
    const row = [t.id, t.phase, t.code, debit, credit, amount.toString(), t.pendingId ?? null, t.claimId ?? null, t.orderId ?? null, t.orderLineId ?? null, t.partnerOrgId ?? null, at];
    for (const [i, v] of row.entries()) cols[i]!.push(v);
  }
  const changed = [...deltas].sort(([x], [y]) => (x < y ? -1 : 1));
  return { insert: cols, update: [changed.map(([id]) => id), ...[0, 1, 2, 3].map((i) => changed.map(([, d]) => d[i]!.toString()))] };
}

// The raw loop's writes, retried should PostgreSQL still pick one of two crossing batches as a
// deadlock's victim: counted, not hidden.
function rawPost(runner: RawRunner, amounts: Map<string, bigint>, ids: Map<string, string>, counters: { deadlocks: number }) {
  return async (drafts: readonly TransferDraft[]): Promise<number> => {
    const { insert, update } = rawBatch(drafts, amounts, ids);
    for (;;) {
      await runner.query('begin');
      try {
        await runner.query(RAW_INSERT, insert);
        await runner.query(RAW_UPDATE, update);
        await runner.query('commit');
        return drafts.length;
      } catch (e) {
        await runner.query('rollback');
        if (!isDeadlock(e)) throw e;
        counters.deadlocks++;
      }
    }
  };
}

export type BatchFigure = {
  batchSize: number;
  clients: number;
  ours: BatchRun;
  raw: BatchRun & { deadlocksRetried: number };
  // Ours over raw, transfers/s.
  ratio: number;
  targetTransfersPerS: number;
  met: boolean;
};

// Measures one batch size: ours for the duration, then raw for as long, each after a short warm-up
// when asked (the first size measured).
export async function benchBatch(database: Database, url: string | null, orgs: BenchOrgs, opts: { size: number; clients: number; durationS: number; warmup: boolean }): Promise<BatchFigure> {
  const clients = url ? opts.clients : 1;
  const ours = oursPost(database);
  if (opts.warmup) await measure(clients, Math.min(2, opts.durationS), orgs, opts.size, () => ours);
  const measured = await measure(clients, opts.durationS, orgs, opts.size, () => ours);

  const runners: RawRunner[] = [];
  if (url) {
    for (let i = 0; i < clients; i++) {
      const c = new pg.Client({ connectionString: url, options: RAW_SESSION });
      await c.connect();
      runners.push(c);
    }
  } else {
    runners.push({ query: (text, params) => database.pglite!.query(text, params) });
  }
  const counters = { deadlocks: 0 };
  const ids = new Map<string, string>();
  const amounts = runners.map(() => new Map<string, bigint>());
  let raw: BatchRun;
  try {
    if (opts.warmup) await measure(clients, Math.min(1, opts.durationS), orgs, opts.size, (w) => rawPost(runners[w]!, amounts[w]!, ids, counters));
    counters.deadlocks = 0;
    raw = await measure(clients, opts.durationS, orgs, opts.size, (w) => rawPost(runners[w]!, amounts[w]!, ids, counters));
  } finally {
    for (const r of runners) await r.end?.();
  }
  return {
    batchSize: opts.size,
    clients,
    ours: measured,
    raw: { ...raw, deadlocksRetried: counters.deadlocks },
    ratio: Math.round((measured.transfersPerS / raw.transfersPerS) * 1000) / 1000,
    targetTransfersPerS: TARGET_BATCH_TRANSFERS_PER_S,
    met: measured.transfersPerS >= TARGET_BATCH_TRANSFERS_PER_S,
  };
}
