import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { actorId, requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { derivedId } from '../../../platform/ids.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import { org, samePerson } from '../../identity/index.ts';
import { accountRef, expectPosted, payerAccount, postTransfers } from '../../ledger/index.ts';
import { payment, paymentRefund } from '../tables.ts';
import { type RefundEvent, refundLifecycle } from './lifecycle.ts';

export const RefundReasonInput = z.strictObject({ reason: z.string().trim().min(1).max(500) }).meta({ id: 'RefundReasonInput' });
export type RefundReasonInput = z.infer<typeof RefundReasonInput>;

type RefundRow = typeof paymentRefund.$inferSelect;

// Approved by a person signed in other than whoever asked (four eyes on money going out; an API key
// counts as the person who made it): the platform's bank sends it, and the ledger debits the
// payer's receivable what the payment had credited it (code `refund`, platform cash credited). A
// payer held to a credit limit it would pass is refused (refund_over_credit_limit, said to the
// approver, not in the payer's words of an order refused): it owes the platform more than it
// overpaid. Money going out is `payouts.manage`'s to approve, as payouts are; asking and refusing
// are the statements clerk's (`statements.manage`). The two go together today (platform/access.ts).
export async function approveRefund(tx: Tx, ctx: Ctx, id: string): Promise<void> {
  requirePermission(ctx.actor, 'payouts.manage');
  if (ctx.actor.userId === null) throw new AppError('person_required', { what: 'refund' });
  const r = await lockRefund(tx, id);
  if (await samePerson(tx, r.requestedBy, ctx.actor.userId)) throw new AppError('four_eyes', { what: 'refund' });
  await moveRefund(tx, ctx, r, 'approve');
  const [payer] = await tx.select({ kind: org.kind, name: org.name }).from(org).where(eq(org.id, r.payerOrgId));
  const posted = await postTransfers(
    tx,
    [
      {
        id: derivedId('ledger_transfer', r.id, 'refund'),
        phase: 'single',
        code: 'refund',
        debit: payerAccount(payer!.kind as 'insurer' | 'repair_shop', r.payerOrgId),
        credit: accountRef('platform_cash', null, r.payerOrgId),
        amountFen: r.amountFen,
        paymentId: r.paymentId,
        partnerOrgId: r.payerOrgId,
      },
    ],
    ctx.now,
  );
  if (posted.results.some((x) => x.result === 'exceeds_credit_limit')) throw new AppError('refund_over_credit_limit', { payer: payer!.name });
  expectPosted(posted);
  await writeTogether(tx, posted.writes);
  // The payer hears of the money coming back (its webhooks, `refund.refunded`); not of a request,
  // a refusal or a withdrawal, the platform's own bookkeeping that moves nothing of the payer's.
  await emitEvents(tx, ctx, [
    { orgId: r.payerOrgId, type: 'refund.refunded', payload: { refundId: r.id, refundNo: r.refundNo, paymentId: r.paymentId, amountFen: Number(r.amountFen), toAccount: r.toAccount } },
  ]);
}

// Refused by a second person, with a reason the clerk reads: the amount is free on the payment
// again, for a match or another refund.
export async function refuseRefund(tx: Tx, ctx: Ctx, id: string, input: RefundReasonInput): Promise<void> {
  requirePermission(ctx.actor, 'statements.manage');
  const r = await lockRefund(tx, id);
  if (await askedBy(tx, ctx, r)) throw new AppError('four_eyes', { what: 'refund' });
  await release(tx, ctx, r, 'refuse', input.reason);
}

// Withdrawn by whoever asked (a mistake of their own needs no one else), free again the same way.
export async function withdrawRefund(tx: Tx, ctx: Ctx, id: string, input: RefundReasonInput): Promise<void> {
  requirePermission(ctx.actor, 'statements.manage');
  const r = await lockRefund(tx, id);
  if (!(await askedBy(tx, ctx, r))) throw new AppError('refund_withdraw_own', {});
  await release(tx, ctx, r, 'withdraw', input.reason);
}

// Did the caller ask for it: the same user or key, or the same person behind them.
function askedBy(tx: Tx, ctx: Ctx, r: RefundRow): Promise<boolean> {
  return samePerson(tx, r.requestedBy, actorId(ctx.actor));
}

async function release(tx: Tx, ctx: Ctx, r: RefundRow, event: 'refuse' | 'withdraw', reason: string): Promise<void> {
  await moveRefund(tx, ctx, r, event, reason);
  await tx
    .update(payment)
    .set({ refundedFen: sql`${payment.refundedFen} - ${r.amountFen}` })
    .where(eq(payment.id, r.paymentId));
}

// Refunds are the platform's alone to decide (requirePermission above), so no payer scope here;
// the refund is locked before its payment (request-refund.ts locks the payment alone).
async function lockRefund(tx: Tx, id: string): Promise<RefundRow> {
  const [r] = await tx.select().from(paymentRefund).where(eq(paymentRefund.id, id)).for('update');
  if (!r) throw new AppError('not_found', { what: 'refund' });
  return r;
}

async function moveRefund(tx: Tx, ctx: Ctx, r: RefundRow, event: RefundEvent, reason?: string): Promise<void> {
  const next = refundLifecycle.transition(r.status, event);
  if (!next.ok) throw new AppError('invalid_state', { what: 'refund', state: r.status });
  await tx
    .update(paymentRefund)
    .set({ status: next.to, decidedBy: actorId(ctx.actor), decidedAt: ctx.now, refusal: reason ?? null })
    .where(eq(paymentRefund.id, r.id));
  await recordAudit(tx, ctx, {
    orgId: r.payerOrgId,
    objectType: 'refund',
    objectId: r.id,
    action: event,
    fromState: r.status,
    toState: next.to,
    data: { refundNo: r.refundNo, amountFen: Number(r.amountFen), toAccount: r.toAccount, ...(reason ? { reason } : {}) },
  });
}
