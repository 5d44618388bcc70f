import { eq } from 'drizzle-orm';
import { requirePermission } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { toWebhookDto, type WebhookDto } from './dto.ts';
import { findWebhook } from './find-webhook.ts';
import { webhookEndpoint } from './tables.ts';

// DELETE disables rather than deletes: the endpoint's deliveries and attempts stay readable as its
// log, and the audit trail keeps pointing at a row that exists. It is repeatable: disabling a
// disabled endpoint answers it unchanged. PATCH {status: 'active'} turns it back on.
export async function disableWebhook(tx: Tx, ctx: Ctx, id: string): Promise<WebhookDto> {
  requirePermission(ctx.actor, 'webhooks.manage');
  const before = await findWebhook(tx, ctx.actor, id, { lock: true });
  if (before.status === 'disabled') return toWebhookDto(before);
  const [after] = await tx.update(webhookEndpoint).set({ status: 'disabled' }).where(eq(webhookEndpoint.id, id)).returning();
  await recordAudit(tx, ctx, { orgId: before.orgId, objectType: 'webhook', objectId: id, action: 'disable', fromState: 'active', toState: 'disabled' });
  return toWebhookDto(after!);
}
