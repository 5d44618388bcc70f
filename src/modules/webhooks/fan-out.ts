import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { outboxEvent } from '../../platform/tables.ts';
import { planDeliveries } from './matching.ts';
import { webhookDelivery, webhookEndpoint } from './tables.ts';

// Events taken from the outbox per pass. With at most MAX_ACTIVE_ENDPOINTS_PER_ORG endpoints per
// organisation this bounds one pass to 100 × 20 deliveries.
export const FAN_OUT_BATCH = 100;
// Rows per INSERT, well below PostgreSQL's 65,535 bind parameters per statement.
const INSERT_CHUNK = 500;

// Turns undispatched outbox events into one pending delivery per interested endpoint, due now, and
// marks the events dispatched, all in one transaction: an event is fanned out exactly once, or not
// at all if the transaction fails. SKIP LOCKED lets several app processes fan out side by side,
// each taking different events. Returns how many events were dispatched.
export async function fanOut(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const events = await tx
      .select({ id: outboxEvent.id, orgId: outboxEvent.orgId, type: outboxEvent.type, payload: outboxEvent.payload })
      .from(outboxEvent)
      .where(isNull(outboxEvent.dispatchedAt))
      .orderBy(asc(outboxEvent.id))
      .limit(FAN_OUT_BATCH)
      .for('update', { skipLocked: true });
    if (events.length === 0) return 0;

    // Bounded by the per-organisation limit on active endpoints (find-webhook.ts).
    const orgIds = [...new Set(events.map((event) => event.orgId))];
    const endpoints = await tx
      .select({ id: webhookEndpoint.id, orgId: webhookEndpoint.orgId, eventTypes: webhookEndpoint.eventTypes })
      .from(webhookEndpoint)
      .where(and(inArray(webhookEndpoint.orgId, orgIds), eq(webhookEndpoint.status, 'active')));

    const rows = planDeliveries(events, endpoints).map((planned) => ({
      ...planned,
      id: newId(),
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      // The unique (event, endpoint) index makes a repeated fan-out harmless rather than a double send.
      await tx
        .insert(webhookDelivery)
        .values(rows.slice(i, i + INSERT_CHUNK))
        .onConflictDoNothing();
    }
    await tx
      .update(outboxEvent)
      .set({ dispatchedAt: now })
      .where(
        inArray(
          outboxEvent.id,
          events.map((event) => event.id),
        ),
      );
    return events.length;
  });
}
