// bench/ledger's setup: the organisations money moves between, their accounts, and posted sales
// written in bulk through the ledger's own tables (a statement's 100,000 lines, the million transfers
// the trial balance is timed over). Bulk rows look like what postTransfers writes for an order line
// (rules/sales.ts): per line its legs (sale, sale_vat, handling_fee) pending and then each posted or
// voided, naming the pending one, with the order line, order and claim; and each account's cached
// balances moved by exactly what the rows add up to, so that `ledger verify` finds nothing to say.
import { sql } from 'drizzle-orm';
import { usccCheckCharacter } from '../src/modules/identity/index.ts';
import { accountId, accountRef, type AccountRef } from '../src/modules/ledger/index.ts';
import { derivedId } from '../src/platform/ids.ts';
import { queryRows, type Executor } from '../src/platform/db.ts';

export type BenchOrgs = {
  // Insurers paying for their claims' parts, and shops buying for themselves too.
  insurers: string[];
  shops: string[];
  // The insurer the statement is gathered for: its receivable is posted by nothing else.
  statementPayer: string;
};

// An organisation row for the bench, with a valid credit code (统一社会信用代码) of its own.
function orgRow(id: string, kind: 'insurer' | 'repair_shop', name: string, orgCode: string) {
  const first17 = `91110102${orgCode}`;
  return { id, kind, name, uscc: first17 + usccCheckCharacter(first17) };
}

// The insurers and shops the bench's money moves between: the same ones in every run on a database
// (derived ids, inserted once), and a statement payer of this run's own, so that its statement holds
// this run's lines only. Organisations carry no balances: only their ledger accounts do.
export async function benchOrgs(exec: Executor, runId: string, counts: { insurers: number; shops: number }): Promise<BenchOrgs> {
  const rows = [
    ...Array.from({ length: counts.insurers }, (_, i) => orgRow(derivedId('bench-ledger', 'insurer', String(i)), 'insurer', `压测保险公司 ${i}`, `LN${String(i).padStart(7, '0')}`)),
    ...Array.from({ length: counts.shops }, (_, i) => orgRow(derivedId('bench-ledger', 'shop', String(i)), 'repair_shop', `压测维修企业 ${i}`, `LP${String(i).padStart(7, '0')}`)),
  ];
  const statementPayer = orgRow(derivedId('bench-ledger', 'statement-payer', runId), 'insurer', `压测对账保险公司 ${runId}`, `LT${runId}0`);
  rows.push(statementPayer);
  // A few thousand rows in one statement: arrays, not a parameter per value.
  await queryRows(
    exec,
    sql`insert into org (id, kind, name, uscc, region_code, status, created_at, updated_at)
      select id, kind, name, uscc, '110102', 'active', now(), now()
        from unnest(${sql.param(rows.map((r) => r.id))}::uuid[], ${sql.param(rows.map((r) => r.kind))}::text[], ${sql.param(rows.map((r) => r.name))}::text[], ${sql.param(rows.map((r) => r.uscc))}::text[])
          as u(id, kind, name, uscc)
      on conflict do nothing`,
  );
  return {
    insurers: rows.filter((r) => r.kind === 'insurer' && r !== statementPayer).map((r) => r.id),
    shops: rows.filter((r) => r.kind === 'repair_shop').map((r) => r.id),
    statementPayer: statementPayer.id,
  };
}

// The accounts a sale touches, per insurer (its receivable, the platform's sales and output VAT on
// it, the platform's bank account for what it pays) and per shop (its receivable when it buys for
// itself, the handling fees owed to it): opened up front, as a ledger in service has them, so that the measured
// batches and the raw SQL beside them find every account there.
export function saleAccounts(orgs: BenchOrgs): AccountRef[] {
  const refs: AccountRef[] = [];
  for (const payer of [...orgs.insurers, orgs.statementPayer]) {
    refs.push(accountRef('insurer_receivable', payer), accountRef('sales_revenue', null, payer), accountRef('vat_output', null, payer), accountRef('platform_cash', null, payer));
  }
  for (const shop of orgs.shops) {
    refs.push(accountRef('shop_receivable', shop), accountRef('sales_revenue', null, shop), accountRef('vat_output', null, shop), accountRef('handling_fee_payable', shop));
  }
  return refs;
}

export async function openAccounts(exec: Executor, refs: readonly AccountRef[]): Promise<void> {
  await queryRows(
    exec,
    sql`insert into ledger_account (id, org_id, code, partner_org_id, created_at)
      select id, org, code, partner, now()
        from unnest(${sql.param(refs.map(accountId))}::uuid[], ${sql.param(refs.map((r) => r.orgId))}::uuid[], ${sql.param(refs.map((r) => r.code))}::text[], ${sql.param(refs.map((r) => r.partnerOrgId))}::uuid[])
          as u(id, org, code, partner)
      on conflict (id) do nothing`,
  );
}

export type FillOptions = {
  // Distinguishes this fill's rows from every other's (ids are derived from it and the line's number).
  tag: string;
  lines: number;
  // Insurers paying, in turn, and shops whose handling fee each line carries.
  payers: readonly string[];
  shops: readonly string[];
  // Every this-many-th line is voided (the shop rejected it) instead of posted; 0: none.
  voidEvery: number;
  at: Date;
  // Lines per statement: each is one transaction.
  chunk: number;
  onChunk?: (linesDone: number) => void;
};

// Writes `lines` order lines of insurers' claim orders, each line's legs pending and then resolved
// (posted, or voided every `voidEvery`-th line), in statements of `chunk` lines: one INSERT … SELECT
// of the transfers from generate_series and, in the same statement, one UPDATE of the balances by
// what the inserted rows add up to per account. Amounts are drawn from the line's id: 20 to 5,020
// yuan with 13 % VAT inside, and a 5 % handling fee. Answers the transfers written and what the
// payers' receivables were posted, in fen (for a statement's total to be checked against).
export async function fillSales(exec: Executor, opts: FillOptions): Promise<{ transfers: number; postedFen: bigint }> {
  const receivables = opts.payers.map((p) => accountId(accountRef('insurer_receivable', p)));
  const sales = opts.payers.map((p) => accountId(accountRef('sales_revenue', null, p)));
  const vats = opts.payers.map((p) => accountId(accountRef('vat_output', null, p)));
  const fees = opts.shops.map((s) => accountId(accountRef('handling_fee_payable', s)));
  let transfers = 0;
  let postedFen = 0n;
  for (let first = 0; first < opts.lines; first += opts.chunk) {
    const last = Math.min(opts.lines, first + opts.chunk) - 1;
    const [r] = await queryRows<{ transfers: number; posted: string }>(
      exec,
      sql`with line as (
          select i,
            md5(${opts.tag} || ':line:' || i)::uuid as line_id,
            md5(${opts.tag} || ':order:' || (i / 4))::uuid as order_id,
            md5(${opts.tag} || ':claim:' || (i / 4))::uuid as claim_id,
            1 + i % ${opts.payers.length} as p,
            1 + (i * 7919) % ${opts.shops.length} as s,
            2000 + abs(hashtext(${opts.tag} || i)) % 500000 as gross,
            ${opts.voidEvery} > 0 and i % greatest(${opts.voidEvery}, 1) = 0 as voided
          from generate_series(${first}::int, ${last}::int) as i),
        leg as (
          select line.*, g.code, g.amount, g.debit, g.credit
          from line cross join lateral (values
            ('sale', gross - gross * 13 / 113, (${sql.param(receivables)}::uuid[])[p], (${sql.param(sales)}::uuid[])[p]),
            ('sale_vat', gross * 13 / 113, (${sql.param(receivables)}::uuid[])[p], (${sql.param(vats)}::uuid[])[p]),
            ('handling_fee', gross * 5 / 100, (${sql.param(receivables)}::uuid[])[p], (${sql.param(fees)}::uuid[])[s])) as g(code, amount, debit, credit)),
        row as (
          select md5(${opts.tag} || ':t:' || i || ':' || code || ':pending')::uuid as id, 'pending' as phase, null::uuid as pending_id, leg.*, 0 as ord from leg
          union all
          select md5(${opts.tag} || ':t:' || i || ':' || code || ':resolved')::uuid, case when voided then 'void' else 'post' end,
            md5(${opts.tag} || ':t:' || i || ':' || code || ':pending')::uuid, leg.*, 1 from leg),
        ins as (
          insert into ledger_transfer (id, phase, code, debit_account_id, credit_account_id, amount_fen, pending_id, claim_id, order_id, order_line_id, partner_org_id, at)
          select id, phase, code, debit, credit, amount, pending_id, claim_id, order_id, line_id, (${sql.param(opts.payers)}::uuid[])[p],
            ${opts.at.toISOString()}::timestamptz - case when ord = 0 then interval '1 minute' else interval '0' end
          from row order by i, ord, code
          returning debit_account_id, credit_account_id, amount_fen, phase),
        side as (
          select debit_account_id as id,
              case when phase = 'pending' then amount_fen else -amount_fen end as dp, case when phase = 'post' then amount_fen else 0 end as dpo,
              0::bigint as cp, 0::bigint as cpo
            from ins
          union all
          select credit_account_id, 0, 0, case when phase = 'pending' then amount_fen else -amount_fen end, case when phase = 'post' then amount_fen else 0 end
            from ins),
        delta as (select id, sum(dp) as dp, sum(dpo) as dpo, sum(cp) as cp, sum(cpo) as cpo from side group by id),
        upd as (
          update ledger_account a set debits_pending = a.debits_pending + d.dp, debits_posted = a.debits_posted + d.dpo,
              credits_pending = a.credits_pending + d.cp, credits_posted = a.credits_posted + d.cpo
            from delta d where a.id = d.id
            returning a.id)
        select (select count(*) from ins)::int as transfers,
          (select coalesce(sum(dpo), 0) from delta where id = any(${sql.param(receivables)}::uuid[]))::text as posted,
          (select count(*) from upd)::int as accounts`,
    );
    transfers += r!.transfers;
    postedFen += BigInt(r!.posted);
    opts.onChunk?.(last + 1);
  }
  return { transfers, postedFen };
}
