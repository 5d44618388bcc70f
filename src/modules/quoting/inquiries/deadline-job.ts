import type { Db } from '../../../platform/db.ts';
import { startJob, type JobLog, type RunningJob } from '../../../platform/jobs.ts';
import { CLOSE_BATCH, closeDueInquiries } from './state.ts';

// Inquiry deadlines, kept by the clock rather than by whoever reads next: every few seconds each app
// process closes the open inquiries whose deadline has passed, and so merges their bids into their
// quote lines (closeLockedInquiry). Several processes share the work without doing any of it twice:
// each takes the due rows with SKIP LOCKED and closes them in the same transaction, and a row
// already closed is no longer due. Until the job comes round, reads show an overdue inquiry as
// closed (effectiveState) and write nothing.

export const DEADLINE_CHECK_MS = 5_000;

export function startInquiryDeadlineJob(opts: { db: Db; log: JobLog; everyMs?: number; firstAfterMs?: number }): RunningJob<number> {
  return startJob(
    {
      name: 'inquiry deadlines',
      everyMs: opts.everyMs ?? DEADLINE_CHECK_MS,
      ...(opts.firstAfterMs === undefined ? {} : { firstAfterMs: opts.firstAfterMs }),
      run: (clock) => closeDueInquiries(opts.db, clock()),
      more: (closed) => closed === CLOSE_BATCH,
      report(closed, log) {
        if (closed > 0) log.info({ closed }, 'inquiries closed at their deadline');
      },
    },
    opts.log,
  );
}
