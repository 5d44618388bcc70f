import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { derivedId } from '../../../platform/ids.ts';
import { writeTogether } from '../../../platform/write-together.ts';
import { accountRef, expectPosted, postTransfers, type TransferDraft } from '../../ledger/index.ts';
import { financingItem, financingRequest } from '../tables.ts';
import { assignmentSettled } from './assignment.ts';
import { moveFinancing } from './move-financing.ts';

// The insurer paid a statement: the funder is repaid first. Each financed line on it that is not
// repaid yet is repaid out of what the platform owes its supplier for it (financing_repaid: the
// supplier's payable debited, the advance credited, by the line's face); a request whose lines are
// all repaid is repaid. Its lines' money then goes out with the next payout, the repayment netting
// it (pay-payee.ts), and whatever else the supplier is owed with it. A line financed but not yet
// funded (requested, approved) is released instead: the insurer's money came first. When the
// funder is a funder organisation, not the platform, what is repaid is owed on to it (assignment.ts).
export async function repayFinancing(tx: Tx, ctx: Ctx, statementId: string): Promise<void> {
  const items = await tx
    .select({
      orderLineId: financingItem.orderLineId,
      requestId: financingItem.requestId,
      faceFen: financingItem.faceFen,
      status: financingRequest.status,
      supplierOrgId: financingRequest.supplierOrgId,
      funderOrgId: financingRequest.funderOrgId,
      statementId: financingItem.statementId,
    })
    .from(financingItem)
    .innerJoin(financingRequest, eq(financingRequest.id, financingItem.requestId))
    .where(and(eq(financingItem.statementId, statementId), isNull(financingItem.repaidAt)))
    .orderBy(financingItem.requestId)
    .for('update', { of: financingItem });
  if (items.length === 0) return;
  // Funded, fallen overdue or given up on: the money went out, and comes back now.
  const funded = items.filter((i) => i.status === 'funded' || i.status === 'overdue' || i.status === 'defaulted');
  const drafts: TransferDraft[] = funded.map((i) => ({
    id: derivedId('ledger_transfer', i.requestId, i.orderLineId, 'financing_repaid'),
    phase: 'single',
    code: 'financing_repaid',
    debit: accountRef('supplier_payable', i.supplierOrgId),
    credit: accountRef('financing_advanced', null, i.supplierOrgId),
    amountFen: i.faceFen,
    financingId: i.requestId,
    orderLineId: i.orderLineId,
    statementId,
    partnerOrgId: i.supplierOrgId,
  }));
  // A funder's advance: the line's receivable was assigned to it, so the platform now owes it the
  // face (assignment.ts; posted anew when the funder had written the advance off).
  for (const i of funded) if (i.funderOrgId) drafts.push(assignmentSettled({ ...i, funderOrgId: i.funderOrgId }, i.status === 'defaulted'));
  if (funded.length > 0) {
    await tx
      .update(financingItem)
      .set({ repaidAt: ctx.now })
      .where(
        inArray(
          financingItem.orderLineId,
          funded.map((i) => i.orderLineId),
        ),
      );
  }
  // Requests whose every line is now repaid.
  for (const requestId of new Set(funded.map((i) => i.requestId))) {
    const open = await tx
      .select({ id: financingItem.orderLineId })
      .from(financingItem)
      .where(and(eq(financingItem.requestId, requestId), isNull(financingItem.repaidAt)))
      .limit(1);
    if (open.length > 0) continue;
    const [r] = await tx.select().from(financingRequest).where(eq(financingRequest.id, requestId)).for('update');
    await moveFinancing(tx, ctx, r!, 'repay', { repaidAt: ctx.now }, { statementId });
  }
  // Asked for but not funded yet: the insurer's money came first, so the request is refused whole
  // and its lines released.
  for (const requestId of new Set(items.filter((i) => !funded.includes(i)).map((i) => i.requestId))) {
    const [r] = await tx.select().from(financingRequest).where(eq(financingRequest.id, requestId)).for('update');
    await moveFinancing(tx, ctx, r!, 'refuse', { refusedReason: 'paid_before_funding' }, { statementId });
    await tx.delete(financingItem).where(eq(financingItem.requestId, requestId));
  }
  const posted = await postTransfers(tx, drafts, ctx.now);
  expectPosted(posted);
  await writeTogether(tx, posted.writes);
}
