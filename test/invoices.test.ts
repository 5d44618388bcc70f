import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCtx } from '../src/cli/system-ctx.ts';
import { runPayouts } from '../src/modules/settlement/index.ts';
import { addDays } from '../src/platform/china-date.ts';
import { seedDemoClaims } from '../src/seed/claims/demo-claims.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { demoPeople, type DemoPeople } from './support/demo-people.ts';
import { issueStatement, signForFirstDelivered } from './support/settle-steps.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Invoice = {
  id: string;
  invoiceNo: string;
  kind: string;
  amountFen: number;
  taxFen: number;
  totalFen: number;
  issuerOrgId: string | null;
  receiverOrgId: string | null;
  statementId: string | null;
  payoutId: string | null;
  reversesInvoiceId: string | null;
};
type Statement = { id: string; totalFen: number; invoicedFen: number };
type Payout = { id: string; payee: { id: string }; creditsFen: number; amountFen: number };

// Invoices (发票, issue 13) on the demo world: the platform invoices PICC for its statement, then
// takes part of it back with a red-letter invoice (红字发票) as after a credit; a supplier's invoice
// for the goods a payout paid for is recorded against the payout, and seen by that supplier alone.
for (const kind of databaseKinds()) {
  describe(`invoices on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;
    let people: DemoPeople;
    let statement: Statement;
    let blue: Invoice;
    let payout: Payout;
    let payerOrgId = '';
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const key = (s: string) => ({ 'idempotency-key': `${s}-${kind}` });
    let serial = 0;
    const no = () => `2633${kind === 'pg' ? '1' : '0'}${String(++serial).padStart(7, '0')}`;

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await seedDemoClaims(t.app, t.database.db);
      await users.signIn({ receiver: 'receiver@sh-anda.demo', finance: 'finance@anpei.demo', admin: 'admin@anpei.demo', picc: 'finance@picc.demo' });
      people = await demoPeople(users, 'finance');
      payerOrgId = (await signForFirstDelivered(users)).payerOrgId;
      statement = await issueStatement<Statement>(users, payerOrgId, today, { key: `statement-${kind}` });
      await runPayouts(t.database.db, await cliCtx(t.database.db), addDays(today, 30));
      payout = (await call('finance', 'GET', '/api/v1/payouts?limit=50')).json<Page<Payout>>().items.find((p) => p.creditsFen > 0)!;
    }, 300_000);
    afterAll(() => t?.close());

    it('invoices a statement, and takes part of it back with a red-letter invoice', async () => {
      const tax = Math.floor((statement.totalFen * 13) / 113);
      const body = { invoiceNo: no(), kind: 'special', amountFen: statement.totalFen - tax, taxFen: tax, issuedOn: today, statementId: statement.id };
      const res = await call('finance', 'POST', '/api/v1/invoices', body, key('blue'));
      expect(res.statusCode, res.body).toBe(201);
      blue = res.json<Invoice>();
      expect(blue).toMatchObject({ totalFen: statement.totalFen, issuerOrgId: null, receiverOrgId: payerOrgId, reversesInvoiceId: null });
      expect((await call('finance', 'POST', '/api/v1/invoices', body, key('blue'))).json<Invoice>().id).toBe(blue.id);

      // A tenth taken back, as after a credit.
      const part = Math.floor(statement.totalFen / 10);
      const partTax = Math.floor((part * 13) / 113);
      const red = await call('finance', 'POST', '/api/v1/invoices', { invoiceNo: no(), amountFen: part - partTax, taxFen: partTax, issuedOn: today, reversesInvoiceId: blue.id }, key('red'));
      expect(red.statusCode, red.body).toBe(201);
      expect(red.json<Invoice>()).toMatchObject({ kind: 'special', amountFen: -(part - partTax), taxFen: -partTax, totalFen: -part, statementId: statement.id, reversesInvoiceId: blue.id });
      const now = (await call('picc', 'GET', `/api/v1/statements/${statement.id}`)).json<Statement>();
      expect(now.invoicedFen).toBe(statement.totalFen - part);
      const listed = (await call('picc', 'GET', `/api/v1/invoices?statementId=${statement.id}`)).json<{ items: Invoice[] }>().items;
      expect(listed.map((i) => i.totalFen)).toEqual([statement.totalFen, -part]);

      // Not more than is left of it; not a red-letter one of a red-letter one; another kind refused.
      const left = statement.totalFen - part;
      const tooMuch = await call('finance', 'POST', '/api/v1/invoices', { invoiceNo: no(), amountFen: left + 1, taxFen: 0, issuedOn: today, reversesInvoiceId: blue.id });
      expect(tooMuch.statusCode).toBe(400);
      const error = tooMuch.json<{ errors: { path: string; code: string; message: string }[] }>().errors[0]!;
      expect(error).toMatchObject({ path: 'amountFen', code: 'too_big_number' });
      expect(error.message).toContain(String(left));
      const ofRed = await call('finance', 'POST', '/api/v1/invoices', { invoiceNo: no(), amountFen: 1, taxFen: 0, issuedOn: today, reversesInvoiceId: red.json<Invoice>().id });
      expect(ofRed.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('reversesInvoiceId');
      const otherKind = await call('finance', 'POST', '/api/v1/invoices', { invoiceNo: no(), kind: 'ordinary', amountFen: 1, taxFen: 0, issuedOn: today, reversesInvoiceId: blue.id });
      expect(otherKind.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('kind');
      // Naming two things, or none, is refused in words.
      const both = await call('finance', 'POST', '/api/v1/invoices', { ...body, invoiceNo: no(), payoutId: payout.id });
      expect(both.statusCode).toBe(400);
      expect(both.json<{ errors: { code: string }[] }>().errors[0]!.code).toBe('invoice_target');
      expect((await call('finance', 'GET', '/api/v1/invoices')).statusCode).toBe(400);
    });

    it('records a payee’s invoice against its payout, seen by that payee and the platform only', async () => {
      const tax = Math.floor((payout.creditsFen * 13) / 113);
      const over = await call('finance', 'POST', '/api/v1/invoices', { invoiceNo: no(), kind: 'special', amountFen: payout.creditsFen - tax + 1, taxFen: tax, issuedOn: today, payoutId: payout.id });
      expect(over.statusCode).toBe(400);
      const res = await call(
        'finance',
        'POST',
        '/api/v1/invoices',
        { invoiceNo: no(), kind: 'special', amountFen: payout.creditsFen - tax, taxFen: tax, issuedOn: today, payoutId: payout.id },
        key('payout-invoice'),
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Invoice>()).toMatchObject({ issuerOrgId: payout.payee.id, receiverOrgId: null, payoutId: payout.id, statementId: null, totalFen: payout.creditsFen });

      const payee = people.orgs.find((o) => o.id === payout.payee.id)!;
      const payeeWho = await people.as(payee.id, payee.kind === 'supplier' ? 'finance' : 'admin');
      const mine = (await call(payeeWho, 'GET', `/api/v1/invoices?payoutId=${payout.id}`)).json<{ items: Invoice[] }>().items;
      expect(mine.map((i) => i.id)).toEqual([res.json<Invoice>().id]);
      // Another supplier does not see it; nor may it record invoices.
      const other = people.orgs.find((o) => o.kind === 'supplier' && o.id !== payee.id)!;
      const otherWho = await people.as(other.id, 'finance');
      expect((await call(otherWho, 'GET', `/api/v1/invoices?payoutId=${payout.id}`)).statusCode).toBe(404);
      expect((await call(otherWho, 'POST', '/api/v1/invoices', { invoiceNo: no(), kind: 'special', amountFen: 1, taxFen: 0, issuedOn: today, payoutId: payout.id })).statusCode).toBe(403);
      // The payer does not see the payee's invoices, nor the payee the payer's.
      expect((await call('picc', 'GET', `/api/v1/invoices?payoutId=${payout.id}`)).statusCode).toBe(403);
      expect((await call(payeeWho, 'GET', `/api/v1/invoices?statementId=${statement.id}`)).statusCode).toBe(403);
    });
  });
}
