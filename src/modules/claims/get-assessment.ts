import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { assertMayReadClaims, assessmentNotFound, claimReadScope } from './access.ts';
import { toAssessmentDto, type AssessmentDto } from './dto.ts';
import { MAX_LINES_PER_ASSESSMENT } from './schemas.ts';
import { assessment, assessmentLine, claim } from './tables.ts';

// An assessment is visible to whoever sees its claim.
export async function getAssessment(db: Executor, ctx: Ctx, id: string): Promise<AssessmentDto> {
  assertMayReadClaims(ctx.actor);
  const [found] = await db
    .select({ assessment })
    .from(assessment)
    .innerJoin(claim, eq(claim.id, assessment.claimId))
    .where(and(claimReadScope(ctx.actor), eq(assessment.id, id)));
  if (!found) throw assessmentNotFound();
  const lines = await db.select().from(assessmentLine).where(eq(assessmentLine.assessmentId, id)).orderBy(asc(assessmentLine.lineNo)).limit(MAX_LINES_PER_ASSESSMENT);
  return toAssessmentDto(found.assessment, lines);
}
