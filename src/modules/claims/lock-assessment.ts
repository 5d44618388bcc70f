import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import type { Tx } from '../../platform/db.ts';
import { org } from '../identity/index.ts';
import { claimReadScope, claimWriteScope } from './access.ts';
import { assessment, claim } from './tables.ts';

// The claims module's rows locked for other modules' commands (quoting a version, checking its
// prices, ordering it, fitting its parts), so that none of them locks this module's tables itself
// (test/module-boundaries.test.ts). Each lock serialises the commands that move the same claim or
// version: the second finds what the first did.

type ClaimRow = typeof claim.$inferSelect;
type AssessmentRow = typeof assessment.$inferSelect;

export type LockedAssessment = {
  assessment: AssessmentRow;
  // Locked too: the caller may move it (claimEventWrite) without reading it again.
  claim: ClaimRow;
  // Where the claim's repair shop is, which is where its parts are delivered.
  shopRegionCode: string;
  // The caller's own question, answered in the same statement (see below).
  asked: string | null;
};

// An assessment version and its claim, both locked for update in one statement. Only within what
// the actor may read (or, with `write`, what its insurer may change): undefined otherwise, for the
// caller's 404. Status checks are the caller's (which refusal comes first is its business). The
// shop's organisation is read, not locked: a lock there would queue every order of the shop.
// `ask` is one value of the caller's own, a subquery on its tables this module knows nothing of,
// read in the same statement to spare the caller a round trip (ordering asks for an earlier order
// of the version).
export async function lockAssessmentWithClaim(tx: Tx, actor: Actor, assessmentId: string, opts: { write?: boolean; ask?: SQL<string | null> } = {}): Promise<LockedAssessment | undefined> {
  const [found] = await tx
    .select({ assessment, claim, shopRegionCode: org.regionCode, asked: opts.ask ?? sql<string | null>`null::text` })
    .from(assessment)
    .innerJoin(claim, eq(claim.id, assessment.claimId))
    .innerJoin(org, eq(org.id, claim.repairShopOrgId))
    .where(and(opts.write ? claimWriteScope(actor) : claimReadScope(actor), eq(assessment.id, assessmentId)))
    .for('update', { of: [assessment, claim] });
  return found;
}

// A version locked on its own, for a caller that has already checked access to it; its status as
// it stands once the lock is held.
export async function lockAssessment(tx: Tx, assessmentId: string): Promise<Pick<AssessmentRow, 'id' | 'status'> | undefined> {
  const [row] = await tx.select({ id: assessment.id, status: assessment.status }).from(assessment).where(eq(assessment.id, assessmentId)).for('update');
  return row;
}

// A claim locked on its own, for a caller that has already checked access to it.
export async function lockClaim(tx: Tx, claimId: string): Promise<ClaimRow | undefined> {
  const [row] = await tx.select().from(claim).where(eq(claim.id, claimId)).for('update');
  return row;
}
