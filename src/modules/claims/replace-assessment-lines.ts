import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { assertMayFileClaims, assessmentNotFound, claimWriteScope } from './access.ts';
import { toAssessmentDto, type AssessmentDto } from './dto.ts';
import { emitToClaimParties } from './events.ts';
import { resolveLines } from './resolve-lines.ts';
import type { AssessmentLinesInput } from './schemas.ts';
import { assessment, assessmentLine, claim } from './tables.ts';

// Replaces all lines of a draft assessment version: the adjuster corrects the draft as a whole
// rather than line by line, which keeps line numbers dense and the request idempotent by nature.
// Once quoted, a version is frozen (409); further changes are a supplement.
export async function replaceAssessmentLines(tx: Tx, ctx: Ctx, assessmentId: string, input: AssessmentLinesInput): Promise<AssessmentDto> {
  assertMayFileClaims(ctx.actor);
  const [found] = await tx
    .select({ assessment, insurerOrgId: claim.insurerOrgId, repairShopOrgId: claim.repairShopOrgId })
    .from(assessment)
    .innerJoin(claim, eq(claim.id, assessment.claimId))
    .where(and(claimWriteScope(ctx.actor), eq(assessment.id, assessmentId)))
    .for('update', { of: assessment });
  if (!found) throw assessmentNotFound();
  const row = found.assessment;
  if (row.status !== 'draft') throw new AppError('invalid_state', { what: 'assessment', state: row.status });

  const resolved = await resolveLines(tx, assessmentId, input.lines);
  if (!resolved.ok) throw new AppError('validation_failed', { count: resolved.errors.length }, resolved.errors);
  const removed = await tx.delete(assessmentLine).where(eq(assessmentLine.assessmentId, assessmentId)).returning({ id: assessmentLine.id });
  const lines = await tx.insert(assessmentLine).values(resolved.rows).returning();
  const [after] = await tx.update(assessment).set({ updatedAt: ctx.now }).where(eq(assessment.id, assessmentId)).returning();
  const dto = toAssessmentDto(after!, lines);
  await recordAudit(tx, ctx, {
    orgId: found.insurerOrgId,
    objectType: 'assessment',
    objectId: assessmentId,
    action: 'replace_lines',
    data: { claimId: row.claimId, version: row.version, lineCountBefore: removed.length, lineCount: lines.length },
  });
  await emitToClaimParties(tx, ctx, found, 'assessment.updated', { assessment: dto });
  return dto;
}
