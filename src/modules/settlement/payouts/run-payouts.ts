import { asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { type Db, queryRows } from '../../../platform/db.ts';
import type { AccountCode } from '../../ledger/index.ts';
import { ledgerAccount, ledgerTransfer } from '../../ledger/index.ts';
import { financingItem, type PayoutCycle, payout, payoutItem, settlementTerms } from '../tables.ts';
import { DEFAULT_TERMS, dueThrough, FUNDER_DEFAULT_TERMS, isPayDay } from './due.ts';
import { NothingDue, type PayeeOutcome, payableCodes, payeeKindOf, payoutCodeList, payPayee } from './pay-payee.ts';

// Payees paid per run: the bound keeps a run finite (a larger platform runs it more than once a day).
export const MAX_PAYEES = 10_000;

export type RunReport = { runDate: string; payees: PayeeOutcome[]; notPayDay: number };

type Due = { org_id: string; code: AccountCode; days: number; cycle: PayoutCycle };

// The payout run of a day (`anpei payouts run --date D`, and the daily job): every supplier, shop
// and funder the platform owes something due by the day on its terms (T+N, on its cycle's days),
// each in its own transaction (payPayee): run twice, or again after it was killed, it pays each
// payee once for the day and what is left.
//
// Who is looked at is one query: the payables owed something (posted credits above what was paid
// or is being paid) that hold an item due by the run day on the payee's terms (a credit posted by
// the end of its T+N day, in no payout, not a financed line the insurer has not paid yet: the same
// rules payPayee pays by). A payee with nothing due yet costs the run nothing; before, every owed
// payee had a transaction of its own to find that out (bench/ledger.ts --scenarios
// statement,payouts, whose 2,000 shops' handling fees are not due: the second run of the day took
// 15.4 s on PostgreSQL and 22.7 s on PGlite for 2,303 payees, now 0.14 s and 0.19 s, on a loaded
// 2-core machine). Each payable's search reads its own credits through the credit-account index
// and stops at the first due item.
export async function runPayouts(db: Db, ctx: Ctx, runDate: string, onProgress?: (done: number, total: number) => void): Promise<RunReport> {
  const a = ledgerAccount;
  const t = ledgerTransfer;
  const st = settlementTerms;
  // Constants of the code, never input.
  const codes = sql.raw(payableCodes.map((c) => `'${c}'`).join(', '));
  const due = await queryRows<Due>(
    db,
    sql`select ${a.orgId} as org_id, ${a.code} as code, terms.days, terms.cycle
      from ${a}
      left join ${st} on ${st.orgId} = ${a.orgId}
      cross join lateral (select
          coalesce(${st.payoutDays}, case when ${a.code} = 'funder_payable' then ${FUNDER_DEFAULT_TERMS.payoutDays}::int else ${DEFAULT_TERMS.payoutDays}::int end) as days,
          coalesce(${st.payoutCycle}, case when ${a.code} = 'funder_payable' then ${FUNDER_DEFAULT_TERMS.payoutCycle} else ${DEFAULT_TERMS.payoutCycle} end) as cycle) terms
      where ${a.code} in (${codes}) and ${a.creditsPosted} > ${a.debitsPosted} + ${a.debitsPending}
        and exists (select 1 from ${t}
          where ${t.creditAccountId} = ${a.id} and ${t.phase} in ('single', 'post') and ${t.code} not in (${sql.raw(payoutCodeList)})
            -- posted by the end of the last due day, China time
            and ${t.at} < ((${runDate}::date - terms.days + 1)::text || 'T00:00:00+08:00')::timestamptz
            and not exists (select 1 from ${payoutItem} where ${payoutItem.transferId} = ${t.id})
            and not exists (select 1 from ${financingItem} where ${financingItem.orderLineId} = ${t.orderLineId} and ${financingItem.repaidAt} is null))
      order by ${a.orgId}
      limit ${MAX_PAYEES}`,
  );
  // The payees paid earlier on the day, for the report (as a run that looked at them would say:
  // done already), one read of the day's payouts.
  const selected = new Set(due.map((d) => d.org_id));
  const earlier = await db.select({ payeeOrgId: payout.payeeOrgId, id: payout.id }).from(payout).where(eq(payout.runDate, runDate)).orderBy(asc(payout.id)).limit(MAX_PAYEES);
  const payees: PayeeOutcome[] = earlier.filter((p) => !selected.has(p.payeeOrgId)).map((p) => ({ payeeOrgId: p.payeeOrgId, outcome: 'done_already', payoutId: p.id, items: 0, amountFen: 0n }));
  let notPayDay = 0;
  for (const [n, o] of due.entries()) {
    if (!isPayDay(runDate, o.cycle)) {
      notPayDay++;
      continue;
    }
    try {
      payees.push(await db.transaction((tx) => payPayee(tx, ctx, { payeeOrgId: o.org_id, payeeKind: payeeKindOf(o.code), runDate, dueThrough: dueThrough(runDate, o.days) })));
    } catch (e) {
      if (!(e instanceof NothingDue)) throw e;
      payees.push({ payeeOrgId: o.org_id, outcome: 'nothing_due', payoutId: null, items: 0, amountFen: 0n });
    }
    onProgress?.(n + 1, due.length);
  }
  return { runDate, payees, notPayDay };
}
