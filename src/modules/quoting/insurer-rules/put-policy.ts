import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db.ts';
import { policyToJson, type ProcurementPolicy } from '../rules/index.ts';
import { procurementPolicy } from '../tables.ts';
import { ownInsurerForWrite } from './access.ts';
import { toPolicyDto, type PolicyDto } from './policy-dto.ts';
import { readStoredPolicy } from './stored-policy.ts';

// Replaces the caller's insurer's procurement policy. The body was validated by ProcurementPolicy
// at the edge (fen already bigints); it is stored in its JSON form.
//
// One statement makes the change: the first policy is inserted as version 1, a later one bumps the
// version in place, so two concurrent writers get two versions, never the same one twice. A policy
// equal to the stored one (jsonb compares by value, not by key order) is not written at all, so
// sending the same PUT again neither bumps the version nor adds an audit row.
//
// The audit row keeps the whole new policy: it is the history of what each version said, which a
// quote made under version N must still be explainable by after version N+1 replaced it.
export async function putPolicy(tx: Tx, ctx: Ctx, input: ProcurementPolicy): Promise<PolicyDto> {
  const insurerOrgId = ownInsurerForWrite(ctx.actor);
  const json = policyToJson(input);
  const [written] = await tx
    .insert(procurementPolicy)
    .values({ insurerOrgId, policy: json, version: 1, updatedBy: ctx.actor.userId, updatedAt: ctx.now })
    .onConflictDoUpdate({
      target: procurementPolicy.insurerOrgId,
      set: {
        policy: sql`excluded.policy`,
        version: sql`${procurementPolicy.version} + 1`,
        updatedBy: ctx.actor.userId,
        updatedAt: ctx.now,
      },
      setWhere: sql`${procurementPolicy.policy} is distinct from excluded.policy`,
    })
    .returning({ version: procurementPolicy.version });

  if (written) {
    const fromVersion = written.version > 1 ? written.version - 1 : null;
    await recordAudit(tx, ctx, {
      orgId: insurerOrgId,
      objectType: 'procurement_policy',
      objectId: insurerOrgId,
      action: fromVersion === null ? 'create' : 'update',
      // A policy's "state" is its version; the default policy has none.
      fromState: fromVersion === null ? 'default' : String(fromVersion),
      toState: String(written.version),
      data: { fromVersion, toVersion: written.version, policy: json },
    });
  }
  return toPolicyDto(insurerOrgId, await readStoredPolicy(tx, insurerOrgId));
}
