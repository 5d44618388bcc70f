import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { outboxEvent } from '../../platform/tables.ts';
import { afterAttempt } from './backoff.ts';
import { sendDelivery, type AttemptResult, type FetchLike, type Outgoing } from './send.ts';
import { webhookAttempt, webhookDelivery, webhookEndpoint } from './tables.ts';

export type WebhookLog = Pick<Logger, 'info' | 'warn' | 'error'>;

// Deliveries claimed per pass. They are sent concurrently, so a pass lasts about one timeout at
// worst, and this also caps how many connections the worker opens at once.
export const CLAIM_BATCH = 20;
// How long a claimed delivery is hidden from other workers while its HTTP call runs. It must
// outlast the call (timeout plus recording), or a second worker would send it again.
export const LEASE_S = 60;
// Due deliveries of disabled endpoints given up per pass.
const SWEEP_BATCH = 100;

type Claimed = Outgoing & { attempts: number };

export type DeliveryCounts = { attempted: number; delivered: number; failed: number; claimed: number; swept: number };

// Due deliveries whose endpoint has been disabled are given up rather than sent: "disabled" means
// "stop sending", and leaving them pending would keep them in the due index for ever. They stay in
// the log with the reason.
async function sweepDisabled(db: Db, now: Date): Promise<number> {
  const due = db
    .select({ id: webhookDelivery.id })
    .from(webhookDelivery)
    .where(
      and(
        eq(webhookDelivery.status, 'pending'),
        lte(webhookDelivery.nextAttemptAt, now),
        inArray(webhookDelivery.endpointId, db.select({ id: webhookEndpoint.id }).from(webhookEndpoint).where(eq(webhookEndpoint.status, 'disabled'))),
      ),
    )
    .limit(SWEEP_BATCH)
    .for('update', { skipLocked: true });
  const swept = await db.update(webhookDelivery).set({ status: 'failed', lastError: 'endpoint disabled' }).where(inArray(webhookDelivery.id, due)).returning({ id: webhookDelivery.id });
  return swept.length;
}

// Claims due deliveries of active endpoints in one statement: it locks them (skipping rows another
// worker holds), counts the attempt and moves next_attempt_at past the lease, then commits, so no
// lock is held during the HTTP calls. The endpoint's URL and secret are read now, so a changed URL
// applies to retries.
async function claimDue(db: Db, now: Date): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const due = tx
      .select({ id: webhookDelivery.id })
      .from(webhookDelivery)
      .where(
        and(
          eq(webhookDelivery.status, 'pending'),
          lte(webhookDelivery.nextAttemptAt, now),
          inArray(webhookDelivery.endpointId, tx.select({ id: webhookEndpoint.id }).from(webhookEndpoint).where(eq(webhookEndpoint.status, 'active'))),
        ),
      )
      .orderBy(asc(webhookDelivery.nextAttemptAt))
      .limit(CLAIM_BATCH)
      .for('update', { skipLocked: true });
    const claimed = await tx
      .update(webhookDelivery)
      .set({ attempts: sql`${webhookDelivery.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_S * 1000) })
      .where(inArray(webhookDelivery.id, due))
      .returning({ id: webhookDelivery.id });
    if (claimed.length === 0) return [];
    const rows = await tx
      .select({
        deliveryId: webhookDelivery.id,
        attempts: webhookDelivery.attempts,
        url: webhookEndpoint.url,
        secret: webhookEndpoint.secret,
        eventId: outboxEvent.id,
        eventType: outboxEvent.type,
        eventCreatedAt: outboxEvent.createdAt,
        orgId: outboxEvent.orgId,
        payload: outboxEvent.payload,
      })
      .from(webhookDelivery)
      .innerJoin(webhookEndpoint, eq(webhookEndpoint.id, webhookDelivery.endpointId))
      .innerJoin(outboxEvent, eq(outboxEvent.id, webhookDelivery.eventId))
      .where(
        inArray(
          webhookDelivery.id,
          claimed.map((row) => row.id),
        ),
      );
    return rows.map((row) => ({
      deliveryId: row.deliveryId,
      attempts: row.attempts,
      url: row.url,
      secret: row.secret,
      event: { id: row.eventId, type: row.eventType, createdAt: row.eventCreatedAt, orgId: row.orgId, payload: row.payload },
    }));
  });
}

// Writes the attempt to the log and moves the delivery on. The `status = 'pending'` guard keeps a
// late answer from undoing what another worker recorded after this one's lease ran out.
async function recordAttempt(db: Db, claimed: Claimed, result: AttemptResult, startedAt: Date, endedAt: Date) {
  const next = afterAttempt(claimed.attempts, { ok: result.ok }, endedAt);
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempt).values({
      id: newId(),
      deliveryId: claimed.deliveryId,
      at: startedAt,
      statusCode: result.statusCode,
      durationMs: result.durationMs,
      error: result.error,
    });
    await tx
      .update(webhookDelivery)
      .set({
        status: next.status,
        nextAttemptAt: next.nextAttemptAt ?? undefined,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        deliveredAt: next.status === 'delivered' ? endedAt : undefined,
      })
      .where(and(eq(webhookDelivery.id, claimed.deliveryId), eq(webhookDelivery.status, 'pending')));
  });
  return next;
}

export type DeliverOptions = { db: Db; log: WebhookLog; fetchImpl: FetchLike; timeoutMs: number; clock: () => Date };

// Sweeps, claims, sends and records one batch. A failure to record one delivery is logged and
// leaves it to be retried once its lease runs out; it does not stop the others.
export async function deliverDue(opts: DeliverOptions): Promise<DeliveryCounts> {
  const { db, log, fetchImpl, timeoutMs, clock } = opts;
  const swept = await sweepDisabled(db, clock());
  const claimed = await claimDue(db, clock());
  const counts: DeliveryCounts = { attempted: 0, delivered: 0, failed: swept, claimed: claimed.length, swept };
  const outcomes = await Promise.allSettled(
    claimed.map(async (delivery) => {
      const startedAt = clock();
      const result = await sendDelivery(delivery, startedAt, fetchImpl, timeoutMs);
      const next = await recordAttempt(db, delivery, result, startedAt, clock());
      counts.attempted += 1;
      const where = { deliveryId: delivery.deliveryId, eventId: delivery.event.id, eventType: delivery.event.type, attempt: delivery.attempts };
      if (next.status === 'delivered') counts.delivered += 1;
      else if (next.status === 'failed') {
        counts.failed += 1;
        log.error({ ...where, statusCode: result.statusCode, error: result.error }, 'webhook delivery given up');
      } else {
        log.warn({ ...where, statusCode: result.statusCode, error: result.error, nextAttemptAt: next.nextAttemptAt }, 'webhook attempt failed');
      }
    }),
  );
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected') log.error({ err: outcome.reason }, 'could not record a webhook attempt');
  }
  return counts;
}
