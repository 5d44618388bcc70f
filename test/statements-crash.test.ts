import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { accountId, accountRef, verifyLedger } from '../src/modules/ledger/index.ts';
import { addDays, chinaDate } from '../src/platform/china-date.ts';
import { type Db, openDatabase, queryRows } from '../src/platform/db.ts';
import { newId } from '../src/platform/ids.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';
import { cloneDatabase, dropDatabase } from './support/databases.ts';
import { spawnAnpei, stopAll } from './support/spawn-anpei.ts';

// A statement of thousands of lines, gathered and then issued by a server that is killed (SIGKILL,
// as a machine dies) in the middle of each, is there whole or not at all, and the same request
// made again of the restarted server completes it once: no line billed twice, none missing, the
// totals its lines' and the ledger's.
//
// The kill must land while the statement's transaction is at work, or the test could not fail. So
// the test holds the transaction up where it wants it and kills the server only once PostgreSQL
// shows it there (pg_stat_activity and pg_locks): the gathering halfway through writing its lines,
// waiting on one line that another transaction (the test's, as a second clerk's statement would)
// has taken and not yet committed; the issue after its statement row is written, waiting to write
// its audit row while the test holds the audit table. PostgreSQL only: PGlite serves one process,
// and has neither view to watch.

const LINES = 10_000;
const SERVING = /anpei is serving (http:\/\/\S+)/;
const step = (what: string) => process.env.CRASH_TRACE && console.info(new Date().toISOString(), what);

type Server = { base: string; kill(): Promise<void>; stop(): Promise<void> };

async function startServer(url: string): Promise<Server> {
  const child = spawnAnpei(['serve'], { DATABASE_URL: url });
  const [, base] = await child.waitFor(SERVING);
  return {
    base: base!,
    kill: async () => {
      child.child.kill('SIGKILL');
      await child.exited;
    },
    stop: async () => {
      await child.stop();
    },
  };
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

function post(base: string, token: string, path: string, body: unknown, key: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${token}`, 'idempotency-key': key },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

// An insurer of its own (no demo story bills it) owed for LINES accepted lines of a shop, written
// straight into the ledger as the shop's acceptance posts them (each line's sale, its VAT and the
// shop's handling fee, pending and then posted), balances and all, an hour ago.
async function owe(db: Db): Promise<{ payerOrgId: string; lines: number; totalFen: bigint }> {
  const payer = newId();
  await db.execute(sql`insert into org (id, kind, name, uscc, region_code) values (${payer}, 'insurer', '崩溃测试保险', '91310000MA1FL0C01X', '310000')`);
  const [shop] = await queryRows<{ org_id: string }>(db, sql`select org_id from app_user where email = 'buyer@sh-anda.demo'`);
  const receivable = accountRef('insurer_receivable', payer);
  const credits = { sale: accountRef('sales_revenue', null, payer), sale_vat: accountRef('vat_output', null, payer), handling_fee: accountRef('handling_fee_payable', shop!.org_id) };
  const accounts = [receivable, ...Object.values(credits)];
  for (const a of accounts)
    await db.execute(sql`insert into ledger_account (id, org_id, code, partner_org_id, created_at) values (${accountId(a)}, ${a.orgId}, ${a.code}, ${a.partnerOrgId}, now()) on conflict do nothing`);
  await db.execute(sql`
    with l as (
      select n, gen_random_uuid() as line, gen_random_uuid() as ord, now() - interval '1 hour' + n * interval '1 millisecond' as at,
        (10000 + n % 977)::bigint as net, (1300 + n % 131)::bigint as vat, (500 + n % 17)::bigint as fee
      from generate_series(1, ${LINES}) n),
    legs as materialized (
      select l.*, c.code, c.credit::uuid as credit, gen_random_uuid() as pending,
        case c.code when 'sale' then l.net when 'sale_vat' then l.vat else l.fee end as amount
      from l cross join (values ('sale', ${accountId(credits.sale)}), ('sale_vat', ${accountId(credits.sale_vat)}), ('handling_fee', ${accountId(credits.handling_fee)})) c(code, credit)),
    pendings as (
      insert into ledger_transfer (id, phase, code, debit_account_id, credit_account_id, amount_fen, order_id, order_line_id, partner_org_id, at)
      select pending, 'pending', code, ${accountId(receivable)}::uuid, credit, amount, ord, line, ${payer}::uuid, at - interval '1 minute' from legs returning 1)
    insert into ledger_transfer (id, phase, code, debit_account_id, credit_account_id, amount_fen, pending_id, order_id, order_line_id, partner_org_id, at)
    select gen_random_uuid(), 'post', code, ${accountId(receivable)}::uuid, credit, amount, pending, ord, line, ${payer}::uuid, at from legs
    where (select count(*) from pendings) > 0`);
  // The balances, as the posting function keeps them: everything posted, nothing left pending.
  for (const a of accounts)
    await db.execute(sql`update ledger_account set
        debits_posted = debits_posted + (select coalesce(sum(amount_fen), 0) from ledger_transfer where debit_account_id = ${accountId(a)} and phase = 'post'),
        credits_posted = credits_posted + (select coalesce(sum(amount_fen), 0) from ledger_transfer where credit_account_id = ${accountId(a)} and phase = 'post')
      where id = ${accountId(a)}`);
  const [sum] = await queryRows<{ fen: string }>(db, sql`select sum(amount_fen)::text as fen from ledger_transfer where debit_account_id = ${accountId(receivable)} and phase = 'post'`);
  return { payerOrgId: payer, lines: LINES, totalFen: BigInt(sum!.fen) };
}

// The backend of the server's transaction that holds a lock of `holds` on the table and waits for
// `waitsFor` (PostgreSQL's own account of it), once it is there; an error if the request is
// answered first (it did not get there).
async function caughtAt(admin: pg.Client, request: Promise<unknown>, holds: string, waitsFor: { transaction: string } | { table: string }): Promise<number> {
  let answered: unknown;
  void request.then(async (r) => (answered = r instanceof Response ? `${r.status} ${await r.text()}` : String(r)));
  for (;;) {
    if (answered !== undefined) throw new Error(`the request was answered before it was caught at work: ${answered}`);
    const { rows } = await admin.query<{ pid: number }>(
      `select a.pid from pg_stat_activity a
        where a.datname = current_database() and a.pid <> pg_backend_pid() and a.state = 'active' and a.wait_event_type = 'Lock' and a.backend_xid is not null
          and exists (select 1 from pg_locks h where h.pid = a.pid and h.granted and h.locktype = 'relation' and h.relation = $1::regclass and h.mode = 'RowExclusiveLock')
          and exists (select 1 from pg_locks w where w.pid = a.pid and not w.granted and ${
            'transaction' in waitsFor ? `w.locktype = 'transactionid' and w.transactionid::text = $2` : `w.locktype = 'relation' and w.relation = $2::regclass`
          })`,
      [holds, 'transaction' in waitsFor ? waitsFor.transaction : waitsFor.table],
    );
    if (rows.length > 0) return rows[0]!.pid;
    await new Promise((r) => setTimeout(r, 20));
  }
}

// A killed client's backend ends once it finds its client gone (after the lock it waits for is
// released); until then its transaction is neither committed nor rolled back.
async function gone(admin: pg.Client, pid: number): Promise<void> {
  while ((await admin.query('select 1 from pg_stat_activity where pid = $1', [pid])).rows.length > 0) await new Promise((r) => setTimeout(r, 20));
}

describe.skipIf(!inject('testDatabaseUrl'))('a statement killed midway on pg', () => {
  afterEach(stopAll);

  it('is gathered and issued whole or not at all, and once when asked again', async () => {
    const url = await cloneDatabase(inject('testDatabaseUrl'));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const database = await openDatabase({ kind: 'pg', url });
    const db = database.db;
    try {
      step('const owed = await owe(db);');
      const owed = await owe(db);
      const body = { payerOrgId: owed.payerOrgId, from: addDays(chinaDate(new Date()), -1), to: chinaDate(new Date()) };
      const statements = () =>
        queryRows<{ id: string; status: string; line_count: number; total_fen: string; lines: number; billed: string; distinct_lines: number }>(
          db,
          sql`select s.id, s.status, s.line_count, s.total_fen::text as total_fen, count(l.*)::int as lines, coalesce(sum(l.total_fen), 0)::text as billed,
              count(distinct l.order_line_id)::int as distinct_lines
            from statement s left join statement_line l on l.statement_id = s.id where s.payer_org_id = ${owed.payerOrgId} group by s.id`,
        );

      // Gathering, killed halfway through its lines.
      step('let server = await startServer(url);');
      let server = await startServer(url);
      let finance = await signIn(server.base, 'finance@anpei.demo');
      const [middle] = await queryRows<{ line: string; ord: string; at: string }>(
        db,
        sql`select order_line_id as line, order_id as ord, at::text as at from ledger_transfer
          where partner_org_id = ${owed.payerOrgId} and code = 'sale' and phase = 'post' order by at, order_line_id offset ${LINES / 2} limit 1`,
      );
      const rival = new pg.Client({ connectionString: url });
      await rival.connect();
      await rival.query('begin');
      const rivalId = newId();
      await rival.query(
        `insert into statement (id, statement_no, payer_org_id, payer_kind, period_from, period_to, status, line_count, net_fen, vat_fen, handling_fee_fen, total_fen, created_by, created_at, updated_at)
          values ($1, 'ST-RIVAL', $2, 'insurer', $3, $4, 'draft', 1, 1, 0, 0, 1, $5, now(), now())`,
        [rivalId, owed.payerOrgId, body.from, body.to, newId()],
      );
      await rival.query(
        `insert into statement_line (statement_id, order_line_id, kind, order_id, posted_at, net_fen, vat_fen, handling_fee_fen, total_fen) values ($1, $2, 'sale', $3, $4::timestamptz, 1, 0, 0, 1)`,
        [rivalId, middle!.line, middle!.ord, middle!.at],
      );
      const rivalXid = (await rival.query<{ xid: string }>('select backend_xid::text as xid from pg_stat_activity where pid = pg_backend_pid()')).rows[0]!.xid;
      const gathering = post(server.base, finance, '/api/v1/statements', body, 'gather-1').catch((e: unknown) => e);
      step('const gatherer = await caughtAt(');
      const gatherer = await caughtAt(admin, gathering, 'statement_line', { transaction: rivalXid });
      await server.kill();
      expect(await gathering).toBeInstanceOf(Error);
      await rival.query('rollback');
      await rival.end();
      step('await gone(admin, gatherer);');
      await gone(admin, gatherer);
      // Nothing of it is left: no statement, no line held.
      expect(await statements()).toEqual([]);

      // The restarted server gathers it whole, once.
      step('server = await startServer(url);\n      f');
      server = await startServer(url);
      finance = await signIn(server.base, 'finance@anpei.demo');
      const created = await post(server.base, finance, '/api/v1/statements', body, 'gather-1');
      expect(created.status, await created.clone().text()).toBe(201);
      const statement = (await created.json()) as { id: string; lineCount: number; totalFen: number };
      expect(statement).toMatchObject({ lineCount: owed.lines, totalFen: Number(owed.totalFen) });
      const again = await post(server.base, finance, '/api/v1/statements', body, 'gather-2');
      expect(again.status).toBe(422);
      expect(((await again.json()) as { code: string }).code).toBe('statement_empty');
      const whole = { id: statement.id, line_count: owed.lines, total_fen: owed.totalFen.toString(), lines: owed.lines, billed: owed.totalFen.toString(), distinct_lines: owed.lines };
      expect(await statements()).toEqual([{ ...whole, status: 'draft' }]);

      // Issued by a second person, killed after the statement row is written, before its audit row.
      let issuer = await signIn(server.base, 'admin@anpei.demo');
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      await holder.query('begin');
      await holder.query('lock table audit_event in share mode');
      const issuing = post(server.base, issuer, `/api/v1/statements/${statement.id}/issue`, undefined, 'issue-1').catch((e: unknown) => e);
      step('const issuerPid = await caughtAt(');
      const issuerPid = await caughtAt(admin, issuing, 'statement', { table: 'audit_event' });
      await server.kill();
      expect(await issuing).toBeInstanceOf(Error);
      await holder.query('rollback');
      await holder.end();
      step('await gone(admin, issuerPid);');
      await gone(admin, issuerPid);
      // Still the whole draft.
      expect(await statements()).toEqual([{ ...whole, status: 'draft' }]);

      // The restarted server issues it, once.
      server = await startServer(url);
      issuer = await signIn(server.base, 'admin@anpei.demo');
      const issued = await post(server.base, issuer, `/api/v1/statements/${statement.id}/issue`, undefined, 'issue-1');
      expect(issued.status, await issued.clone().text()).toBe(200);
      const twice = await post(server.base, issuer, `/api/v1/statements/${statement.id}/issue`, undefined, 'issue-2');
      expect(twice.status).toBe(409);
      expect(await statements()).toEqual([{ ...whole, status: 'issued' }]);
      const [audits] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_event where object_id = ${statement.id} and action = 'issue'`);
      expect(audits!.n).toBe(1);
      await server.stop();

      // The ledger was never touched by any of it, and holds together.
      const report = await verifyLedger(db);
      expect(
        report.ok,
        JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
      ).toBe(true);
    } finally {
      await database.close();
      await admin.end();
      await dropDatabase(url);
    }
  }, 300_000);
});
