import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { emitEvent } from '../../platform/outbox.ts';
import { findWebhook } from './find-webhook.ts';
import { PING_EVENT } from './matching.ts';

export const PingDto = z.object({ eventId: z.uuid() }).meta({ id: 'WebhookPing' });
export type PingDto = z.infer<typeof PingDto>;

// Queues a `webhook.ping` so an admin can check their receiver and signature code. It goes through
// the outbox like any event, so it tests the real path (signing, retries, the delivery log); the
// fan-out sends it to this endpoint only (see matching.ts).
export async function pingWebhook(tx: Tx, ctx: Ctx, id: string): Promise<PingDto> {
  requirePermission(ctx.actor, 'webhooks.manage');
  const endpoint = await findWebhook(tx, ctx.actor, id, { lock: true });
  if (endpoint.status !== 'active') throw new AppError('invalid_state', { what: 'webhook', state: endpoint.status });
  const eventId = await emitEvent(tx, ctx, {
    orgId: endpoint.orgId,
    type: PING_EVENT,
    payload: { endpointId: endpoint.id, requestedBy: ctx.actor.userId },
  });
  await recordAudit(tx, ctx, { orgId: endpoint.orgId, objectType: 'webhook', objectId: id, action: 'ping', data: { eventId } });
  return { eventId };
}
