import { and, desc, eq, lt, lte } from 'drizzle-orm';
import { z } from 'zod';
import { isPlatform, requirePermission, type Actor } from '../../../platform/access.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { pageQuery } from '../../../platform/pagination.ts';
import { org } from '../../identity/index.ts';
import { DEFAULT_FEE_BP } from '../fee-rates.ts';
import { supplierFeeRate } from '../tables.ts';
import { LedgerOrgDto } from './accounts.ts';
import { decodeDayCursor, encodeDayCursor } from './cursor.ts';

// The highest fee rate the platform may set: 30 %, as supplier_fee_rate's CHECK says.
export const MAX_FEE_BP = 3000;

export const FeeRatesQuery = z.strictObject({ ...pageQuery });
export type FeeRatesQuery = z.infer<typeof FeeRatesQuery>;

export const FeeRatesDto = z
  .object({
    supplier: LedgerOrgDto,
    // Today in China, and the rate a sale made today is charged: the newest rate from today or
    // before, or the default when the platform set none.
    today: z.string(),
    defaultRateBp: z.number().int(),
    inForce: z.object({ rateBp: z.number().int(), fromDate: z.string().nullable() }),
    // Every dated rate, newest first (those set for later days first).
    items: z.array(
      z.object({
        fromDate: z.string(),
        rateBp: z.number().int(),
        inForce: z.boolean(),
        setBy: z.uuid().nullable(),
        setAt: z.string(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'SupplierFeeRates' });
export type FeeRatesDto = z.infer<typeof FeeRatesDto>;

type Supplier = { id: string; name: string };

// The supplier whose rates are read or set. The platform may name any organisation; a supplier only
// itself (anyone else's are not found). An organisation that is not a supplier has no fee rate.
export async function feeRateSupplier(exec: Executor, actor: Actor, supplierOrgId: string): Promise<Supplier> {
  if (!isPlatform(actor) && actor.orgId !== supplierOrgId) throw notFound('organisation');
  const [o] = await exec.select({ id: org.id, kind: org.kind, name: org.name }).from(org).where(eq(org.id, supplierOrgId));
  if (!o) throw notFound('organisation');
  if (o.kind !== 'supplier') throw new AppError('fee_rate_org_kind', { name: o.name });
  return { id: o.id, name: o.name };
}

export async function getFeeRates(db: Executor, ctx: Ctx, supplierOrgId: string, query: FeeRatesQuery): Promise<FeeRatesDto> {
  requirePermission(ctx.actor, 'ledger.read');
  return feeRatesOf(db, ctx, await feeRateSupplier(db, ctx.actor, supplierOrgId), query);
}

// A supplier's rates, a keyset page by day, newest first, with the one in force today marked.
export async function feeRatesOf(exec: Executor, ctx: Ctx, supplier: Supplier, query: FeeRatesQuery): Promise<FeeRatesDto> {
  const today = chinaDate(ctx.now);
  // The rate in force as a sale made today reads it (fee-rates.ts, feeRatesOn).
  const before = decodeDayCursor(query.cursor);
  const [current] = await exec
    .select({ fromDate: supplierFeeRate.fromDate, rateBp: supplierFeeRate.rateBp })
    .from(supplierFeeRate)
    .where(and(eq(supplierFeeRate.supplierOrgId, supplier.id), lte(supplierFeeRate.fromDate, today)))
    .orderBy(desc(supplierFeeRate.fromDate))
    .limit(1);
  const rows = await exec
    .select()
    .from(supplierFeeRate)
    .where(and(eq(supplierFeeRate.supplierOrgId, supplier.id), before ? lt(supplierFeeRate.fromDate, before) : undefined))
    .orderBy(desc(supplierFeeRate.fromDate))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const kept = more ? rows.slice(0, query.limit) : rows;
  return {
    supplier,
    today,
    defaultRateBp: DEFAULT_FEE_BP,
    inForce: current ? { rateBp: current.rateBp, fromDate: current.fromDate } : { rateBp: DEFAULT_FEE_BP, fromDate: null },
    items: kept.map((r) => ({ fromDate: r.fromDate, rateBp: r.rateBp, inForce: r.fromDate === current?.fromDate, setBy: r.setBy, setAt: r.setAt.toISOString() })),
    nextCursor: more ? encodeDayCursor(kept.at(-1)!.fromDate) : null,
  };
}
