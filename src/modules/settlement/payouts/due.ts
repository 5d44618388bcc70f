import { addDays } from '../../../platform/china-date.ts';
import type { PayoutCycle } from '../tables.ts';

// When a payee is paid, from its terms (settlement_terms): T+N days after the sale, on the days of
// its cycle (every day, Mondays, or the first of the month). Pure, table-tested (due.test.ts).

export type Terms = { payoutDays: number; payoutCycle: PayoutCycle };
export const DEFAULT_TERMS: Terms = { payoutDays: 30, payoutCycle: 'daily' };
// A funder is paid the day the insurer's money comes in (T+0, daily): what the platform owes it is
// money the funder already advanced to the supplier, merely passing through the platform's bank, so
// holding it for a supplier's thirty days would be the platform borrowing the funder's money for
// free. The platform's finance team may still set other terms for one.
export const FUNDER_DEFAULT_TERMS: Terms = { payoutDays: 0, payoutCycle: 'daily' };

// The terms of a payee with none set, by its kind.
export function defaultTermsFor(kind: string): Terms {
  return kind === 'funder' ? FUNDER_DEFAULT_TERMS : DEFAULT_TERMS;
}

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
