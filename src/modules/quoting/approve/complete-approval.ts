import { and, eq, ne, sql } from 'drizzle-orm';
import { applyAssessmentEvent, applyClaimEvent, assessment, lockClaim } from '../../claims/index.ts';
import type { AnyCtx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { quoteLine } from '../tables.ts';
import { approvedTotals, claimApprovedRows, totalsJson } from './totals.ts';

export type CompletionInput = { quoteId: string; assessmentId: string; claimId: string; version: number };
export type Completion = { assessmentApproved: boolean; claimApproved: boolean };

// Closes the price check of a version once none of its lines waits any more (each one is
// approved automatically or by a checker, corrected, or sent back): the version moves
// quoted → approved. The claim follows (quoted → approved) only when it is `quoted` and every one
// of its versions is approved: a supplement still in draft keeps it in `assessing`, and an earlier
// version still waiting for a checker keeps it in `quoted`. Both moves record the totals (approved
// amount, OE reference, saving in fen and basis points, shop handling fees): the version's own on
// the assessment, the claim's over all its versions on the claim. Runs in the caller's
// transaction, after the quote (everything automatic) or after a checker's decisions.
export async function completeIfApproved(tx: Tx, ctx: AnyCtx, input: CompletionInput): Promise<Completion> {
  const [waiting] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(quoteLine)
    .where(and(eq(quoteLine.quoteId, input.quoteId), eq(quoteLine.approval, 'pending')));
  if ((waiting?.n ?? 0) > 0) return { assessmentApproved: false, claimApproved: false };

  const versionRows = await tx
    .select({
      approval: quoteLine.approval,
      approvedAmountFen: quoteLine.approvedAmountFen,
      approvedVatFen: quoteLine.approvedVatFen,
      savingFen: quoteLine.savingFen,
      handlingFeeFen: quoteLine.handlingFeeFen,
    })
    .from(quoteLine)
    .where(eq(quoteLine.quoteId, input.quoteId))
    .limit(200);
  await applyAssessmentEvent(tx, ctx, input.assessmentId, 'approve', { quoteId: input.quoteId, totals: totalsJson(approvedTotals(versionRows)) });

  // Locked so that two versions finishing at once decide the claim one after the other.
  const claimRow = await lockClaim(tx, input.claimId);
  if (claimRow?.status !== 'quoted') return { assessmentApproved: true, claimApproved: false };
  const [unapproved] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(assessment)
    .where(and(eq(assessment.claimId, input.claimId), ne(assessment.status, 'approved')));
  if ((unapproved?.n ?? 0) > 0) return { assessmentApproved: true, claimApproved: false };

  const claimTotals = approvedTotals(await claimApprovedRows(tx, input.claimId));
  await applyClaimEvent(tx, ctx, input.claimId, 'approve', { assessmentId: input.assessmentId, version: input.version, quoteId: input.quoteId, totals: totalsJson(claimTotals) });
  return { assessmentApproved: true, claimApproved: true };
}
