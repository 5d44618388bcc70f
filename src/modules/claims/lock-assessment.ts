import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import type { Tx } from '../../platform/db.ts';
import { org } from '../identity/index.ts';
import type { AssessmentStatus } from './assessment-lifecycle.ts';
import { claimReadScope } from './access.ts';
import { assessment, claim } from './tables.ts';

export type LockedAssessment = {
  assessmentId: string;
  assessmentStatus: AssessmentStatus;
  // The whole claim row, locked too: the caller moves it (claimEventWrite) without reading it again.
  claim: typeof claim.$inferSelect;
  // Where the claim's repair shop is, which is where its parts are delivered.
  shopRegionCode: string;
  // The caller's own question, answered in the same statement (see below).
  asked: string | null;
};

// An assessment version and its claim as another module acting on them needs them (orders, to
// place the order an approved version becomes), both rows locked for update in one statement, so
// two requests on one version queue and the second sees what the first did. Only within what the
// actor may read: undefined otherwise, for the caller's 404. Status checks are the caller's (which
// refusal comes first is its business). The shop's organisation is read, not locked: a lock there
// would queue every order of the shop. `ask` is one value of the caller's own, a subquery on its
// tables this module knows nothing of, read in the same statement to spare the caller a round trip
// (ordering asks for an earlier order of the version).
export async function lockAssessmentWithClaim(tx: Tx, actor: Actor, assessmentId: string, ask: SQL<string | null> = sql`null::text`): Promise<LockedAssessment | undefined> {
  const [found] = await tx
    .select({ assessmentId: assessment.id, assessmentStatus: assessment.status, claim, shopRegionCode: org.regionCode, asked: ask })
    .from(assessment)
    .innerJoin(claim, eq(claim.id, assessment.claimId))
    .innerJoin(org, eq(org.id, claim.repairShopOrgId))
    .where(and(claimReadScope(actor), eq(assessment.id, assessmentId)))
    .for('update', { of: [assessment, claim] });
  return found;
}
