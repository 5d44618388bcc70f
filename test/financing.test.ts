import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCtx } from '../src/cli/system-ctx.ts';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { runPayouts } from '../src/modules/settlement/index.ts';
import { addDays } from '../src/platform/china-date.ts';
import { seedDemoClaims } from '../src/seed/claims/demo-claims.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { deliveredOrders, issueStatement, orderApprovedClaim, signFor } from './support/settle-steps.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Receivable = { orderLineId: string; statementId: string; faceFen: number; expectedPayDate: string; productName: string; qty: number; orderNo: string; claimNo: string | null };
type Financing = { id: string; status: string; faceFen: number; feeFen: number; advanceFen: number; days: number; lines: { orderLineId: string; repaid: boolean }[] };
type Account = { code: string; partner: { id: string } | null; debitsPostedFen: number; creditsPostedFen: number };

// Receivables financing on the demo world: once PICC confirms its statement, a supplier whose goods
// were sold on the claim borrows against them within its limit, the platform approves and a second
// person funds it (face − fee to the supplier); the day's payouts leave the financed lines alone,
// and when PICC pays the statement the funder is repaid first, out of what the supplier was owed.
for (const kind of databaseKinds()) {
  describe(`receivables financing on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    let statement: { id: string; totalFen: number };
    let supplier = '';
    let receivables: Receivable[] = [];
    let request: Financing;

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await seedDemoClaims(t.app, t.database.db);
      await users.signIn({
        receiver: 'receiver@sh-anda.demo',
        finance: 'finance@anpei.demo',
        admin: 'admin@anpei.demo',
        picc: 'finance@picc.demo',
        huajun: 'finance@huajun.demo',
        yuetong: 'finance@yuetong.demo',
        anxin: 'finance@anxin.demo',
      });
      // A little history first: the shop orders PICC's approved claim too, and the warehouses deliver it.
      await orderApprovedClaim(t);
      const delivered = await deliveredOrders(users);
      expect(delivered).toHaveLength(2);
      for (const order of delivered) await signFor(users, order);
      statement = await issueStatement(users, delivered[0]!.payerOrgId, today);
      // Before the insurer confirms, nothing is financeable.
      for (const who of ['huajun', 'yuetong', 'anxin']) expect((await call(who, 'GET', '/api/v1/financing/receivables')).json<{ items: unknown[] }>().items).toEqual([]);
      expect((await call('picc', 'POST', `/api/v1/statements/${statement.id}/confirm`)).statusCode).toBe(200);
      for (const who of ['huajun', 'yuetong', 'anxin']) {
        const items = (await call(who, 'GET', '/api/v1/financing/receivables')).json<{ items: Receivable[] }>().items;
        if (items.length > receivables.length) {
          receivables = items;
          supplier = who;
        }
      }
    }, 300_000);
    afterAll(() => t?.close());

    it('shows a supplier the lines it may borrow against, and its limit by the stated formula', async () => {
      expect(receivables.length).toBeGreaterThan(0);
      expect(receivables.every((r) => r.statementId === statement.id && r.faceFen > 0 && r.expectedPayDate === addDays(today, 30))).toBe(true);
      // Each names what a clerk tells it by: the part, the order and the claim (PICC's).
      expect(receivables.every((r) => r.productName.length > 0 && r.qty > 0 && r.orderNo.length > 0 && r.claimNo?.startsWith('RDAA'))).toBe(true);
      const limit = (await call(supplier, 'GET', '/api/v1/financing/limit')).json<{ limitFen: number; availableFen: number; salesFen: number; formula: { shareBp: number } }>();
      expect(limit.salesFen).toBeGreaterThan(0);
      expect(limit.limitFen).toBeGreaterThan(0);
      expect(limit.availableFen).toBe(limit.limitFen);
      // Its insurer and other suppliers see nothing of it.
      expect((await call('picc', 'GET', '/api/v1/financing/limit')).statusCode).toBe(403);
    });

    it('prices an advance on chosen receivables and holds the lines', async () => {
      // Lines within the limit, as a supplier's clerk would pick them.
      const { availableFen } = (await call(supplier, 'GET', '/api/v1/financing/limit')).json<{ availableFen: number }>();
      const picked: Receivable[] = [];
      for (const r of [...receivables].sort((a, b) => a.faceFen - b.faceFen)) if (picked.reduce((a, p) => a + p.faceFen, 0) + r.faceFen <= availableFen) picked.push(r);
      expect(picked.length).toBeGreaterThan(0);
      const over = await call(supplier, 'POST', '/api/v1/financing/requests', { orderLineIds: receivables.map((r) => r.orderLineId) });
      if (receivables.length > picked.length) expect(over.json().code).toBe('financing_over_limit');
      else expect(over.statusCode).toBe(201);
      if (over.statusCode === 201) {
        request = over.json<Financing>();
        receivables = picked;
        return;
      }
      receivables = picked;
      const chosen = picked.map((r) => r.orderLineId);
      const res = await call(supplier, 'POST', '/api/v1/financing/requests', { orderLineIds: chosen }, { 'idempotency-key': `fin-${kind}` });
      expect(res.statusCode, res.body).toBe(201);
      request = res.json<Financing>();
      const face = receivables.reduce((a, r) => a + r.faceFen, 0);
      // 8 % a year for 30 days, half up to the fen.
      const fee = Number((BigInt(face) * 800n * 30n * 2n + 3_650_000n) / 7_300_000n);
      expect(request).toMatchObject({ status: 'requested', faceFen: face, feeFen: fee, advanceFen: face - fee, days: 30 });
      // The same lines again: no longer financeable.
      const again = await call(supplier, 'POST', '/api/v1/financing/requests', { orderLineIds: chosen });
      expect(again.statusCode).toBe(400);
      const left = (await call(supplier, 'GET', '/api/v1/financing/receivables')).json<{ items: Receivable[] }>().items;
      expect(left.filter((r) => chosen.includes(r.orderLineId))).toEqual([]);
      // Another supplier cannot see it.
      const other = ['huajun', 'yuetong', 'anxin'].find((w) => w !== supplier)!;
      expect((await call(other, 'GET', `/api/v1/financing/requests/${request.id}`)).statusCode).toBe(404);
    });

    it('is approved by the platform and funded by a second person, in the ledger', async () => {
      expect((await call('finance', 'GET', '/api/v1/financing/requests?status=requested')).json<Page<Financing>>().items.map((r) => r.id)).toEqual([request.id]);
      // Approved through the finance system's API key, which the platform's administrator made.
      const made = await call('admin', 'POST', '/api/v1/api-keys', { name: '资金系统对接', roles: ['finance'] });
      expect(made.statusCode, made.body).toBe(201);
      users.tokens.key = made.json<{ key: string }>().key;
      const approved = await call('key', 'POST', `/api/v1/financing/requests/${request.id}/approve`);
      expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: made.json<{ id: string }>().id });
      // Neither the key that approved it nor the person who made the key releases the money.
      for (const who of ['key', 'admin']) {
        const own = await call(who, 'POST', `/api/v1/financing/requests/${request.id}/fund`);
        expect([own.statusCode, own.json().code]).toEqual([403, 'four_eyes']);
      }
      const funded = await call('finance', 'POST', `/api/v1/financing/requests/${request.id}/fund`, undefined, { 'idempotency-key': `fund-${kind}` });
      expect(funded.statusCode, funded.body).toBe(200);
      expect(funded.json<Financing>().status).toBe('funded');
      const accounts = (await call('finance', 'GET', '/api/v1/ledger/accounts?code=financing_advanced&limit=200')).json<Page<Account>>().items;
      expect(accounts.map((a) => a.debitsPostedFen - a.creditsPostedFen)).toEqual([request.faceFen]);
    });

    it('keeps the financed lines out of payouts until the insurer pays, then repays the funder first', async () => {
      const ctx = await cliCtx(t.database.db);
      await runPayouts(t.database.db, ctx, addDays(today, 30));
      const held = (await call('finance', 'GET', '/api/v1/ledger/accounts?code=financing_advanced')).json<Page<Account>>().items[0]!;
      expect(held.debitsPostedFen - held.creditsPostedFen).toBe(request.faceFen);

      // PICC pays; the platform records its invoice: the statement is paid.
      const tax = Math.floor((statement.totalFen * 13) / 113);
      expect(
        (
          await call('finance', 'POST', '/api/v1/payments', {
            payerOrgId: (await call('picc', 'GET', '/api/v1/me')).json().org.id,
            amountFen: statement.totalFen,
            receivedOn: today,
            bankRef: `FIN-${kind}`,
            allocations: [{ statementId: statement.id, amountFen: statement.totalFen }],
          })
        ).statusCode,
      ).toBe(201);
      expect(
        (
          await call('finance', 'POST', '/api/v1/invoices', {
            invoiceNo: `2631100000${kind === 'pg' ? '4' : '3'}0000001`,
            kind: 'special',
            amountFen: statement.totalFen - tax,
            taxFen: tax,
            issuedOn: today,
            statementId: statement.id,
          })
        ).statusCode,
      ).toBe(201);
      expect((await call('picc', 'GET', `/api/v1/statements/${statement.id}`)).json().status).toBe('paid');

      const repaid = (await call(supplier, 'GET', `/api/v1/financing/requests/${request.id}`)).json<Financing>();
      expect(repaid.status).toBe('repaid');
      expect(repaid.lines.every((l) => l.repaid)).toBe(true);
      const after = (await call('finance', 'GET', '/api/v1/ledger/accounts?code=financing_advanced')).json<Page<Account>>().items[0]!;
      expect(after.debitsPostedFen - after.creditsPostedFen).toBe(0);
      // The lines now go out with the next payout, netted to nothing by the repayment.
      const next = await runPayouts(t.database.db, ctx, addDays(today, 31));
      for (const p of next.payees) expect(p.outcome === 'paid' ? p.amountFen : 0n).toBe(0n);
      const report = await verifyLedger(t.database.db);
      expect(
        report.ok,
        JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
      ).toBe(true);
    });
  });
}
