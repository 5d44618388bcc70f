import { and, count, eq, sql } from 'drizzle-orm';
import { tenantScope, type Actor } from '../../platform/access.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { webhookEndpoint } from './tables.ts';

export type WebhookRow = typeof webhookEndpoint.$inferSelect;

// Each active endpoint receives a copy of every matching event, so the number an organisation may
// keep active bounds the worker's fan-out (a batch of events × this) and what one tenant can make
// the worker send.
export const MAX_ACTIVE_ENDPOINTS_PER_ORG = 20;

// The endpoint with this id if the actor's organisation may see it; a foreign one is "not found",
// exactly like a missing one. `lock` takes the row lock a command needs before changing it.
export async function findWebhook(exec: Executor, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<WebhookRow> {
  const query = exec
    .select()
    .from(webhookEndpoint)
    .where(and(tenantScope(actor, webhookEndpoint.orgId), eq(webhookEndpoint.id, id)));
  const [row] = opts.lock ? await query.for('update') : await query;
  if (!row) throw notFound('webhook');
  return row;
}

// Refuses one more active endpoint for an organisation at its limit. The transaction-scoped
// advisory lock serialises these checks per organisation, so two requests at once cannot both
// see 19 and make 21.
export async function assertRoomForActiveWebhook(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`webhook_endpoint:${orgId}`}, 0))`);
  const [active] = await tx
    .select({ n: count() })
    .from(webhookEndpoint)
    .where(and(eq(webhookEndpoint.orgId, orgId), eq(webhookEndpoint.status, 'active')));
  if ((active?.n ?? 0) >= MAX_ACTIVE_ENDPOINTS_PER_ORG) {
    throw new AppError('limit_reached', { what: 'webhook', limit: MAX_ACTIVE_ENDPOINTS_PER_ORG });
  }
}
