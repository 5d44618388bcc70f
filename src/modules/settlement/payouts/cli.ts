import type { Command } from 'commander';
import { inArray } from 'drizzle-orm';
import { cliCtx } from '../../../cli/system-ctx.ts';
import { progressBar } from '../../../cli/progress.ts';
import { UsageError, withDatabase } from '../../../cli/with-database.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Db } from '../../../platform/db.ts';
import { yuanText } from '../../../platform/money.ts';
import { org } from '../../identity/index.ts';
import { type RunReport, runPayouts } from './run-payouts.ts';

// `anpei payouts run [--date D] [--json]`: the day's payout run (run-payouts.ts), as the daily job
// runs it; safe to run again, or after it was killed: each payee is paid once a day.
export function registerPayoutsCommand(program: Command): void {
  const payouts = program.command('payouts').description('payouts (付款) to suppliers, repair shops and funders');
  payouts
    .command('run')
    .description('pay every supplier, shop and funder what is due on the day by its terms (T+N, its cycle), each payee once a day however often it runs; prints one line per payee paid')
    .option('--date <day>', 'the run day, YYYY-MM-DD (default: today in China)')
    .option('--json', 'print the report as one JSON line (amounts in fen)')
    .action((flags: { date?: string; json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const day = flags.date ?? chinaDate(new Date());
        if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new UsageError(`--date must be a day as YYYY-MM-DD, not ${day}`);
        const report = await payoutsRun(db, day);
        process.stdout.write(flags.json ? `${reportJson(report)}\n` : await describe(db, report));
      }),
    );
}

export async function payoutsRun(db: Db, day: string): Promise<RunReport> {
  const bar = progressBar(`payouts ${day}`);
  const report = await runPayouts(db, await cliCtx(db), day, (done, total) => bar.update(done, total));
  bar.stop();
  return report;
}

function reportJson(r: RunReport): string {
  return JSON.stringify({ runDate: r.runDate, notPayDay: r.notPayDay, payees: r.payees.map((p) => ({ ...p, amountFen: p.amountFen.toString() })) });
}

async function describe(db: Db, r: RunReport): Promise<string> {
  const paid = r.payees.filter((p) => p.outcome === 'paid');
  const names = new Map(
    paid.length === 0
      ? []
      : (
          await db
            .select({ id: org.id, name: org.name })
            .from(org)
            .where(
              inArray(
                org.id,
                paid.map((p) => p.payeeOrgId),
              ),
            )
        ).map((n) => [n.id, n.name]),
  );
  const yuan = (fen: bigint) => `¥${yuanText(fen)}`;
  const lines = paid.map((p) => `  ${names.get(p.payeeOrgId) ?? p.payeeOrgId}  ${p.items} items  ${yuan(p.amountFen)}  (${p.payoutId})`);
  const total = paid.reduce((a, p) => a + p.amountFen, 0n);
  const already = r.payees.filter((p) => p.outcome === 'done_already').length;
  const nothing = r.payees.filter((p) => p.outcome === 'nothing_due').length;
  return `payouts run ${r.runDate}: ${paid.length} paid, ${yuan(total)} in all; ${already} paid earlier today, ${nothing} with nothing due yet, ${r.notPayDay} not on their pay day\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`;
}
