import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { can, mayActFor, requirePermission } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { org } from '../identity/index.ts';
import { defaultTermsFor } from './payouts/payees.ts';
import { ANNUAL_RATE_BP, MAX_FUNDER_RATE_BP } from './financing/terms.ts';
import { settlementTerms } from './tables.ts';

export const SettlementTermsDto = z
  .object({
    orgId: z.uuid(),
    invoiceRequired: z.boolean(),
    payoutDays: z.number().int(),
    payoutCycle: z.enum(['daily', 'weekly', 'monthly']),
    // A funder's annual rate on the advances it funds, basis points; null: the platform's
    // (`platformFinancingRateBp`). Only a funder has one.
    financingRateBp: z.number().int().nullable(),
    platformFinancingRateBp: z.number().int(),
    orgKind: z.string(),
    // False: nothing set, the defaults apply.
    set: z.boolean(),
  })
  .meta({ id: 'SettlementTerms' });
export type SettlementTermsDto = z.infer<typeof SettlementTermsDto>;

export const SetSettlementTermsInput = z
  .strictObject({
    invoiceRequired: z.boolean(),
    payoutDays: z.number().int().min(0).max(180),
    payoutCycle: z.enum(['daily', 'weekly', 'monthly']),
    // A funder's only; null: the platform's rate; left out: unchanged.
    financingRateBp: z.number().int().min(1).max(MAX_FUNDER_RATE_BP).nullable().optional(),
  })
  .meta({ id: 'SetSettlementTermsInput' });
export type SetSettlementTermsInput = z.infer<typeof SetSettlementTermsInput>;

// An organisation's settlement terms (账期): a payer's rule on invoices, a payee's payment terms
// (T+N after the sale, on a daily, weekly or monthly cycle), and a funder's rate on advances. Read
// by the organisation itself and the platform; set by the platform's finance team.
export async function getSettlementTerms(db: Executor, ctx: Ctx, orgId: string): Promise<SettlementTermsDto> {
  if (!can(ctx.actor, 'statements.read') && !can(ctx.actor, 'payouts.read')) requirePermission(ctx.actor, 'statements.read');
  if (!mayActFor(ctx.actor, orgId)) throw new AppError('not_found', { what: 'organisation' });
  // The organisation and its terms in one read: an organisation that does not exist has none to
  // show (404), where defaults would have answered for any id.
  const [found] = await db.select({ kind: org.kind, terms: settlementTerms }).from(org).leftJoin(settlementTerms, eq(settlementTerms.orgId, org.id)).where(eq(org.id, orgId));
  if (!found) throw new AppError('not_found', { what: 'organisation' });
  const orgKind = found.kind;
  const row = found.terms;
  const rates = { financingRateBp: row?.financingRateBp ?? null, platformFinancingRateBp: ANNUAL_RATE_BP, orgKind };
  if (row) return { orgId, invoiceRequired: row.invoiceRequired, payoutDays: row.payoutDays, payoutCycle: row.payoutCycle, ...rates, set: true };
  // The defaults depend on the kind: a funder's are T+0 (payouts/payees.ts).
  return { orgId, invoiceRequired: true, ...defaultTermsFor(orgKind), ...rates, set: false };
}

export async function setSettlementTerms(tx: Tx, ctx: Ctx, orgId: string, input: SetSettlementTermsInput): Promise<SettlementTermsDto> {
  requirePermission(ctx.actor, 'statements.manage');
  const [o] = await tx.select({ id: org.id, kind: org.kind }).from(org).where(eq(org.id, orgId));
  if (!o) throw new AppError('not_found', { what: 'organisation' });
  if (o.kind === 'platform' || o.kind === 'operator') throw new AppError('validation_failed', { count: 1 }, [{ path: 'orgId', in: 'params', code: 'invalid' }]);
  // A rate on advances is a funder's: the platform's own is the stated one (financing/terms.ts).
  if (input.financingRateBp != null && o.kind !== 'funder') throw new AppError('validation_failed', { count: 1 }, [{ path: 'financingRateBp', in: 'body', code: 'invalid' }]);
  const before = await getSettlementTerms(tx, ctx, orgId);
  // Left out, the funder keeps its rate; null gives it the platform's again.
  const financingRateBp = input.financingRateBp === undefined ? before.financingRateBp : input.financingRateBp;
  const values = { invoiceRequired: input.invoiceRequired, payoutDays: input.payoutDays, payoutCycle: input.payoutCycle, financingRateBp };
  await tx
    .insert(settlementTerms)
    .values({ orgId, ...values, updatedBy: ctx.actor.userId, updatedAt: ctx.now })
    .onConflictDoUpdate({ target: settlementTerms.orgId, set: { ...values, updatedBy: ctx.actor.userId, updatedAt: ctx.now } });
  await recordAudit(tx, ctx, { orgId, objectType: 'settlement_terms', objectId: orgId, action: 'set', data: { before, after: values } });
  return { orgId, ...values, platformFinancingRateBp: ANNUAL_RATE_BP, orgKind: o.kind, set: true };
}
