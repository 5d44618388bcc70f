import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';
import type { Ctx } from '../../platform/context.ts';
import { recordAudit } from '../../platform/audit.ts';
import { sha256Hex } from '../../platform/ids.ts';
import { session } from './tables.ts';

// Ends the session that carries this request. Signing out twice is not an error.
export async function logout(tx: Tx, ctx: Ctx, token: string): Promise<void> {
  const revoked = await tx
    .update(session)
    .set({ revokedAt: ctx.now })
    .where(and(eq(session.tokenHash, sha256Hex(token)), isNull(session.revokedAt)))
    .returning({ id: session.id });
  for (const row of revoked) {
    await recordAudit(tx, ctx, { orgId: ctx.actor.orgId, objectType: 'session', objectId: row.id, action: 'logout', fromState: 'active', toState: 'revoked' });
  }
}
