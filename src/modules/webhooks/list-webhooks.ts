import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission, tenantScope } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { toWebhookDto, type WebhookDto } from './dto.ts';
import { findWebhook } from './find-webhook.ts';
import { webhookEndpoint } from './tables.ts';

export const ListWebhooksQuery = z.strictObject({
  status: z.enum(['active', 'disabled']).optional(),
  ...pageQuery,
});
export type ListWebhooksQuery = z.infer<typeof ListWebhooksQuery>;

// The caller's organisation's endpoints, oldest first (every organisation's, for the platform).
export async function listWebhooks(db: Executor, ctx: Ctx, query: ListWebhooksQuery): Promise<Page<WebhookDto>> {
  requirePermission(ctx.actor, 'webhooks.manage');
  const after = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [
    tenantScope(ctx.actor, webhookEndpoint.orgId),
    query.status ? eq(webhookEndpoint.status, query.status) : undefined,
    after ? gt(webhookEndpoint.id, after) : undefined,
  ];
  const rows = await db
    .select()
    .from(webhookEndpoint)
    .where(and(...conditions))
    .orderBy(asc(webhookEndpoint.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toWebhookDto);
}

export async function getWebhook(db: Executor, ctx: Ctx, id: string): Promise<WebhookDto> {
  requirePermission(ctx.actor, 'webhooks.manage');
  return toWebhookDto(await findWebhook(db, ctx.actor, id));
}
