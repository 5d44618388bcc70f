import { setTimeout as sleep } from 'node:timers/promises';
import { inArray, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountId, accountRef, expectPosted, ledgerAccount, postTransfers, type SaleLine, salesPending, type TransferDraft, verifyLedger } from '../src/modules/ledger/index.ts';
import type { Actor } from '../src/platform/access.ts';
import { runCommand } from '../src/platform/command.ts';
import { type Database, isUniqueViolation, queryRows } from '../src/platform/db.ts';
import { finished } from '../src/platform/finished.ts';
import { derivedId, newId } from '../src/platform/ids.ts';
import { writeTogether } from '../src/platform/write-together.ts';
import { databaseKinds, openTestDatabase } from './support/app.ts';

// postTransfers locks at its read only the accounts a decision of the batch reads (a receivable
// with a limit it debits, a payable it pays out), with those before them in the one lock order, and
// moves every other one by a delta in its last write, which locks in the same order
// (post-transfers.ts). These batches run at once, as many as the pool holds on PostgreSQL, each
// holding its transaction open a moment between its read and its write, as a command does: a limit
// must hold exactly (as many orders pass as fit, not one more), the unlocked accounts must add up to
// every committed transfer, and no two batches may deadlock (a deadlock fails the test: nothing
// here retries), even while they open the same accounts at once.

const WORKERS = 8;

class Refused extends Error {}

// One batch in its own transaction: decided, a pause (the rest of a command), then written.
async function post(database: Database, drafts: TransferDraft[]): Promise<'ok' | 'refused'> {
  try {
    await database.db.transaction(async (tx) => {
      const posted = await postTransfers(tx, drafts, new Date());
      if (posted.results.some((r) => r.result === 'exceeds_credit_limit')) throw new Refused();
      expectPosted(posted);
      await sleep(Math.floor(Math.random() * 4));
      await writeTogether(tx, posted.writes);
    });
    return 'ok';
  } catch (e) {
    if (e instanceof Refused) return 'refused';
    throw e;
  }
}

// An insurer's claim order of one line: 1,130.00 with 130.00 VAT and a 56.50 handling fee to the shop.
const LINE_FEN = 113_000n;
const VAT_FEN = 13_000n;
const FEE_FEN = 5_650n;
function order(payerOrgId: string, shopOrgId: string): TransferDraft[] {
  const orderId = newId();
  const line: SaleLine = { orderId, orderLineId: newId(), claimId: orderId, payerOrgId, payerKind: 'insurer', shopOrgId, amountFen: LINE_FEN, vatFen: VAT_FEN, handlingFeeFen: FEE_FEN };
  return salesPending([line]);
}

function payment(payerOrgId: string, amountFen: bigint): TransferDraft {
  const id = newId();
  return {
    id: derivedId('ledger_transfer', id, 'payment'),
    phase: 'single',
    code: 'payment',
    debit: accountRef('platform_cash', null, payerOrgId),
    credit: accountRef('insurer_receivable', payerOrgId),
    amountFen,
    paymentId: id,
    partnerOrgId: payerOrgId,
  };
}

// A request as runCommand reads it (who acts, its id, no Idempotency-Key), on this database, and a
// reply that keeps nothing: the runner is called as a route calls it.
const clerk: Actor = { type: 'user', userId: newId(), apiKeyId: null, orgId: newId(), orgKind: 'platform', orgRegionCode: '110102', roles: ['finance'] };
function request(database: Database, n: number): FastifyRequest {
  return { actor: clerk, id: `race-${n}`, headers: {}, method: 'POST', url: '/race', body: { n }, server: { services: { database, clock: () => new Date() } } } as unknown as FastifyRequest;
}
const reply = { code: () => reply, header: () => reply } as unknown as FastifyReply;

async function balances(database: Database, ids: string[]) {
  const rows = await database.db.select().from(ledgerAccount).where(inArray(ledgerAccount.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

for (const kind of databaseKinds()) {
  describe(`the ledger under concurrent batches on ${kind}`, () => {
    let database: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ database, drop } = await openTestDatabase(kind));
    });
    afterAll(async () => {
      await database.close();
      await drop();
    });

    it('passes exactly as many orders as fit an insurer’s credit limit, however many are placed at once', async () => {
      const insurer = newId();
      const shops = Array.from({ length: WORKERS }, () => newId());
      const exposure = LINE_FEN + FEE_FEN;
      const fit = 7n;
      const limit = exposure * fit + exposure / 2n;
      // The receivable opened with its limit, as PUT /ledger/credit-limits does.
      const receivable = accountId(accountRef('insurer_receivable', insurer));
      await queryRows(
        database.db,
        sql`insert into ledger_account (id, org_id, code, credit_limit_fen, created_at) values (${receivable}, ${insurer}, 'insurer_receivable', ${limit.toString()}::bigint, now())`,
      );

      const outcomes = (
        await Promise.all(shops.map(async (shop) => [await post(database, order(insurer, shop)), await post(database, order(insurer, shop)), await post(database, order(insurer, shop))]))
      ).flat();

      expect(outcomes.filter((o) => o === 'ok').length).toBe(Number(fit));
      const after = (await balances(database, [receivable])).get(receivable)!;
      expect(after.debitsPending).toBe(exposure * fit);
      expect(after.debitsPending).toBeLessThanOrEqual(limit);
      expect((await verifyLedger(database.db)).ok).toBe(true);
    });

    it('keeps the platform’s cash equal to every payment, received at once with orders on the same insurers, with and without limits', async () => {
      const limited = newId();
      const unlimited = newId();
      const shops = Array.from({ length: WORKERS }, () => newId());
      const limitedReceivable = accountId(accountRef('insurer_receivable', limited));
      await queryRows(
        database.db,
        sql`insert into ledger_account (id, org_id, code, credit_limit_fen, created_at) values (${limitedReceivable}, ${limited}, 'insurer_receivable', ${(1_000_000_000n).toString()}::bigint, now())`,
      );
      // The platform's cash is kept per payer: each of the two is moved by half the workers at once.
      const cash = [limited, unlimited].map((payer) => accountId(accountRef('platform_cash', null, payer)));

      const paid: bigint[] = [];
      await Promise.all(
        shops.map(async (shop, w) => {
          for (let i = 0; i < 6; i++) {
            const payer = (w + i) % 2 === 0 ? limited : unlimited;
            if (i % 3 === 2) {
              expect(await post(database, order(payer, shop))).toBe('ok');
            } else {
              const amount = BigInt(1000 + w * 100 + i);
              // A payment and an order in one batch cross the two kinds of account both ways.
              expect(await post(database, [payment(payer, amount), ...(i % 2 === 0 ? order(payer === limited ? unlimited : limited, shop) : [])])).toBe('ok');
              paid.push(amount);
            }
          }
        }),
      );

      const total = paid.reduce((a, b) => a + b, 0n);
      const after = await balances(database, [...cash, limitedReceivable, accountId(accountRef('insurer_receivable', unlimited))]);
      expect(cash.reduce((a, id) => a + after.get(id)!.debitsPosted, 0n)).toBe(total);
      const credited = [...after.values()].filter((a) => a.code === 'insurer_receivable').reduce((a, r) => a + r.creditsPosted, 0n);
      expect(credited).toBe(total);
      expect((await verifyLedger(database.db)).ok).toBe(true);
    });

    it('posts the same transfer once when it is posted at once by several batches (the others answer exists or fail on its id, writing nothing)', async () => {
      const payer = newId();
      const same = payment(payer, 12_345n);
      const cash = accountId(accountRef('platform_cash', null, payer));
      const cashBefore = (await balances(database, [cash])).get(cash)?.debitsPosted ?? 0n;
      const outcomes = await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          try {
            return await database.db.transaction(async (tx) => {
              const posted = await postTransfers(tx, [same], new Date());
              expectPosted(posted);
              await sleep(Math.floor(Math.random() * 4));
              await writeTogether(tx, posted.writes);
              return posted.results[0]!.result;
            });
          } catch (e) {
            // Two batches that both decided before either committed: the second's insert meets the
            // first's id (the primary key), and its transaction writes nothing.
            if (isUniqueViolation(e, 'ledger_transfer_pkey')) return 'failed';
            throw e;
          }
        }),
      );
      expect(outcomes.filter((o) => o === 'ok').length).toBe(1);
      expect(outcomes.every((o) => o === 'ok' || o === 'exists' || o === 'failed')).toBe(true);
      const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ledger_transfer where id = ${same.id}`);
      expect(row!.n).toBe(1);
      expect((await balances(database, [cash])).get(cash)!.debitsPosted - cashBefore).toBe(12_345n);
      expect((await verifyLedger(database.db)).ok).toBe(true);
    });

    it('answers a command that posted the same transfer at the same moment as another as a retry would (exists), never with an error', async () => {
      const payer = newId();
      const same = payment(payer, 54_321n);
      // The payer's first payment opens its accounts: a batch opening an account waits for another
      // opening the same one, so here they are open before the race.
      expect(await post(database, [payment(payer, 1n)])).toBe('ok');
      const cash = accountId(accountRef('platform_cash', null, payer));
      const cashBefore = (await balances(database, [cash])).get(cash)?.debitsPosted ?? 0n;
      // On PostgreSQL every command decides before any writes: each waits after its read until all
      // have read, so all decide `ok` and all but the first fail on the transfer's id when they
      // write. PGlite runs one transaction at a time: there they decide one after another.
      const together = kind === 'pg' ? WORKERS : 1;
      let read = 0;
      let allRead!: () => void;
      const everyoneRead = new Promise<void>((resolve) => {
        allRead = resolve;
      });
      let runs = 0;
      const answers = await Promise.all(
        Array.from({ length: WORKERS }, (_, n) =>
          runCommand(request(database, n), reply, async (tx) => {
            runs++;
            const posted = await postTransfers(tx, [same], new Date());
            expectPosted(posted);
            if (++read === together) allRead();
            if (read <= together) await everyoneRead;
            return finished(posted.results[0]!.result, posted.writes);
          }),
        ),
      );
      expect(answers.filter((a) => a === 'ok').length).toBe(1);
      expect(answers.filter((a) => a === 'exists').length).toBe(WORKERS - 1);
      // Each of the others was run again once, after the first committed.
      expect(runs - WORKERS).toBe(together - 1);
      const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ledger_transfer where id = ${same.id}`);
      expect(row!.n).toBe(1);
      expect((await balances(database, [cash])).get(cash)!.debitsPosted - cashBefore).toBe(54_321n);
      expect((await verifyLedger(database.db)).ok).toBe(true);
    });
  });
}
