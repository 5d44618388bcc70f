import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { toWebhookDto, type WebhookDto } from './dto.ts';
import { assertRoomForActiveWebhook, findWebhook } from './find-webhook.ts';
import { descriptionField, eventTypesField, urlField } from './schemas.ts';
import { webhookEndpoint } from './tables.ts';

export const UpdateWebhookInput = z
  .strictObject({
    url: urlField.optional(),
    eventTypes: eventTypesField.optional(),
    // null clears the description.
    description: descriptionField.nullable().optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .meta({ id: 'UpdateWebhookInput' });
export type UpdateWebhookInput = z.infer<typeof UpdateWebhookInput>;

// Changes take effect for events fanned out afterwards; deliveries already queued keep going to the
// endpoint's current URL (the worker reads it at each attempt) but keep their event types. While an
// endpoint is disabled its due deliveries are given up, not sent.
export async function updateWebhook(tx: Tx, ctx: Ctx, id: string, input: UpdateWebhookInput): Promise<WebhookDto> {
  requirePermission(ctx.actor, 'webhooks.manage');
  const before = await findWebhook(tx, ctx.actor, id, { lock: true });
  if (input.status === 'active' && before.status !== 'active') await assertRoomForActiveWebhook(tx, before.orgId);
  const [after] = await tx
    .update(webhookEndpoint)
    .set({ url: input.url, eventTypes: input.eventTypes, description: input.description, status: input.status })
    .where(eq(webhookEndpoint.id, id))
    .returning();
  await recordAudit(tx, ctx, {
    orgId: before.orgId,
    objectType: 'webhook',
    objectId: id,
    action: 'update',
    fromState: before.status,
    toState: after!.status,
    data: { changed: Object.keys(input).filter((key) => input[key as keyof UpdateWebhookInput] !== undefined) },
  });
  return toWebhookDto(after!);
}
