import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { ledgerAccount } from '../../ledger/index.ts';
import { settlementTerms, type PayeeKind } from '../tables.ts';
import { DEFAULT_TERMS, dueThrough, isPayDay, type Terms } from './due.ts';
import { NothingDue, type PayeeOutcome, payPayee } from './pay-payee.ts';

// Payees looked at per run: every supplier and shop the platform owes money; the bound keeps a run
// finite (a larger platform runs it more than once a day).
export const MAX_PAYEES = 10_000;

export type RunReport = { runDate: string; payees: PayeeOutcome[]; notPayDay: number };

// The payout run of a day (`anpei payouts run --date D`, and the daily job): every supplier the
// platform owes (its payable has posted credits not yet paid out) and every shop owed handling
// fees, each on its terms (T+N, on its cycle's days), each in its own transaction (payPayee): run
// twice, or again after it was killed, it pays each payee once for the day and what is left.
export async function runPayouts(db: Db, ctx: Ctx, runDate: string, onProgress?: (done: number, total: number) => void): Promise<RunReport> {
  const a = ledgerAccount;
  const owed = await db
    .select({ orgId: a.orgId, code: a.code })
    .from(a)
    .where(and(inArray(a.code, ['supplier_payable', 'handling_fee_payable']), gt(a.creditsPosted, sql`${a.debitsPosted} + ${a.debitsPending}`)))
    .orderBy(asc(a.orgId))
    .limit(MAX_PAYEES);
  const orgIds = owed.map((o) => o.orgId!);
  const terms = new Map<string, Terms>(
    orgIds.length === 0 ? [] : (await db.select().from(settlementTerms).where(inArray(settlementTerms.orgId, orgIds))).map((t) => [t.orgId, { payoutDays: t.payoutDays, payoutCycle: t.payoutCycle }]),
  );
  const payees: PayeeOutcome[] = [];
  let notPayDay = 0;
  for (const [n, o] of owed.entries()) {
    const kind: PayeeKind = o.code === 'supplier_payable' ? 'supplier' : 'repair_shop';
    const t = terms.get(o.orgId!) ?? DEFAULT_TERMS;
    if (!isPayDay(runDate, t.payoutCycle)) {
      notPayDay++;
      continue;
    }
    try {
      payees.push(await db.transaction((tx) => payPayee(tx, ctx, { payeeOrgId: o.orgId!, payeeKind: kind, runDate, dueThrough: dueThrough(runDate, t.payoutDays) })));
    } catch (e) {
      if (!(e instanceof NothingDue)) throw e;
      payees.push({ payeeOrgId: o.orgId!, outcome: 'nothing_due', payoutId: null, items: 0, amountFen: 0n });
    }
    onProgress?.(n + 1, owed.length);
  }
  return { runDate, payees, notPayDay };
}
