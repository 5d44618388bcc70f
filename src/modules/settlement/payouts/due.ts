import { addDays } from '../../../platform/china-date.ts';
import type { SqlWriter } from '../../../platform/sql-writer.ts';
import { ledgerTransfer } from '../../ledger/index.ts';
import { financingItem, type PayoutCycle, payoutItem } from '../tables.ts';
import { payoutCodeList } from './payees.ts';

// When a payee is paid, from its terms (payees.ts): T+N days after the sale, on the days of its
// cycle. Pure, table-tested (due.test.ts); and what of its payable a run pays, as SQL.

// Is the run day one of the cycle's pay days?
export function isPayDay(runDate: string, cycle: PayoutCycle): boolean {
  if (cycle === 'daily') return true;
  const d = new Date(`${runDate}T00:00:00Z`);
  return cycle === 'weekly' ? d.getUTCDay() === 1 : d.getUTCDate() === 1;
}

// The last day whose postings are due on the run day: N days before it.
export function dueThrough(runDate: string, payoutDays: number): string {
  return addDays(runDate, -payoutDays);
}

// A transfer on a payee's payable (ledger_transfer, unaliased) is an item of its next payout when
// it was posted by the end of `lastDay` (an SQL date: the run day less the payee's T+N days) China
// time, is no payout itself, is in no payout yet, and is not a line financed and not yet repaid:
// that line is the funder's until the insurer pays, and its money is paid out with the repayment
// that nets it, not before. One rule for the run's choice of whom to pay (run-payouts.ts, through
// drizzle's tag) and for what each is paid (pay-payee.ts, a named statement), so the two cannot
// disagree. The end of the day is the next day's midnight in China (UTC+8 all year, as
// china-date.ts): an immutable expression, folded to a constant where `lastDay` is one.
export function isDueItem<Q>(w: SqlWriter<Q>, lastDay: unknown): Q {
  const t = ledgerTransfer;
  return w.sql`${t.phase} in ('single', 'post') and ${t.code} not in (${w.raw(payoutCodeList)})
          and ${t.at} < ((${lastDay} + 1)::timestamp at time zone 'Asia/Shanghai')
          and not exists (select 1 from ${payoutItem} where ${payoutItem.transferId} = ${t.id})
          and not exists (select 1 from ${financingItem} where ${financingItem.orderLineId} = ${t.orderLineId} and ${financingItem.repaidAt} is null)`;
}
