import { and, desc, eq, ilike, lt, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { containsPattern } from '../../platform/like.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { assertMayReadClaims, claimReadScope } from './access.ts';
import { toClaimDto, type ClaimDto } from './dto.ts';
import { claimStatuses } from './lifecycle.ts';
import { claim } from './tables.ts';

export const ListClaimsQuery = z.strictObject({
  status: z.enum(claimStatuses).optional(),
  // A fragment of the claim number, the plate or the VIN (often its last six characters).
  q: z.string().trim().min(1).max(60).optional(),
  ...pageQuery,
});
export type ListClaimsQuery = z.infer<typeof ListClaimsQuery>;

// Plates are stored without spaces or dots and in upper case; the search text is read the same way.
function plateForm(q: string): string {
  return q.normalize('NFKC').replace(/[\s·•.\-]+/g, '').toUpperCase();
}

// The claims the caller's organisation may see (its insurer's, or those assigned to its shop),
// newest first, because a worklist starts with what just came in.
export async function listClaims(db: Executor, ctx: Ctx, query: ListClaimsQuery): Promise<Page<ClaimDto>> {
  assertMayReadClaims(ctx.actor);
  const before = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [
    claimReadScope(ctx.actor),
    query.status ? eq(claim.status, query.status) : undefined,
    query.q
      ? or(ilike(claim.claimNo, containsPattern(query.q)), ilike(claim.plate, containsPattern(plateForm(query.q))), ilike(claim.vin, containsPattern(query.q)))
      : undefined,
    before ? lt(claim.id, before) : undefined,
  ];
  const rows = await db.select().from(claim).where(and(...conditions)).orderBy(desc(claim.id)).limit(query.limit + 1);
  return toPage(rows, query.limit, toClaimDto);
}
