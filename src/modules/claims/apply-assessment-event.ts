import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.ts';
import type { AnyCtx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { emitEvent } from '../../platform/outbox.ts';
import { assessmentNotFound, claimReadScope } from './access.ts';
import { assessmentTransition, type AssessmentEvent, type AssessmentStatus } from './assessment-lifecycle.ts';
import { assessment, claim } from './tables.ts';

export type AssessmentEventResult = { assessmentId: string; claimId: string; version: number; from: AssessmentStatus; to: AssessmentStatus };

// Moves an assessment version by one event (quote, approve), with the same guarantees as
// applyClaimEvent: row lock, transition table, audit row and `assessment.<to>` to the insurer, in
// the caller's transaction. It does not move the claim: the quoting and price-check commands apply
// the matching claim event themselves, in the same transaction, so that both move or neither.
export async function applyAssessmentEvent(tx: Tx, ctx: AnyCtx, assessmentId: string, event: AssessmentEvent, detail: Record<string, unknown> = {}): Promise<AssessmentEventResult> {
  const scope = ctx.actor ? claimReadScope(ctx.actor) : undefined;
  const [found] = await tx
    .select({ assessment, insurerOrgId: claim.insurerOrgId })
    .from(assessment)
    .innerJoin(claim, eq(claim.id, assessment.claimId))
    .where(and(scope, eq(assessment.id, assessmentId)))
    .for('update', { of: assessment });
  if (!found) throw assessmentNotFound();
  const row = found.assessment;
  const step = assessmentTransition(row.status, event);
  if (!step.ok) throw new AppError('invalid_state', { what: 'assessment', state: row.status, event });

  await tx.update(assessment).set({ status: step.to, updatedAt: ctx.now }).where(eq(assessment.id, assessmentId));
  await recordAudit(tx, ctx, {
    orgId: found.insurerOrgId,
    objectType: 'assessment',
    objectId: assessmentId,
    action: event,
    fromState: row.status,
    toState: step.to,
    data: { claimId: row.claimId, version: row.version, ...detail },
  });
  await emitEvent(tx, ctx, {
    orgId: found.insurerOrgId,
    type: `assessment.${step.to}`,
    payload: { assessmentId, claimId: row.claimId, version: row.version, from: row.status, to: step.to, ...detail },
  });
  return { assessmentId, claimId: row.claimId, version: row.version, from: row.status, to: step.to };
}
