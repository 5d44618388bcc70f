import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { vehicleModel } from '../../catalog/index.ts';
import { assessment, claim, claimReadScope } from '../../claims/index.ts';
import { requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../../platform/pagination.ts';
import { quote, quoteLine } from '../tables.ts';

export const ListWaitingQuery = z.strictObject({ ...pageQuery });
export type ListWaitingQuery = z.infer<typeof ListWaitingQuery>;

// One quoted version that waits for the insurer's price checker (核价待办).
export const WaitingQuoteDto = z
  .object({
    quoteId: z.uuid(),
    assessmentId: z.uuid(),
    claimId: z.uuid(),
    claimNo: z.string(),
    plate: z.string(),
    vin: z.string(),
    version: z.number().int(),
    // The claim's vehicle model in words (brand series model), null when the VIN matched none.
    vehicle: z.string().nullable(),
    quotedAt: z.string(),
    // Lines still waiting for a human, and the version's quoted lines.
    pendingLines: z.number().int(),
    lines: z.number().int(),
  })
  .meta({ id: 'WaitingQuote' });
export type WaitingQuoteDto = z.infer<typeof WaitingQuoteDto>;

// The price checker's queue: quoted versions of the caller's insurer with at least one line that
// still needs a human, oldest quote first (whoever waited longest is served first). Keyset-paged
// by the quote's id (UUIDv7, so by the time it was quoted).
export async function listWaitingQuotes(db: Executor, ctx: Ctx, query: ListWaitingQuery): Promise<Page<WaitingQuoteDto>> {
  requirePermission(ctx.actor, 'prices.approve');
  const after = decodeCursor(query.cursor);
  const pending = sql<number>`count(*) filter (where ${quoteLine.approval} = 'pending')::int`;
  const conditions: (SQL | undefined)[] = [claimReadScope(ctx.actor), eq(claim.insurerOrgId, quote.insurerOrgId), eq(assessment.status, 'quoted'), after ? gt(quote.id, after) : undefined];
  const rows = await db
    .select({
      id: quote.id,
      assessmentId: quote.assessmentId,
      claimId: quote.claimId,
      claimNo: claim.claimNo,
      plate: claim.plate,
      vin: claim.vin,
      version: assessment.version,
      brand: vehicleModel.brand,
      series: vehicleModel.series,
      model: vehicleModel.model,
      quotedAt: quote.createdAt,
      pendingLines: pending,
      lines: sql<number>`count(*)::int`,
    })
    .from(quote)
    .innerJoin(assessment, eq(assessment.id, quote.assessmentId))
    .innerJoin(claim, eq(claim.id, quote.claimId))
    .innerJoin(quoteLine, eq(quoteLine.quoteId, quote.id))
    .leftJoin(vehicleModel, eq(vehicleModel.id, claim.vehicleModelId))
    .where(and(...conditions))
    .groupBy(quote.id, assessment.id, claim.id, vehicleModel.id)
    .having(sql`${pending} > 0`)
    .orderBy(asc(quote.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => ({
    quoteId: r.id,
    assessmentId: r.assessmentId,
    claimId: r.claimId,
    claimNo: r.claimNo,
    plate: r.plate,
    vin: r.vin,
    version: r.version,
    vehicle: r.brand === null ? null : [r.brand, r.series, r.model].filter(Boolean).join(' '),
    quotedAt: r.quotedAt.toISOString(),
    pendingLines: Number(r.pendingLines),
    lines: Number(r.lines),
  }));
}
