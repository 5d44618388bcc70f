import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission, tenantScope } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../../platform/pagination.ts';
import { offer } from '../tables.ts';
import { toOfferDto, type OfferDto } from './dto.ts';

export const ListOffersQuery = z.strictObject({
  productId: z.uuid().optional(),
  ...pageQuery,
});
export type ListOffersQuery = z.infer<typeof ListOffersQuery>;

// The offers a supplier manages (every supplier's, for the platform). A foreign productId is not
// an error: it is ANDed with the tenant scope and finds nothing.
export async function listOffers(db: Executor, ctx: Ctx, query: ListOffersQuery): Promise<Page<OfferDto>> {
  requirePermission(ctx.actor, 'products.manage');
  const after = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [tenantScope(ctx.actor, offer.supplierOrgId), query.productId ? eq(offer.productId, query.productId) : undefined, after ? gt(offer.id, after) : undefined];
  const rows = await db
    .select()
    .from(offer)
    .where(and(...conditions))
    .orderBy(asc(offer.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toOfferDto);
}
