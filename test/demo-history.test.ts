import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { demoClaims, seedDemoClaims } from '../src/seed/claims/demo-claims.ts';
import { seedDemoHistory, type HistoryReport } from '../src/seed/history/demo-history.ts';
import { historyClaims, historyMonths } from '../src/seed/history/history-plan.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Statement = { id: string; payerName: string; periodFrom: string; periodTo: string; status: string; totalFen: number; creditFen: number; paidFen: number; invoicedFen: number; lineCount: number };

const bigints = (_k: string, v: unknown) => (typeof v === 'bigint' ? String(v) : v);

// The demo's settled history (issue 13): on first start the months before this one are there,
// claims through payment, payouts and one financed supplier, told through the API on their days;
// every figure is the ledger's, and the claims of today still go through.
for (const kind of databaseKinds()) {
  describe(`the demo's settled history on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;
    let report: HistoryReport;
    let today: { filed: number; skipped: number };
    const months = historyMonths(new Date());

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      report = await seedDemoHistory(t.database, t.config);
      today = await seedDemoClaims(t.app, t.database.db);
      await users.signIn({
        finance: 'finance@anpei.demo',
        admin: 'admin@anpei.demo',
        picc: 'finance@picc.demo',
        cpic: 'finance@cpic.demo',
        buyer: 'buyer@sh-anda.demo',
        anxin: 'finance@anxin.demo',
        huajun: 'finance@huajun.demo',
        yuetong: 'finance@yuetong.demo',
        factor: 'finance@anrong.demo',
        factorAdmin: 'admin@anrong.demo',
      });
    }, 600_000);
    afterAll(() => t?.close());

    it('tells the months before this one, and the claims of today follow', async () => {
      expect(months.length).toBeGreaterThan(0);
      expect(report).toMatchObject({
        months,
        claims: historyClaims(months).length,
        statements: months.length * 2,
        payments: (months.length - 1) * 2,
        financed: 1,
        financedByFunder: 1,
        skipped: false,
      });
      expect(report.payouts).toBeGreaterThan(0);
      expect(today).toEqual({ filed: demoClaims.length, skipped: 0 });
      // Told once: a second start finds it there.
      expect((await seedDemoHistory(t.database, t.config)).skipped).toBe(true);
    });

    it('keeps the ledger whole and balanced', async () => {
      const verified = await verifyLedger(t.database.db);
      expect(verified.ok, JSON.stringify(verified, bigints).slice(0, 2000)).toBe(true);
      const tb = (await call('finance', 'GET', '/api/v1/ledger/trial-balance')).json<{ balanced: boolean }>();
      expect(tb.balanced).toBe(true);
    });

    it('has each insurer’s statement per month: paid but the last, confirmed and waiting; one credited after a dispute', async () => {
      const all = (await call('finance', 'GET', '/api/v1/statements?limit=50')).json<Page<Statement>>().items;
      expect(all).toHaveLength(months.length * 2);
      for (const [i, month] of months.entries()) {
        const of = all.filter((s) => s.periodFrom === `${month}-01`);
        expect(of).toHaveLength(2);
        for (const s of of) {
          expect(s.lineCount).toBeGreaterThan(0);
          if (i < months.length - 1) expect([s.status, s.paidFen, s.invoicedFen]).toEqual(['paid', s.totalFen, s.totalFen]);
          else expect(s.status).toBe('confirmed');
        }
      }
      expect(all.filter((s) => s.creditFen > 0)).toHaveLength(months.length > 1 ? 1 : 0);
      // Each insurer sees its own.
      const picc = (await call('picc', 'GET', '/api/v1/statements?limit=50')).json<Page<Statement>>().items;
      expect(picc).toHaveLength(months.length);
    });

    it('has paid its suppliers, the bank confirming each payout', async () => {
      const payouts = (await call('finance', 'GET', '/api/v1/payouts?limit=200')).json<Page<{ status: string; amountFen: number }>>().items;
      expect(payouts.length).toBe(report.payouts);
      expect(payouts.every((p) => p.status === 'paid' && p.amountFen > 0)).toBe(true);
    });

    it('has one supplier financed by the platform and another by the demo funder on the last month’s receivables, and limits from their sales', async () => {
      type Financing = { status: string; faceFen: number; supplier: { id: string }; funder: { id: string; name: string } | null; approvedBy: string; fundedBy: string };
      const funded = (await call('finance', 'GET', '/api/v1/financing/requests?limit=50')).json<Page<Financing>>().items;
      expect(funded.map((f) => f.status)).toEqual(['funded', 'funded']);
      const platform = funded.filter((f) => f.funder === null);
      const byFunder = funded.filter((f) => f.funder !== null);
      expect([platform.length, byFunder.length]).toEqual([1, 1]);
      expect(platform[0]!.supplier.id).not.toBe(byFunder[0]!.supplier.id);
      // Requested by the supplier naming the funder, approved by its finance manager, funded by its administrator.
      expect(byFunder[0]).toMatchObject({ funder: { id: users.orgs.factor, name: '安融商业保理（演示）' }, approvedBy: users.users.factor, fundedBy: users.users.factorAdmin });
      // The funder sees its own only; the ledger holds its advance as the face assigned to it, pending.
      expect((await call('factor', 'GET', '/api/v1/financing/requests?limit=50')).json<Page<Financing>>().items).toEqual(byFunder);
      const owed = (await call('finance', 'GET', '/api/v1/ledger/accounts?code=funder_payable')).json<Page<{ org: { id: string } | null; creditsPendingFen: number; creditsPostedFen: number }>>()
        .items;
      expect(owed.map((a) => [a.org?.id, a.creditsPendingFen, a.creditsPostedFen])).toEqual([[users.orgs.factor, byFunder[0]!.faceFen, 0]]);
      expect((await call('factor', 'GET', `/api/v1/settlement-terms/${users.orgs.factor}`)).json()).toMatchObject({ payoutDays: 0, payoutCycle: 'daily', set: true });
      let withLimit = 0;
      for (const who of ['anxin', 'huajun', 'yuetong']) if ((await call(who, 'GET', '/api/v1/financing/limit')).json<{ limitFen: number }>().limitFen > 0) withLimit++;
      expect(withLimit).toBeGreaterThan(0);
    });

    it('still lets the shop order the first approved claim of today', async () => {
      const claims = (await call('buyer', 'GET', '/api/v1/claims?status=approved')).json<Page<{ id: string; claimNo: string }>>().items;
      const first = claims.find((c) => c.claimNo === 'RDAA2026310115000102')!;
      const detail = (await call('buyer', 'GET', `/api/v1/claims/${first.id}`)).json<{ assessments: { id: string; status: string }[] }>();
      const placed = await call('buyer', 'POST', '/api/v1/orders', { assessmentId: detail.assessments.find((a) => a.status === 'approved')!.id });
      expect(placed.statusCode, placed.body).toBe(201);
    });

    // The walk of a refund (退款) on the history as seeded: the first payment listed, sent again by
    // its payer, half of it asked back by the clerk (to the account she names: the history's payments
    // do not say where they came from), refused to herself, refused while its payer is
    // held to a limit it already passes, then approved by the platform's administrator; its payer
    // reads it, the other insurer does not; the ledger stays whole.
    it('refunds half of the first payment listed, paid twice by its payer', async () => {
      type Payment = { id: string; amountFen: number; unallocatedFen: number; refundedFen: number; payer: { id: string; name: string } };
      const first = (await call('finance', 'GET', '/api/v1/payments')).json<Page<Payment>>().items[0]!;
      const key = (k: string) => ({ 'idempotency-key': `history-refund-${kind}-${k}` });
      const receivedOn = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const again = await call('finance', 'POST', '/api/v1/payments', { payerOrgId: first.payer.id, amountFen: first.amountFen, receivedOn, bankRef: `HIST-TWICE-${kind}` }, key('pay'));
      expect(again.statusCode, again.body).toBe(201);
      const twice = again.json<Payment>();
      expect(twice.unallocatedFen).toBe(first.amountFen);
      const asked = await call(
        'finance',
        'POST',
        `/api/v1/payments/${twice.id}/refunds`,
        { amountFen: Math.floor(first.amountFen / 2), reason: '重复付款', toAccount: '1001 2020 0900 1234 567' },
        key('ask'),
      );
      expect(asked.statusCode, asked.body).toBe(201);
      const id = asked.json<{ id: string }>().id;
      expect((await call('finance', 'POST', `/api/v1/refunds/${id}/approve`, undefined, key('own'))).statusCode).toBe(403);
      // The payer still owes last month's statement: held to a limit of nothing, it is refunded nothing.
      expect((await call('finance', 'PUT', `/api/v1/ledger/credit-limits/${first.payer.id}`, { limitFen: 0 }, key('limit'))).statusCode).toBe(200);
      const over = await call('admin', 'POST', `/api/v1/refunds/${id}/approve`, undefined, key('over'));
      expect(over.statusCode).toBe(409);
      expect(over.json()).toMatchObject({ code: 'refund_over_credit_limit', detail: expect.stringContaining(first.payer.name) });
      expect((await call('admin', 'GET', `/api/v1/refunds/${id}`)).json().status).toBe('requested');
      expect((await call('finance', 'PUT', `/api/v1/ledger/credit-limits/${first.payer.id}`, { limitFen: null }, key('unlimit'))).statusCode).toBe(200);
      const approved = await call('admin', 'POST', `/api/v1/refunds/${id}/approve`, undefined, key('approve'));
      expect(approved.json()).toMatchObject({ status: 'refunded', amountFen: Math.floor(first.amountFen / 2) });
      const [payer, other] = users.orgs.picc === first.payer.id ? ['picc', 'cpic'] : ['cpic', 'picc'];
      expect((await call(payer!, 'GET', `/api/v1/refunds/${id}`)).statusCode).toBe(200);
      expect((await call(other!, 'GET', `/api/v1/refunds/${id}`)).statusCode).toBe(404);
      expect((await verifyLedger(t.database.db)).ok).toBe(true);
    });
  });
}
