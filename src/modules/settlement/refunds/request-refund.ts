import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { actorId, requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { MAX_MONEY_MOVE_FEN } from '../../../platform/bounds.ts';
import { chinaDate } from '../../../platform/china-date.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { fenInput, yuanText } from '../../../platform/money.ts';
import { leftOf } from '../payments/payment-left.ts';
import { payment, paymentRefund } from '../tables.ts';
import { documentNo } from '../document-no.ts';

export const RequestRefundInput = z
  .strictObject({
    amountFen: fenInput(MAX_MONEY_MOVE_FEN, 1),
    // Why it goes back (多付、重复付款…), as the approver and the payer read it.
    reason: z.string().trim().min(1).max(500),
    // The account to send it to (收款账号), when not the one it came from; required when the payment
    // does not say where it came from.
    toAccount: z.string().trim().min(1).max(64).optional(),
  })
  .meta({ id: 'RequestRefundInput' });
export type RequestRefundInput = z.infer<typeof RequestRefundInput>;

// The platform's finance team asks to send back part of a payment that no statement took (退款申请):
// at most what is left of it, unmatched and not already asked back. The amount is held on the
// payment at once (refunded_fen), so no match takes it while a second person decides
// (decide-refund.ts); nothing moves in the ledger until then. The payment is locked, as a match
// locks it (allocate-payment.ts), so the two never count the same fen; a decision locks the refund
// and then its payment, and this locks no refund, so the two orders never cross.
export async function requestRefund(tx: Tx, ctx: Ctx, paymentId: string, input: RequestRefundInput): Promise<string> {
  requirePermission(ctx.actor, 'statements.manage');
  const [p] = await tx.select().from(payment).where(eq(payment.id, paymentId)).for('update');
  if (!p) throw new AppError('not_found', { what: 'payment' });
  const left = leftOf(p);
  const toAccount = input.toAccount ?? p.payerAccount;
  if (!toAccount) throw new AppError('validation_failed', { count: 1 }, [{ path: 'toAccount', in: 'body', code: 'required' }]);
  if (input.amountFen > left) throw new AppError('validation_failed', { count: 1 }, [{ path: 'amountFen', in: 'body', code: 'refund_over_left', params: { left: `¥${yuanText(left)}` } }]);
  const id = newId();
  const refundNo = documentNo('RF', chinaDate(ctx.now), id);
  await tx.insert(paymentRefund).values({
    id,
    refundNo,
    paymentId: p.id,
    payerOrgId: p.payerOrgId,
    amountFen: input.amountFen,
    toAccount,
    reason: input.reason,
    status: 'requested',
    requestedBy: actorId(ctx.actor),
    requestedAt: ctx.now,
  });
  await tx
    .update(payment)
    .set({ refundedFen: sql`${payment.refundedFen} + ${input.amountFen}` })
    .where(eq(payment.id, p.id));
  await recordAudit(tx, ctx, {
    orgId: p.payerOrgId,
    objectType: 'refund',
    objectId: id,
    action: 'request',
    toState: 'requested',
    data: { refundNo, paymentId: p.id, paymentNo: p.paymentNo, amountFen: Number(input.amountFen), reason: input.reason, toAccount, cameFrom: p.payerAccount },
  });
  return id;
}
