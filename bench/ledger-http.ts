// bench/ledger's `http` scenario: one transfer per HTTP request. The platform's finance clerk records
// payments received (POST /api/v1/payments: the payment, its audit row, and one `payment` transfer
// crediting the payer's receivable and debiting the platform's bank account kept for that payer, in
// one transaction), each with a bank reference and an Idempotency-Key of its own, the payers spread
// over the bench's insurers, with autocannon against `anpei serve`. Beside it, the same transfer as raw SQL at the same
// concurrency: one INSERT of the transfer and one UPDATE of the two balances per transaction.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { accountId, accountRef } from '../src/modules/ledger/index.ts';
import { chinaDate } from '../src/platform/china-date.ts';
import { isDeadlock, queryRows, type Database } from '../src/platform/db.ts';
import { RAW_SESSION } from './ledger-batch.ts';
import type { BenchOrgs } from './ledger-fill.ts';
import { postLoad, type LoadFigures } from './support.ts';

export const TARGET_HTTP_TRANSFERS_PER_S = 1000;

// The bank references of one run's payments start with this, so that they can be counted after.
export const bankRefPrefix = (runId: string) => `BL-${runId}-`;

// Payments recorded for the duration (or `amount` of them), each a distinct bank line.
export async function paymentLoad(
  base: string,
  token: string,
  orgs: BenchOrgs,
  opts: { runId: string; connections: number; durationS?: number; amount?: number; phase: string },
): Promise<LoadFigures> {
  let n = 0;
  const receivedOn = chinaDate(new Date());
  return postLoad({
    base,
    connections: opts.connections,
    durationS: opts.durationS,
    amount: opts.amount,
    expect: 201,
    next: () => {
      n++;
      const body = {
        payerOrgId: orgs.insurers[n % orgs.insurers.length],
        amountFen: 1000 + Math.floor(Math.random() * 1_000_000),
        receivedOn,
        bankRef: `${bankRefPrefix(opts.runId)}${opts.phase}-${n}`,
      };
      return {
        path: '/api/v1/payments',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `bl-${opts.runId}-${opts.phase}-${n}` },
        body: JSON.stringify(body),
      };
    },
  });
}

// The run's payments in the database and the payment transfers for them: every 201 must be a new
// payment with its transfer, never the stored answer to a repeated key.
export async function countPayments(database: Database, runId: string): Promise<{ payments: number; transfers: number }> {
  const [r] = await queryRows<{ payments: number; transfers: number }>(
    database.db,
    sql`select count(*)::int as payments,
        (select count(*) from ledger_transfer t join payment p on p.id = t.payment_id where p.bank_ref like ${`${bankRefPrefix(runId)}%`} and t.code = 'payment')::int as transfers
      from payment where bank_ref like ${`${bankRefPrefix(runId)}%`}`,
  );
  return r!;
}

export type RawPayments = { transfersPerS: number; clients: number; transactions: number; deadlocksRetried: number };

type RawRunner = { query(text: string, params?: unknown[]): Promise<unknown>; end?(): Promise<void> };

const RAW_INSERT = `insert into ledger_transfer (id, phase, code, debit_account_id, credit_account_id, amount_fen, payment_id, partner_org_id, at)
  values ($1, 'single', 'payment', $2, $3, $4, $5, $6, now())`;
// The two accounts in id order (the order every transfer locks them in), each with its change.
const RAW_UPDATE = `update ledger_account a set debits_posted = a.debits_posted + d.dpo, credits_posted = a.credits_posted + d.cpo
  from unnest($1::uuid[], $2::bigint[], $3::bigint[]) as d(id, dpo, cpo) where a.id = d.id`;

// The raw transfer per transaction, `clients` loops at once for the duration, committed (the rows
// are what ours writes, so the books stay balanced and `ledger verify` clean).
export async function rawPayments(database: Database, url: string | null, orgs: BenchOrgs, opts: { clients: number; durationS: number }): Promise<RawPayments> {
  // The platform's cash is kept per payer (chart.ts), as ours writes it.
  const receivables = orgs.insurers.map((p) => ({ org: p, id: accountId(accountRef('insurer_receivable', p)), cash: accountId(accountRef('platform_cash', null, p)) }));
  const runners: RawRunner[] = [];
  if (url) {
    for (let i = 0; i < opts.clients; i++) {
      const c = new pg.Client({ connectionString: url, options: RAW_SESSION });
      await c.connect();
      runners.push(c);
    }
  } else {
    runners.push({ query: (text, params) => database.pglite!.query(text, params) });
  }
  let done = 0;
  let deadlocks = 0;
  let n = 0;
  const t0 = performance.now();
  const deadline = t0 + opts.durationS * 1000;
  try {
    await Promise.all(
      runners.map(async (c) => {
        while (performance.now() < deadline) {
          const payer = receivables[n++ % receivables.length]!;
          const amount = String(1000 + Math.floor(Math.random() * 1_000_000));
          for (;;) {
            await c.query('begin');
            try {
              await c.query(RAW_INSERT, [randomUUID(), payer.cash, payer.id, amount, randomUUID(), payer.org]);
              const sides = [
                [payer.cash, amount, '0'],
                [payer.id, '0', amount],
              ].sort(([x], [y]) => (x! < y! ? -1 : 1));
              await c.query(
                RAW_UPDATE,
                [0, 1, 2].map((i) => sides.map((side) => side[i])),
              );
              await c.query('commit');
              break;
            } catch (e) {
              await c.query('rollback');
              if (!isDeadlock(e)) throw e;
              deadlocks++;
            }
          }
          done++;
        }
      }),
    );
  } finally {
    for (const c of runners) await c.end?.();
  }
  const seconds = (performance.now() - t0) / 1000;
  return { transfersPerS: Math.round((done / seconds) * 10) / 10, clients: runners.length, transactions: done, deadlocksRetried: deadlocks };
}
