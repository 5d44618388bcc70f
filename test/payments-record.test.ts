import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountId, accountRef, ledgerAccount, trialBalance, verifyLedger } from '../src/modules/ledger/index.ts';
import { queryRows } from '../src/platform/db.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';

// A payment recorded without matches (POST /api/v1/payments) answers with what it wrote, not read
// back (record-payment.ts): the answer must be exactly what GET reads; the payer found and the
// payment inserted in one statement must still refuse an unknown payer, one that does not pay the
// platform, and a bank line recorded before; and the platform's cash is kept per payer (chart.ts),
// adding up in the trial balance.
for (const kind of databaseKinds()) {
  describe(`recording a payment on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    let insurer: string;
    let supplier: string;

    beforeAll(async () => {
      t = await startTestApp(kind);
      await users.signIn({ finance: 'finance@anpei.demo' });
      const orgs = await queryRows<{ id: string; kind: string }>(t.database.db, sql`select distinct on (kind) id, kind from org where kind in ('insurer', 'supplier') order by kind, id`);
      insurer = orgs.find((o) => o.kind === 'insurer')!.id;
      supplier = orgs.find((o) => o.kind === 'supplier')!.id;
    });
    afterAll(() => t?.close());

    it('answers with the payment as it is read afterwards, and moves the platform’s cash kept for its payer', async () => {
      const cash = accountId(accountRef('platform_cash', null, insurer));
      const cashOf = async () => (await t.database.db.select().from(ledgerAccount).where(sql`${ledgerAccount.id} = ${cash}`))[0]?.debitsPosted ?? 0n;
      const before = await cashOf();
      const body = { payerOrgId: insurer, amountFen: 123_456, receivedOn: today, bankRef: `REC-${kind}-1`, payerName: '  人保财险 ', payerAccount: '6222 0000', note: '三月' };
      const recorded = await call('finance', 'POST', '/api/v1/payments', body, { 'idempotency-key': `rec-${kind}-1` });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const read = await call('finance', 'GET', `/api/v1/payments?payerOrgId=${insurer}`);
      expect(read.statusCode).toBe(200);
      expect(recorded.json()).toEqual(read.json<{ items: { id: string }[] }>().items.find((p) => p.id === recorded.json().id));
      expect(recorded.json()).toMatchObject({ amountFen: 123_456, allocatedFen: 0, unallocatedFen: 123_456, payerName: '人保财险', allocations: [] });
      expect((await cashOf()) - before).toBe(123_456n);
      // The bank's balance is the sum of the cash kept per counterparty.
      const [sum] = await queryRows<{ fen: string }>(t.database.db, sql`select coalesce(sum(debits_posted - credits_posted), 0)::text as fen from ledger_account where code = 'platform_cash'`);
      const line = (await trialBalance(t.database.db)).accountCodes.find((l) => l.code === 'platform_cash')!;
      expect(line.balanceFen).toBe(BigInt(sum!.fen));
      expect((await verifyLedger(t.database.db)).ok).toBe(true);
    });

    it('refuses an unknown payer, a payer that does not pay the platform, and the same bank line twice, writing nothing', async () => {
      const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from payment`))[0]!.n;
      const before = await count();
      const base = { amountFen: 1_000, receivedOn: today };
      const unknown = await call('finance', 'POST', '/api/v1/payments', { ...base, payerOrgId: '00000000-0000-7000-8000-000000000001', bankRef: `REC-${kind}-u` });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0]).toMatchObject({ path: 'payerOrgId', code: 'unknown_reference' });
      const notPayer = await call('finance', 'POST', '/api/v1/payments', { ...base, payerOrgId: supplier, bankRef: `REC-${kind}-s` });
      expect(notPayer.statusCode).toBe(400);
      expect(notPayer.json().errors[0]).toMatchObject({ path: 'payerOrgId', code: 'invalid' });
      const again = await call('finance', 'POST', '/api/v1/payments', { ...base, payerOrgId: insurer, bankRef: `REC-${kind}-1` });
      expect(again.statusCode).toBe(409);
      expect(await count()).toBe(before);
    });
  });
}
