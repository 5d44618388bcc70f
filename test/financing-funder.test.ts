import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCtx } from '../src/cli/system-ctx.ts';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { runPayouts, startPayoutJob } from '../src/modules/settlement/index.ts';
import { discountFee } from '../src/modules/settlement/financing/terms.ts';
import { addDays } from '../src/platform/china-date.ts';
import { seedDemoClaims } from '../src/seed/claims/demo-claims.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { deliveredOrders, issueStatement, orderApprovedClaim, signFor } from './support/settle-steps.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Receivable = { orderLineId: string; statementId: string; faceFen: number };
type Financing = {
  id: string;
  requestNo: string;
  status: string;
  faceFen: number;
  feeFen: number;
  advanceFen: number;
  annualRateBp: number;
  days: number;
  supplier: { id: string; name: string };
  funder: { id: string; name: string } | null;
  approvedBy: string | null;
  fundedBy: string | null;
  lines: { orderLineId: string; faceFen: number; repaid: boolean }[];
};
type Account = {
  id: string;
  code: string;
  org: { id: string } | null;
  partner: { id: string } | null;
  debitsPendingFen: number;
  debitsPostedFen: number;
  creditsPendingFen: number;
  creditsPostedFen: number;
};
type Payout = { id: string; payee: { id: string; name: string }; payeeKind: string; status: string; amountFen: number; itemCount: number };

const bigints = (_k: string, v: unknown) => (typeof v === 'bigint' ? String(v) : v);

// A funder organisation (资金方) on the demo world: a supplier asks 安融商业保理 rather than the
// platform to advance on a receivable PICC confirmed; the platform's team reads the request but
// cannot decide it; the factor's two people approve and fund it (four eyes); the ledger holds the
// line assigned to the factor, pending, and no platform cash moves; when PICC pays, the factor is
// owed the face and the day's payout run pays it once however often it runs. Another funder, another
// supplier: the request does not exist for them. Then a second advance, on another statement, falls
// overdue and the factor writes it off (the assignment voided); PICC pays after all, and the money
// is the factor's still. (The supplier's limit holds one line at a time: the second is asked for
// once the first is repaid.)
for (const kind of databaseKinds()) {
  describe(`receivables financing by a funder on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call, orgs } = users;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    // Two statements to PICC, one per order, both confirmed.
    const statements: { id: string; totalFen: number }[] = [];
    let supplier = '';
    let request: Financing;
    // The second advance, written off after it fell overdue.
    let written: Financing;
    const suppliers = ['huajun', 'yuetong', 'anxin'];

    const account = async (code: string, orgId: string | null) => {
      const items = (await call('finance', 'GET', `/api/v1/ledger/accounts?code=${code}&limit=200`)).json<Page<Account>>().items;
      return items.find((a) => (orgId === null ? true : a.org?.id === orgId || a.partner?.id === orgId));
    };
    // The platform's bank: its cash accounts (one per counterparty) summed.
    const cash = async () => {
      const items = (await call('finance', 'GET', '/api/v1/ledger/accounts?code=platform_cash&limit=200')).json<Page<Account>>().items;
      return { creditsPostedFen: items.reduce((a, x) => a + x.creditsPostedFen, 0), debitsPostedFen: items.reduce((a, x) => a + x.debitsPostedFen, 0) };
    };
    // The smallest receivable of the supplier on a statement.
    const smallestOn = async (statementId: string) => {
      const items = (await call(supplier, 'GET', '/api/v1/financing/receivables')).json<{ items: Receivable[] }>().items;
      return items.filter((r) => r.statementId === statementId).sort((a, b) => a.faceFen - b.faceFen)[0]!;
    };
    const pay = async (s: { id: string; totalFen: number }, n: number) => {
      const tax = Math.floor((s.totalFen * 13) / 113);
      const paid = await call('finance', 'POST', '/api/v1/payments', {
        payerOrgId: orgs.picc,
        amountFen: s.totalFen,
        receivedOn: today,
        bankRef: `FUNDER-${kind}-${n}`,
        allocations: [{ statementId: s.id, amountFen: s.totalFen }],
      });
      expect(paid.statusCode, paid.body).toBe(201);
      const invoice = await call('finance', 'POST', '/api/v1/invoices', {
        invoiceNo: `2631100000${kind === 'pg' ? '6' : '5'}000000${n}`,
        kind: 'special',
        amountFen: s.totalFen - tax,
        taxFen: tax,
        issuedOn: today,
        statementId: s.id,
      });
      expect(invoice.statusCode, invoice.body).toBe(201);
      expect((await call('picc', 'GET', `/api/v1/statements/${s.id}`)).json().status).toBe('paid');
    };

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
        factor: 'finance@anrong.demo',
        factorAdmin: 'admin@anrong.demo',
      });
      // Another funder, as the platform's administrator onboards one, with a person of its own.
      const other = await call('admin', 'POST', '/api/v1/orgs', { kind: 'funder', name: '另一家保理公司', uscc: '91310115MAF000099X', regionCode: '310115' });
      expect(other.statusCode, other.body).toBe(201);
      const created = await call('admin', 'POST', '/api/v1/users', { orgId: other.json().id, email: 'finance@other-factor.test', name: '另一家 财务', password: 'Zq8!mv2#Lp', roles: ['finance'] });
      expect(created.statusCode, created.body).toBe(201);
      users.tokens.otherFactor = await t.login('finance@other-factor.test', 'Zq8!mv2#Lp');
      orgs.otherFactor = other.json().id;

      // The shop orders PICC's approved claim and the warehouses deliver; the shop accepts each
      // delivered order, the platform bills PICC for it, and PICC confirms.
      await orderApprovedClaim(t);
      const delivered = await deliveredOrders(users);
      expect(delivered).toHaveLength(2);
      for (const order of delivered) {
        await signFor(users, order);
        statements.push(await issueStatement(users, order.payerOrgId, today, { confirmedBy: 'picc' }));
      }
      // The supplier with receivables on both.
      for (const who of suppliers) {
        const items = (await call(who, 'GET', '/api/v1/financing/receivables')).json<{ items: Receivable[] }>().items;
        if (statements.every((s) => items.some((r) => r.statementId === s.id))) supplier = who;
      }
      expect(supplier).not.toBe('');
    }, 300_000);
    afterAll(() => t?.close());

    it('lists who may fund: the platform, then the active funders, each at its rate', async () => {
      // The platform's finance team sets the demo factor's rate in its terms (6.5 % a year); only a
      // funder has one, within 0.01 % to 24 %.
      const terms = (await call('finance', 'GET', `/api/v1/settlement-terms/${orgs.factor}`)).json<{ invoiceRequired: boolean; payoutDays: number; payoutCycle: string; orgKind: string }>();
      expect(terms).toMatchObject({ orgKind: 'funder', financingRateBp: null, platformFinancingRateBp: 800 });
      // An organisation that does not exist has no terms, not the defaults.
      const unknown = await call('finance', 'GET', '/api/v1/settlement-terms/019b0000-0000-7000-8000-000000000000');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.headers['content-type']).toContain('application/problem+json');
      const body = { invoiceRequired: terms.invoiceRequired, payoutDays: terms.payoutDays, payoutCycle: terms.payoutCycle };
      const tooHigh = await call('finance', 'PUT', `/api/v1/settlement-terms/${orgs.factor}`, { ...body, financingRateBp: 2401 });
      expect(tooHigh.statusCode).toBe(400);
      expect(tooHigh.json().errors[0]).toMatchObject({ path: 'financingRateBp' });
      const onSupplier = await call('finance', 'PUT', `/api/v1/settlement-terms/${orgs[supplier]}`, { invoiceRequired: true, payoutDays: 30, payoutCycle: 'daily', financingRateBp: 650 });
      expect(onSupplier.statusCode).toBe(400);
      expect(onSupplier.json().errors[0]).toMatchObject({ path: 'financingRateBp', code: 'invalid' });
      const set = await call('finance', 'PUT', `/api/v1/settlement-terms/${orgs.factor}`, { ...body, financingRateBp: 650 }, { 'idempotency-key': `factor-rate-${kind}` });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toMatchObject({ ...body, financingRateBp: 650, set: true });
      // Terms sent without the rate (an older client, the payee's pay days alone) keep it.
      const again = await call('finance', 'PUT', `/api/v1/settlement-terms/${orgs.factor}`, body);
      expect(again.json()).toMatchObject({ financingRateBp: 650 });

      const funders = (await call(supplier, 'GET', '/api/v1/financing/funders')).json<{ items: { id: string | null; name: string; annualRateBp: number }[] }>().items;
      expect(funders[0]).toMatchObject({ id: null, annualRateBp: 800 });
      expect(funders.map((f) => f.id)).toEqual(expect.arrayContaining([orgs.factor, orgs.otherFactor]));
      expect(funders.find((f) => f.id === orgs.factor)!.annualRateBp).toBe(650);
      expect(funders.find((f) => f.id === orgs.otherFactor)!.annualRateBp).toBe(800);
      // A funder's people hold financing and their payouts, nothing else of the money or the claims.
      const me = (await call('factor', 'GET', '/api/v1/me')).json<{ org: { kind: string }; permissions: string[] }>();
      expect(me.org.kind).toBe('funder');
      expect(me.permissions.filter((p) => /^(statements|ledger|orders|claims)\./.test(p))).toEqual([]);
      expect(me.permissions).toEqual(expect.arrayContaining(['financing.read', 'financing.approve', 'payouts.read']));
    });

    it('takes a request naming the funder, within the platform’s limit, and refuses an unknown funder', async () => {
      const line = await smallestOn(statements[0]!.id);
      const { availableFen } = (await call(supplier, 'GET', '/api/v1/financing/limit')).json<{ availableFen: number }>();
      expect(line.faceFen).toBeLessThanOrEqual(availableFen);
      // An insurer is no funder.
      const notFunder = await call(supplier, 'POST', '/api/v1/financing/requests', { orderLineIds: [line.orderLineId], funderOrgId: orgs.picc });
      expect(notFunder.statusCode).toBe(400);
      expect(notFunder.json().errors[0]).toMatchObject({ path: 'funderOrgId', code: 'unknown_reference' });
      const key = { 'idempotency-key': `funder-req-${kind}` };
      const res = await call(supplier, 'POST', '/api/v1/financing/requests', { orderLineIds: [line.orderLineId], funderOrgId: orgs.factor }, key);
      expect(res.statusCode, res.body).toBe(201);
      request = res.json<Financing>();
      expect(request).toMatchObject({ status: 'requested', funder: { id: orgs.factor, name: '安融商业保理（演示）' }, faceFen: line.faceFen, annualRateBp: 650 });
      // Priced at the funder's rate by the stated rule.
      expect(request.feeFen).toBe(Number(discountFee(BigInt(line.faceFen), 650, request.days)));
      expect(request.advanceFen).toBe(line.faceFen - request.feeFen);
      // The same request replayed under its key: the stored answer, nothing new.
      const replay = await call(supplier, 'POST', '/api/v1/financing/requests', { orderLineIds: [line.orderLineId], funderOrgId: orgs.factor }, key);
      expect(replay.json<Financing>().id).toBe(request.id);
      expect((await call('finance', 'GET', '/api/v1/financing/requests?limit=50')).json<Page<Financing>>().items.map((r) => r.id)).toEqual([request.id]);
    });

    it('is the funder’s to decide: the platform reads it, another funder or supplier does not see it', async () => {
      // The funder's queue holds it, and the platform's own queue does not.
      expect((await call('factor', 'GET', '/api/v1/financing/requests?status=requested')).json<Page<Financing>>().items.map((r) => r.id)).toEqual([request.id]);
      expect((await call('finance', 'GET', '/api/v1/financing/requests?status=requested&funder=platform')).json<Page<Financing>>().items).toEqual([]);
      expect((await call('finance', 'GET', `/api/v1/financing/requests?funder=${orgs.factor}`)).json<Page<Financing>>().items.map((r) => r.id)).toEqual([request.id]);
      const platform = await call('finance', 'POST', `/api/v1/financing/requests/${request.id}/approve`);
      expect(platform.statusCode).toBe(403);
      expect(platform.json().code).toBe('financing_other_funder');
      expect((await call('finance', 'GET', `/api/v1/financing/requests/${request.id}`)).statusCode).toBe(200);
      // Isolation: another funder and another supplier are told it does not exist.
      const otherSupplier = suppliers.find((s) => s !== supplier)!;
      for (const who of ['otherFactor', otherSupplier]) {
        expect((await call(who, 'GET', `/api/v1/financing/requests/${request.id}`)).statusCode).toBe(404);
        expect((await call(who, 'GET', '/api/v1/financing/requests')).json<Page<Financing>>().items).toEqual([]);
      }
      expect((await call('otherFactor', 'POST', `/api/v1/financing/requests/${request.id}/approve`)).statusCode).toBe(404);
      expect((await call('otherFactor', 'GET', `/api/v1/financing/limit?supplierOrgId=${orgs[supplier]}`)).statusCode).toBe(404);
      // The funder weighs the supplier's limit before it decides.
      expect((await call('factor', 'GET', `/api/v1/financing/limit?supplierOrgId=${orgs[supplier]}`)).statusCode).toBe(200);
    });

    it('is approved and funded by the funder’s two people, and the ledger holds the assignment pending', async () => {
      const cashBefore = await cash();
      const approved = await call('factor', 'POST', `/api/v1/financing/requests/${request.id}/approve`, undefined, { 'idempotency-key': `funder-ap-${kind}` });
      expect(approved.statusCode, approved.body).toBe(200);
      expect(approved.json<Financing>()).toMatchObject({ status: 'approved', approvedBy: users.users.factor });
      const own = await call('factor', 'POST', `/api/v1/financing/requests/${request.id}/fund`);
      expect([own.statusCode, own.json().code]).toEqual([403, 'four_eyes']);
      const fundKey = { 'idempotency-key': `funder-fund-${kind}` };
      const funded = await call('factorAdmin', 'POST', `/api/v1/financing/requests/${request.id}/fund`, undefined, fundKey);
      expect(funded.statusCode, funded.body).toBe(200);
      expect(funded.json<Financing>()).toMatchObject({ status: 'funded', fundedBy: users.users.factorAdmin });
      const again = await call('factorAdmin', 'POST', `/api/v1/financing/requests/${request.id}/fund`, undefined, fundKey);
      expect([again.statusCode, again.json<Financing>().status]).toEqual([200, 'funded']);
      // No platform cash moved and no fee was the platform's: the face is assigned, pending.
      const cashAfter = await cash();
      expect(cashAfter).toEqual(cashBefore);
      expect(await account('financing_fee_revenue', orgs[supplier]!)).toBeUndefined();
      const advanced = (await account('financing_advanced', orgs[supplier]!))!;
      expect([advanced.debitsPendingFen, advanced.debitsPostedFen, advanced.creditsPostedFen]).toEqual([request.faceFen, 0, 0]);
      const owed = (await account('funder_payable', orgs.factor!))!;
      expect([owed.creditsPendingFen, owed.creditsPostedFen]).toEqual([request.faceFen, 0]);
      // A payout run owes the funder nothing yet.
      const run = await runPayouts(t.database.db, await cliCtx(t.database.db), today);
      expect(run.payees.find((p) => p.payeeOrgId === orgs.factor)).toBeUndefined();
    });

    it('owes the funder the face when PICC pays, and the payout run pays it once', async () => {
      await pay(statements[0]!, 1);
      const repaid = (await call('factor', 'GET', `/api/v1/financing/requests/${request.id}`)).json<Financing>();
      expect(repaid.status).toBe('repaid');
      expect(repaid.lines.every((l) => l.repaid)).toBe(true);
      const advanced = (await account('financing_advanced', orgs[supplier]!))!;
      expect([advanced.debitsPendingFen, advanced.debitsPostedFen - advanced.creditsPostedFen]).toEqual([0, 0]);
      const owed = (await account('funder_payable', orgs.factor!))!;
      expect([owed.creditsPendingFen, owed.creditsPostedFen]).toEqual([0, request.faceFen]);

      // The same day (T+0, a funder's default terms): paid once, run again, and twice at once.
      const ctx = await cliCtx(t.database.db);
      const first = await runPayouts(t.database.db, ctx, today);
      expect(first.payees.filter((p) => p.payeeOrgId === orgs.factor).map((p) => [p.outcome, p.amountFen])).toEqual([['paid', BigInt(request.faceFen)]]);
      const [a, b] = await Promise.all([runPayouts(t.database.db, ctx, today), runPayouts(t.database.db, ctx, today)]);
      expect([...a.payees, ...b.payees].filter((p) => p.payeeOrgId === orgs.factor && p.outcome === 'paid')).toEqual([]);
      expect((await runPayouts(t.database.db, ctx, addDays(today, 1))).payees.filter((p) => p.payeeOrgId === orgs.factor)).toEqual([]);

      // The funder reads its payout and remittance advice, naming the request each line repaid.
      const payouts = (await call('factor', 'GET', '/api/v1/payouts')).json<Page<Payout>>().items;
      expect(payouts.map((p) => [p.payeeKind, p.amountFen, p.itemCount])).toEqual([['funder', request.faceFen, 1]]);
      const lines = (await call('factor', 'GET', `/api/v1/payouts/${payouts[0]!.id}/lines?limit=200`)).json<
        Page<{ code: string; amountFen: number; requestNo: string | null; productName: string | null }>
      >().items;
      expect(lines.map((l) => [l.code, l.amountFen, l.requestNo])).toEqual([['financing_assigned', request.faceFen, request.requestNo]]);
      expect(lines[0]!.productName).toBeTruthy();
      expect((await call('otherFactor', 'GET', `/api/v1/payouts/${payouts[0]!.id}`)).statusCode).toBe(404);
      const confirmed = await call('finance', 'POST', `/api/v1/payouts/${payouts[0]!.id}/confirm`, { bankRef: `ANRONG-${kind}` });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const settled = (await account('funder_payable', orgs.factor!))!;
      expect(settled.creditsPostedFen - settled.debitsPostedFen).toBe(0);
    });

    it('voids the assignment when the funder writes an overdue advance off, and owes it again if PICC pays after all', async () => {
      const line = await smallestOn(statements[1]!.id);
      const asked = await call(supplier, 'POST', '/api/v1/financing/requests', { orderLineIds: [line.orderLineId], funderOrgId: orgs.factor });
      expect(asked.statusCode, asked.body).toBe(201);
      written = asked.json<Financing>();
      // The other way round this time: the administrator approves, the finance manager funds.
      expect((await call('factorAdmin', 'POST', `/api/v1/financing/requests/${written.id}/approve`)).statusCode).toBe(200);
      expect((await call('factor', 'POST', `/api/v1/financing/requests/${written.id}/fund`)).json<Financing>().status).toBe('funded');
      // PICC's expected payment day passes unpaid: the daily job marks it overdue.
      const job = startPayoutJob({ db: t.database.db, log: { info: () => {}, error: (o) => console.error(o) }, firstCheckMs: 3_600_000 });
      await job.runOnce(new Date(`${addDays(today, 31)}T12:00:00+08:00`));
      await job.stop();
      expect((await call('factor', 'GET', `/api/v1/financing/requests/${written.id}`)).json<Financing>().status).toBe('overdue');
      const platform = await call('admin', 'POST', `/api/v1/financing/requests/${written.id}/default`);
      expect(platform.json().code).toBe('financing_other_funder');
      const off = await call('factor', 'POST', `/api/v1/financing/requests/${written.id}/default`, undefined, { 'idempotency-key': `funder-off-${kind}` });
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json<Financing>().status).toBe('defaulted');
      // The funder bears it: nothing of it is pending, and nothing is owed to the funder.
      const advanced = (await account('financing_advanced', orgs[supplier]!))!;
      expect(advanced.debitsPendingFen).toBe(0);
      const owed = (await account('funder_payable', orgs.factor!))!;
      expect([owed.creditsPendingFen, owed.creditsPostedFen - owed.debitsPostedFen]).toEqual([0, 0]);

      // PICC pays after all: the line is repaid out of the supplier's payable, and the money is the
      // funder's (the receivable was assigned to it), paid by the next day's run.
      await pay(statements[1]!, 2);
      expect((await call('factor', 'GET', `/api/v1/financing/requests/${written.id}`)).json<Financing>().status).toBe('repaid');
      const back = (await account('financing_advanced', orgs[supplier]!))!;
      expect([back.debitsPendingFen, back.debitsPostedFen - back.creditsPostedFen]).toEqual([0, 0]);
      const due = (await account('funder_payable', orgs.factor!))!;
      expect(due.creditsPostedFen - due.debitsPostedFen).toBe(written.faceFen);
      const run = await runPayouts(t.database.db, await cliCtx(t.database.db), addDays(today, 1));
      expect(run.payees.filter((p) => p.payeeOrgId === orgs.factor).map((p) => [p.outcome, p.amountFen])).toEqual([['paid', BigInt(written.faceFen)]]);
    });

    it('keeps the books whole: verify clean, the trial balance balanced', async () => {
      const report = await verifyLedger(t.database.db);
      expect(report.ok, JSON.stringify(report, bigints).slice(0, 2000)).toBe(true);
      const tb = (await call('finance', 'GET', '/api/v1/ledger/trial-balance')).json<{ balanced: boolean }>();
      expect(tb.balanced).toBe(true);
    });
  });
}
