import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../../platform/access.ts';
import { recordAudit } from '../../../platform/audit.ts';
import type { AnyCtx, Ctx } from '../../../platform/context.ts';
import type { Executor, Tx } from '../../../platform/db.ts';
import { emitEvent } from '../../../platform/outbox.ts';
import { inquiry, inquirySupplier } from '../tables.ts';
import { lockManagedInquiry } from './access.ts';
import type { InquiryDetailDto } from './dto.ts';
import { inquiryDetail } from './get-inquiry.ts';
import { assertTransition } from './state.ts';

export const WithdrawInput = z.strictObject({ reason: z.string().trim().min(1).max(500) }).meta({ id: 'WithdrawInquiryInput' });
export type WithdrawInput = z.infer<typeof WithdrawInput>;

type InquiryRow = typeof inquiry.$inferSelect;

// Calls off a locked open inquiry, with a reason. Its bids stay sealed for good. The invited
// suppliers hear that it is off, but not why: the reason may speak of the claim, which is the
// insurer's business. An inquiry past its deadline is closed in substance, so withdrawing it is a
// 409 like any other refused transition. Shared by the insurer's withdrawal and the price check,
// which withdraws the inquiry of a line it decides.
export async function withdrawLockedInquiry(tx: Executor, ctx: AnyCtx, row: InquiryRow, reason: string): Promise<InquiryRow> {
  const to = assertTransition(row, 'withdraw', ctx.now);
  const [after] = await tx.update(inquiry).set({ status: to, withdrawnReason: reason, closedAt: ctx.now }).where(eq(inquiry.id, row.id)).returning();
  await recordAudit(tx, ctx, {
    orgId: row.insurerOrgId,
    objectType: 'inquiry',
    objectId: row.id,
    action: 'withdraw',
    fromState: row.status,
    toState: to,
    data: { reason },
  });
  const invited = await tx.select({ id: inquirySupplier.supplierOrgId }).from(inquirySupplier).where(eq(inquirySupplier.inquiryId, row.id));
  for (const s of invited) {
    await emitEvent(tx, ctx, { orgId: s.id, type: 'inquiry.withdrawn', payload: { inquiryId: row.id } });
  }
  return after!;
}

// The insurer calls off an open inquiry (the line is repaired instead, the part was found elsewhere).
export async function withdrawInquiry(tx: Tx, ctx: Ctx, id: string, input: WithdrawInput): Promise<InquiryDetailDto> {
  requirePermission(ctx.actor, 'inquiries.manage');
  const row = await lockManagedInquiry(tx, ctx.actor, id);
  const after = await withdrawLockedInquiry(tx, ctx, row, input.reason);
  return inquiryDetail(tx, { side: 'insurer', actor: ctx.actor }, after);
}
