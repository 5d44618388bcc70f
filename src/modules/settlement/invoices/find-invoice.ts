import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { findPayout } from '../payouts/move-payout.ts';
import { findStatement } from '../statements/find-statement.ts';
import { invoice } from '../tables.ts';

export type InvoiceRow = typeof invoice.$inferSelect;

// An invoice the actor may see, or 404: whoever may see its statement (the payer, the platform) or
// its payout (the payee, the platform).
export async function findInvoice(exec: Executor, ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}): Promise<InvoiceRow> {
  const q = exec.select().from(invoice).where(eq(invoice.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found', { what: 'invoice' });
  try {
    if (row.statementId) await findStatement(exec, ctx.actor, row.statementId);
    else await findPayout(exec, ctx, row.payoutId!);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') throw new AppError('not_found', { what: 'invoice' });
    throw e;
  }
  return row;
}
