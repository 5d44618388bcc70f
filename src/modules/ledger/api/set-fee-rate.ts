import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { supplierFeeRate } from '../tables.ts';
import { feeRateSupplier, feeRatesOf, MAX_FEE_BP, type FeeRatesDto } from './fee-rates.ts';

export const SetFeeRateInput = z
  .strictObject({
    // The platform's fee on the supplier's sales, in basis points of their net amount (300 = 3 %).
    rateBp: z.number().int().min(0).max(MAX_FEE_BP),
    // The first day (China time) of sales charged at it: today or later.
    fromDate: z.iso.date(),
  })
  .meta({ id: 'SetFeeRateInput' });
export type SetFeeRateInput = z.infer<typeof SetFeeRateInput>;

// Sets a supplier's fee rate from a day on (the platform's administrators and finance team). A
// sale is charged the rate in force on its day, so a rate may start today or later, never earlier:
// an earlier day would change what sales already made should have been charged. Setting a rate
// for a day that has one replaces it, audited with what it was.
export async function setFeeRate(tx: Tx, ctx: Ctx, supplierOrgId: string, input: SetFeeRateInput): Promise<FeeRatesDto> {
  requirePermission(ctx.actor, 'ledger.manage');
  const supplier = await feeRateSupplier(tx, ctx.actor, supplierOrgId);
  const today = chinaDate(ctx.now);
  if (input.fromDate < today) throw new AppError('fee_rate_backdated', { today }, [{ path: 'fromDate', in: 'body', code: 'date_in_past' }]);

  const [before] = await tx
    .select({ rateBp: supplierFeeRate.rateBp })
    .from(supplierFeeRate)
    .where(and(eq(supplierFeeRate.supplierOrgId, supplier.id), eq(supplierFeeRate.fromDate, input.fromDate)));
  await tx
    .insert(supplierFeeRate)
    .values({ supplierOrgId: supplier.id, fromDate: input.fromDate, rateBp: input.rateBp, setBy: ctx.actor.userId, setAt: ctx.now })
    .onConflictDoUpdate({
      target: [supplierFeeRate.supplierOrgId, supplierFeeRate.fromDate],
      set: { rateBp: input.rateBp, setBy: ctx.actor.userId, setAt: ctx.now },
    });
  await recordAudit(tx, ctx, {
    orgId: supplier.id,
    objectType: 'supplier_fee_rate',
    objectId: supplier.id,
    action: 'set_fee_rate',
    data: { fromDate: input.fromDate, before: before?.rateBp ?? null, after: input.rateBp },
  });
  return feeRatesOf(tx, ctx, supplier, { limit: 50 });
}
