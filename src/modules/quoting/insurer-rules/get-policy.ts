import { z } from 'zod';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db.ts';
import { insurerForRead } from './access.ts';
import { toPolicyDto, type PolicyDto } from './policy-dto.ts';
import { readStoredPolicy } from './stored-policy.ts';

export const PolicyQuery = z.strictObject({
  // Only the platform's admin names an insurer; anyone else reads their own.
  insurerOrgId: z.uuid().optional(),
});
export type PolicyQuery = z.infer<typeof PolicyQuery>;

// The insurer's procurement policy with its version, or the default policy (version null) when the
// insurer has not written one: either way, what its next quote will be made under.
export async function getPolicy(db: Executor, ctx: Ctx, query: PolicyQuery): Promise<PolicyDto> {
  const insurerOrgId = await insurerForRead(db, ctx.actor, query.insurerOrgId);
  return toPolicyDto(insurerOrgId, await readStoredPolicy(db, insurerOrgId));
}
