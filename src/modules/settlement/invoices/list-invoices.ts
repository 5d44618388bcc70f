import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { fenToJson } from '../../../platform/money.ts';
import { findStatement } from '../statements/find-statement.ts';
import { invoice } from '../tables.ts';
import type { InvoiceDto } from './record-invoice.ts';

export const ListInvoicesQuery = z.strictObject({ statementId: z.uuid() });

// A statement's invoices, in the order they were recorded (a statement has a handful): for its
// payer and the platform, as the statement itself.
export async function listInvoices(db: Executor, ctx: Ctx, statementId: string): Promise<{ items: InvoiceDto[] }> {
  requirePermission(ctx.actor, 'statements.read');
  const s = await findStatement(db, ctx.actor, statementId);
  const rows = await db.select().from(invoice).where(eq(invoice.statementId, s.id)).orderBy(asc(invoice.createdAt), asc(invoice.id)).limit(500);
  return {
    items: rows.map((r) => ({
      id: r.id,
      invoiceNo: r.invoiceNo,
      kind: r.kind,
      amountFen: fenToJson(r.amountFen),
      taxFen: fenToJson(r.taxFen),
      totalFen: fenToJson(r.totalFen),
      issuedOn: r.issuedOn,
      statementId: r.statementId,
      payoutId: r.payoutId,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
