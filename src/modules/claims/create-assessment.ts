import { and, desc, eq } from 'drizzle-orm';
import { actorId } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { assertMayFileClaims, claimNotFound, claimWriteScope } from './access.ts';
import { applyClaimEvent } from './apply-claim-event.ts';
import { toAssessmentDto, type AssessmentDto } from './dto.ts';
import { emitToClaimParties } from './events.ts';
import { resolveLines } from './resolve-lines.ts';
import { MAX_ASSESSMENT_VERSIONS, type AssessmentLinesInput } from './schemas.ts';
import { assessment, assessmentLine, claim } from './tables.ts';

// Writes the claim's next assessment version as a draft. Version 1 is the assessment (定损) and
// moves the claim open → assessing. Later versions are supplements (追加定损): they hold only the
// lines they add, and are allowed once the previous version is quoted or approved; they send the
// claim back to `assessing` until their own lines are quoted and checked. There is one draft at a
// time: while the latest version is a draft, a new one is refused (409), and the draft's lines are
// corrected in place with PUT /api/v1/assessments/{id} instead.
export async function createAssessment(tx: Tx, ctx: Ctx, claimId: string, input: AssessmentLinesInput): Promise<AssessmentDto> {
  assertMayFileClaims(ctx.actor);
  // Locked first, so two concurrent requests for the next version queue here and the second one
  // sees the first one's draft.
  const [owned] = await tx
    .select({ id: claim.id })
    .from(claim)
    .where(and(claimWriteScope(ctx.actor), eq(claim.id, claimId)))
    .for('update');
  if (!owned) throw claimNotFound();

  const [latest] = await tx.select().from(assessment).where(eq(assessment.claimId, claimId)).orderBy(desc(assessment.version)).limit(1);
  if (latest?.status === 'draft') throw new AppError('invalid_state', { what: 'assessment', state: latest.status });
  const version = (latest?.version ?? 0) + 1;
  if (version > MAX_ASSESSMENT_VERSIONS) throw new AppError('limit_reached', { what: 'assessment', limit: MAX_ASSESSMENT_VERSIONS });

  const id = newId();
  // The claim's state decides whether an assessment may be written at all (not once ordered,
  // cancelled or closed); a refusal here is a 409 and rolls back everything below.
  const moved = await applyClaimEvent(tx, ctx, claimId, latest ? 'supplement' : 'assess', { assessmentId: id, version });

  const resolved = await resolveLines(tx, id, input.lines);
  if (!resolved.ok) throw new AppError('validation_failed', { count: resolved.errors.length }, resolved.errors);

  const [row] = await tx
    .insert(assessment)
    .values({ id, claimId, version, status: 'draft', createdBy: actorId(ctx.actor), createdAt: ctx.now, updatedAt: ctx.now })
    .returning();
  const lines = await tx.insert(assessmentLine).values(resolved.rows).returning();
  const dto = toAssessmentDto(row!, lines);
  await recordAudit(tx, ctx, {
    orgId: moved.claim.insurerOrgId,
    objectType: 'assessment',
    objectId: id,
    action: 'create',
    toState: 'draft',
    data: { claimId, version, lineCount: lines.length, freeTextLines: lines.filter((l) => l.isFreeText).length },
  });
  await emitToClaimParties(tx, ctx, moved.claim, 'assessment.created', { assessment: dto });
  return dto;
}
