import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountId, type AccountRef, accountRef, expectPosted, ledgerAccount, postTransfers, verifyLedger } from '../src/modules/ledger/index.ts';
import { payout, payoutItem } from '../src/modules/settlement/index.ts';
import { derivedId } from '../src/platform/ids.ts';
import { writeTogether } from '../src/platform/write-together.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';

// Payouts made before the platform's cash was kept per counterparty credited its one cash account
// of then (platform_cash with no partner). One left pending across that change is still the bank's
// to answer: confirming or returning it posts or voids the pending debit on the accounts it named,
// and the ledger stays whole.
const OLD_CASH: AccountRef = { orgId: null, code: 'platform_cash', partnerOrgId: null };

for (const kind of databaseKinds()) {
  describe(`payouts pending on the old cash account on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call, orgs } = users;
    const runDate = '2026-11-16';

    // A payout to the supplier as the run wrote it then: owed 1,000.00 for goods sold, the payout
    // row with that item, and its pending debit crediting the old cash account.
    const oldPayout = async (supplier: string, amountFen: bigint): Promise<string> => {
      const id = derivedId('payout', supplier, runDate);
      const sold = derivedId('ledger_transfer', id, 'sold');
      await t.database.db.transaction(async (tx) => {
        const owed = await postTransfers(
          tx,
          [{ id: sold, phase: 'single', code: 'consignment_sold', debit: accountRef('cost_of_sales', null, supplier), credit: accountRef('supplier_payable', supplier), amountFen }],
          new Date(`${runDate}T00:00:00+08:00`),
        );
        expectPosted(owed);
        await writeTogether(tx, owed.writes);
        const now = new Date(`${runDate}T09:00:00+08:00`);
        await tx.insert(payout).values({
          id,
          payoutNo: `PO-OLD-${supplier.slice(-6)}`,
          payeeOrgId: supplier,
          payeeKind: 'supplier',
          runDate,
          dueThrough: runDate,
          status: 'pending',
          itemCount: 1,
          creditsFen: amountFen,
          debitsFen: 0n,
          amountFen,
          createdAt: now,
          updatedAt: now,
        });
        await tx.insert(payoutItem).values({ transferId: sold, payoutId: id, amountFen });
        const pending = await postTransfers(
          tx,
          [
            {
              id: derivedId('ledger_transfer', id, 'payout'),
              phase: 'pending',
              code: 'payout',
              debit: accountRef('supplier_payable', supplier),
              credit: OLD_CASH,
              amountFen,
              payoutId: id,
              partnerOrgId: supplier,
            },
          ],
          now,
        );
        expectPosted(pending);
        await writeTogether(tx, pending.writes);
      });
      return id;
    };

    const cash = async () =>
      (
        await t.database.db
          .select()
          .from(ledgerAccount)
          .where(eq(ledgerAccount.id, accountId(OLD_CASH)))
      )[0]!;

    beforeAll(async () => {
      t = await startTestApp(kind);
      await users.signIn({ finance: 'finance@anpei.demo', huajun: 'finance@huajun.demo', yuetong: 'finance@yuetong.demo' });
    }, 120_000);
    afterAll(() => t?.close());

    it('confirms one and returns another, on the accounts their pending debits named', async () => {
      const confirmed = await oldPayout(orgs.huajun!, 100_000n);
      const returned = await oldPayout(orgs.yuetong!, 50_000n);
      expect(await cash()).toMatchObject({ creditsPending: 150_000n, creditsPosted: 0n });

      const ok = await call('finance', 'POST', `/api/v1/payouts/${confirmed}/confirm`, { bankRef: 'CMB-OLD-1' }, { 'idempotency-key': `old-cash-confirm-${kind}` });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'paid', bankRef: 'CMB-OLD-1' });
      const back = await call('finance', 'POST', `/api/v1/payouts/${returned}/return`, { reason: '收款账户有误' }, { 'idempotency-key': `old-cash-return-${kind}` });
      expect(back.statusCode, back.body).toBe(200);
      expect(back.json()).toMatchObject({ status: 'returned' });

      // The old account's pending credits resolved: the confirmed one posted, the returned one gone.
      expect(await cash()).toMatchObject({ creditsPending: 0n, creditsPosted: 100_000n });
      const report = await verifyLedger(t.database.db);
      expect(
        report.ok,
        JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
      ).toBe(true);
    });
  });
}
