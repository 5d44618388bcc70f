import { asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { assertMayReadClaims, claimNotFound, claimVisibleById } from './access.ts';
import { withFacts } from './claim-facts.ts';
import { toAssessmentDto, type ClaimDetailDto } from './dto.ts';
import { MAX_ASSESSMENT_VERSIONS, MAX_LINES_PER_ASSESSMENT } from './schemas.ts';
import { assessment, assessmentLine, claim } from './tables.ts';

// One claim with every assessment version and its lines. Both lists are bounded by the limits the
// commands enforce (versions per claim, lines per version), so the answer is too.
export async function getClaim(db: Executor, ctx: Ctx, id: string): Promise<ClaimDetailDto> {
  assertMayReadClaims(ctx.actor);
  const [row] = await db.select().from(claim).where(claimVisibleById(ctx.actor, id));
  if (!row) throw claimNotFound();
  const versions = await db.select().from(assessment).where(eq(assessment.claimId, id)).orderBy(asc(assessment.version)).limit(MAX_ASSESSMENT_VERSIONS);
  const lines =
    versions.length === 0
      ? []
      : await db
          .select()
          .from(assessmentLine)
          .where(
            inArray(
              assessmentLine.assessmentId,
              versions.map((v) => v.id),
            ),
          )
          .orderBy(asc(assessmentLine.assessmentId), asc(assessmentLine.lineNo))
          .limit(MAX_ASSESSMENT_VERSIONS * MAX_LINES_PER_ASSESSMENT);
  const [facts] = await withFacts(db, [row]);
  return {
    ...facts!,
    assessments: versions.map((v) =>
      toAssessmentDto(
        v,
        lines.filter((l) => l.assessmentId === v.id),
      ),
    ),
  };
}
