import { eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { emitEvents } from '../../platform/outbox.ts';
import { orderParty } from './tables.ts';

// Everyone with a part in an order (payer, buyer, suppliers, shippers).
export async function orderParties(exec: Executor, orderId: string): Promise<string[]> {
  return (await exec.select({ orgId: orderParty.orgId }).from(orderParty).where(eq(orderParty.orderId, orderId))).map((p) => p.orgId);
}

// One event to each party of the order, in the caller's transaction (the outbox).
export async function tellParties(exec: Executor, ctx: Ctx, orderId: string, type: string, payload: Record<string, unknown>): Promise<void> {
  const parties = await orderParties(exec, orderId);
  await emitEvents(
    exec,
    ctx,
    parties.map((orgId) => ({ orgId, type, payload })),
  );
}
