import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../../platform/pagination.ts';
import { inquiry } from '../tables.ts';
import { inquiryScope, inquiryViewer } from './access.ts';
import { toInquirySummary, type InquirySummaryDto } from './dto.ts';
import { inquiryStatuses } from './lifecycle.ts';
import { closeIfDue } from './state.ts';

export const ListInquiriesQuery = z.strictObject({
  status: z.enum(inquiryStatuses).optional(),
  ...pageQuery,
});
export type ListInquiriesQuery = z.infer<typeof ListInquiriesQuery>;

// The inquiries the caller may see (its insurer's, or those its supplier was invited to), newest
// first. Overdue open ones are closed before the page is read, so the statuses shown are true and
// a `status=open` filter does not list an inquiry that no longer takes bids.
export async function listInquiries(db: Db, ctx: Ctx, query: ListInquiriesQuery): Promise<Page<InquirySummaryDto>> {
  const viewer = inquiryViewer(ctx.actor);
  const before = decodeCursor(query.cursor);
  const read = () => {
    const conditions: (SQL | undefined)[] = [
      inquiryScope(viewer),
      query.status ? eq(inquiry.status, query.status) : undefined,
      before ? lt(inquiry.id, before) : undefined,
    ];
    return db.select().from(inquiry).where(and(...conditions)).orderBy(desc(inquiry.id)).limit(query.limit + 1);
  };
  let rows = await read();
  if (await closeIfDue(db, rows, ctx.now)) rows = await read();
  return toPage(rows, query.limit, (row) => toInquirySummary(row, viewer.side === 'insurer'));
}
