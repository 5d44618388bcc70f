import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { repayFinancing } from '../financing/repay-financing.ts';
import { invoice } from '../tables.ts';
import type { StatementRow } from './find-statement.ts';
import { moveStatement } from './move-statement.ts';

// A confirmed statement is paid when payments matched to it cover its total and, where its payer
// requires them, its invoices are recorded for the total. Asked after every step that could
// complete it: a payment matched, the statement confirmed or its dispute settled, an invoice
// recorded. Returns whether it answered whether anything is missing, and what.
export async function settleIfPaid(tx: Tx, ctx: Ctx, s: StatementRow): Promise<{ paid: boolean; invoicedFen: bigint }> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${invoice.totalFen}), 0)::text` })
    .from(invoice)
    .where(eq(invoice.statementId, s.id));
  const invoicedFen = BigInt(row?.total ?? '0');
  if (s.status !== 'confirmed' || s.paidFen < s.totalFen) return { paid: false, invoicedFen };
  if (s.invoiceRequired && invoicedFen < s.totalFen) return { paid: false, invoicedFen };
  await moveStatement(tx, ctx, s, 'pay', {}, { paidFen: Number(s.paidFen), invoicedFen: Number(invoicedFen) });
  // The funder of any financed line on it is repaid first.
  await repayFinancing(tx, ctx, s.id);
  return { paid: true, invoicedFen };
}
