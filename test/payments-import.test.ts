import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { payment } from '../src/modules/settlement/index.ts';
import { queryRows } from '../src/platform/db.ts';
import { auditEvent } from '../src/platform/tables.ts';
import { seedDemoClaims } from '../src/seed/claims/demo-claims.ts';
import { runSeed } from '../src/seed/seed.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { cast } from './support/cast.ts';
import { encodeGb18030 } from './support/gb18030.ts';
import { deliveredOrders, issueStatement, signFor } from './support/settle-steps.ts';

type Page<T> = { items: T[]; nextCursor: string | null };
type Statement = { id: string; statementNo: string; status: string; totalFen: number; paidFen: number; outstandingFen: number };
type PreviewRow = {
  row: number;
  receivedOn: string | null;
  amountFen: number | null;
  payerName: string | null;
  payerAccount: string | null;
  bankRef: string | null;
  memo: string | null;
  errors: { row: number; field: string | null; code: string; message: string }[];
  duplicate: boolean;
  recordedPaymentId: string | null;
  recordedPaymentNo: string | null;
  payer: { id: string; name: string; reason: string } | null;
  allocations: { statementId: string; statementNo: string; amountFen: number; reason: string }[];
  unallocatedFen: number | null;
  match: string;
};
type Preview = { encoding: string; headerRow: number; creditLines: number; debitLinesIgnored: number; duplicates: number; withErrors: number; rows: PreviewRow[] };
type Outcome = {
  index: number;
  row: number | null;
  bankRef: string;
  outcome: string;
  paymentId: string | null;
  paymentNo: string | null;
  unallocatedFen: number | null;
  problem: { code: string; detail: string; errors: { path: string; code: string; message: string }[] } | null;
};
type ImportResult = { recorded: number; duplicates: number; errors: number; rows: Outcome[] };

// yuan text as a bank writes it, with thousands separators: 1234567 fen → "12,345.67".
const yuan = (fen: number) => `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

// A month of the platform's bank account on the demo world, as its finance clerk works it: PICC
// owes three statements (one per line the shop accepted, gathered and issued one after another);
// the bank's exports arrive as an ICBC-like file saved by Excel (GB18030, a preamble, a debit, a
// total row) and a CMB-like one from online banking (UTF-8 with a BOM); the preview suggests the
// payer and statements, the clerk confirms, the import records them as hand-recorded payments are.
for (const kind of databaseKinds()) {
  describe(`bank statement import on ${kind}`, () => {
    let t: TestApp;
    const users = cast(() => t);
    const { call } = users;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    let picc: string;
    let cpic: string;
    let piccName: string;
    const st: Statement[] = [];
    let gbPreview: Preview;
    let firstImport: ImportResult;
    const ref = (n: string) => `${kind.toUpperCase()}${n}`;

    const preview = (file: Buffer, who = 'finance', headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/v1/payments/import/preview', headers: { ...bearer(users.tokens[who]!), 'content-type': 'text/csv', ...headers }, payload: file });
    const nextXid = async () => (await queryRows<{ x: string }>(t.database.db, sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`))[0]!.x;
    const statement = async (id: string) => (await call('finance', 'GET', `/api/v1/statements/${id}`)).json<Statement>();

    beforeAll(async () => {
      t = await startTestApp(kind);
      await runSeed(t.database, { scale: 'demo', seed: 1 });
      await seedDemoClaims(t.app, t.database.db);
      await users.signIn({ receiver: 'receiver@sh-anda.demo', finance: 'finance@anpei.demo', admin: 'admin@anpei.demo', piccFinance: 'finance@picc.demo', cpicFinance: 'finance@cpic.demo' });
      picc = (await call('piccFinance', 'GET', '/api/v1/me')).json<{ org: { id: string; name: string } }>().org.id;
      piccName = (await call('piccFinance', 'GET', '/api/v1/me')).json<{ org: { id: string; name: string } }>().org.name;
      cpic = users.orgs.cpicFinance!;
      const order = (await deliveredOrders(users))[0]!;
      expect(order.payerOrgId).toBe(picc);
      expect(order.lines.length).toBeGreaterThanOrEqual(3);
      // One statement per accepted line: the shop signs for them one at a time, and the clerk
      // gathers what the day has each time; a second person issues it.
      for (const [i, line] of order.lines.slice(0, 3).entries()) {
        await signFor(users, order, { lines: [line] });
        st.push(await issueStatement<Statement>(users, picc, today, { key: `imp-st-${kind}-${i}` }));
      }
      // A payment recorded by hand earlier, whose bank line the export lists again.
      const earlier = await call('finance', 'POST', '/api/v1/payments', { payerOrgId: cpic, amountFen: 100, receivedOn: today, bankRef: ref('ICBC-0000') });
      expect(earlier.statusCode, earlier.body).toBe(201);
    }, 300_000);
    afterAll(() => t?.close());

    // ICBC-like, as Excel on Chinese Windows saves it (GB18030): statement C named in the memo,
    // B's exact amount, a debit, a duplicate, a payer nobody knows, a total row and a footer.
    const icbcFile = () => {
      const [, b, c] = st as [Statement, Statement, Statement];
      return encodeGb18030(
        [
          '中国工商银行 账户明细查询',
          '账号：1001234509876543210,户名：邦邦汽服·安配平台',
          `查询区间：${today} 至 ${today},币种：人民币`,
          '',
          '交易日期,交易时间,借方发生额（元）,贷方发生额（元）,余额（元）,对方户名,对方账号,摘要,附言,流水号',
          `${today},09:12:01,,"${yuan(c.totalFen)}",,${piccName},="6222021001001234567",货款,付对账单${c.statementNo},${ref('ICBC-0001')}`,
          `${today},10:30:45,,"${yuan(b.totalFen)}",,${piccName},="6222021001001234567",理赔配件款,,${ref('ICBC-0002')}`,
          `${today},11:00:00,"5,000.00",,,杭州安配华东仓配运营有限公司,6222021001009999999,付仓储费,,${ref('ICBC-0003')}`,
          `${today},14:20:00,,1.00,,中国太平洋财产保险股份有限公司（演示）,,往来款,,${ref('ICBC-0000')}`,
          `${today},15:45:10,,"12,345.67",,某某保险经纪有限公司,31001520313050001234,代付理赔款,,${ref('ICBC-0004')}`,
          `合计,,"5,000.00","${yuan(c.totalFen + b.totalFen + 100 + 1_234_567)}",,,,,,`,
          '数据来源：中国工商银行企业网上银行',
        ].join('\r\n'),
      );
    };

    it('previews an ICBC-like GB18030 export: duplicates, memo and exact-amount matches, debits ignored, nobody’s money visible', async () => {
      const [a, b, c] = st as [Statement, Statement, Statement];
      expect(new Set([a.totalFen, b.totalFen, c.totalFen]).size).toBe(3);
      // Sent as a client that names the file's charset (it is read from the bytes either way).
      const send = () => preview(icbcFile(), 'finance', { 'content-type': 'text/csv; charset=GB18030' });
      // It wrote nothing at all: no transaction id was given out (see reads-only-read.test.ts). The
      // ids are the whole server's, and on PostgreSQL another test file's database may take one in
      // the same moment; a preview that wrote would take one every time, so one quiet try of three
      // clears it.
      let res = await send();
      let quiet = false;
      for (let i = 0; i < 3 && !quiet; i++) {
        const before = await nextXid();
        res = await send();
        quiet = (await nextXid()) === before;
      }
      expect(res.statusCode, res.body).toBe(200);
      expect(quiet).toBe(true);
      gbPreview = res.json<Preview>();
      expect(gbPreview).toMatchObject({ encoding: 'GB18030', headerRow: 5, creditLines: 4, debitLinesIgnored: 1, duplicates: 1, withErrors: 0 });
      const [memo, exact, dup, unknown] = gbPreview.rows as [PreviewRow, PreviewRow, PreviewRow, PreviewRow];
      expect(memo).toMatchObject({
        row: 6,
        amountFen: c.totalFen,
        payerName: piccName,
        payerAccount: '6222021001001234567',
        payer: { id: picc, reason: 'name' },
        match: 'memo_statement_no',
        unallocatedFen: 0,
      });
      expect(memo.memo).toBe(`货款 / 付对账单${c.statementNo}`);
      expect(memo.allocations).toEqual([{ statementId: c.id, statementNo: c.statementNo, amountFen: c.totalFen, reason: 'memo_statement_no' }]);
      expect(exact).toMatchObject({ row: 7, payer: { id: picc }, match: 'exact_amount', allocations: [{ statementId: b.id, amountFen: b.totalFen, reason: 'exact_amount' }] });
      expect(dup).toMatchObject({ row: 9, bankRef: ref('ICBC-0000'), duplicate: true, payer: null, allocations: [], match: 'none' });
      expect(dup.recordedPaymentId).not.toBeNull();
      // Named as the payments list names it.
      expect(dup.recordedPaymentNo).toMatch(/^PM\d{8}[0-9A-F]{8}$/);
      // Thousands separators read to the fen; nobody is known by that name or account.
      expect(unknown).toMatchObject({ row: 10, amountFen: 1_234_567, payer: null, match: 'none', unallocatedFen: 1_234_567 });
      // It changed nothing.
      expect(
        (
          await t.database.db
            .select()
            .from(payment)
            .where(inArray(payment.bankRef, [ref('ICBC-0001'), ref('ICBC-0002'), ref('ICBC-0004')]))
        ).length,
      ).toBe(0);
    });

    it('imports the confirmed rows, each as a hand-recorded payment; a row refused alone; a replay records nothing twice', async () => {
      const [, b, c] = st as [Statement, Statement, Statement];
      const rows = gbPreview.rows
        .filter((r) => !r.duplicate)
        .map((r) => ({
          row: r.row,
          // The clerk knows who the broker paid for: CPIC.
          payerOrgId: r.payer?.id ?? cpic,
          amountFen: r.amountFen!,
          receivedOn: r.receivedOn!,
          bankRef: r.bankRef!,
          payerName: r.payerName ?? undefined,
          payerAccount: r.payerAccount ?? undefined,
          note: r.memo ?? undefined,
          allocations: r.allocations.map((a) => ({ statementId: a.statementId, amountFen: a.amountFen })),
        }));
      // The duplicate sent anyway, and a row matching C again, which the first row pays in full.
      const body = {
        rows: [
          ...rows,
          { payerOrgId: cpic, amountFen: 100, receivedOn: today, bankRef: ref('ICBC-0000') },
          { row: 99, payerOrgId: picc, amountFen: 500, receivedOn: today, bankRef: ref('ICBC-0099'), allocations: [{ statementId: c.id, amountFen: 500 }] },
        ],
      };
      const res = await call('finance', 'POST', '/api/v1/payments/import', body, { 'idempotency-key': `imp-${kind}`, 'accept-language': 'en' });
      expect(res.statusCode, res.body).toBe(200);
      firstImport = res.json<ImportResult>();
      expect(firstImport).toMatchObject({ recorded: 3, duplicates: 1, errors: 1 });
      expect(firstImport.rows.map((r) => [r.row, r.outcome])).toEqual([
        [6, 'recorded'],
        [7, 'recorded'],
        [10, 'recorded'],
        [null, 'duplicate'],
        [99, 'error'],
      ]);
      expect(firstImport.rows[3]!.paymentId).toBe(gbPreview.rows[2]!.recordedPaymentId);
      expect(firstImport.rows[3]!.paymentNo).toBe(gbPreview.rows[2]!.recordedPaymentNo);
      // Each recorded row names its payment by the number the list shows; the refused one none.
      const numbers = new Map(
        (
          await t.database.db
            .select({ id: payment.id, paymentNo: payment.paymentNo })
            .from(payment)
            .where(inArray(payment.bankRef, [ref('ICBC-0001'), ref('ICBC-0002'), ref('ICBC-0004')]))
        ).map((p) => [p.id, p.paymentNo]),
      );
      expect(firstImport.rows.slice(0, 3).map((r) => r.paymentNo)).toEqual(firstImport.rows.slice(0, 3).map((r) => numbers.get(r.paymentId!)));
      expect(firstImport.rows[4]!.paymentNo).toBeNull();
      // C has nothing left outstanding: the match is refused on its own field, in English.
      expect(firstImport.rows[4]!.problem).toEqual({
        code: 'validation_failed',
        detail: 'The request has 1 error(s); correct them and retry.',
        errors: [{ path: 'allocations.0.amountFen', code: 'too_big_number', message: 'must be at most 0' }],
      });
      // The refused row left nothing: no payment, no audit entry.
      expect(
        (
          await t.database.db
            .select()
            .from(payment)
            .where(eq(payment.bankRef, ref('ICBC-0099')))
        ).length,
      ).toBe(0);
      const ids = firstImport.rows.filter((r) => r.outcome === 'recorded').map((r) => r.paymentId!);
      const audits = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectType, 'payment'), eq(auditEvent.action, 'record'), inArray(auditEvent.objectId, ids)));
      expect(audits).toHaveLength(3);
      // And none for the payment the refused row had recorded before its match failed.
      const recordAudits = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.objectType, 'payment'), eq(auditEvent.action, 'record')));
      expect(recordAudits.map((a) => (a.data as { bankRef: string }).bankRef).filter((r) => r.endsWith('ICBC-0099'))).toEqual([]);
      expect(recordAudits).toHaveLength((await t.database.db.select().from(payment)).length);
      // B and C are covered (issued, not yet confirmed: paid comes with the confirmation and invoices).
      expect(await statement(c.id)).toMatchObject({ paidFen: c.totalFen, outstandingFen: 0 });
      expect(await statement(b.id)).toMatchObject({ paidFen: b.totalFen, outstandingFen: 0 });

      // The same request again under its key: the same answer, nothing recorded twice.
      const count = (await t.database.db.select().from(payment)).length;
      const replay = await call('finance', 'POST', '/api/v1/payments/import', body, { 'idempotency-key': `imp-${kind}`, 'accept-language': 'en' });
      expect(replay.statusCode).toBe(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.json()).toEqual(firstImport);
      expect((await t.database.db.select().from(payment)).length).toBe(count);
      // Under another key the bank references say it: every row a duplicate now, or still refused.
      const again = (await call('finance', 'POST', '/api/v1/payments/import', body, { 'idempotency-key': `imp2-${kind}` })).json<ImportResult>();
      expect(again).toMatchObject({ recorded: 0, duplicates: 4, errors: 1 });
      expect((await t.database.db.select().from(payment)).length).toBe(count);
    });

    it('keeps the money nobody could match visible as unmatched, and knows its payer by that name next time', async () => {
      const broker = firstImport.rows[2]!.paymentId!;
      const unmatched = (await call('finance', 'GET', '/api/v1/payments?unmatched=true&limit=100')).json<Page<{ id: string; unallocatedFen: number; payerAccount?: string | null }>>().items;
      expect(unmatched.find((p) => p.id === broker)).toMatchObject({ unallocatedFen: 1_234_567, payerAccount: '31001520313050001234' });
      // The same export again: everything already recorded; the broker's name and account are CPIC's now.
      const res = (await preview(icbcFile())).json<Preview>();
      expect(res.rows.map((r) => r.duplicate)).toEqual([true, true, true, true]);
      const next = (await preview(Buffer.from(`交易日期,贷方金额,对方户名,流水号\n${today},50.00,某某保险经纪有限公司,${ref('ICBC-0005')}\n`))).json<Preview>();
      expect(next.rows[0]).toMatchObject({ payer: { id: cpic, reason: 'alias' }, match: 'payer_only' });
    });

    // CMB-like, from online banking: UTF-8 with a BOM, income and expense columns, 付款人 and 用途;
    // English messages for the clerk who asked for them.
    it('previews a CMB-like UTF-8 export with a BOM: oldest first, payers known by account and alias, errors per row in the caller’s language', async () => {
      const [a] = st as [Statement];
      const text = [
        '交易日,交易时间,收入金额,支出金额,余额,付款人,付款人账号,交易流水号,用途',
        `${today.replaceAll('-', '')},08:00:00,"${yuan(a.totalFen + 1_000)}",,,中国人民财产保险股份有限公司上海市分公司,,${ref('CMB-1')},理赔款`,
        `${today.replaceAll('-', '')},08:30:00,88.00,,,另一个名字,31001520313050001234,${ref('CMB-2')},往来款`,
        `${today.replaceAll('-', '')},09:00:00,,"3,000.00",,,,${ref('CMB-3')},付款`,
        `2026-02-30,09:30:00,"1,000.00",,,某公司,,${ref('CMB-4')},货款`,
        `${today.replaceAll('-', '')},10:00:00,"2,000.00",,,某公司,,,货款`,
      ].join('\n');
      // The branch's name is PICC's once a payment came under it.
      const alias = await call('finance', 'POST', '/api/v1/payments', {
        payerOrgId: picc,
        amountFen: 1,
        receivedOn: today,
        bankRef: ref('CMB-0'),
        payerName: '中国人民财产保险股份有限公司上海市分公司',
      });
      expect(alias.statusCode, alias.body).toBe(201);
      const res = await preview(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'finance', { 'accept-language': 'en' });
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json<Preview>();
      expect(p).toMatchObject({ encoding: 'UTF-8', headerRow: 1, creditLines: 4, debitLinesIgnored: 1, duplicates: 0, withErrors: 2 });
      const [branch, byAccount, badDate, noRef] = p.rows as [PreviewRow, PreviewRow, PreviewRow, PreviewRow];
      // A is the only statement left open: oldest first takes what it owes, the rest stays over.
      expect(branch).toMatchObject({
        payer: { id: picc, reason: 'alias' },
        match: 'oldest_first',
        allocations: [{ statementId: a.id, amountFen: a.totalFen, reason: 'oldest_first' }],
        unallocatedFen: 1_000,
      });
      expect(byAccount).toMatchObject({ amountFen: 8_800, payer: { id: cpic, reason: 'account' }, match: 'payer_only', allocations: [] });
      expect(badDate.errors).toEqual([{ row: 5, field: 'received_on', code: 'invalid_format', message: 'is not a valid date such as 2026-03-02' }]);
      expect(noRef.errors).toEqual([{ row: 6, field: 'bank_ref', code: 'required', message: 'is required' }]);
      // The same in Chinese by default.
      const zh = (await preview(Buffer.from(text, 'utf8'))).json<Preview>();
      expect(zh.rows[3]!.errors[0]!.message).toBe('必填');
      expect(zh.rows[2]!.errors[0]!.message).toBe('格式不正确（应为 日期，如 2026-03-02）');
    });

    it('refuses a file without a recognisable header as a whole, naming what is missing', async () => {
      const res = await preview(Buffer.from('name,x\nfoo,bar\n'), 'finance', { 'accept-language': 'en' });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'import_rejected' });
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['rows.1.received_on', 'rows.1.credit']);
    });

    it('is the platform finance team’s alone, as recording payments is', async () => {
      expect((await preview(icbcFile(), 'piccFinance')).statusCode).toBe(403);
      const imp = await call(
        'piccFinance',
        'POST',
        '/api/v1/payments/import',
        { rows: [{ payerOrgId: picc, amountFen: 100, receivedOn: today, bankRef: ref('X-1') }] },
        { 'idempotency-key': `imp-x-${kind}` },
      );
      expect(imp.statusCode).toBe(403);
      expect(imp.json().code).toBe('forbidden');
      const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/payments/import/preview', headers: { 'content-type': 'text/csv' }, payload: icbcFile() });
      expect(anonymous.statusCode).toBe(401);
      expect(
        (
          await t.database.db
            .select()
            .from(payment)
            .where(eq(payment.bankRef, ref('X-1')))
        ).length,
      ).toBe(0);
    });

    it('leaves the ledger whole and balanced', async () => {
      const report = await verifyLedger(t.database.db);
      expect(
        report.ok,
        JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
      ).toBe(true);
    });
  });
}
