import { and, desc, eq, gte, ilike, lt, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { addDays } from '../../platform/china-date.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { containsPattern } from '../../platform/like.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { assertMayReadClaims, claimReadScope } from './access.ts';
import { withFacts } from './claim-facts.ts';
import type { ClaimFactsDto } from './dto.ts';
import { claimStatuses } from './lifecycle.ts';
import { dateField } from './schemas.ts';
import { claim } from './tables.ts';

// A range is refused when it ends before it starts, on the field that ends it: an empty page
// would look like "no claims" rather than a mistyped filter.
function orderedRange(from: 'accidentFrom' | 'filedFrom', to: 'accidentTo' | 'filedTo') {
  return (q: Partial<Record<typeof from | typeof to, string>>, ctx: z.RefinementCtx) => {
    const start = q[from];
    const end = q[to];
    if (start !== undefined && end !== undefined && end < start) ctx.addIssue({ code: 'custom', message: 'date_order', path: [to] });
  };
}

// The filters of the list, shared by its export (export-claims.ts).
const claimFilters = {
  status: z.enum(claimStatuses).optional(),
  // A fragment of the claim number, the plate or the VIN (often its last six characters).
  q: z.string().trim().min(1).max(60).optional(),
  // The accident's calendar day, both ends included.
  accidentFrom: dateField.optional(),
  accidentTo: dateField.optional(),
  // The day the claim was filed, in China, both ends included.
  filedFrom: dateField.optional(),
  filedTo: dateField.optional(),
};

export const ClaimFiltersQuery = z.strictObject(claimFilters).superRefine(orderedRange('accidentFrom', 'accidentTo')).superRefine(orderedRange('filedFrom', 'filedTo'));
export type ClaimFiltersQuery = z.infer<typeof ClaimFiltersQuery>;

export const ListClaimsQuery = z
  .strictObject({ ...claimFilters, ...pageQuery })
  .superRefine(orderedRange('accidentFrom', 'accidentTo'))
  .superRefine(orderedRange('filedFrom', 'filedTo'));
export type ListClaimsQuery = z.infer<typeof ListClaimsQuery>;

// Plates are stored without spaces or dots and in upper case; the search text is read the same way.
function plateForm(q: string): string {
  return q
    .normalize('NFKC')
    .replace(/[\s·•.-]+/g, '')
    .toUpperCase();
}

// The instant a China calendar day starts (China keeps UTC+8 all year).
function chinaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

// The claims the caller's organisation may see (its insurer's, or those assigned to its shop),
// newest first, because a worklist starts with what just came in.
export async function listClaims(db: Executor, ctx: Ctx, query: ListClaimsQuery): Promise<Page<ClaimFactsDto>> {
  assertMayReadClaims(ctx.actor);
  const before = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [
    claimReadScope(ctx.actor),
    query.status ? eq(claim.status, query.status) : undefined,
    query.q ? or(ilike(claim.claimNo, containsPattern(query.q)), ilike(claim.plate, containsPattern(plateForm(query.q))), ilike(claim.vin, containsPattern(query.q))) : undefined,
    query.accidentFrom ? gte(claim.accidentDate, query.accidentFrom) : undefined,
    query.accidentTo ? lte(claim.accidentDate, query.accidentTo) : undefined,
    query.filedFrom ? gte(claim.createdAt, chinaDayStart(query.filedFrom)) : undefined,
    query.filedTo ? lt(claim.createdAt, chinaDayStart(addDays(query.filedTo, 1))) : undefined,
    before ? lt(claim.id, before) : undefined,
  ];
  const rows = await db
    .select()
    .from(claim)
    .where(and(...conditions))
    .orderBy(desc(claim.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (row) => row);
  return { items: await withFacts(db, page.items), nextCursor: page.nextCursor };
}
