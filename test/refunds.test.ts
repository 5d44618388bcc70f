import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountId, accountRef, ledgerAccount, trialBalance, verifyLedger } from '../src/modules/ledger/index.ts';
import { queryRows } from '../src/platform/db.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';

// Refunds (退款): money a payer sent that no statement took, sent back. The clerk asks, at most what
// is left of the payment (the amount held from matches meanwhile); someone else approves (four
// eyes; an API key counts as the person who made it and approves nothing), when the ledger debits
// the payer's receivable again and the platform's cash goes down; or refuses, or the clerk
// withdraws her own, and the amount is free again. Replays post once; two asks at once never hold
// more than the payment has; a payer reads its own refunds (asked or sent, not who handled them)
// and no one else's.
for (const kind of databaseKinds()) {
  describe(`refunds on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call, orgs } = users;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    let n = 0;
    const key = () => ({ 'idempotency-key': `refund-${kind}-${++n}` });
    // PICC's payment, from the account it came from unless told it came from none (null).
    const pay = async (amountFen: number, payerAccount: string | null = '6222 0201 0000 1234') => {
      const res = await call(
        'finance',
        'POST',
        '/api/v1/payments',
        { payerOrgId: orgs.picc!, amountFen, receivedOn: today, bankRef: `RFT-${kind}-${++n}`, ...(payerAccount ? { payerAccount } : {}) },
        key(),
      );
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const payment = async (id: string) =>
      (await call('finance', 'GET', `/api/v1/payments?payerOrgId=${orgs.picc}`)).json<{ items: { id: string; unallocatedFen: number; refundedFen: number }[] }>().items.find((p) => p.id === id)!;
    const balance = async (ref: ReturnType<typeof accountRef>) => {
      const [a] = await t.database.db
        .select()
        .from(ledgerAccount)
        .where(sql`${ledgerAccount.id} = ${accountId(ref)}`);
      return a ? a.debitsPosted - a.creditsPosted : 0n;
    };
    const transfers = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ledger_transfer where code = 'refund'`))[0]!.n;

    beforeAll(async () => {
      t = await startTestApp(kind);
      await users.signIn({ finance: 'finance@anpei.demo', admin: 'admin@anpei.demo', picc: 'finance@picc.demo', cpic: 'finance@cpic.demo' });
    });
    afterAll(() => t?.close());

    it('holds what is asked back from matches, refuses more than is left, and moves nothing until approved', async () => {
      const id = await pay(100_000);
      const over = await call('finance', 'POST', `/api/v1/payments/${id}/refunds`, { amountFen: 100_001, reason: '多付' }, key());
      expect(over.statusCode).toBe(400);
      expect(over.json().errors[0]).toMatchObject({ path: 'amountFen', code: 'refund_over_left', message: '超过该笔收款可退金额 ¥1,000.00' });
      const empty = await call('finance', 'POST', `/api/v1/payments/${id}/refunds`, { amountFen: 100, reason: '  ' }, key());
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors[0]).toMatchObject({ path: 'reason' });
      const before = await transfers();
      const asked = await call('finance', 'POST', `/api/v1/payments/${id}/refunds`, { amountFen: 30_000, reason: '重复付款' }, key());
      expect(asked.statusCode, asked.body).toBe(201);
      expect(asked.json()).toMatchObject({ status: 'requested', amountFen: 30_000, reason: '重复付款', toAccount: '6222 0201 0000 1234', payer: { id: orgs.picc }, decidedBy: null });
      expect(asked.json().refundNo).toMatch(/^RF\d{8}[0-9A-F]{8}$/);
      expect(await payment(id)).toMatchObject({ refundedFen: 30_000, unallocatedFen: 70_000 });
      const more = await call('finance', 'POST', `/api/v1/payments/${id}/refunds`, { amountFen: 70_001, reason: '多付' }, key());
      expect(more.json().errors[0]).toMatchObject({ path: 'amountFen', code: 'refund_over_left', message: '超过该笔收款可退金额 ¥700.00' });
      expect(await transfers()).toBe(before);
      // Nothing else can take the held amount: the unmatched filter still lists what is left.
      const unmatched = (await call('finance', 'GET', `/api/v1/payments?unmatched=true&payerOrgId=${orgs.picc}`)).json<{ items: { id: string }[] }>().items;
      expect(unmatched.map((p) => p.id)).toContain(id);
    });

    it('is approved by a second person only: the receivable is debited again, the cash goes down, once', async () => {
      const id = await pay(50_000);
      const asked = (await call('finance', 'POST', `/api/v1/payments/${id}/refunds`, { amountFen: 50_000, reason: '多付' }, key())).json<{ id: string }>();
      const mine = await call('finance', 'POST', `/api/v1/refunds/${asked.id}/approve`, undefined, key());
      expect(mine.statusCode).toBe(403);
      expect(mine.json()).toMatchObject({ code: 'four_eyes', detail: expect.stringContaining('退款申请') });
      const receivable = accountRef('insurer_receivable', orgs.picc!);
      const cash = accountRef('platform_cash', null, orgs.picc!);
      const [r0, c0, n0] = [await balance(receivable), await balance(cash), await transfers()];
      const k = key();
      const approved = await call('admin', 'POST', `/api/v1/refunds/${asked.id}/approve`, undefined, k);
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'refunded', decidedBy: { id: users.users.admin } });
      // The same request again answers the same, and posts nothing more.
      const replay = await call('admin', 'POST', `/api/v1/refunds/${asked.id}/approve`, undefined, k);
      expect(replay.json()).toEqual(approved.json());
      const again = await call('admin', 'POST', `/api/v1/refunds/${asked.id}/approve`, undefined, key());
      expect(again.statusCode).toBe(409);
      expect(await balance(receivable)).toBe(r0 + 50_000n);
      expect(await balance(cash)).toBe(c0 - 50_000n);
      expect(await transfers()).toBe(n0 + 1);
      expect(await payment(id)).toMatchObject({ refundedFen: 50_000, unallocatedFen: 0 });
      expect((await trialBalance(t.database.db)).balanced).toBe(true);
      expect((await verifyLedger(t.database.db)).ok).toBe(true);
      const audit = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_event where object_type = 'refund' and object_id = ${asked.id} order by id`);
      expect(audit.map((a) => a.action)).toEqual(['request', 'approve']);
      // The payer's webhooks hear of it once, the replay adding nothing.
      const events = await queryRows<{ org_id: string; payload: Record<string, unknown> }>(
        t.database.db,
        sql`select org_id, payload from outbox_event where type = 'refund.refunded' and payload->>'refundId' = ${asked.id}`,
      );
      expect(events).toEqual([{ org_id: orgs.picc, payload: { refundId: asked.id, refundNo: expect.stringMatching(/^RF/), paymentId: id, amountFen: 50_000, toAccount: '6222 0201 0000 1234' } }]);
    });

    it('is refused by a second person, or withdrawn by whoever asked, and the amount is free again', async () => {
      const id = await pay(20_000);
      const a = (await call('finance', 'POST', `/api/v1/payments/${id}/refunds`, { amountFen: 15_000, reason: '多付' }, key())).json<{ id: string }>();
      const noReason = await call('admin', 'POST', `/api/v1/refunds/${a.id}/refuse`, { reason: '' }, key());
      expect(noReason.statusCode).toBe(400);
      expect((await call('finance', 'POST', `/api/v1/refunds/${a.id}/refuse`, { reason: '不退' }, key())).json().code).toBe('four_eyes');
      expect((await call('admin', 'POST', `/api/v1/refunds/${a.id}/withdraw`, { reason: '不退' }, key())).json().code).toBe('refund_withdraw_own');
      const refused = await call('admin', 'POST', `/api/v1/refunds/${a.id}/refuse`, { reason: '款项用于下期对账' }, key());
      expect(refused.json()).toMatchObject({ status: 'refused', refusal: '款项用于下期对账', decidedBy: { id: users.users.admin } });
      expect(await payment(id)).toMatchObject({ refundedFen: 0, unallocatedFen: 20_000 });
      const b = (await call('finance', 'POST', `/api/v1/payments/${id}/refunds`, { amountFen: 20_000, reason: '多付' }, key())).json<{ id: string }>();
      const withdrawn = await call('finance', 'POST', `/api/v1/refunds/${b.id}/withdraw`, { reason: '金额填错' }, key());
      expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', refusal: '金额填错' });
      const late = await call('admin', 'POST', `/api/v1/refunds/${b.id}/approve`, undefined, key());
      expect(late.statusCode).toBe(409);
      expect(await payment(id)).toMatchObject({ refundedFen: 0, unallocatedFen: 20_000 });
      const audit = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_event where object_type = 'refund' and object_id in (${a.id}, ${b.id}) order by id`);
      expect(audit.map((x) => x.action)).toEqual(['request', 'refuse', 'request', 'withdraw']);
    });

    it('asks where to send it when the payment does not say where it came from', async () => {
      const id = await pay(3_000, null);
      const nowhere = await call('finance', 'POST', `/api/v1/payments/${id}/refunds`, { amountFen: 3_000, reason: '多付' }, key());
      expect(nowhere.statusCode).toBe(400);
      expect(nowhere.json().errors[0]).toMatchObject({ path: 'toAccount', code: 'required' });
      expect(await payment(id)).toMatchObject({ refundedFen: 0 });
      const told = await call('finance', 'POST', `/api/v1/payments/${id}/refunds`, { amountFen: 3_000, reason: '多付', toAccount: '6217 0000 9999' }, key());
      expect(told.json()).toMatchObject({ toAccount: '6217 0000 9999', payment: { payerAccount: null } });
    });

    it('counts an API key as the person who made it, and lets no key approve', async () => {
      const made = await call('admin', 'POST', '/api/v1/api-keys', { name: '资金系统对接', roles: ['finance'] });
      expect(made.statusCode, made.body).toBe(201);
      const apiKey = made.json<{ id: string; key: string }>();
      const asKey = (url: string, payload?: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...bearer(apiKey.key), ...key() } });
      const id = await pay(8_000);
      const asked = await asKey(`/api/v1/payments/${id}/refunds`, { amountFen: 8_000, reason: '重复付款' });
      expect(asked.statusCode, asked.body).toBe(201);
      expect(asked.json().requestedBy).toMatchObject({ id: apiKey.id, name: '资金系统对接' });
      const refund = asked.json<{ id: string }>().id;
      expect((await asKey(`/api/v1/refunds/${refund}/approve`)).json().code).toBe('person_required');
      // The key's maker is the one who asked.
      expect((await call('admin', 'POST', `/api/v1/refunds/${refund}/approve`, undefined, key())).json().code).toBe('four_eyes');
      expect((await call('finance', 'POST', `/api/v1/refunds/${refund}/approve`, undefined, key())).json()).toMatchObject({ status: 'refunded', decidedBy: { id: users.users.finance } });
    });

    it('never holds more than the payment has, asked twice at once', async () => {
      const id = await pay(10_000);
      const both = await Promise.all([1, 2].map(() => call('finance', 'POST', `/api/v1/payments/${id}/refunds`, { amountFen: 10_000, reason: '多付' }, key())));
      expect(both.map((r) => r.statusCode).sort()).toEqual([201, 400]);
      expect(await payment(id)).toMatchObject({ refundedFen: 10_000, unallocatedFen: 0 });
    });

    it('shows a payer its own refunds asked or sent, not who handled them, and no one else’s', async () => {
      const own = (await call('picc', 'GET', '/api/v1/refunds')).json<{ items: { id: string; status: string; payer: { id: string }; requestedBy: unknown; decidedBy: unknown; refusal: unknown }[] }>()
        .items;
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((r) => r.payer.id === orgs.picc && ['requested', 'refunded'].includes(r.status))).toBe(true);
      expect(own.every((r) => r.requestedBy === null && r.decidedBy === null && r.refusal === null)).toBe(true);
      const all = (await call('finance', 'GET', `/api/v1/refunds?payerOrgId=${orgs.picc}`)).json<{ items: { id: string; status: string }[] }>().items;
      const closed = all.find((r) => r.status === 'withdrawn')!;
      expect((await call('picc', 'GET', `/api/v1/refunds/${closed.id}`)).statusCode).toBe(404);
      expect((await call('picc', 'GET', `/api/v1/refunds/${own[0]!.id}`)).statusCode).toBe(200);
      expect((await call('cpic', 'GET', `/api/v1/refunds/${own[0]!.id}`)).statusCode).toBe(404);
      expect((await call('cpic', 'GET', '/api/v1/refunds')).json().items).toEqual([]);
      expect((await call('picc', 'POST', `/api/v1/refunds/${own[0]!.id}/refuse`, { reason: '不要' }, key())).statusCode).toBe(403);
      const requested = (await call('finance', 'GET', '/api/v1/refunds?status=requested')).json<{ items: { status: string }[] }>().items;
      expect(requested.every((r) => r.status === 'requested')).toBe(true);
    });
  });
}
