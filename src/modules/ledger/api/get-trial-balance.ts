import { z } from 'zod';
import { isPlatform, requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { forbidden } from '../../../platform/errors.ts';
import { fenOutput, fenToJson } from '../../../platform/money.ts';
import { accountCodes, chart } from '../chart.ts';
import { transferCodeList, transferCodes } from '../transfer-codes.ts';
import { trialBalance, type Sides } from '../trial-balance.ts';

const SidesDto = {
  debitsPendingFen: fenOutput,
  debitsPostedFen: fenOutput,
  creditsPendingFen: fenOutput,
  creditsPostedFen: fenOutput,
};

export const TrialBalanceDto = z
  .object({
    at: z.string(),
    // Every code of the chart, in its order: over all accounts of the code.
    accountCodes: z.array(
      z.object({
        code: z.enum(accountCodes),
        codeName: z.string(),
        normal: z.enum(['debit', 'credit']),
        accounts: z.number().int(),
        ...SidesDto,
        balanceFen: fenOutput,
        pendingFen: fenOutput,
      }),
    ),
    // Every transfer code: what moved under it for good, what was reversed, what is still pending.
    transferCodes: z.array(
      z.object({
        code: z.enum(transferCodeList),
        codeName: z.string(),
        transfers: z.number().int(),
        postedFen: fenOutput,
        reversedFen: fenOutput,
        pendingFen: fenOutput,
      }),
    ),
    totals: z.object(SidesDto),
    // Σ debits = Σ credits over all accounts, posted and pending each.
    balanced: z.boolean(),
    balancedPosted: z.boolean(),
    balancedPending: z.boolean(),
  })
  .meta({ id: 'TrialBalance' });
export type TrialBalanceDto = z.infer<typeof TrialBalanceDto>;

const sidesOf = (s: Sides) => ({
  debitsPendingFen: fenToJson(s.debitsPending),
  debitsPostedFen: fenToJson(s.debitsPosted),
  creditsPendingFen: fenToJson(s.creditsPending),
  creditsPostedFen: fenToJson(s.creditsPosted),
});

// The whole ledger's trial balance: the platform's finance team and administrators only. An
// organisation reads its own accounts, never the sums of everyone's.
export async function getTrialBalance(db: Executor, ctx: Ctx): Promise<TrialBalanceDto> {
  requirePermission(ctx.actor, 'ledger.read');
  if (!isPlatform(ctx.actor)) throw forbidden('ledger.read');
  const tb = await trialBalance(db);
  const name = (s: { zh: string; en: string }) => (ctx.locale === 'en' ? s.en : s.zh);
  return {
    at: ctx.now.toISOString(),
    accountCodes: tb.accountCodes.map((l) => ({
      code: l.code,
      codeName: name(chart[l.code]),
      normal: chart[l.code].normal,
      accounts: l.accounts,
      ...sidesOf(l),
      balanceFen: fenToJson(l.balanceFen),
      pendingFen: fenToJson(l.pendingFen),
    })),
    transferCodes: tb.transferCodes.map((l) => ({
      code: l.code,
      codeName: name(transferCodes[l.code]),
      transfers: l.transfers,
      postedFen: fenToJson(l.postedFen),
      reversedFen: fenToJson(l.reversedFen),
      pendingFen: fenToJson(l.pendingFen),
    })),
    totals: sidesOf(tb.totals),
    balanced: tb.balanced,
    balancedPosted: tb.balancedPosted,
    balancedPending: tb.balancedPending,
  };
}
