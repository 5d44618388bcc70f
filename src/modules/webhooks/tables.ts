import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// A URL an organisation registered to receive its events, signed with its own secret.
export const webhookEndpoint = pgTable(
  'webhook_endpoint',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    url: text('url').notNull(),
    // Kept in clear: the worker needs it to sign every delivery. Shown to the org once, at creation.
    secret: text('secret').notNull(),
    // Event types to receive; `*` for all.
    eventTypes: text('event_types').array().notNull(),
    description: text('description'),
    status: text('status').$type<'active' | 'disabled'>().notNull().default('active'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoint_org_idx').on(t.orgId, t.id), check('webhook_endpoint_status_ck', sql`${t.status} in ('active','disabled')`)],
);

// One event to one endpoint; retried with backoff until delivered or given up.
export const webhookDelivery = pgTable(
  'webhook_delivery',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoint.id),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
    // Attempts started. The worker counts one when it claims the delivery, before the HTTP call, so
    // a delivery that somehow kills the worker mid-call still runs out of retries.
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: ts('delivered_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('webhook_delivery_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('webhook_delivery_endpoint_idx').on(t.endpointId, t.id),
    // One delivery per (event, endpoint): fan-out inserts with ON CONFLICT DO NOTHING, so even a
    // fan-out repeated after a crash cannot send an event twice to the same receiver.
    uniqueIndex('webhook_delivery_event_endpoint_uq').on(t.eventId, t.endpointId),
    check('webhook_delivery_status_ck', sql`${t.status} in ('pending','delivered','failed')`),
  ],
);

// The delivery log: every HTTP attempt with its outcome.
export const webhookAttempt = pgTable(
  'webhook_attempt',
  {
    id: uuid('id').primaryKey(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDelivery.id),
    at: ts('at').notNull().defaultNow(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
  },
  (t) => [index('webhook_attempt_delivery_idx').on(t.deliveryId, t.at)],
);
