import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { type Db, queryRows } from '../../../platform/db.ts';
import type { AccountCode } from '../../ledger/index.ts';
import { ledgerAccount, ledgerTransfer } from '../../ledger/index.ts';
import { drizzleSql } from '../../../platform/sql-writer.ts';
import { type PayoutCycle, payout, settlementTerms } from '../tables.ts';
import { dueThrough, isDueItem, isPayDay } from './due.ts';
import { payableCodes, payeeKindOf, payees, type Terms } from './payees.ts';
import { NothingDue, type PayeeOutcome, payPayee } from './pay-payee.ts';

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
      cross join lateral (select coalesce(${st.payoutDays}, ${defaultTerms(a.code, 'payoutDays')}) as days, coalesce(${st.payoutCycle}, ${defaultTerms(a.code, 'payoutCycle')}) as cycle) terms
      where ${a.code} in (${codes}) and ${a.creditsPosted} > ${a.debitsPosted} + ${a.debitsPending}
        and exists (select 1 from ${t}
          where ${t.creditAccountId} = ${a.id} and ${isDueItem(drizzleSql, sql`${runDate}::date - terms.days`)})
      order by ${a.orgId}
      limit ${MAX_PAYEES}`,
  );
  // The payees paid earlier on the day, for the report (as a run that looked at them would say:
  // done already), one read of the day's payouts.
  const selected = new Set(due.map((d) => d.org_id));
  const earlier = await db.select({ payeeOrgId: payout.payeeOrgId, id: payout.id }).from(payout).where(eq(payout.runDate, runDate)).orderBy(asc(payout.id)).limit(MAX_PAYEES);
  const outcomes: PayeeOutcome[] = earlier.filter((p) => !selected.has(p.payeeOrgId)).map((p) => ({ payeeOrgId: p.payeeOrgId, outcome: 'done_already', payoutId: p.id, items: 0, amountFen: 0n }));
  let notPayDay = 0;
  for (const [n, o] of due.entries()) {
    if (!isPayDay(runDate, o.cycle)) {
      notPayDay++;
      continue;
    }
    try {
      outcomes.push(await db.transaction((tx) => payPayee(tx, ctx, { payeeOrgId: o.org_id, payeeKind: payeeKindOf(o.code), runDate, dueThrough: dueThrough(runDate, o.days) })));
    } catch (e) {
      if (!(e instanceof NothingDue)) throw e;
      outcomes.push({ payeeOrgId: o.org_id, outcome: 'nothing_due', payoutId: null, items: 0, amountFen: 0n });
    }
    onProgress?.(n + 1, due.length);
  }
  return { runDate, payees: outcomes, notPayDay };
}

// A payable's default terms (payees.ts), by its code, as SQL: what a payee with none set is paid on.
function defaultTerms(code: unknown, term: keyof Terms): SQL {
  const cases = Object.values(payees).map((p) => `when '${p.code}' then ${term === 'payoutDays' ? `${p.terms.payoutDays}` : `'${p.terms.payoutCycle}'`}`);
  // Constants of the code, never input.
  return sql`case ${code} ${sql.raw(cases.join(' '))} end`;
}
