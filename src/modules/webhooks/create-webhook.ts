import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { newId, newSecret } from '../../platform/ids.ts';
import { toWebhookDto, type CreatedWebhookDto } from './dto.ts';
import { assertRoomForActiveWebhook } from './find-webhook.ts';
import { ALL_EVENTS } from './matching.ts';
import { descriptionField, eventTypesField, urlField } from './schemas.ts';
import { webhookEndpoint } from './tables.ts';

export const CreateWebhookInput = z
  .strictObject({
    url: urlField,
    eventTypes: eventTypesField.default([ALL_EVENTS]),
    description: descriptionField.optional(),
  })
  .meta({ id: 'CreateWebhookInput' });
export type CreateWebhookInput = z.infer<typeof CreateWebhookInput>;

// Registers a receiver for the caller's own organisation's events. The secret that signs every
// delivery is returned this once; the organisation must store it to verify the signatures.
export async function createWebhook(tx: Tx, ctx: Ctx, input: CreateWebhookInput): Promise<CreatedWebhookDto> {
  requirePermission(ctx.actor, 'webhooks.manage');
  const orgId = ctx.actor.orgId;
  await assertRoomForActiveWebhook(tx, orgId);
  const secret = newSecret('whsec');
  const [row] = await tx
    .insert(webhookEndpoint)
    .values({
      id: newId(),
      orgId,
      url: input.url,
      secret,
      eventTypes: input.eventTypes,
      description: input.description ?? null,
      status: 'active',
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    })
    .returning();
  await recordAudit(tx, ctx, {
    orgId,
    objectType: 'webhook',
    objectId: row!.id,
    action: 'create',
    toState: 'active',
    data: { url: row!.url, eventTypes: row!.eventTypes },
  });
  return { ...toWebhookDto(row!), secret };
}
