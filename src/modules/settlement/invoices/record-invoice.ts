import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { MAX_MONEY_MOVE_FEN } from '../../../platform/bounds.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import { isUniqueViolation, type Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { fenInput, fenOutput } from '../../../platform/money.ts';
import { findStatement } from '../statements/find-statement.ts';
import { settleIfPaid } from '../statements/settle-if-paid.ts';
import { invoice } from '../tables.ts';

export const RecordInvoiceInput = z
  .strictObject({
    // The tax authority's number: 8 (paper) to 20 (全电 digital) digits.
    invoiceNo: z.string().regex(/^[0-9]{8,20}$/),
    kind: z.enum(['special', 'ordinary']),
    amountFen: fenInput(MAX_MONEY_MOVE_FEN, 1),
    taxFen: fenInput(MAX_MONEY_MOVE_FEN, 0),
    issuedOn: z.iso.date(),
    statementId: z.uuid(),
  })
  .meta({ id: 'RecordInvoiceInput' });
export type RecordInvoiceInput = z.infer<typeof RecordInvoiceInput>;

export const InvoiceDto = z
  .object({
    id: z.uuid(),
    invoiceNo: z.string(),
    kind: z.enum(['special', 'ordinary']),
    amountFen: fenOutput,
    taxFen: fenOutput,
    totalFen: fenOutput,
    issuedOn: z.string(),
    statementId: z.uuid().nullable(),
    payoutId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Invoice' });
export type InvoiceDto = z.infer<typeof InvoiceDto>;

// The platform records the VAT invoice (发票) it issued to a payer for a statement: its number (once
// nationwide), 专票 or 普票, amount and tax. The invoices of a statement add up to at most its total;
// once they cover it, a confirmed and fully paid statement is paid.
export async function recordInvoice(tx: Tx, ctx: Ctx, input: RecordInvoiceInput): Promise<InvoiceDto> {
  requirePermission(ctx.actor, 'statements.manage');
  if (input.issuedOn > chinaDate(ctx.now)) throw new AppError('validation_failed', { count: 1 }, [{ path: 'issuedOn', in: 'body', code: 'invalid' }]);
  const s = await findStatement(tx, ctx.actor, input.statementId, { forUpdate: true });
  if (s.status === 'draft' || s.status === 'cancelled') throw new AppError('invalid_state', { what: 'statement', state: s.status });
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${invoice.totalFen}), 0)::text` })
    .from(invoice)
    .where(eq(invoice.statementId, s.id));
  const total = input.amountFen + input.taxFen;
  // What is left to invoice, tax included; the amount (ex tax) is told its own maximum beside the given tax.
  const room = s.totalFen - BigInt(row?.total ?? '0');
  if (total > room)
    throw new AppError('validation_failed', { count: 1 }, [
      { path: 'amountFen', in: 'body', code: 'too_big_number', params: { maximum: Number(room - input.taxFen > 0n ? room - input.taxFen : 0n) } },
    ]);
  const id = newId();
  try {
    await tx.insert(invoice).values({
      id,
      invoiceNo: input.invoiceNo,
      kind: input.kind,
      issuerOrgId: null,
      receiverOrgId: s.payerOrgId,
      amountFen: input.amountFen,
      taxFen: input.taxFen,
      totalFen: total,
      issuedOn: input.issuedOn,
      statementId: s.id,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    });
  } catch (e) {
    if (isUniqueViolation(e, 'invoice_no_uq')) throw new AppError('conflict', { what: 'invoice', value: input.invoiceNo });
    throw e;
  }
  await recordAudit(tx, ctx, {
    orgId: s.payerOrgId,
    objectType: 'invoice',
    objectId: id,
    action: 'record',
    data: { invoiceNo: input.invoiceNo, kind: input.kind, totalFen: Number(total), statementId: s.id },
  });
  await settleIfPaid(tx, ctx, s);
  return {
    id,
    invoiceNo: input.invoiceNo,
    kind: input.kind,
    amountFen: Number(input.amountFen),
    taxFen: Number(input.taxFen),
    totalFen: Number(total),
    issuedOn: input.issuedOn,
    statementId: s.id,
    payoutId: null,
    createdAt: ctx.now.toISOString(),
  };
}
