import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { MAX_MONEY_MOVE_FEN } from '../../../platform/bounds.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import { isUniqueViolation, type Tx } from '../../../platform/db.ts';
import { AppError, invalidField } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { fenInput } from '../../../platform/money.ts';
import { findPayout } from '../payouts/move-payout.ts';
import { findStatement } from '../statements/find-statement.ts';
import { settleIfPaid } from '../statements/settle-if-paid.ts';
import { invoice } from '../tables.ts';
import { findInvoice } from './find-invoice.ts';
import { type InvoiceDto, toInvoiceDto } from './invoice-dto.ts';

export { InvoiceDto } from './invoice-dto.ts';

export const RecordInvoiceInput = z
  .strictObject({
    // The tax authority's number: 8 (paper) to 20 (全电 digital) digits.
    invoiceNo: z.string().regex(/^[0-9]{8,20}$/),
    // A red-letter invoice takes its blue one's.
    kind: z.enum(['special', 'ordinary']).optional(),
    // What it is for: the platform's invoice to a payer for a statement, a payee's to the platform
    // for a payout, or a red-letter invoice (红字发票) taking back part or all of an earlier one.
    // Amounts are given positive; a red-letter invoice is kept negative.
    amountFen: fenInput(MAX_MONEY_MOVE_FEN, 1),
    taxFen: fenInput(MAX_MONEY_MOVE_FEN, 0),
    issuedOn: z.iso.date(),
    statementId: z.uuid().optional(),
    payoutId: z.uuid().optional(),
    reversesInvoiceId: z.uuid().optional(),
  })
  .superRefine((v, c) => {
    const named = [v.statementId, v.payoutId, v.reversesInvoiceId].filter((x) => x !== undefined).length;
    if (named !== 1) c.addIssue({ code: 'custom', path: ['statementId'], message: 'invoice_target' });
    if (v.reversesInvoiceId === undefined && v.kind === undefined) c.addIssue({ code: 'custom', path: ['kind'], message: 'required' });
  })
  .meta({ id: 'RecordInvoiceInput' });
export type RecordInvoiceInput = z.infer<typeof RecordInvoiceInput>;

// Records a VAT invoice (发票), each number once nationwide:
// - the platform's to a payer for a statement (statements.manage): the statement's invoices add up
//   to at most its total; once they cover it, a confirmed and fully paid statement is paid;
// - a payee's to the platform for a payout (a supplier invoices the goods it was paid for, a shop
//   its handling fees), recorded by the platform's finance team as it receives them
//   (payouts.manage): at most what the payout paid for before fees and corrections (its credits);
// - a red-letter invoice (红字发票) against one of those: the same kind, its amounts taken back (kept
//   negative, so a statement's or payout's invoices still add up), at most what is left of the blue
//   one. A statement credited after it was invoiced (a dispute, a return) is invoiced down this way.
export async function recordInvoice(tx: Tx, ctx: Ctx, input: RecordInvoiceInput): Promise<InvoiceDto> {
  if (input.issuedOn > chinaDate(ctx.now)) throw invalidField('issuedOn', 'invalid');
  const total = input.amountFen + input.taxFen;
  const target = await targetOf(tx, ctx, input);
  // What is left, tax included; the amount (ex tax) is told its own maximum beside the given tax.
  if (total > target.room) throw invalidField('amountFen', 'too_big_number', { maximum: Number(target.room - input.taxFen > 0n ? target.room - input.taxFen : 0n) });
  const sign = target.red ? -1n : 1n;
  const id = newId();
  const row = {
    id,
    invoiceNo: input.invoiceNo,
    kind: target.kind ?? input.kind!,
    issuerOrgId: target.issuerOrgId,
    receiverOrgId: target.receiverOrgId,
    amountFen: sign * input.amountFen,
    taxFen: sign * input.taxFen,
    totalFen: sign * total,
    issuedOn: input.issuedOn,
    statementId: target.statementId,
    payoutId: target.payoutId,
    reversesInvoiceId: input.reversesInvoiceId ?? null,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
  };
  try {
    await tx.insert(invoice).values(row);
  } catch (e) {
    if (isUniqueViolation(e, 'invoice_no_uq')) throw new AppError('conflict', { what: 'invoice', value: input.invoiceNo });
    throw e;
  }
  await recordAudit(tx, ctx, {
    orgId: target.auditOrgId,
    objectType: 'invoice',
    objectId: id,
    action: target.red ? 'red_letter' : 'record',
    data: { invoiceNo: input.invoiceNo, kind: row.kind, totalFen: Number(row.totalFen), statementId: row.statementId, payoutId: row.payoutId, reversesInvoiceId: row.reversesInvoiceId },
  });
  if (target.statement && !target.red) await settleIfPaid(tx, ctx, target.statement);
  return toInvoiceDto(row);
}

type Target = {
  statementId: string | null;
  payoutId: string | null;
  statement: Awaited<ReturnType<typeof findStatement>> | null;
  issuerOrgId: string | null;
  receiverOrgId: string | null;
  auditOrgId: string;
  kind: 'special' | 'ordinary' | null;
  red: boolean;
  // How much more may be invoiced (or taken back, for a red-letter one), tax included.
  room: bigint;
};

const invoicedOn = async (tx: Tx, column: typeof invoice.statementId | typeof invoice.payoutId | typeof invoice.reversesInvoiceId, id: string) => {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${invoice.totalFen}), 0)::text` })
    .from(invoice)
    .where(eq(column, id));
  return BigInt(row?.total ?? '0');
};

async function targetOf(tx: Tx, ctx: Ctx, input: RecordInvoiceInput): Promise<Target> {
  if (input.statementId) {
    requirePermission(ctx.actor, 'statements.manage');
    const s = await findStatement(tx, ctx.actor, input.statementId, { forUpdate: true });
    if (s.status === 'draft' || s.status === 'cancelled') throw new AppError('invalid_state', { what: 'statement', state: s.status });
    const room = s.totalFen - (await invoicedOn(tx, invoice.statementId, s.id));
    return { statementId: s.id, payoutId: null, statement: s, issuerOrgId: null, receiverOrgId: s.payerOrgId, auditOrgId: s.payerOrgId, kind: null, red: false, room };
  }
  if (input.payoutId) {
    requirePermission(ctx.actor, 'payouts.manage');
    const p = await findPayout(tx, ctx, input.payoutId, { forUpdate: true });
    if (p.status === 'returned') throw new AppError('invalid_state', { what: 'payout', state: p.status });
    const room = p.creditsFen - (await invoicedOn(tx, invoice.payoutId, p.id));
    return { statementId: null, payoutId: p.id, statement: null, issuerOrgId: p.payeeOrgId, receiverOrgId: null, auditOrgId: p.payeeOrgId, kind: null, red: false, room };
  }
  const blue = await findInvoice(tx, ctx, input.reversesInvoiceId!, { forUpdate: true });
  requirePermission(ctx.actor, blue.statementId ? 'statements.manage' : 'payouts.manage');
  if (blue.reversesInvoiceId) throw invalidField('reversesInvoiceId', 'invalid');
  if (input.kind !== undefined && input.kind !== blue.kind) throw invalidField('kind', 'invalid_value', { values: [blue.kind] });
  // What is left of it: its total less the red-letter ones already against it (negative).
  const room = blue.totalFen + (await invoicedOn(tx, invoice.reversesInvoiceId, blue.id));
  return {
    statementId: blue.statementId,
    payoutId: blue.payoutId,
    statement: null,
    issuerOrgId: blue.issuerOrgId,
    receiverOrgId: blue.receiverOrgId,
    auditOrgId: blue.receiverOrgId ?? blue.issuerOrgId!,
    kind: blue.kind,
    red: true,
    room,
  };
}
