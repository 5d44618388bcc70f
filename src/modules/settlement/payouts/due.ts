import { addDays } from '../../../platform/china-date.ts';
import type { PayoutCycle } from '../tables.ts';

// When a payee is paid, from its terms (settlement_terms): T+N days after the sale, on the days of
// its cycle (every day, Mondays, or the first of the month). Pure, table-tested (due.test.ts).

export type Terms = { payoutDays: number; payoutCycle: PayoutCycle };
export const DEFAULT_TERMS: Terms = { payoutDays: 30, payoutCycle: 'daily' };

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
