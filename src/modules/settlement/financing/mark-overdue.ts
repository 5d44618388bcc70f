import { and, eq, lt } from 'drizzle-orm';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db.ts';
import { financingRequest } from '../tables.ts';
import { moveFinancing } from './move-financing.ts';

const MAX_PER_RUN = 1000;

// Advances whose expected payment day has passed unpaid fall overdue (the daily job), each in its
// own transaction, under its row lock (a repayment at the same moment wins or waits).
export async function markOverdue(db: Db, ctx: Ctx): Promise<number> {
  const today = chinaDate(ctx.now);
  const due = await db
    .select({ id: financingRequest.id })
    .from(financingRequest)
    .where(and(eq(financingRequest.status, 'funded'), lt(financingRequest.expectedPayDate, today)))
    .limit(MAX_PER_RUN);
  let n = 0;
  for (const { id } of due) {
    n += await db.transaction(async (tx) => {
      const [r] = await tx.select().from(financingRequest).where(eq(financingRequest.id, id)).for('update');
      if (r?.status !== 'funded') return 0;
      await moveFinancing(tx, ctx, r, 'fall_overdue', {}, { expectedPayDate: r.expectedPayDate });
      return 1;
    });
  }
  return n;
}
