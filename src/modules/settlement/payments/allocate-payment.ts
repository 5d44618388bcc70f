import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { MAX_MONEY_MOVE_FEN } from '../../../platform/bounds.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { fenInput } from '../../../platform/money.ts';
import { findStatement } from '../statements/find-statement.ts';
import { settleIfPaid } from '../statements/settle-if-paid.ts';
import { payment, paymentAllocation, statement } from '../tables.ts';
import { leftOf } from './payment-left.ts';

export const AllocatePaymentInput = z.strictObject({ statementId: z.uuid(), amountFen: fenInput(MAX_MONEY_MOVE_FEN, 1) }).meta({ id: 'AllocatePaymentInput' });
export type AllocatePaymentInput = z.infer<typeof AllocatePaymentInput>;

// Matches part of a payment to one of its payer's issued statements (对账核销): at most what is left
// of the payment and at most what the statement still has outstanding, so no fen is counted twice
// and no statement paid beyond its total. The payment and the statement are locked (payment first,
// then statement, in every caller; a refund locks its payment alone, and a refund's decision its
// refund and then its payment: refunds/). A statement covered and confirmed (with its invoices where the
// payer requires them) is paid.
export async function allocatePayment(tx: Tx, ctx: Ctx, paymentId: string, input: AllocatePaymentInput): Promise<void> {
  requirePermission(ctx.actor, 'statements.manage');
  const [p] = await tx.select().from(payment).where(eq(payment.id, paymentId)).for('update');
  if (!p) throw new AppError('not_found', { what: 'payment' });
  const s = await findStatement(tx, ctx.actor, input.statementId, { forUpdate: true });
  if (s.payerOrgId !== p.payerOrgId) throw new AppError('validation_failed', { count: 1 }, [{ path: 'statementId', in: 'body', code: 'invalid' }]);
  if (s.status !== 'issued' && s.status !== 'confirmed' && s.status !== 'disputed') throw new AppError('invalid_state', { what: 'statement', state: s.status });
  const left = leftOf(p);
  const outstanding = s.totalFen - s.paidFen;
  if (input.amountFen > left) throw new AppError('validation_failed', { count: 1 }, [{ path: 'amountFen', in: 'body', code: 'too_big_number', params: { maximum: Number(left) } }]);
  if (input.amountFen > outstanding) throw new AppError('validation_failed', { count: 1 }, [{ path: 'amountFen', in: 'body', code: 'too_big_number', params: { maximum: Number(outstanding) } }]);
  await tx.insert(paymentAllocation).values({ id: newId(), paymentId: p.id, statementId: s.id, amountFen: input.amountFen, createdBy: ctx.actor.userId, createdAt: ctx.now });
  await tx
    .update(payment)
    .set({ allocatedFen: sql`${payment.allocatedFen} + ${input.amountFen}` })
    .where(eq(payment.id, p.id));
  const [after] = await tx
    .update(statement)
    .set({ paidFen: sql`${statement.paidFen} + ${input.amountFen}`, updatedAt: ctx.now })
    .where(and(eq(statement.id, s.id)))
    .returning();
  await recordAudit(tx, ctx, {
    orgId: s.payerOrgId,
    objectType: 'statement',
    objectId: s.id,
    action: 'allocate',
    data: { paymentId: p.id, paymentNo: p.paymentNo, amountFen: Number(input.amountFen) },
  });
  await settleIfPaid(tx, ctx, after!);
}
