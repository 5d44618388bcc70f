import { z } from 'zod';
import type { webhookAttempt, webhookDelivery, webhookEndpoint } from './tables.ts';

// What the API shows of webhooks. The endpoint's secret is shown once, in the answer to its
// creation (CreatedWebhookDto), and never again.

export const WebhookDto = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.string().nullable(),
    status: z.enum(['active', 'disabled']),
    createdAt: z.string(),
  })
  .meta({ id: 'Webhook' });
export type WebhookDto = z.infer<typeof WebhookDto>;

// `secret` is null only on an idempotent replay: the idempotency store keeps no secret in clear.
export const CreatedWebhookDto = WebhookDto.extend({ secret: z.string().nullable() }).meta({ id: 'CreatedWebhook' });
export type CreatedWebhookDto = z.infer<typeof CreatedWebhookDto>;

export const withoutSecret = (created: CreatedWebhookDto): CreatedWebhookDto => ({ ...created, secret: null });

export function toWebhookDto(row: typeof webhookEndpoint.$inferSelect): WebhookDto {
  return {
    id: row.id,
    orgId: row.orgId,
    url: row.url,
    eventTypes: row.eventTypes,
    description: row.description,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

export const AttemptDto = z
  .object({
    id: z.uuid(),
    at: z.string(),
    // Null when no HTTP answer came back (refused connection, timeout); `error` then says why.
    statusCode: z.number().int().nullable(),
    durationMs: z.number().int(),
    error: z.string().nullable(),
  })
  .meta({ id: 'WebhookAttempt' });
export type AttemptDto = z.infer<typeof AttemptDto>;

export function toAttemptDto(row: typeof webhookAttempt.$inferSelect): AttemptDto {
  return { id: row.id, at: row.at.toISOString(), statusCode: row.statusCode, durationMs: row.durationMs, error: row.error };
}

export const DeliveryDto = z
  .object({
    id: z.uuid(),
    endpointId: z.uuid(),
    eventId: z.uuid(),
    eventType: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attemptCount: z.number().int(),
    // When the next attempt is due; null once the delivery is delivered or given up.
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
    // Oldest first.
    attempts: z.array(AttemptDto),
  })
  .meta({ id: 'WebhookDelivery' });
export type DeliveryDto = z.infer<typeof DeliveryDto>;

export function toDeliveryDto(row: typeof webhookDelivery.$inferSelect, attempts: AttemptDto[]): DeliveryDto {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    attemptCount: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    attempts,
  };
}
