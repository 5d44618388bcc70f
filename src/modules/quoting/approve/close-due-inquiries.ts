import { and, eq, lte } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import { closeDueInquiries } from '../inquiries/index.ts';
import { inquiry, quote, quoteLine } from '../tables.ts';

// A version's quote has at most a few inquiries (one open per line at a time).
const MAX_INQUIRIES = 1000;

// Before a price check: the version's inquiries found past their deadline are closed (and so their
// bids merged), so the checker decides on what the lines hold even if the deadline job has not come
// round yet. The write is the one the job would make, done once (closeDueInquiries).
export async function closeDueInquiriesOfVersion(db: Db, assessmentId: string, now: Date): Promise<void> {
  const due = await db
    .select({ id: inquiry.id })
    .from(inquiry)
    .innerJoin(quoteLine, eq(quoteLine.id, inquiry.quoteLineId))
    .innerJoin(quote, eq(quote.id, quoteLine.quoteId))
    .where(and(eq(quote.assessmentId, assessmentId), eq(inquiry.status, 'open'), lte(inquiry.deadlineAt, now)))
    .limit(MAX_INQUIRIES);
  if (due.length > 0) await closeDueInquiries(db, now, { ids: due.map((d) => d.id), limit: due.length });
}
