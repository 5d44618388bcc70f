import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { findPayout } from '../payouts/move-payout.ts';
import { findStatement } from '../statements/find-statement.ts';
import { invoice } from '../tables.ts';
import { type InvoiceDto, toInvoiceDto } from './invoice-dto.ts';

export const ListInvoicesQuery = z.strictObject({ statementId: z.uuid().optional(), payoutId: z.uuid().optional() });
export type ListInvoicesQuery = z.infer<typeof ListInvoicesQuery>;

// A statement's invoices (for its payer and the platform, as the statement itself) or a payout's
// (for its payee and the platform), red-letter ones among them, in the order they were recorded: a
// statement or payout has a handful.
export async function listInvoices(db: Executor, ctx: Ctx, query: ListInvoicesQuery): Promise<{ items: InvoiceDto[] }> {
  if ((query.statementId === undefined) === (query.payoutId === undefined)) throw new AppError('validation_failed', { count: 1 }, [{ path: 'statementId', in: 'querystring', code: 'invoice_target' }]);
  let where: ReturnType<typeof eq>;
  if (query.statementId) {
    requirePermission(ctx.actor, 'statements.read');
    where = eq(invoice.statementId, (await findStatement(db, ctx.actor, query.statementId)).id);
  } else {
    requirePermission(ctx.actor, 'payouts.read');
    where = eq(invoice.payoutId, (await findPayout(db, ctx, query.payoutId!)).id);
  }
  const rows = await db.select().from(invoice).where(where).orderBy(asc(invoice.createdAt), asc(invoice.id)).limit(500);
  return { items: rows.map(toInvoiceDto) };
}
