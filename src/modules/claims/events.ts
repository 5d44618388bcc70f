import type { AnyCtx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { emitEvent } from '../../platform/outbox.ts';
import type { claim } from './tables.ts';

// A claim concerns two organisations: the insurer that pays (whose claims system follows every
// step) and the repair shop that fixes the car (which learns of a car coming in, and of parts on
// their way). Each gets its own copy of the event, addressed to its own webhooks.
export async function emitToClaimParties(
  tx: Executor,
  ctx: AnyCtx,
  row: Pick<typeof claim.$inferSelect, 'insurerOrgId' | 'repairShopOrgId'>,
  type: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await emitEvent(tx, ctx, { orgId: row.insurerOrgId, type, payload });
  await emitEvent(tx, ctx, { orgId: row.repairShopOrgId, type, payload });
}
