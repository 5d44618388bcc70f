import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { requirePermission, tenantScope } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor, Tx } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { derivedId } from '../../../platform/ids.ts';
import { emitEvents } from '../../../platform/outbox.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import { type AccountRef, expectPosted, ledgerAccount, ledgerTransfer, postTransfers } from '../../ledger/index.ts';
import { payout, payoutItem } from '../tables.ts';
import { payoutLifecycle } from './lifecycle.ts';
import { payees } from './payees.ts';

export type PayoutRow = typeof payout.$inferSelect;

export const ConfirmPayoutInput = z.strictObject({ bankRef: z.string().trim().min(1).max(64) }).meta({ id: 'ConfirmPayoutInput' });
export const ReturnPayoutInput = z.strictObject({ reason: z.string().trim().min(1).max(500) }).meta({ id: 'ReturnPayoutInput' });

// A payout is its payee's and the platform's; to anyone else it does not exist (404).
export async function findPayout(exec: Executor, ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}): Promise<PayoutRow> {
  const q = exec
    .select()
    .from(payout)
    .where(and(eq(payout.id, id), tenantScope(ctx.actor, payout.payeeOrgId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found', { what: 'payout' });
  return row;
}

// The bank's answer to a payout, recorded by the platform's finance team: confirmed (its reference
// kept; the payable's pending debit posts) or returned (the debit voided, and the items released
// for the next run, so nothing is lost and nothing paid twice).
export async function movePayout(tx: Tx, ctx: Ctx, id: string, step: { event: 'confirm'; bankRef: string } | { event: 'return'; reason: string }): Promise<void> {
  requirePermission(ctx.actor, 'payouts.manage');
  const p = await findPayout(tx, ctx, id, { forUpdate: true });
  const next = payoutLifecycle.transition(p.status, step.event);
  if (!next.ok) throw new AppError('invalid_state', { what: 'payout', state: p.status });
  await tx
    .update(payout)
    .set({ status: next.to, updatedAt: ctx.now, ...(step.event === 'confirm' ? { bankRef: step.bankRef } : {}) })
    .where(eq(payout.id, p.id));
  if (step.event === 'return') await tx.delete(payoutItem).where(eq(payoutItem.payoutId, p.id));
  await recordAudit(tx, ctx, {
    orgId: p.payeeOrgId,
    objectType: 'payout',
    objectId: p.id,
    action: step.event,
    fromState: p.status,
    toState: next.to,
    data: step.event === 'confirm' ? { bankRef: step.bankRef } : { reason: step.reason },
  });
  await emitEvents(tx, ctx, [{ orgId: p.payeeOrgId, type: `payout.${next.to}`, payload: { payoutId: p.id, payoutNo: p.payoutNo, amountFen: Number(p.amountFen) } }]);
  const s = payees[p.payeeKind];
  const phase = step.event === 'confirm' ? 'post' : 'void';
  const pendingId = derivedId('ledger_transfer', p.id, 'payout');
  const pending = await pendingAccounts(tx, pendingId);
  const posted = await postTransfers(
    tx,
    [
      {
        id: derivedId('ledger_transfer', p.id, 'payout', phase),
        phase,
        code: s.transfer,
        debit: pending.debit,
        credit: pending.credit,
        pendingId,
        payoutId: p.id,
        partnerOrgId: p.payeeOrgId,
      },
    ],
    ctx.now,
  );
  expectPosted(posted);
  await writeTogether(tx, posted.writes);
}

const debitAccount = alias(ledgerAccount, 'debit_account');
const creditAccount = alias(ledgerAccount, 'credit_account');

// The accounts a payout's pending debit names, as it was written, by what they are for. The post or
// void names the same ones, and they are not rebuilt from today's rules: a payout run before the
// platform's cash was kept per counterparty credited the one cash account of then (no partner),
// and a post naming the payee's cash row would be refused as differing from its pending.
async function pendingAccounts(tx: Tx, pendingId: string): Promise<{ debit: AccountRef; credit: AccountRef }> {
  const [row] = await tx
    .select({
      debit: { orgId: debitAccount.orgId, code: debitAccount.code, partnerOrgId: debitAccount.partnerOrgId },
      credit: { orgId: creditAccount.orgId, code: creditAccount.code, partnerOrgId: creditAccount.partnerOrgId },
    })
    .from(ledgerTransfer)
    .innerJoin(debitAccount, eq(debitAccount.id, ledgerTransfer.debitAccountId))
    .innerJoin(creditAccount, eq(creditAccount.id, ledgerTransfer.creditAccountId))
    .where(eq(ledgerTransfer.id, pendingId));
  // Every payout is written with its pending debit, in one transaction (pay-payee.ts).
  if (!row) throw new Error(`payouts: the pending transfer ${pendingId} of a payout is missing`);
  return row;
}
