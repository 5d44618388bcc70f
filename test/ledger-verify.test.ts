import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, queryRows, type Executor } from '../src/platform/db.ts';
import { newId } from '../src/platform/ids.ts';
import { accountId, accountRef, ledgerAccount, ledgerTransfer, stockValuation } from '../src/modules/ledger/index.ts';
import { ledgerVerify } from '../src/modules/ledger/verify/cli.ts';
import { verifyLedger } from '../src/modules/ledger/verify/verify-ledger.ts';
import { seedDemoClaims } from '../src/seed/claims/demo-claims.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { serverUrl } from './support/databases.ts';
import { runAnpei, stopAll } from './support/spawn-anpei.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Line = { id: string; amountFen: number; vatFen: number; handlingFeeFen: number; status: string };
type Order = { id: string; claimNo: string | null; payerOrgId: string; amountFen: number; handlingFeeFen: number; lines: Line[] };

// `anpei ledger verify` on the demo world, walked as its people walk it: the receiver of 上海浦东安达
// signs for the delivered order of PICC's first claim, rejecting one damaged part, and the shop's
// buyer orders the approved second claim. The ledger then holds pending, posted and voided sales,
// the suppliers' side of what was accepted, and agrees with itself; a cache or a valuation changed
// behind its back is named, through the function and through the command as a process.
for (const kind of databaseKinds()) {
  describe(`anpei ledger verify on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;
    let delivered: Order;
    let ordered: Order;
    let receivable = '';

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await seedDemoClaims(t.app, t.database.db);
      await users.signIn({ receiver: 'receiver@sh-anda.demo', buyer: 'buyer@sh-anda.demo' });
    }, 300_000);
    afterAll(async () => {
      await stopAll();
      await t?.close();
    });

    const balances = async (id: string) => (await t.database.db.select().from(ledgerAccount).where(eq(ledgerAccount.id, id)))[0]!;
    const db = () => t.database.db;

    it('agrees with itself after the shop signs for one order, rejecting a line, and orders another', async () => {
      const orders = (await call('receiver', 'GET', '/api/v1/orders?limit=50')).json<Page<Order>>().items;
      delivered = orders.find((o) => o.claimNo === 'RDAA2026310115000101')!;
      expect(delivered.lines.length).toBeGreaterThanOrEqual(2);
      const [rejected, ...accepted] = delivered.lines;
      const signed = await call('receiver', 'POST', `/api/v1/orders/${delivered.id}/receipt`, {
        lines: [...accepted.map((l) => ({ orderLineId: l.id, result: 'accepted' })), { orderLineId: rejected!.id, result: 'rejected', reason: 'damaged' }],
      });
      expect(signed.statusCode, signed.body).toBe(200);
      delivered = (await call('receiver', 'GET', `/api/v1/orders/${delivered.id}`)).json<Order>();
      expect(delivered.lines.map((l) => l.status).sort()).toEqual([...accepted.map(() => 'accepted'), 'rejected'].sort());

      const claims = (await call('buyer', 'GET', '/api/v1/claims?limit=50')).json<Page<{ id: string; claimNo: string; status: string }>>().items;
      const approved = claims.find((c) => c.claimNo === 'RDAA2026310115000102')!;
      expect(approved.status).toBe('approved');
      const detail = (await call('buyer', 'GET', `/api/v1/claims/${approved.id}`)).json<{ assessments: { id: string; status: string }[] }>();
      const version = detail.assessments.find((a) => a.status === 'approved')!;
      const placed = await call('buyer', 'POST', '/api/v1/orders', { assessmentId: version.id }, { 'idempotency-key': `ledger-verify-${kind}` });
      expect(placed.statusCode, placed.body).toBe(201);
      ordered = (await call('buyer', 'GET', `/api/v1/orders/${placed.json<{ id: string }>().id}`)).json<Order>();

      const report = await verifyLedger(db());
      expect(
        report,
        JSON.stringify(report, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
      ).toMatchObject({
        ok: true,
        balanceDifferenceCount: 0,
        transferProblemCount: 0,
        totalsAgree: true,
        overdrawnCount: 0,
        valuationAgrees: true,
      });
      expect(report.accounts).toBeGreaterThan(0);
      expect(report.transfers).toBeGreaterThan(0);

      // PICC owes what its shop accepted, with the shop's handling fees, and has the second order
      // pending in full; the rejected line's pending sale was voided.
      expect(delivered.payerOrgId).toBe(ordered.payerOrgId);
      receivable = accountId(accountRef('insurer_receivable', delivered.payerOrgId));
      const owed = accepted.reduce((s, l) => s + BigInt(l.amountFen + l.handlingFeeFen), 0n);
      const picc = await balances(receivable);
      expect(picc.debitsPosted).toBe(owed);
      expect(picc.debitsPending).toBe(BigInt(ordered.amountFen + ordered.handlingFeeFen));
      expect(picc.creditsPosted + picc.creditsPending).toBe(0n);
      expect(report.totals.posted.debitsFen).toBe(report.totals.posted.creditsFen);
      expect(report.totals.posted.debitsFen).toBeGreaterThanOrEqual(owed);

      const phases = await queryRows<{ line: string; phase: string; n: number }>(
        db(),
        sql`select ${ledgerTransfer.orderLineId} as line, ${ledgerTransfer.phase} as phase, count(*)::int as n from ${ledgerTransfer}
          where ${ledgerTransfer.orderId} = ${delivered.id} and ${ledgerTransfer.code} in ('sale', 'sale_vat', 'handling_fee') group by 1, 2`,
      );
      const legs = (lineId: string, phase: string) => phases.find((p) => p.line === lineId && p.phase === phase)?.n ?? 0;
      expect(legs(rejected!.id, 'void')).toBe(legs(rejected!.id, 'pending'));
      expect(legs(rejected!.id, 'post')).toBe(0);
      // The parts, their VAT, and the handling fee where the line carries one.
      for (const l of accepted) {
        expect(legs(l.id, 'pending')).toBe(l.handlingFeeFen > 0 ? 3 : 2);
        expect(legs(l.id, 'post')).toBe(legs(l.id, 'pending'));
      }
      // The suppliers' side of the accepted lines was posted too (consignment or own stock).
      const sold = await queryRows<{ n: number }>(
        db(),
        sql`select count(*)::int as n from ${ledgerTransfer} where ${ledgerTransfer.orderId} = ${delivered.id} and ${ledgerTransfer.code} in ('consignment_sold', 'stock_sold')`,
      );
      expect(sold[0]!.n).toBeGreaterThanOrEqual(accepted.length);
    });

    it('names exactly the account and the field whose cache was changed behind its back', async () => {
      const before = await balances(receivable);
      await tamperDebitsPosted(db(), receivable, 1n);
      try {
        const report = await verifyLedger(db());
        expect(report.ok).toBe(false);
        expect(report.balanceDifferenceCount).toBe(1);
        expect(report.balanceDifferences).toEqual([
          {
            accountId: receivable,
            orgId: delivered.payerOrgId,
            code: 'insurer_receivable',
            partnerOrgId: null,
            fields: [{ field: 'debitsPosted', cachedFen: before.debitsPosted + 1n, computedFen: before.debitsPosted }],
          },
        ]);
        // One fen more on one side: the cache no longer balances either, and nothing else is wrong.
        expect(report.totalsAgree).toBe(false);
        expect(report.totals.posted.debitsFen - report.totals.posted.creditsFen).toBe(1n);
        expect(report).toMatchObject({ transferProblemCount: 0, overdrawnCount: 0, valuationAgrees: true });
      } finally {
        await tamperDebitsPosted(db(), receivable, -1n);
      }
      expect((await verifyLedger(db())).ok).toBe(true);
    });

    it('reports the stock valuation apart from the inventory account, with both figures', async () => {
      const clean = await verifyLedger(db());
      // The demo's warehouses hold goods the platform bought outright, valued as they came in.
      const [row] = await db().select().from(stockValuation).limit(1);
      expect(clean.valuation.stockValuationFen).toBeGreaterThan(0n);
      const productId = row!.productId;
      await db()
        .update(stockValuation)
        .set({ valueFen: row!.valueFen + 250n })
        .where(eq(stockValuation.productId, productId));
      try {
        const report = await verifyLedger(db());
        expect(report).toMatchObject({ ok: false, valuationAgrees: false, balanceDifferenceCount: 0, transferProblemCount: 0, totalsAgree: true });
        expect(report.valuation).toEqual({ stockValuationFen: clean.valuation.stockValuationFen + 250n, inventoryFen: clean.valuation.inventoryFen });
      } finally {
        await db().update(stockValuation).set({ valueFen: row!.valueFen }).where(eq(stockValuation.productId, productId));
      }
      expect((await verifyLedger(db())).ok).toBe(true);
    });

    it('names a post that does not repeat its pending transfer', async () => {
      const line = delivered.lines.find((l) => l.status === 'accepted')!;
      const [post] = await db().select().from(ledgerTransfer).where(sql`${ledgerTransfer.orderLineId} = ${line.id} and ${ledgerTransfer.phase} = 'post' and ${ledgerTransfer.code} = 'sale'`);
      // The amount changes on both sides, so that only the transfer itself is wrong, not the cache.
      await changePostedAmount(db(), post!, 1n);
      try {
        const report = await verifyLedger(db());
        expect(report).toMatchObject({ ok: false, transferProblemCount: 1, totalsAgree: true });
        expect(report.transferProblems).toEqual([
          { transferId: post!.id, phase: 'post', code: 'sale', problem: 'pending_differs', namesId: post!.pendingId, detail: [`amount ${post!.amountFen + 1n} fen, expected ${post!.amountFen} fen`] },
        ]);
      } finally {
        await changePostedAmount(db(), post!, -1n);
      }
      expect((await verifyLedger(db())).ok).toBe(true);
    });

    it('names a reversal of more than it reverses, and a transfer whose code does not fit its accounts', async () => {
      const line = delivered.lines.find((l) => l.status === 'accepted')!;
      const [post] = await db().select().from(ledgerTransfer).where(sql`${ledgerTransfer.orderLineId} = ${line.id} and ${ledgerTransfer.phase} = 'post' and ${ledgerTransfer.code} = 'sale'`);
      const reversal = newId();
      const misfit = newId();
      const at = new Date();
      // Written behind the posting function's back, which would have refused the second (and the
      // caches left as they were: only the transfers are looked at here).
      await db()
        .insert(ledgerTransfer)
        .values([
          { id: reversal, phase: 'single', code: 'sale', debitAccountId: post!.creditAccountId, creditAccountId: post!.debitAccountId, amountFen: post!.amountFen + 5n, reversesId: post!.id, at },
          { id: misfit, phase: 'single', code: 'stock_found', debitAccountId: post!.debitAccountId, creditAccountId: post!.creditAccountId, amountFen: 1n, at },
        ]);
      try {
        const report = await verifyLedger(db());
        expect(report.ok).toBe(false);
        expect(report.transferProblemCount).toBe(2);
        expect(report.transferProblems).toEqual([
          {
            transferId: reversal,
            phase: 'single',
            code: 'sale',
            problem: 'reversal_exceeds_reversed',
            namesId: post!.id,
            detail: [`amount ${post!.amountFen + 5n} fen, reversed ${post!.amountFen} fen`],
          },
          { transferId: misfit, phase: 'single', code: 'stock_found', problem: 'code_does_not_fit_accounts', namesId: null, detail: ['debits insurer_receivable, credits sales_revenue'] },
        ]);
      } finally {
        await db()
          .delete(ledgerTransfer)
          .where(inArray(ledgerTransfer.id, [reversal, misfit]));
      }
      expect((await verifyLedger(db())).ok).toBe(true);
    });

    // The command as a process: a copy of the database on disk for PGlite (one process at a time
    // on its files), the test's own database on PostgreSQL.
    it('exits 0 when everything agrees, and 1 with the difference printed when it does not', async () => {
      const target = await cliTarget(t);
      let tampered = false;
      try {
        const clean = await runAnpei(['ledger', 'verify'], target.env);
        expect(clean.code, clean.stdout + clean.stderr).toBe(0);
        expect(clean.stdout).toMatch(/^ledger verify: [\d,]+ accounts, [\d,]+ transfers, all agree\n$/);

        await target.change((exec) => tamperDebitsPosted(exec, receivable, 1n));
        tampered = true;
        const broken = await runAnpei(['ledger', 'verify'], { ...target.env, LANG: 'en_US.UTF-8' });
        expect(broken.code, broken.stdout + broken.stderr).toBe(1);
        expect(broken.stdout).toContain('MISMATCH: 1 account(s) whose cached balances differ from their transfers:');
        expect(broken.stdout).toContain(`insurer_receivable (Insurer receivable) of `);
        expect(broken.stdout).toContain(`[account ${receivable}]: debits posted cached `);
        expect(broken.stdout).toContain('UNBALANCED:');

        const json = await runAnpei(['ledger', 'verify', '--json'], target.env);
        expect(json.code).toBe(1);
        expect(json.stdout.trim().split('\n')).toHaveLength(1);
        const parsed = JSON.parse(json.stdout) as { ok: boolean; balanceDifferences: { accountId: string; fields: { field: string; cachedFen: string; computedFen: string }[] }[] };
        expect(parsed.ok).toBe(false);
        expect(parsed.balanceDifferences.map((d) => [d.accountId, d.fields.map((f) => f.field)])).toEqual([[receivable, ['debitsPosted']]]);
        expect(BigInt(parsed.balanceDifferences[0]!.fields[0]!.cachedFen) - BigInt(parsed.balanceDifferences[0]!.fields[0]!.computedFen)).toBe(1n);
      } finally {
        // On PostgreSQL the command read the test's own database: the later tests need it whole.
        if (tampered) await target.change((exec) => tamperDebitsPosted(exec, receivable, -1n));
        await target.close();
      }
    }, 120_000);

    it('writes the same report through ledgerVerify, the command’s own function', async () => {
      let out = '';
      const ok = await ledgerVerify(db(), { json: false, locale: 'en', write: (text) => (out += text) });
      expect(ok).toBe(true);
      expect(out).toMatch(/all agree\n$/);
    });
  });
}

async function tamperDebitsPosted(exec: Executor, id: string, byFen: bigint): Promise<void> {
  await exec
    .update(ledgerAccount)
    .set({ debitsPosted: sql`${ledgerAccount.debitsPosted} + ${byFen.toString()}::bigint` })
    .where(eq(ledgerAccount.id, id));
}

// A transfer's amount and the cached balances of both its accounts, changed together.
async function changePostedAmount(exec: Executor, post: typeof ledgerTransfer.$inferSelect, byFen: bigint): Promise<void> {
  const by = byFen.toString();
  await exec
    .update(ledgerTransfer)
    .set({ amountFen: sql`${ledgerTransfer.amountFen} + ${by}::bigint` })
    .where(eq(ledgerTransfer.id, post.id));
  await exec
    .update(ledgerAccount)
    .set({ debitsPosted: sql`${ledgerAccount.debitsPosted} + ${by}::bigint`, debitsPending: sql`${ledgerAccount.debitsPending} - ${by}::bigint` })
    .where(eq(ledgerAccount.id, post.debitAccountId));
  await exec
    .update(ledgerAccount)
    .set({ creditsPosted: sql`${ledgerAccount.creditsPosted} + ${by}::bigint`, creditsPending: sql`${ledgerAccount.creditsPending} - ${by}::bigint` })
    .where(eq(ledgerAccount.id, post.creditAccountId));
}

type CliTarget = { env: Record<string, string>; change(work: (exec: Executor) => Promise<void>): Promise<void>; close(): Promise<void> };

async function cliTarget(t: TestApp): Promise<CliTarget> {
  if (t.database.kind === 'pg') {
    const [row] = await queryRows<{ name: string }>(t.database.db, sql`select current_database() as name`);
    const env = { DATABASE_URL: serverUrl(inject('testDatabaseUrl'), row!.name) };
    return { env, change: (work) => work(t.database.db), close: async () => {} };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anpei-ledger-verify-'));
  const dump = await t.database.pglite!.dumpDataDir('gzip');
  const copy = await openDatabase({ kind: 'pglite', dataDir, loadDataDir: dump });
  await copy.close();
  return {
    env: { ANPEI_DATA_DIR: dataDir },
    change: async (work) => {
      const opened = await openDatabase({ kind: 'pglite', dataDir });
      try {
        await work(opened.db);
      } finally {
        await opened.close();
      }
    },
    close: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
