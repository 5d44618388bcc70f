import { and, desc, eq, gt, lt, lte, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../../platform/pagination.ts';
import { inquiry } from '../tables.ts';
import { inquiryScope, inquiryViewer } from './access.ts';
import { toInquirySummary, type InquirySummaryDto } from './dto.ts';
import { inquiryStatuses } from './lifecycle.ts';
import { asShown } from './state.ts';
import type { InquiryState } from './lifecycle.ts';

export const ListInquiriesQuery = z.strictObject({
  status: z.enum(inquiryStatuses).optional(),
  ...pageQuery,
});
export type ListInquiriesQuery = z.infer<typeof ListInquiriesQuery>;

// The inquiries the caller may see (its insurer's, or those its supplier was invited to), newest
// first. Overdue open ones show closed before the deadline job has written them so (asShown), and
// the status filter goes by what is shown: `status=open` lists no inquiry that no longer takes bids.
export async function listInquiries(db: Executor, ctx: Ctx, query: ListInquiriesQuery): Promise<Page<InquirySummaryDto>> {
  const viewer = inquiryViewer(ctx.actor);
  const before = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [inquiryScope(viewer), query.status ? shownStatusIs(query.status, ctx.now) : undefined, before ? lt(inquiry.id, before) : undefined];
  const rows = await db
    .select()
    .from(inquiry)
    .where(and(...conditions))
    .orderBy(desc(inquiry.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => toInquirySummary(asShown(row, ctx.now), viewer.side === 'insurer'));
}

// The status as shown (effectiveState) in SQL: open means before the deadline; closed includes the
// open ones past it.
function shownStatusIs(status: InquiryState, now: Date): SQL {
  if (status === 'open') return and(eq(inquiry.status, 'open'), gt(inquiry.deadlineAt, now))!;
  if (status === 'closed') return or(eq(inquiry.status, 'closed'), and(eq(inquiry.status, 'open'), lte(inquiry.deadlineAt, now)))!;
  return eq(inquiry.status, status);
}
