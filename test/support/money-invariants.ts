import { type SQL, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { trialBalance, verifyLedger } from '../../src/modules/ledger/index.ts';
import { discountFee } from '../../src/modules/settlement/financing/terms.ts';
import { type Db, queryRows } from '../../src/platform/db.ts';
import type { Line } from './money-world.ts';

// What must hold of the books after any history of money-world.ts, checked against the database
// itself (the tables and the ledger's transfers), not against the API's own account of them:
// - debits equal credits, overall, per account side and per transfer code; the balances cache
//   equals the transfers; `ledger verify` is clean; the platform's stock valuation is its inventory;
// - every line's sale is pending while it is open, posted once if accepted, voided once if not;
//   what the shop owes is its accepted lines, less its payments and credit notes, plus what was
//   refunded to it; what a payment holds for refunds is its refunds asked or sent, and each one sent
//   is a ledger refund;
// - every accepted line is billed on exactly one statement, nothing else is; each statement's
//   totals are its lines', its lines are the ledger's transfers for them, its credits the credit
//   notes it names, what is paid on it its payments' matches; paid only when covered;
// - no payable transfer is in two payouts; each payout is its items, and the ledger's payout
//   transfers are the payouts (pending, posted on confirmation, voided on return);
// - no line is financed twice; each request is priced by the stated rule from its lines; the
//   ledger's advance, fee and repayments are the requests' and their lines'; a financed line is
//   not paid out to its supplier before the funder is repaid.

type Num = string | number | null;
const n = (v: Num) => BigInt(v ?? 0);
const json = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));

export async function expectMoneyHolds(db: Db, lines: readonly Line[], shopOrgId: string): Promise<void> {
  const rows = <T>(q: SQL) => queryRows<T>(db, q);
  // Each check returns the rows that break it: none.
  const none = async (what: string, q: SQL) => expect(await rows(q), what).toEqual([]);

  // Debits equal credits, overall (the cache) and per transfer code (each side found on a real account).
  const [totals] = await rows<{ dp: Num; dpo: Num; cp: Num; cpo: Num }>(
    sql`select sum(debits_pending) as dp, sum(debits_posted) as dpo, sum(credits_pending) as cp, sum(credits_posted) as cpo from ledger_account`,
  );
  expect(n(totals!.dp)).toBe(n(totals!.cp));
  expect(n(totals!.dpo)).toBe(n(totals!.cpo));
  await none(
    'debits = credits per code',
    sql`select t.code, sum(t.amount_fen) filter (where d.id is not null) as debits, sum(t.amount_fen) filter (where c.id is not null) as credits
      from ledger_transfer t left join ledger_account d on d.id = t.debit_account_id left join ledger_account c on c.id = t.credit_account_id
      group by t.code having sum(t.amount_fen) filter (where d.id is not null) is distinct from sum(t.amount_fen) filter (where c.id is not null)`,
  );
  const tb = await trialBalance(db);
  expect(tb.balanced).toBe(true);
  const perCode = await rows<{ code: string; posted: Num }>(
    sql`select code, sum(amount_fen) filter (where phase in ('single', 'post') and reverses_id is null) as posted from ledger_transfer group by code`,
  );
  for (const c of perCode) expect({ code: c.code, posted: tb.transferCodes.find((x) => x.code === c.code)?.postedFen }).toEqual({ code: c.code, posted: n(c.posted) });

  // The cache equals the transfers.
  await none(
    'balances cache = transfers',
    sql`
    with moves as (
      select debit_account_id as id,
        sum(case when phase in ('single','post') then amount_fen else 0 end) as dpo,
        sum(case when phase = 'pending' then amount_fen when phase in ('post','void') then -amount_fen else 0 end) as dp,
        0::numeric as cpo, 0::numeric as cp
      from ledger_transfer group by 1
      union all
      select credit_account_id,
        0, 0,
        sum(case when phase in ('single','post') then amount_fen else 0 end),
        sum(case when phase = 'pending' then amount_fen when phase in ('post','void') then -amount_fen else 0 end)
      from ledger_transfer group by 1),
    computed as (select id, sum(dpo) as dpo, sum(dp) as dp, sum(cpo) as cpo, sum(cp) as cp from moves group by id)
    select a.id from ledger_account a left join computed c on c.id = a.id
    where a.debits_posted <> coalesce(c.dpo, 0) or a.debits_pending <> coalesce(c.dp, 0) or a.credits_posted <> coalesce(c.cpo, 0) or a.credits_pending <> coalesce(c.cp, 0)`,
  );

  // Every line's legs: pending once; resolved at most once, as its state says.
  const legs = await rows<{ line: string; code: string; pending: number; posts: number; voids: number }>(sql`
    select order_line_id as line, code,
      count(*) filter (where phase = 'pending')::int as pending,
      count(*) filter (where phase = 'post')::int as posts,
      count(*) filter (where phase = 'void')::int as voids
    from ledger_transfer where code in ('sale','sale_vat') group by 1, 2`);
  for (const l of lines) {
    const mine = legs.filter((g) => g.line === l.lineId);
    expect(mine.map((g) => g.code).sort()).toEqual(['sale', 'sale_vat']);
    // A line sent back after acceptance keeps its sale posted; a reversal undoes it.
    const accepted = l.state === 'accepted' || l.state === 'sentBack';
    const released = l.state === 'rejected' || l.state === 'returned' || l.state === 'cancelled';
    for (const g of mine)
      expect({ line: l.lineId, state: l.state, pending: g.pending, posts: g.posts, voids: g.voids }).toEqual({
        line: l.lineId,
        state: l.state,
        pending: 1,
        posts: accepted ? 1 : 0,
        voids: released ? 1 : 0,
      });
  }

  // What the shop owes: its accepted lines posted, its open lines pending; less its payments, the
  // credit notes on its statements and its returns after acceptance. Such a return credits the
  // line's sale and takes back (debits) a credit note already given on that line, both posted: a
  // line given half off in a dispute and then sent back whole is owed back its other half.
  const [shop] = await rows<{ dp: Num; dpo: Num; cpo: Num }>(
    sql`select debits_pending as dp, debits_posted as dpo, credits_posted as cpo from ledger_account where org_id = ${shopOrgId} and code = 'shop_receivable'`,
  );
  const [paidIn] = await rows<{ payments: Num; credits: Num; returned: Num; unCredited: Num; refunded: Num }>(
    sql`select (select sum(amount_fen) from payment where payer_org_id = ${shopOrgId}) as payments,
      (select sum(amount_fen) from payment_refund where payer_org_id = ${shopOrgId} and status = 'refunded') as refunded,
      (select sum(credit_fen) from statement where payer_org_id = ${shopOrgId} and status <> 'cancelled')
        - (select coalesce(sum(l.total_fen), 0) from statement_line l join statement s on s.id = l.statement_id where s.payer_org_id = ${shopOrgId} and l.kind = 'return') as credits,
      (select sum(t.amount_fen) from ledger_transfer t join ledger_account a on a.id = t.credit_account_id
        where a.org_id = ${shopOrgId} and a.code = 'shop_receivable' and t.return_id is not null) as returned,
      (select sum(t.amount_fen) from ledger_transfer t join ledger_account a on a.id = t.debit_account_id
        where a.org_id = ${shopOrgId} and a.code = 'shop_receivable' and t.return_id is not null) as "unCredited"`,
  );
  const sum = (s: Line['state']) => lines.filter((l) => l.state === s).reduce((a, l) => a + BigInt(l.amountFen), 0n);
  expect({ pending: n(shop?.dp ?? 0), posted: n(shop?.dpo ?? 0), credited: n(shop?.cpo ?? 0) }).toEqual({
    pending: sum('open'),
    posted: sum('accepted') + sum('sentBack') + n(paidIn!.unCredited) + n(paidIn!.refunded),
    credited: n(paidIn!.payments) + n(paidIn!.credits) + n(paidIn!.returned),
  });

  // The platform's own stock at cost is its inventory account.
  const [inv] = await rows<{ value: Num; balance: Num }>(sql`
    select (select coalesce(sum(value_fen), 0) from stock_valuation) as value,
      (select coalesce(sum(debits_posted - credits_posted), 0) from ledger_account where code = 'platform_inventory') as balance`);
  expect(n(inv!.value)).toBe(n(inv!.balance));

  // And the verify command agrees (it checks the same and more: transfers against their pendings,
  // no payable paid beyond what it is owed).
  const report = await verifyLedger(db);
  expect(report.ok, json(report)).toBe(true);

  await expectStatementsHold(db, lines);
  await expectPayoutsHold(db);
  await expectFinancingHolds(db);
}

// Statements: every accepted line billed exactly once, nothing else billed; each statement's
// totals are its lines', and its lines the ledger's.
async function expectStatementsHold(db: Db, lines: readonly Line[]): Promise<void> {
  const rows = <T>(q: SQL) => queryRows<T>(db, q);
  const none = async (what: string, q: SQL) => expect(await rows(q), what).toEqual([]);
  const billed = await rows<{ line: string; n: number }>(
    sql`select l.order_line_id as line, count(*)::int as n from statement_line l join statement s on s.id = l.statement_id
      where l.kind = 'sale' and s.status <> 'cancelled' group by 1`,
  );
  const times = new Map(billed.map((b) => [b.line, b.n]));
  expect(
    lines.map((l) => ({ line: l.lineId, state: l.state, billed: times.get(l.lineId) ?? 0 })),
    'every accepted line billed exactly once, nothing else',
  ).toEqual(lines.map((l) => ({ line: l.lineId, state: l.state, billed: l.state === 'accepted' || l.state === 'sentBack' ? 1 : 0 })));
  await none('a withdrawn statement holds no lines', sql`select s.id from statement s join statement_line l on l.statement_id = s.id where s.status = 'cancelled'`);

  await none(
    'statement totals = its lines',
    sql`select s.id, s.line_count, s.net_fen, s.vat_fen, s.handling_fee_fen, s.credit_fen, s.total_fen, x.*
      from statement s left join lateral (
        select count(*) filter (where kind in ('sale', 'return'))::int as lines,
          coalesce(sum(net_fen) filter (where kind = 'sale'), 0) as net, coalesce(sum(vat_fen) filter (where kind = 'sale'), 0) as vat,
          coalesce(sum(handling_fee_fen) filter (where kind = 'sale'), 0) as fee, coalesce(sum(total_fen) filter (where kind <> 'sale'), 0) as credit,
          coalesce(sum(total_fen) filter (where kind = 'sale'), 0) - coalesce(sum(total_fen) filter (where kind <> 'sale'), 0) as total
        from statement_line l where l.statement_id = s.id) x on true
      where s.status <> 'cancelled' and (s.line_count <> x.lines or s.net_fen <> x.net or s.vat_fen <> x.vat or s.handling_fee_fen <> x.fee
        or s.credit_fen <> x.credit or s.total_fen <> x.total or s.total_fen <> s.net_fen + s.vat_fen + s.handling_fee_fen - s.credit_fen)`,
  );
  await none(
    'each sale line = the ledger’s posted transfers for it on the payer’s receivable',
    sql`select l.statement_id, l.order_line_id, l.net_fen, l.vat_fen, l.handling_fee_fen, x.*
      from statement_line l join statement s on s.id = l.statement_id
      left join lateral (
        select coalesce(sum(t.amount_fen) filter (where t.code = 'sale'), 0) as net, coalesce(sum(t.amount_fen) filter (where t.code = 'sale_vat'), 0) as vat,
          coalesce(sum(t.amount_fen) filter (where t.code = 'handling_fee'), 0) as fee
        from ledger_transfer t join ledger_account a on a.id = t.debit_account_id
        where t.order_line_id = l.order_line_id and t.phase = 'post' and a.org_id = s.payer_org_id and a.code in ('shop_receivable', 'insurer_receivable')) x on true
      where l.kind = 'sale' and (l.net_fen <> x.net or l.vat_fen <> x.vat or l.handling_fee_fen <> x.fee or l.total_fen <> x.net + x.vat + x.fee)`,
  );
  await none(
    'each statement’s credits = the credit notes the ledger posted for it and its returns',
    sql`select s.id, s.credit_fen, x.fen, y.fen from statement s left join lateral (
        select coalesce(sum(amount_fen), 0) as fen from ledger_transfer t where t.statement_id = s.id and t.code in ('credit_note', 'credit_note_vat') and t.phase = 'single') x on true
      left join lateral (select coalesce(sum(total_fen), 0) as fen from statement_line l where l.statement_id = s.id and l.kind = 'return') y on true
      where s.status <> 'cancelled' and s.credit_fen <> x.fen + y.fen`,
  );
  await none(
    'each return line = what the ledger took off the payer’s receivable for the line’s return; each return credited once, only with its line sent back',
    sql`select l.statement_id, l.order_line_id, l.net_fen, l.vat_fen, l.handling_fee_fen, x.*
      from statement_line l join statement s on s.id = l.statement_id
      left join lateral (
        select coalesce(sum(case when a.id = t.credit_account_id then t.amount_fen else -t.amount_fen end) filter (where t.code in ('sale', 'credit_note')), 0) as net,
          coalesce(sum(case when a.id = t.credit_account_id then t.amount_fen else -t.amount_fen end) filter (where t.code in ('sale_vat', 'credit_note_vat')), 0) as vat,
          coalesce(sum(t.amount_fen) filter (where t.code = 'handling_fee'), 0) as fee, count(*)::int as n
        from ledger_transfer t join ledger_account a on a.id in (t.debit_account_id, t.credit_account_id) and a.org_id = s.payer_org_id and a.code in ('shop_receivable', 'insurer_receivable')
        where t.order_line_id = l.order_line_id and t.return_id is not null) x on true
      where l.kind = 'return' and (x.n = 0 or l.net_fen <> x.net or l.vat_fen <> x.vat or l.handling_fee_fen <> x.fee or l.total_fen <> x.net + x.vat + x.fee)`,
  );
  await none('a statement never below zero', sql`select id, total_fen from statement where total_fen < 0`);
  await none(
    'each credit line = its credit note and its VAT',
    sql`select l.credit_id, l.net_fen, l.vat_fen, n.amount_fen, v.amount_fen from statement_line l
      left join ledger_transfer n on n.id = l.credit_id
      left join ledger_transfer v on v.statement_id = l.statement_id and v.order_line_id = l.order_line_id and v.code = 'credit_note_vat'
      where l.kind = 'credit' and (coalesce(n.amount_fen, 0) <> l.net_fen or coalesce(v.amount_fen, 0) <> l.vat_fen or l.total_fen <> l.net_fen + l.vat_fen)`,
  );
  await none(
    'what is paid on a statement = its payments’ matches; a payment matches no more than it is',
    sql`select s.id, s.paid_fen, (select coalesce(sum(amount_fen), 0) from payment_allocation a where a.statement_id = s.id) as matched from statement s
      where s.paid_fen <> (select coalesce(sum(amount_fen), 0) from payment_allocation a where a.statement_id = s.id)
      union all
      select p.id, p.allocated_fen, (select coalesce(sum(amount_fen), 0) from payment_allocation a where a.payment_id = p.id) from payment p
      where p.allocated_fen <> (select coalesce(sum(amount_fen), 0) from payment_allocation a where a.payment_id = p.id) or p.allocated_fen + p.refunded_fen > p.amount_fen`,
  );
  await none(
    'what a payment holds for refunds = its refunds asked or sent; those sent are its ledger refunds, to its payer, one each',
    sql`select p.id from payment p
      where p.refunded_fen <> (select coalesce(sum(amount_fen), 0) from payment_refund r where r.payment_id = p.id and r.status in ('requested', 'refunded'))
        or (select count(*) from payment_refund r where r.payment_id = p.id and r.status = 'refunded')
          <> (select count(*) from ledger_transfer t where t.payment_id = p.id and t.code = 'refund')
        or (select coalesce(sum(amount_fen), 0) from payment_refund r where r.payment_id = p.id and r.status = 'refunded')
          <> (select coalesce(sum(amount_fen), 0) from ledger_transfer t where t.payment_id = p.id and t.code = 'refund')
        or exists (select 1 from ledger_transfer t join ledger_account a on a.id = t.debit_account_id
          where t.payment_id = p.id and t.code = 'refund' and a.org_id <> p.payer_org_id)`,
  );
  await none(
    'each payment is one ledger transfer of its amount from its payer',
    sql`select p.id from payment p left join ledger_transfer t on t.payment_id = p.id and t.code = 'payment'
      left join ledger_account a on a.id = t.credit_account_id
      group by p.id, p.amount_fen, p.payer_org_id having count(t.id) <> 1 or sum(t.amount_fen) <> p.amount_fen or bool_or(a.org_id <> p.payer_org_id)`,
  );
  // Paid exactly when the money (and the invoices, where the payer requires them) cover it.
  await none(
    'paid iff confirmed and covered',
    sql`select s.id, s.status, s.paid_fen, s.total_fen, s.invoice_required, x.invoiced from statement s
      left join lateral (select coalesce(sum(total_fen), 0) as invoiced from invoice i where i.statement_id = s.id) x on true
      where s.status in ('confirmed', 'paid')
        and (s.status = 'paid') <> (s.paid_fen >= s.total_fen and (not s.invoice_required or x.invoiced >= s.total_fen))`,
  );
  await none(
    'invoices only on issued statements, within what was billed',
    sql`select i.id from invoice i join statement s on s.id = i.statement_id where s.status in ('draft', 'cancelled')
      union all select s.id from statement s where (select coalesce(sum(total_fen), 0) from invoice i where i.statement_id = s.id) > s.total_fen + s.credit_fen`,
  );
}

// Payouts: each payable transfer paid by one payout at most, each payout its items, the ledger's
// payout transfers the payouts.
async function expectPayoutsHold(db: Db): Promise<void> {
  const rows = <T>(q: SQL) => queryRows<T>(db, q);
  const none = async (what: string, q: SQL) => expect(await rows(q), what).toEqual([]);
  await none(
    'each payout = its items, and they are its payee’s payable transfers due by its day',
    sql`select p.id, p.status, p.item_count, p.amount_fen, p.credits_fen, p.debits_fen, x.* from payout p left join lateral (
        select count(*)::int as items, coalesce(sum(i.amount_fen), 0) as amount,
          coalesce(sum(i.amount_fen) filter (where i.amount_fen > 0), 0) as credits, coalesce(-sum(i.amount_fen) filter (where i.amount_fen < 0), 0) as debits,
          count(*) filter (where a.org_id is distinct from p.payee_org_id or t.phase not in ('single', 'post')
            or t.at >= ((p.due_through + 1)::timestamp at time zone 'Asia/Shanghai')
            or i.amount_fen <> case when t.credit_account_id = a.id then t.amount_fen else -t.amount_fen end)::int as misfits
        from payout_item i join ledger_transfer t on t.id = i.transfer_id
        left join ledger_account a on a.id in (t.credit_account_id, t.debit_account_id) and a.code in ('supplier_payable', 'handling_fee_payable')
        where i.payout_id = p.id) x on true
      where case when p.status = 'returned' then x.items <> 0
        else x.items <> p.item_count or x.amount <> p.amount_fen or x.credits <> p.credits_fen or x.debits <> p.debits_fen or x.misfits <> 0 end`,
  );
  await none(
    'each payout is one pending transfer of its amount, posted when confirmed, voided when returned',
    sql`select p.id, p.status, x.* from payout p left join lateral (
        select count(*) filter (where phase = 'pending')::int as pending, count(*) filter (where phase = 'post')::int as posts, count(*) filter (where phase = 'void')::int as voids,
          coalesce(sum(amount_fen) filter (where phase = 'pending'), 0) as amount
        from ledger_transfer t where t.payout_id = p.id and t.code in ('payout', 'handling_fee_payout')) x on true
      where x.pending <> 1 or x.amount <> p.amount_fen or x.posts <> (p.status = 'paid')::int or x.voids <> (p.status = 'returned')::int`,
  );
  // Nothing paid twice: the payout transfers on each payable (less those returned) are its payouts,
  // and those are its items, each a distinct transfer (the items' key).
  await none(
    'payouts total = the ledger’s payout transfers, per payee',
    sql`with ledger as (
        select a.org_id, sum(case when t.phase = 'pending' then t.amount_fen when t.phase = 'void' then -t.amount_fen else 0 end) as fen
        from ledger_transfer t join ledger_account a on a.id = t.debit_account_id where t.code in ('payout', 'handling_fee_payout') group by 1),
      paid as (select payee_org_id as org_id, sum(amount_fen) as fen from payout where status <> 'returned' group by 1)
      select coalesce(l.org_id, p.org_id) as org_id, l.fen as ledger, p.fen as payouts from ledger l full join paid p on p.org_id = l.org_id
      where l.fen is distinct from p.fen and not (coalesce(l.fen, 0) = 0 and p.fen is null)`,
  );
}

// Financing: no line financed twice (the items' key), each request its lines and the stated price,
// the ledger's money the requests', and a financed line not paid out before the funder is repaid.
async function expectFinancingHolds(db: Db): Promise<void> {
  const rows = <T>(q: SQL) => queryRows<T>(db, q);
  const none = async (what: string, q: SQL) => expect(await rows(q), what).toEqual([]);
  const requests = await rows<{ id: string; status: string; face_fen: Num; fee_fen: Num; advance_fen: Num; annual_rate_bp: number; days: number; items: Num; lines: number; repaid: number }>(
    sql`select r.id, r.status, r.face_fen, r.fee_fen, r.advance_fen, r.annual_rate_bp, r.days,
        (select sum(face_fen) from financing_item i where i.request_id = r.id) as items,
        (select count(*)::int from financing_item i where i.request_id = r.id) as lines,
        (select count(*)::int from financing_item i where i.request_id = r.id and i.repaid_at is not null) as repaid
      from financing_request r`,
  );
  for (const r of requests) {
    const what = `financing request ${r.id} (${r.status})`;
    expect(n(r.fee_fen), what).toBe(discountFee(n(r.face_fen), r.annual_rate_bp, r.days));
    expect(n(r.advance_fen), what).toBe(n(r.face_fen) - n(r.fee_fen));
    // A refused request let its lines go; any other holds them, at its face.
    if (r.status === 'refused') expect(r.lines, what).toBe(0);
    else expect(n(r.items), what).toBe(n(r.face_fen));
    if (r.status === 'repaid') expect(r.repaid, what).toBe(r.lines);
    else expect(r.repaid, what).toBe(0);
  }
  await none(
    'each financed line is an accepted line on its statement, at what its supplier is owed for it',
    sql`select i.order_line_id, i.face_fen, x.owed from financing_item i
      join financing_request r on r.id = i.request_id
      left join statement_line l on l.order_line_id = i.order_line_id and l.kind = 'sale' and l.statement_id = i.statement_id
      left join lateral (
        select sum(case when a.id = t.credit_account_id then t.amount_fen else -t.amount_fen end) as owed
        from ledger_transfer t join ledger_account a on a.id in (t.credit_account_id, t.debit_account_id) and a.code = 'supplier_payable' and a.org_id = r.supplier_org_id
        where t.order_line_id = i.order_line_id and t.code in ('consignment_sold', 'purchase_vat', 'supplier_fee') and t.phase in ('single', 'post') and t.return_id is null) x on true
      where l.order_line_id is null or x.owed is distinct from i.face_fen`,
  );
  await none(
    'the advance and its fee are in the ledger once a request is funded, and only then',
    sql`select r.id, r.status, x.* from financing_request r left join lateral (
        select count(*) filter (where code = 'financing_advance')::int as advances, coalesce(sum(amount_fen) filter (where code = 'financing_advance'), 0) as advance,
          count(*) filter (where code = 'financing_fee')::int as fees, coalesce(sum(amount_fen) filter (where code = 'financing_fee'), 0) as fee
        from ledger_transfer t where t.financing_id = r.id) x on true
      where case when r.funded_at is not null
        then x.advances <> 1 or x.advance <> r.advance_fen or x.fees <> (r.fee_fen > 0)::int or x.fee <> r.fee_fen
        else x.advances + x.fees <> 0 end`,
  );
  await none(
    'each repaid line is one repayment of its face, on a paid statement',
    sql`select i.order_line_id, i.repaid_at, x.* from financing_item i join statement s on s.id = i.statement_id left join lateral (
        select count(*)::int as n, coalesce(sum(amount_fen), 0) as fen from ledger_transfer t where t.code = 'financing_repaid' and t.order_line_id = i.order_line_id) x on true
      where case when i.repaid_at is not null then x.n <> 1 or x.fen <> i.face_fen or s.status <> 'paid' else x.n <> 0 end`,
  );
  await none(
    'the platform’s advances on a supplier = the faces of its funded lines not repaid',
    sql`with held as (select r.supplier_org_id as org, sum(i.face_fen) as fen from financing_item i join financing_request r on r.id = i.request_id
        where r.funded_at is not null and i.repaid_at is null group by 1),
      books as (select partner_org_id as org, sum(debits_posted - credits_posted) as fen from ledger_account where code = 'financing_advanced' group by 1)
      select coalesce(h.org, b.org), h.fen, b.fen from held h full join books b on b.org = h.org where coalesce(h.fen, 0) <> coalesce(b.fen, 0)`,
  );
  await none(
    'a financed line is not paid out to its supplier before the funder is repaid',
    sql`select i.order_line_id, p.id as payout, p.created_at, i.repaid_at from financing_item i
      join ledger_transfer t on t.order_line_id = i.order_line_id
      join payout_item pi on pi.transfer_id = t.id join payout p on p.id = pi.payout_id
      where p.status <> 'returned' and (i.repaid_at is null or p.created_at < i.repaid_at)`,
  );
}
