import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import type { AnyCtx, SystemCtx } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { emitEvent } from '../../../platform/outbox.ts';
import { bid, inquiry } from '../tables.ts';
import { transition, type InquiryEvent, type InquiryState } from './lifecycle.ts';
import { mergeBidsIntoQuote } from './merge-into-quote.ts';

type InquiryRow = typeof inquiry.$inferSelect;

// An open inquiry whose deadline has passed is closed in substance even before the deadline job
// has written it so: no bid, escalation or withdrawal may touch it any more.
export function effectiveState(row: Pick<InquiryRow, 'status' | 'deadlineAt'>, now: Date): InquiryState {
  return row.status === 'open' && row.deadlineAt.getTime() <= now.getTime() ? 'closed' : row.status;
}

// The row as reads show it: an overdue open inquiry as closed at its deadline, as the job will
// write it (closeLockedInquiry dates an expiry at the deadline), so a read needs to write nothing.
export function asShown(row: InquiryRow, now: Date): InquiryRow {
  return effectiveState(row, now) === row.status ? row : { ...row, status: 'closed', closedAt: row.deadlineAt };
}

// Asks the transition table about an event on a (locked) inquiry; a refusal is a 409 naming the
// state as the caller would see it.
export function assertTransition(row: InquiryRow, event: InquiryEvent, now: Date): InquiryState {
  const from = effectiveState(row, now);
  const step = transition(from, event);
  if (!step.ok) throw new AppError('invalid_state', { what: 'inquiry', state: from, event });
  return step.to;
}

// Ends bidding on a locked open inquiry, by the insurer (`close`, now) or by the clock (`expire`,
// dated at the deadline, when bidding really ended), and merges the unsealed bids into the quote
// line in the same transaction (see mergeBidsIntoQuote): every path that closes an inquiry comes
// through here, so none can leave its bids out of the quote. The insurer hears of it, with what
// the merge did.
export async function closeLockedInquiry(tx: Tx, ctx: AnyCtx, row: InquiryRow, event: 'close' | 'expire'): Promise<InquiryRow> {
  const to = transition(row.status, event);
  if (!to.ok) throw new AppError('invalid_state', { what: 'inquiry', state: row.status, event });
  const closedAt = event === 'expire' ? row.deadlineAt : ctx.now;
  const [after] = await tx.update(inquiry).set({ status: to.to, closedAt }).where(eq(inquiry.id, row.id)).returning();
  const bids = await tx.select({ id: bid.id }).from(bid).where(eq(bid.inquiryId, row.id));
  const merge = await mergeBidsIntoQuote(tx, ctx, after!);
  await recordAudit(tx, ctx, {
    orgId: row.insurerOrgId,
    objectType: 'inquiry',
    objectId: row.id,
    action: event,
    fromState: row.status,
    toState: to.to,
    data: { bidCount: bids.length, merge },
  });
  await emitEvent(tx, ctx, {
    orgId: row.insurerOrgId,
    type: 'inquiry.closed',
    payload: { inquiryId: row.id, quoteLineId: row.quoteLineId, claimId: row.claimId, closedAt: closedAt.toISOString(), by: event, bidCount: bids.length, merge },
  });
  return after!;
}

// How many overdue inquiries one call closes; a worker calls again while it returns a full batch.
export const CLOSE_BATCH = 100;

// Closes open inquiries whose deadline has passed, for the deadline job (deadline-job.ts) and for a
// command that must decide on merged bids (the price check). Rows another transaction holds are
// skipped and left to the next call. Returns how many were closed.
export async function closeDueInquiries(db: Db, now: Date, opts: { ids?: readonly string[]; limit?: number } = {}): Promise<number> {
  const ctx: SystemCtx = { actor: null, requestId: `inquiry-deadline-${newId()}`, now };
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(inquiry)
      .where(and(eq(inquiry.status, 'open'), lte(inquiry.deadlineAt, now), opts.ids ? inArray(inquiry.id, [...opts.ids]) : undefined))
      .orderBy(asc(inquiry.deadlineAt))
      .limit(opts.limit ?? CLOSE_BATCH)
      .for('update', { skipLocked: true });
    for (const row of due) await closeLockedInquiry(tx, ctx, row, 'expire');
    return due.length;
  });
}
