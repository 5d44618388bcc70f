import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountId, accountRef, verifyLedger } from '../src/modules/ledger/index.ts';
import { queryRows } from '../src/platform/db.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';

// Payments that arrive together are recorded in one transaction (command-group.ts, routes.ts): each
// request must still be answered as if it had come alone, with its own payment, audit row, ledger
// transfer and stored Idempotency-Key answer; and one refused request in a group must get its own
// refusal while the others are recorded. Rows written in one transaction share PostgreSQL's xmin,
// which is how the test knows that requests were grouped at all (on PostgreSQL: see below).
for (const kind of databaseKinds()) {
  describe(`payments recorded together on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    let insurers: string[];
    let supplier: string;

    beforeAll(async () => {
      t = await startTestApp(kind);
      await users.signIn({ finance: 'finance@anpei.demo' });
      insurers = (await queryRows<{ id: string }>(t.database.db, sql`select id from org where kind = 'insurer' order by id`)).map((o) => o.id);
      [{ id: supplier }] = (await queryRows<{ id: string }>(t.database.db, sql`select id from org where kind = 'supplier' order by id limit 1`)) as [{ id: string }];
    });
    afterAll(() => t?.close());

    const pay = (n: number, over: Record<string, unknown> = {}, key = `tog-${kind}-${n}`) =>
      call(
        'finance',
        'POST',
        '/api/v1/payments',
        { payerOrgId: insurers[n % insurers.length], amountFen: 10_000 + n, receivedOn: today, bankRef: `TOG-${kind}-${n}`, ...over },
        { 'idempotency-key': key },
      );

    const written = async (prefix: string) =>
      queryRows<{ id: string; bank_ref: string; tx: string; audits: number; transfers: number }>(
        t.database.db,
        sql`select p.id, p.bank_ref, p.xmin::text as tx,
            (select count(*) from audit_event a where a.object_id = p.id and a.action = 'record')::int as audits,
            (select count(*) from ledger_transfer l where l.payment_id = p.id and l.code = 'payment')::int as transfers
          from payment p where p.bank_ref like ${`${prefix}%`} order by p.bank_ref`,
      );

    it('answers each of many at once with its own payment, audit row, transfer and key, in fewer transactions than requests', async () => {
      const n = 24;
      // The caller's session looked up a moment before (authenticate.ts remembers it for a second), so
      // that the requests reach the command together rather than one by one behind their lookups
      // (PGlite has one connection).
      expect((await call('finance', 'GET', '/api/v1/me')).statusCode).toBe(200);
      const answers = await Promise.all(Array.from({ length: n }, (_, i) => pay(i)));
      for (const a of answers) expect(a.statusCode, a.body).toBe(201);
      const ids = answers.map((a) => a.json<{ id: string }>().id);
      expect(new Set(ids).size).toBe(n);
      for (const [i, a] of answers.entries()) expect(a.json()).toMatchObject({ bankRef: `TOG-${kind}-${i}`, amountFen: 10_000 + i, payer: { id: insurers[i % insurers.length] } });
      const rows = await written(`TOG-${kind}-`);
      expect(rows).toHaveLength(n);
      for (const r of rows) expect([r.audits, r.transfers]).toEqual([1, 1]);
      // Grouped: some of them shared a transaction. Not on PGlite, whose queries run on this thread
      // as they are sent, so that one request's transaction is done before the next one arrives.
      if (kind === 'pg') expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(n);
      // Each key answers with its own first answer, written once.
      const replays = await Promise.all(Array.from({ length: n }, (_, i) => pay(i)));
      replays.forEach((r, i) => {
        expect(r.statusCode).toBe(201);
        expect(r.headers['idempotent-replayed']).toBe('true');
        expect(r.json()).toEqual(answers[i]!.json());
      });
      expect(await written(`TOG-${kind}-`)).toHaveLength(n);
      expect((await verifyLedger(t.database.db)).ok).toBe(true);
    });

    it('gives a refused request in a group its own refusal, and records the rest', async () => {
      const good = Array.from({ length: 16 }, (_, i) => 100 + i);
      const answers = await Promise.all([
        ...good.map((i) => pay(i)),
        // An unknown payer, one that does not pay the platform, a bank line recorded before, and a
        // key answered before with a different body.
        pay(200, { payerOrgId: '00000000-0000-7000-8000-000000000001' }),
        pay(201, { payerOrgId: supplier }),
        pay(202, { bankRef: `TOG-${kind}-0` }),
        pay(203, {}, `tog-${kind}-1`),
      ]);
      const [unknown, notPayer, taken, reused] = answers.slice(good.length);
      for (const a of answers.slice(0, good.length)) expect(a.statusCode, a.body).toBe(201);
      expect(unknown!.statusCode).toBe(400);
      expect(unknown!.json().errors[0]).toMatchObject({ path: 'payerOrgId', code: 'unknown_reference' });
      expect(notPayer!.statusCode).toBe(400);
      expect(notPayer!.json().errors[0]).toMatchObject({ path: 'payerOrgId', code: 'invalid' });
      expect(taken!.statusCode).toBe(409);
      expect(reused!.statusCode).toBe(409);
      expect(reused!.json().code).toBe('idempotency_key_reused');
      const rows = await written(`TOG-${kind}-1`);
      // The 16 good ones (TOG-…-100 to 115) and the first test's TOG-…-1 and TOG-…-10 to 19; none of the refused.
      expect(rows.map((r) => r.bank_ref).filter((b) => Number(b.split('-').pop()) >= 100)).toEqual(good.map((i) => `TOG-${kind}-${i}`));
      expect((await written(`TOG-${kind}-20`)).map((r) => r.bank_ref)).toEqual([`TOG-${kind}-20`]);
      for (const r of rows) expect([r.audits, r.transfers]).toEqual([1, 1]);
      expect((await verifyLedger(t.database.db)).ok).toBe(true);
    });

    it('does not hold up other payers’ payments behind a row a long command holds: the group gives up and each goes alone', async () => {
      // PGlite runs one transaction at a time: no row is ever held by another.
      if (kind !== 'pg') return;
      const held = insurers[0]!;
      // Its receivable exists (a payment opens it), so that there is a row to hold.
      expect((await pay(299, { payerOrgId: held })).statusCode).toBe(201);
      let release!: () => void;
      const released = new Promise<void>((r) => {
        release = r;
      });
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => {
        locked = r;
      });
      // A long command (a statement being issued, say) holding the payer's receivable.
      const holder = t.database.db.transaction(async (tx) => {
        await tx.execute(sql`select 1 from ledger_account where id = ${accountId(accountRef('insurer_receivable', held))}::uuid for update`);
        locked();
        await released;
      });
      await isLocked;
      expect((await call('finance', 'GET', '/api/v1/me')).statusCode).toBe(200);
      const others = (from: number) => Array.from({ length: 6 }, (_, i) => pay(from + i, { payerOrgId: insurers[1 + ((from + i) % (insurers.length - 1))] }));
      // The first two go alone (two flights), the rest queue behind them and form one group with the
      // held payer's payment among them.
      const before = others(300);
      const blocked = pay(310, { payerOrgId: held });
      const after = others(320);
      const done = await Promise.all([...before, ...after]);
      for (const a of done) expect(a.statusCode, a.body).toBe(201);
      // Still held: the held payer's payment waits alone.
      let blockedDone = false;
      void blocked.then(() => {
        blockedDone = true;
      });
      expect(blockedDone).toBe(false);
      release();
      await holder;
      const answer = await blocked;
      expect(answer.statusCode, answer.body).toBe(201);
      expect(answer.json()).toMatchObject({ payer: { id: held } });
      expect((await verifyLedger(t.database.db)).ok).toBe(true);
    }, 30_000);
  });
}
