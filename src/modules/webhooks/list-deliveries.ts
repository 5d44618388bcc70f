import { and, asc, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { MAX_ATTEMPTS } from './backoff.ts';
import { toAttemptDto, toDeliveryDto, type AttemptDto, type DeliveryDto } from './dto.ts';
import { findWebhook } from './find-webhook.ts';
import { webhookAttempt, webhookDelivery } from './tables.ts';

export const ListDeliveriesQuery = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  ...pageQuery,
});
export type ListDeliveriesQuery = z.infer<typeof ListDeliveriesQuery>;

// An endpoint's delivery log, newest first, each delivery with its attempts oldest first. A foreign
// endpoint is "not found", so its log cannot be read either.
export async function listDeliveries(db: Executor, ctx: Ctx, endpointId: string, query: ListDeliveriesQuery): Promise<Page<DeliveryDto>> {
  requirePermission(ctx.actor, 'webhooks.manage');
  const endpoint = await findWebhook(db, ctx.actor, endpointId);
  const before = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [
    eq(webhookDelivery.endpointId, endpoint.id),
    query.status ? eq(webhookDelivery.status, query.status) : undefined,
    before ? lt(webhookDelivery.id, before) : undefined,
  ];
  const rows = await db
    .select()
    .from(webhookDelivery)
    .where(and(...conditions))
    .orderBy(desc(webhookDelivery.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);

  // The worker never starts more than MAX_ATTEMPTS attempts per delivery, so this read is bounded.
  const attempts =
    page.length === 0
      ? []
      : await db
          .select()
          .from(webhookAttempt)
          .where(
            inArray(
              webhookAttempt.deliveryId,
              page.map((row) => row.id),
            ),
          )
          .orderBy(asc(webhookAttempt.at), asc(webhookAttempt.id))
          .limit(page.length * MAX_ATTEMPTS);
  const byDelivery = new Map<string, AttemptDto[]>();
  for (const attempt of attempts) {
    const list = byDelivery.get(attempt.deliveryId) ?? [];
    list.push(toAttemptDto(attempt));
    byDelivery.set(attempt.deliveryId, list);
  }
  return toPage(rows, query.limit, (row) => toDeliveryDto(row, byDelivery.get(row.id) ?? []));
}
