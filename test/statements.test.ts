import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { seedDemoClaims } from '../src/seed/claims/demo-claims.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { deliveredOrders, signFor } from './support/settle-steps.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Statement = {
  id: string;
  statementNo: string;
  status: string;
  lineCount: number;
  netFen: number;
  vatFen: number;
  handlingFeeFen: number;
  creditFen: number;
  totalFen: number;
  paidFen: number;
  outstandingFen: number;
  invoicedFen: number;
};
type Line = { orderLineId: string; kind: string; claimNo: string | null; productName: string; grade: string; qty: number; netFen: number; vatFen: number; totalFen: number; savingFen: number | null };
type Account = { id: string; code: string; debitsPostedFen: number; creditsPostedFen: number; debitsPendingFen: number };

// A month's settlement with PICC on the demo world, as the people do it: the shop signs for the
// delivered claim order (one line rejected), the platform's finance clerk gathers PICC's statement
// for the day, a second person issues it, PICC's finance team disputes a line and the platform
// credits part of it, PICC pays from the bank and the platform records its invoice: the statement
// is paid, its figures are the ledger's to the fen, and nothing is billed twice.
for (const kind of databaseKinds()) {
  describe(`statements, payments and invoices on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    let picc: string;
    let accepted: { id: string; amountFen: number; handlingFeeFen: number }[] = [];
    let s: Statement;

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await seedDemoClaims(t.app, t.database.db);
      await users.signIn({
        receiver: 'receiver@sh-anda.demo',
        finance: 'finance@anpei.demo',
        admin: 'admin@anpei.demo',
        piccFinance: 'finance@picc.demo',
        cpicFinance: 'finance@cpic.demo',
        adjuster: 'adjuster@picc.demo',
      });
      const order = (await deliveredOrders(users))[0]!;
      picc = order.payerOrgId;
      const [rejected, ...rest] = order.lines;
      await signFor(users, order, { rejected: [{ line: rejected!, reason: 'damaged' }] });
      accepted = rest;
    }, 300_000);
    afterAll(() => t?.close());

    it('gathers the accepted lines of the day into a draft, at the ledger’s figures', async () => {
      // Gathered by the finance system's API key, which the platform's administrator made.
      const made = await call('admin', 'POST', '/api/v1/api-keys', { name: '财务系统对接', roles: ['finance'] });
      expect(made.statusCode, made.body).toBe(201);
      users.tokens.key = made.json<{ key: string }>().key;
      const res = await call('key', 'POST', '/api/v1/statements', { payerOrgId: picc, from: today, to: today }, { 'idempotency-key': `st-${kind}` });
      expect(res.statusCode, res.body).toBe(201);
      s = res.json<Statement>();
      expect(s.status).toBe('draft');
      expect(s.lineCount).toBe(accepted.length);
      const billed = accepted.reduce((a, l) => a + l.amountFen + l.handlingFeeFen, 0);
      expect(s.totalFen).toBe(billed);
      expect(s.netFen + s.vatFen + s.handlingFeeFen).toBe(billed);
      // The ledger's receivable posted exactly that.
      const account = (await call('finance', 'GET', `/api/v1/ledger/accounts?orgId=${picc}&code=insurer_receivable`)).json<Page<Account>>().items[0]!;
      expect(account.debitsPostedFen).toBe(billed);
      // The rejected line is not billed; the lines carry what a clerk checks them by.
      const lines = (await call('finance', 'GET', `/api/v1/statements/${s.id}/lines?limit=1`)).json<Page<Line>>();
      expect(lines.items).toHaveLength(1);
      expect(lines.items[0]!.claimNo).toBe('RDAA2026310115000101');
      expect(lines.items[0]!.productName.length).toBeGreaterThan(0);
      const all = [...lines.items, ...(await call('finance', 'GET', `/api/v1/statements/${s.id}/lines?cursor=${lines.nextCursor}`)).json<Page<Line>>().items];
      expect(all.map((l) => l.orderLineId).sort()).toEqual(accepted.map((l) => l.id).sort());
      // The payer does not see a draft.
      expect((await call('piccFinance', 'GET', `/api/v1/statements/${s.id}`)).statusCode).toBe(404);
      // Nothing is left to gather for the day: every line is billed once.
      const again = await call('finance', 'POST', '/api/v1/statements', { payerOrgId: picc, from: today, to: today });
      expect(again.statusCode, again.body).toBe(422);
      expect(again.json().code).toBe('statement_empty');
    });

    it('is issued by a second person only', async () => {
      // Neither the key that gathered it nor the person who made the key.
      for (const who of ['key', 'admin']) {
        const own = await call(who, 'POST', `/api/v1/statements/${s.id}/issue`, undefined, { 'idempotency-key': `iss-own-${who}-${kind}` });
        expect(own.statusCode, own.body).toBe(403);
        expect(own.json().code).toBe('four_eyes');
      }
      const issued = await call('finance', 'POST', `/api/v1/statements/${s.id}/issue`, undefined, { 'idempotency-key': `iss-${kind}` });
      expect(issued.statusCode, issued.body).toBe(200);
      expect(issued.json<Statement>().status).toBe('issued');
      // Its payer sees it now; another insurer does not, by id or in its list.
      expect((await call('piccFinance', 'GET', `/api/v1/statements/${s.id}`)).statusCode).toBe(200);
      expect((await call('cpicFinance', 'GET', `/api/v1/statements/${s.id}`)).statusCode).toBe(404);
      expect((await call('cpicFinance', 'GET', '/api/v1/statements')).json<Page<Statement>>().items).toEqual([]);
      // An adjuster has no business with money.
      expect((await call('adjuster', 'GET', '/api/v1/statements')).statusCode).toBe(403);
    });

    it('exports every line as XLSX and CSV, adding up to the total', async () => {
      const xlsx = await call('piccFinance', 'GET', `/api/v1/statements/${s.id}/export.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(1).getCell(2).value).toBe('报案号');
      const totals = [];
      for (let r = 2; r <= sheet.rowCount; r++) totals.push(Number(sheet.getRow(r).getCell(10).value));
      expect(totals).toHaveLength(accepted.length);
      expect(Math.round(totals.reduce((a, b) => a + b, 0) * 100)).toBe(s.totalFen);
      const csv = await call('piccFinance', 'GET', `/api/v1/statements/${s.id}/export.csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const rows = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(rows).toHaveLength(accepted.length + 1);
      expect(rows.slice(1).reduce((a, r) => a + Math.round(Number(r.split(',')[9]) * 100), 0)).toBe(s.totalFen);
    });

    it('settles a dispute by a credit note that the ledger and the statement both carry', async () => {
      const line = accepted[0]!;
      const disputed = await call(
        'piccFinance',
        'POST',
        `/api/v1/statements/${s.id}/dispute`,
        { lines: [{ orderLineId: line.id, reason: '价格高于当地市场价' }] },
        { 'idempotency-key': `dis-${kind}` },
      );
      expect(disputed.statusCode, disputed.body).toBe(200);
      expect(disputed.json<Statement>().status).toBe('disputed');
      // The whole line at most.
      const tooMuch = await call('finance', 'POST', `/api/v1/statements/${s.id}/resolve`, { lines: [{ orderLineId: line.id, resolution: 'credit', creditFen: line.amountFen + 1 }] });
      expect(tooMuch.statusCode).toBe(400);
      const resolved = await call(
        'finance',
        'POST',
        `/api/v1/statements/${s.id}/resolve`,
        { lines: [{ orderLineId: line.id, resolution: 'credit', creditFen: 1000, note: '按市场价调减' }] },
        { 'idempotency-key': `res-${kind}` },
      );
      expect(resolved.statusCode, resolved.body).toBe(200);
      const after = resolved.json<Statement>();
      expect(after).toMatchObject({ status: 'confirmed', creditFen: 1000, totalFen: s.totalFen - 1000 });
      s = after;
      const account = (await call('finance', 'GET', `/api/v1/ledger/accounts?orgId=${picc}&code=insurer_receivable`)).json<Page<Account>>().items[0]!;
      expect(account.debitsPostedFen - account.creditsPostedFen).toBe(s.totalFen);
      const credit = (await call('finance', 'GET', `/api/v1/statements/${s.id}/lines?limit=200`)).json<Page<Line>>().items.filter((l) => l.kind === 'credit');
      expect(credit.map((c) => c.totalFen)).toEqual([1000]);
    });

    it('is paid when the money and the invoice cover it, once per bank line and per key', async () => {
      const body = {
        payerOrgId: picc,
        amountFen: s.totalFen + 500,
        receivedOn: today,
        bankRef: `BK-${kind}-1`,
        payerName: '中国人民财产保险',
        allocations: [{ statementId: s.id, amountFen: s.totalFen }],
      };
      const paid = await call('finance', 'POST', '/api/v1/payments', body, { 'idempotency-key': `pay-${kind}` });
      expect(paid.statusCode, paid.body).toBe(201);
      expect(paid.json()).toMatchObject({ amountFen: s.totalFen + 500, allocatedFen: s.totalFen, unallocatedFen: 500 });
      // The same request again: the same answer, posted once.
      const replay = await call('finance', 'POST', '/api/v1/payments', body, { 'idempotency-key': `pay-${kind}` });
      expect(replay.json().id).toBe(paid.json().id);
      // The same bank line under another key: refused.
      expect((await call('finance', 'POST', '/api/v1/payments', body, { 'idempotency-key': `pay2-${kind}` })).statusCode).toBe(409);
      // Over-paid: the 500 fen stay visible, unmatched, and the payer owes less than nothing.
      expect((await call('finance', 'GET', '/api/v1/payments?unmatched=true')).json<Page<{ id: string }>>().items.map((p) => p.id)).toEqual([paid.json().id]);
      const account = (await call('finance', 'GET', `/api/v1/ledger/accounts?orgId=${picc}&code=insurer_receivable`)).json<Page<Account>>().items[0]!;
      expect(account.debitsPostedFen - account.creditsPostedFen).toBe(-500);

      // PICC requires invoices: covered by money, still confirmed until the invoice is recorded.
      let now = (await call('piccFinance', 'GET', `/api/v1/statements/${s.id}`)).json<Statement>();
      expect(now).toMatchObject({ status: 'confirmed', paidFen: s.totalFen, outstandingFen: 0 });
      const tax = Math.floor((s.totalFen * 13) / 113);
      const inv = await call(
        'finance',
        'POST',
        '/api/v1/invoices',
        { invoiceNo: `2631100000${kind === 'pg' ? '2' : '1'}0000001`, kind: 'special', amountFen: s.totalFen - tax, taxFen: tax, issuedOn: today, statementId: s.id },
        { 'idempotency-key': `inv-${kind}` },
      );
      expect(inv.statusCode, inv.body).toBe(201);
      now = (await call('piccFinance', 'GET', `/api/v1/statements/${s.id}`)).json<Statement>();
      expect(now).toMatchObject({ status: 'paid', invoicedFen: s.totalFen });
      // The statement's invoices and payments, by statement.
      expect((await call('piccFinance', 'GET', `/api/v1/invoices?statementId=${s.id}`)).json<{ items: { totalFen: number }[] }>().items.map((i) => i.totalFen)).toEqual([s.totalFen]);
      expect((await call('finance', 'GET', `/api/v1/payments?statementId=${s.id}`)).json<Page<{ id: string }>>().items.map((p) => p.id)).toEqual([paid.json().id]);
      expect((await call('cpicFinance', 'GET', `/api/v1/invoices?statementId=${s.id}`)).statusCode).toBe(404);
      // A match past what is left is refused on its own field.
      const over = await call('finance', 'POST', '/api/v1/payments', { ...body, bankRef: `BK-${kind}-2`, amountFen: 100, allocations: [{ statementId: s.id, amountFen: 100 }] });
      expect(over.statusCode).toBe(409);
    });

    it('leaves the ledger whole and balanced', async () => {
      const report = await verifyLedger(t.database.db);
      expect(
        report.ok,
        JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
      ).toBe(true);
      const tb = (await call('finance', 'GET', '/api/v1/ledger/trial-balance')).json<{ balanced: boolean }>();
      expect(tb.balanced).toBe(true);
    });
  });
}
