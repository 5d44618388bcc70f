import { eq } from 'drizzle-orm';
import { cliCtx } from '../../../cli/system-ctx.ts';
import { org } from '../../identity/index.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Db } from '../../../platform/db.ts';
import { type JobLog, startJob } from '../../../platform/jobs.ts';
import { markOverdue } from '../financing/mark-overdue.ts';
import { runPayouts } from './run-payouts.ts';

const CHECK_MS = 60 * 60 * 1000;
const FIRST_CHECK_MS = 90 * 1000;

// The daily payout run, inside every app process: once an hour it runs the day's payouts (China
// day), which pay each payee at most once a day however many processes and checks run it
// (pay-payee.ts), so the hourly look only finds what became due since, to be paid tomorrow.
export function startPayoutJob(opts: { db: Db; log: JobLog; checkMs?: number; firstCheckMs?: number }) {
  return startJob(
    {
      name: 'daily payouts',
      everyMs: opts.checkMs ?? CHECK_MS,
      firstAfterMs: opts.firstCheckMs ?? FIRST_CHECK_MS,
      run: async (clock) => {
        const now = clock();
        // A database with no platform yet (a production start before its first administrator) has
        // nobody to pay and nobody to pay as.
        const [platform] = await opts.db.select({ id: org.id }).from(org).where(eq(org.kind, 'platform')).limit(1);
        if (!platform) return { runDate: chinaDate(now), payees: [], notPayDay: 0 };
        const ctx = { ...(await cliCtx(opts.db)), now, requestId: `payouts-${chinaDate(now)}` };
        // Advances past their expected payment day first: they are the platform's to chase.
        await markOverdue(opts.db, ctx);
        return runPayouts(opts.db, ctx, chinaDate(now));
      },
      report(report, log) {
        const paid = report.payees.filter((p) => p.outcome === 'paid');
        if (paid.length > 0) log.info({ runDate: report.runDate, payees: paid.length, amountFen: paid.reduce((a, p) => a + p.amountFen, 0n).toString() }, 'daily payouts');
      },
    },
    opts.log,
  );
}
