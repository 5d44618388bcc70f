// bench/ledger's `payouts` scenario: a day's payout run (runPayouts, as `anpei payouts run` and the
// daily job run it) over --payout-lines (10,000) due lines. The lines are goods a few hundred
// suppliers (--payout-payees, 300, this run's own) sold on consignment, written in bulk as goodsSold
// posts them (per line: consignment_sold and purchase_vat credit the supplier's payable, supplier_fee
// debits it), dated 31 days back so that the default terms (T+30, daily) make them due today, and
// nothing else the bench wrote is (its shops' handling fees are posted today). Then the run, timed;
// afterwards every line's transfers are checked to be paid once (one item each, in this run's one
// payout per supplier, for what the payable was owed), and a second run of the day pays nothing more.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { usccCheckCharacter } from '../src/modules/identity/index.ts';
import { accountId, accountRef, type AccountRef } from '../src/modules/ledger/index.ts';
import { runPayouts } from '../src/modules/settlement/payouts/run-payouts.ts';
import { cliCtx } from '../src/cli/system-ctx.ts';
import { chinaDate } from '../src/platform/china-date.ts';
import { derivedId } from '../src/platform/ids.ts';
import { queryRows, type Db, type Executor } from '../src/platform/db.ts';
import { openAccounts } from './ledger-fill.ts';

export const TARGET_PAYOUT_S = 10;

// Suppliers of this run's own: their payables hold this scenario's lines only.
async function payoutSuppliers(exec: Executor, runId: string, n: number): Promise<string[]> {
  const rows = Array.from({ length: n }, (_, i) => {
    const first17 = `91${runId}LQ${String(i).padStart(7, '0')}`;
    return { id: derivedId('bench-ledger', 'supplier', runId, String(i)), name: `压测供应商 ${runId} ${i}`, uscc: first17 + usccCheckCharacter(first17) };
  });
  await queryRows(
    exec,
    sql`insert into org (id, kind, name, uscc, region_code, status, created_at, updated_at)
      select id, 'supplier', name, uscc, '110102', 'active', now(), now()
        from unnest(${sql.param(rows.map((r) => r.id))}::uuid[], ${sql.param(rows.map((r) => r.name))}::text[], ${sql.param(rows.map((r) => r.uscc))}::text[]) as u(id, name, uscc)
      on conflict do nothing`,
  );
  return rows.map((r) => r.id);
}

function supplierAccounts(suppliers: readonly string[]): AccountRef[] {
  return suppliers.flatMap((s) => [accountRef('supplier_payable', s), accountRef('cost_of_sales', null, s), accountRef('vat_input', null, s), accountRef('fee_revenue', null, s)]);
}

// `lines` sold lines in one statement: each line's three transfers (ids derived from the tag), and
// every account's balances moved by what they add up to. Answers the transfers and what the
// suppliers' payables were owed net, in fen.
async function fillPayables(exec: Executor, opts: { tag: string; lines: number; suppliers: readonly string[]; at: Date }): Promise<{ transfers: number; owedFen: bigint }> {
  const ids = (code: 'supplier_payable' | 'cost_of_sales' | 'vat_input' | 'fee_revenue') =>
    sql.param(opts.suppliers.map((s) => accountId(code === 'supplier_payable' ? accountRef(code, s) : accountRef(code, null, s))));
  const [r] = await queryRows<{ transfers: number; owed: string }>(
    exec,
    sql`with line as (
        select i, md5(${opts.tag} || ':line:' || i)::uuid as line_id, md5(${opts.tag} || ':order:' || (i / 3))::uuid as order_id,
          1 + i % ${opts.suppliers.length} as s, 2000 + abs(hashtext(${opts.tag} || i)) % 500000 as gross
        from generate_series(0, ${opts.lines - 1}::int) as i),
      leg as (
        select line.*, g.code, g.amount, g.debit, g.credit
        from line cross join lateral (values
          ('consignment_sold', gross - gross * 13 / 113, (${ids('cost_of_sales')}::uuid[])[s], (${ids('supplier_payable')}::uuid[])[s]),
          ('purchase_vat', gross * 13 / 113, (${ids('vat_input')}::uuid[])[s], (${ids('supplier_payable')}::uuid[])[s]),
          ('supplier_fee', (gross - gross * 13 / 113) * 3 / 100, (${ids('supplier_payable')}::uuid[])[s], (${ids('fee_revenue')}::uuid[])[s])) as g(code, amount, debit, credit)),
      ins as (
        insert into ledger_transfer (id, phase, code, debit_account_id, credit_account_id, amount_fen, order_id, order_line_id, partner_org_id, at)
        select md5(${opts.tag} || ':t:' || i || ':' || code)::uuid, 'single', code, debit, credit, amount, order_id, line_id,
          (${sql.param([...opts.suppliers])}::uuid[])[s], ${opts.at.toISOString()}::timestamptz
        from leg order by i, code
        returning debit_account_id, credit_account_id, amount_fen, code),
      side as (
        select debit_account_id as id, amount_fen as dpo, 0::bigint as cpo from ins
        union all
        select credit_account_id, 0, amount_fen from ins),
      delta as (select id, sum(dpo) as dpo, sum(cpo) as cpo from side group by id),
      upd as (
        update ledger_account a set debits_posted = a.debits_posted + d.dpo, credits_posted = a.credits_posted + d.cpo
          from delta d where a.id = d.id returning a.id)
      select (select count(*) from ins)::int as transfers,
        (select coalesce(sum(cpo - dpo), 0) from delta where id = any(${ids('supplier_payable')}::uuid[]))::text as owed,
        (select count(*) from upd)::int as accounts`,
  );
  return { transfers: r!.transfers, owedFen: BigInt(r!.owed) };
}

type PaidCheck = { payouts: number; items: number; transfersPaidOnce: number; transfersUnpaid: number; paidFen: string; payablesPendingFen: string };

// What this run's suppliers were paid: their payouts, the items, the scenario's transfers each in
// exactly one item, and the payables' pending debits (the payouts' ledger side).
async function paidCheck(exec: Executor, suppliers: readonly string[]): Promise<PaidCheck> {
  const payables = suppliers.map((s) => accountId(accountRef('supplier_payable', s)));
  const [r] = await queryRows<PaidCheck>(
    exec,
    sql`with mine as (select id from ledger_transfer
          where partner_org_id = any(${sql.param([...suppliers])}::uuid[]) and code in ('consignment_sold', 'purchase_vat', 'supplier_fee')),
        p as (select * from payout where payee_org_id = any(${sql.param([...suppliers])}::uuid[]))
      select (select count(*) from p)::int as payouts,
        (select count(*) from payout_item i join p on p.id = i.payout_id)::int as items,
        (select count(*) from mine where (select count(*) from payout_item i where i.transfer_id = mine.id) = 1)::int as "transfersPaidOnce",
        (select count(*) from mine where not exists (select 1 from payout_item i where i.transfer_id = mine.id))::int as "transfersUnpaid",
        (select coalesce(sum(amount_fen), 0) from p)::text as "paidFen",
        (select coalesce(sum(debits_pending), 0) from ledger_account where id = any(${sql.param(payables)}::uuid[]))::text as "payablesPendingFen"`,
  );
  return r!;
}

export async function benchPayouts(exec: Db, opts: { runId: string; lines: number; payees: number }): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const suppliers = await payoutSuppliers(exec, opts.runId, opts.payees);
  await openAccounts(exec, supplierAccounts(suppliers));
  const tag = `po-${opts.runId}`;
  const fill = await fillPayables(exec, { tag, lines: opts.lines, suppliers, at: new Date(Date.now() - 31 * 86_400_000) });
  const setupS = (performance.now() - t0) / 1000;

  const day = chinaDate(new Date());
  const t1 = performance.now();
  const report = await runPayouts(exec, await cliCtx(exec), day);
  const seconds = (performance.now() - t1) / 1000;
  const mine = new Set(suppliers);
  const ours = report.payees.filter((p) => mine.has(p.payeeOrgId));
  const check = await paidCheck(exec, suppliers);

  // The same day again: every payee done already, nothing more paid.
  const t2 = performance.now();
  const again = await runPayouts(exec, await cliCtx(exec), day);
  const againS = (performance.now() - t2) / 1000;
  const after = await paidCheck(exec, suppliers);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const paidOnce =
    ours.length === suppliers.length &&
    ours.every((p) => p.outcome === 'paid') &&
    check.payouts === suppliers.length &&
    check.items === fill.transfers &&
    check.transfersPaidOnce === fill.transfers &&
    check.transfersUnpaid === 0 &&
    BigInt(check.paidFen) === fill.owedFen &&
    BigInt(check.payablesPendingFen) === fill.owedFen &&
    JSON.stringify(after) === JSON.stringify(check) &&
    again.payees.filter((p) => mine.has(p.payeeOrgId)).every((p) => p.outcome === 'done_already');
  const count = (outcome: string) => report.payees.filter((p) => p.outcome === outcome).length;
  return {
    payouts: {
      runDate: day,
      lines: opts.lines,
      payees: suppliers.length,
      setup: { seconds: round(setupS), transfers: fill.transfers },
      seconds: round(seconds),
      // Every payee the run looked at: this scenario's suppliers, and the bench's shops whose
      // handling fees (posted today) are not due yet.
      run: { lookedAt: report.payees.length + report.notPayDay, paid: count('paid'), nothingDue: count('nothing_due'), doneAlready: count('done_already') },
      items: check.items,
      owedFen: fill.owedFen.toString(),
      paidFen: check.paidFen,
      againSeconds: round(againS),
      paidOnce,
      targetSeconds: TARGET_PAYOUT_S,
      met: seconds <= TARGET_PAYOUT_S,
    },
  };
}
