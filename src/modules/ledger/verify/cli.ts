import type { Command } from 'commander';
import { inArray } from 'drizzle-orm';
import { locale as terminalLocale, withDatabase } from '../../../cli/with-database.ts';
import type { Db, Executor } from '../../../platform/db.ts';
import type { Locale } from '../../../platform/i18n.ts';
import { org } from '../../identity/index.ts';
import { chart } from '../chart.ts';
import type { BalanceField } from './recompute-balances.ts';
import { type AccountName, type LedgerReport, verifyLedger } from './verify-ledger.ts';

// `anpei ledger verify [--json]`: see ledgerVerify. Exit code 1 when anything differs, so that it
// can gate a deploy or a nightly job.
export function registerLedgerCommand(program: Command): void {
  const ledger = program.command('ledger').description('the ledger (总账): accounts and transfers');
  ledger
    .command('verify')
    .description(
      'rebuild every account’s balances from the transfers and compare with the cached ones; check each post, void and reversal against the transfer it names, each code against its accounts, that debits equal credits, that no payable is overdrawn and that the stock valuation equals the inventory account; writes nothing; exit code 1 on any difference',
    )
    .option('--json', 'print the report as one JSON line (amounts in fen, as strings) instead of text')
    .action((flags: { json?: boolean }) =>
      withDatabase(async ({ db }) => {
        const ok = await ledgerVerify(db, { json: flags.json === true, locale: terminalLocale, write: (text) => process.stdout.write(text) });
        if (!ok) process.exitCode = 1;
      }),
    );
}

export type LedgerVerifyOptions = { json: boolean; locale: Locale; write(text: string): void };

// The command apart from opening the database, so that tests can run it on their own: verifies
// (verify-ledger.ts), writes the report and answers whether everything agrees.
export async function ledgerVerify(db: Db, opts: LedgerVerifyOptions): Promise<boolean> {
  const report = await verifyLedger(db);
  opts.write(opts.json ? `${reportJson(report)}\n` : await describeLedger(db, report, opts.locale));
  return report.ok;
}

// JSON has no bigint: amounts are written as strings of fen, exact whatever their size (a sum
// over the whole ledger may pass what a JSON number holds exactly).
export function reportJson(report: LedgerReport): string {
  return JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

// Counts and amounts as a person reads them: 2,315.
const n = (value: number | bigint) => value.toLocaleString('en-US');
const fen = (value: bigint) => `${n(value)} fen`;
// "…; the first 1,000:" when a list holds fewer than there are.
const listed = (shown: number, all: number) => (shown < all ? `; the first ${n(shown)}:` : ':');

const fieldWords: Record<BalanceField, string> = {
  debitsPending: 'debits pending',
  debitsPosted: 'debits posted',
  creditsPending: 'credits pending',
  creditsPosted: 'credits posted',
};

// Every difference in words, one line each, under a heading per kind with its count.
export async function describeLedger(db: Executor, report: LedgerReport, locale: Locale): Promise<string> {
  const head = `ledger verify: ${n(report.accounts)} accounts, ${n(report.transfers)} transfers`;
  if (report.ok) return `${head}, all agree\n`;
  const name = await accountNames(db, [...report.balanceDifferences, ...report.overdrawn], locale);
  const lines = [head];
  if (report.balanceDifferenceCount > 0) {
    lines.push(`MISMATCH: ${n(report.balanceDifferenceCount)} account(s) whose cached balances differ from their transfers${listed(report.balanceDifferences.length, report.balanceDifferenceCount)}`);
    for (const d of report.balanceDifferences) {
      const fields = d.fields.map((f) => `${fieldWords[f.field]} cached ${fen(f.cachedFen)}, from transfers ${fen(f.computedFen)}`);
      lines.push(`  ${name(d)}: ${fields.join('; ')}`);
    }
  }
  if (report.transferProblemCount > 0) {
    lines.push(`TRANSFERS: ${n(report.transferProblemCount)} transfer(s) wrong on their own${listed(report.transferProblems.length, report.transferProblemCount)}`);
    for (const p of report.transferProblems) {
      const names = p.namesId ? ` (names ${p.namesId})` : '';
      const detail = p.detail.length > 0 ? `: ${p.detail.join('; ')}` : '';
      lines.push(`  ${p.transferId} ${p.phase} ${p.code}: ${p.problem}${names}${detail}`);
    }
  }
  if (!report.totalsAgree) {
    const { posted, pending } = report.totals;
    lines.push(
      `UNBALANCED: the cached balances of all accounts sum to posted debits ${fen(posted.debitsFen)}, posted credits ${fen(posted.creditsFen)}; pending debits ${fen(pending.debitsFen)}, pending credits ${fen(pending.creditsFen)}`,
    );
  }
  if (report.overdrawnCount > 0) {
    lines.push(`OVERDRAWN: ${n(report.overdrawnCount)} payable(s) debited beyond their posted credits${listed(report.overdrawn.length, report.overdrawnCount)}`);
    for (const o of report.overdrawn) {
      lines.push(`  ${name(o)}: debits pending ${fen(o.debitsPendingFen)} + posted ${fen(o.debitsPostedFen)} > credits posted ${fen(o.creditsPostedFen)}`);
    }
  }
  if (!report.valuationAgrees) {
    const v = report.valuation;
    lines.push(`VALUATION: the stock valuation sums to ${fen(v.stockValuationFen)}, the platform_inventory account holds ${fen(v.inventoryFen)} (posted debits − posted credits)`);
  }
  return `${lines.join('\n')}\n`;
}

// An account by what it is for and whose: `insurer_receivable (应收保险公司款) of 中国人民… [account id]`.
async function accountNames(db: Executor, accounts: readonly AccountName[], locale: Locale): Promise<(a: AccountName) => string> {
  const ids = [...new Set(accounts.flatMap((a) => [a.orgId, a.partnerOrgId]).filter((id): id is string => id !== null))];
  const orgs = ids.length === 0 ? [] : await db.select({ id: org.id, name: org.name }).from(org).where(inArray(org.id, ids));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const who = (id: string) => `${orgName.get(id) ?? 'unknown organisation'} (${id})`;
  return (a) => {
    const what = `${a.code} (${chart[a.code][locale === 'en' ? 'en' : 'zh']})`;
    const owner = a.orgId === null ? 'of the platform' : `of ${who(a.orgId)}`;
    const partner = a.partnerOrgId === null ? '' : ` for ${who(a.partnerOrgId)}`;
    return `${what} ${owner}${partner} [account ${a.accountId}]`;
  };
}
