import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCtx } from '../src/cli/system-ctx.ts';
import { ledgerAccount, verifyLedger } from '../src/modules/ledger/index.ts';
import { payout, payoutItem, runPayouts, startPayoutJob } from '../src/modules/settlement/index.ts';
import { addDays } from '../src/platform/china-date.ts';
import { queryRows } from '../src/platform/db.ts';
import { seedDemoClaims } from '../src/seed/claims/demo-claims.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { signForFirstDelivered } from './support/settle-steps.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Payout = { id: string; payee: { id: string; name: string }; payeeKind: string; status: string; amountFen: number; itemCount: number; runDate: string };

// Paying suppliers on the demo world: the shop accepts the delivered claim order, and thirty days
// on (the default terms, T+30) the day's run pays every supplier what its payable holds (goods it
// sold, goods the platform bought from it, less fees) and each shop its handling fees; exactly
// once, however often the run is made, at once or one after another; the bank's confirmation
// posts it, a return frees its items for the next run. Each payee sees its own remittance advice.
for (const kind of databaseKinds()) {
  describe(`payouts on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const day30 = addDays(today, 30);
    let owedBefore: Map<string, bigint>;

    const owed = async () => {
      const rows = await t.database.db
        .select({ orgId: ledgerAccount.orgId, cp: ledgerAccount.creditsPosted, dp: ledgerAccount.debitsPosted, dpe: ledgerAccount.debitsPending })
        .from(ledgerAccount)
        .where(inArray(ledgerAccount.code, ['supplier_payable', 'handling_fee_payable']));
      return new Map(rows.filter((r) => r.cp - r.dp - r.dpe > 0n).map((r) => [r.orgId!, r.cp - r.dp - r.dpe]));
    };
    const run = async (day: string) => runPayouts(t.database.db, await cliCtx(t.database.db), day);

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await seedDemoClaims(t.app, t.database.db);
      await users.signIn({ receiver: 'receiver@sh-anda.demo', finance: 'finance@anpei.demo', huajun: 'finance@huajun.demo', yuetong: 'finance@yuetong.demo', anxin: 'finance@anxin.demo' });
      await signForFirstDelivered(users);
      owedBefore = await owed();
    }, 300_000);
    afterAll(() => t?.close());

    // What a payee's payable posted up to the end of a day, China time, and not paid out yet.
    const dueBy = async (day: string) => {
      const rows = await queryRows<{ org_id: string; due: string }>(
        t.database.db,
        sql`select a.org_id, sum(case when t.credit_account_id = a.id then t.amount_fen else -t.amount_fen end)::text as due
          from ledger_account a join ledger_transfer t on (t.credit_account_id = a.id or t.debit_account_id = a.id)
          where a.code in ('supplier_payable', 'handling_fee_payable') and t.phase in ('single', 'post') and t.code not in ('payout', 'handling_fee_payout')
            and t.at < (${addDays(day, 1)}::date::timestamp at time zone 'Asia/Shanghai')
            and not exists (select 1 from payout_item i where i.transfer_id = t.id)
          group by a.org_id`,
      );
      return new Map(rows.filter((r) => BigInt(r.due) > 0n).map((r) => [r.org_id, BigInt(r.due)]));
    };

    it('pays on each day what the terms make due by then, and nothing newer', async () => {
      expect(owedBefore.size).toBeGreaterThan(0);
      // The demo's stock was bought weeks ago: what is thirty days old is due today, the sales not.
      const dueToday = await dueBy(addDays(today, -30));
      // Today's run as the daily job makes it in every app process.
      const job = startPayoutJob({ db: t.database.db, log: { info: () => {}, error: (o) => console.error(o) }, firstCheckMs: 3_600_000 });
      const first = await job.runOnce(new Date());
      await job.stop();
      expect(new Map(first.payees.filter((p) => p.outcome === 'paid').map((p) => [p.payeeOrgId, p.amountFen]))).toEqual(dueToday);
      expect(await dueBy(addDays(today, -30))).toEqual(new Map());
      // What is left is what is newer, owed still.
      const left = await owed();
      expect([...left.values()].reduce((a, b) => a + b, 0n)).toBe([...owedBefore.values()].reduce((a, b) => a + b, 0n) - [...dueToday.values()].reduce((a, b) => a + b, 0n));
    });

    it('pays every payee what it is owed, once, however often the run is made', async () => {
      const left = await owed();
      const later = await run(day30);
      const paid = later.payees.filter((p) => p.outcome === 'paid');
      expect(new Map(paid.map((p) => [p.payeeOrgId, p.amountFen]))).toEqual(left);
      const count = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(payout))[0]!.n;
      const before = await count();
      // Again, and twice at once: nothing more.
      const again = await Promise.all([run(day30), run(day30)]);
      for (const r of again) expect(r.payees.every((p) => p.outcome === 'done_already')).toBe(true);
      expect(await count()).toBe(before);
      // Everything is now pending out of the payables; nothing is left owed.
      expect((await owed()).size).toBe(0);
      // A later day finds nothing new.
      expect((await run(addDays(day30, 1))).payees.filter((p) => p.outcome === 'paid')).toEqual([]);
    });

    it('shows each supplier its own payouts and remittance advice, adding up', async () => {
      const mine = (await call('huajun', 'GET', '/api/v1/payouts')).json<Page<Payout>>().items;
      expect(mine.length).toBeGreaterThan(0);
      for (const p of mine) {
        expect(p.payeeKind).toBe('supplier');
        const lines: { amountFen: number }[] = [];
        for (let cursor: string | null = ''; cursor !== null; ) {
          const page: Page<{ amountFen: number }> = (await call('huajun', 'GET', `/api/v1/payouts/${p.id}/lines?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).json();
          lines.push(...page.items);
          cursor = page.nextCursor;
        }
        expect(lines.length).toBe(p.itemCount);
        expect(lines.reduce((a, l) => a + l.amountFen, 0)).toBe(p.amountFen);
      }
      // Another supplier's payout does not exist for it.
      expect((await call('yuetong', 'GET', `/api/v1/payouts/${mine[0]!.id}`)).statusCode).toBe(404);
      expect((await call('yuetong', 'GET', `/api/v1/payouts/${mine[0]!.id}/lines`)).statusCode).toBe(404);
    });

    it('posts on the bank’s confirmation, and frees a returned payout’s items for the next run', async () => {
      const all = (await call('finance', 'GET', '/api/v1/payouts?limit=50')).json<Page<Payout>>().items;
      const [confirmed, returned] = all;
      const account = async (orgId: string) =>
        (
          await t.database.db
            .select({ dp: ledgerAccount.debitsPosted, dpe: ledgerAccount.debitsPending })
            .from(ledgerAccount)
            .where(and(eq(ledgerAccount.orgId, orgId), inArray(ledgerAccount.code, ['supplier_payable', 'handling_fee_payable'])))
        )[0]!;
      const before = await account(confirmed!.payee.id);
      const ok = await call('finance', 'POST', `/api/v1/payouts/${confirmed!.id}/confirm`, { bankRef: 'CMB-0001' }, { 'idempotency-key': `pc-${kind}` });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<Payout>().status).toBe('paid');
      const back = await call('finance', 'POST', `/api/v1/payouts/${returned!.id}/return`, { reason: '收款账户有误' }, { 'idempotency-key': `pr-${kind}` });
      expect(back.json<Payout>().status).toBe('returned');
      expect(await t.database.db.select().from(payoutItem).where(eq(payoutItem.payoutId, returned!.id))).toEqual([]);
      // Confirming a returned payout is refused.
      expect((await call('finance', 'POST', `/api/v1/payouts/${returned!.id}/confirm`, { bankRef: 'X' })).statusCode).toBe(409);
      // The next day's run pays the returned amount again, once.
      const next = addDays(day30, 2);
      const [a, b] = await Promise.all([run(next), run(next)]);
      const repaid = [...a.payees, ...b.payees].filter((p) => p.outcome === 'paid');
      expect(repaid.map((p) => [p.payeeOrgId, p.amountFen])).toEqual([[returned!.payee.id, BigInt(returned!.amountFen)]]);
      // The confirmed payout's debit moved from pending to posted.
      const after = await account(confirmed!.payee.id);
      expect({ dp: after.dp - before.dp, dpe: before.dpe - after.dpe }).toEqual({ dp: BigInt(confirmed!.amountFen), dpe: BigInt(confirmed!.amountFen) });
    });

    it('refuses a run for a day still to come over HTTP, and follows each payee’s cycle', async () => {
      const future = await call('finance', 'POST', '/api/v1/payout-runs', { runDate: addDays(today, 1) });
      expect(future.statusCode).toBe(400);
      const now = await call('finance', 'POST', '/api/v1/payout-runs', { runDate: today });
      expect(now.statusCode, now.body).toBe(200);
      const huajun = (await call('huajun', 'GET', '/api/v1/payouts')).json<Page<Payout>>().items[0]!.payee.id;
      const set = await call('finance', 'PUT', `/api/v1/settlement-terms/${huajun}`, { invoiceRequired: false, payoutDays: 7, payoutCycle: 'monthly' }, { 'idempotency-key': `terms-${kind}` });
      expect(set.statusCode, set.body).toBe(200);
      expect((await call('huajun', 'GET', `/api/v1/settlement-terms/${huajun}`)).json()).toMatchObject({ payoutDays: 7, payoutCycle: 'monthly', set: true });
    });

    it('leaves the ledger whole', async () => {
      const report = await verifyLedger(t.database.db);
      expect(
        report.ok,
        JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
      ).toBe(true);
    });
  });
}
