import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

// The audit trail: who did what to which object, from which state to which, in which request.
// Insert-only; `org_id` is the organisation that owns the object and may read its history.
export const auditEvent = pgTable(
  'audit_event',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id'),
    objectType: text('object_type').notNull(),
    objectId: uuid('object_id').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    actorUserId: uuid('actor_user_id'),
    actorApiKeyId: uuid('actor_api_key_id'),
    actorOrgId: uuid('actor_org_id'),
    requestId: text('request_id'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('audit_event_object_idx').on(t.objectId, t.id), index('audit_event_org_idx').on(t.orgId, t.id)],
);

// One row per (principal, Idempotency-Key): the first request's fingerprint and its response, so a
// retry gets the same answer and a different request under the same key gets 409.
export const idempotencyKey = pgTable(
  'idempotency_key',
  {
    principalId: uuid('principal_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.principalId, t.key] }), index('idempotency_key_created_idx').on(t.createdAt)],
);

// Domain events, written in the same transaction as the change they describe, then delivered by
// the worker (webhooks). `org_id` is the organisation the event is addressed to.
export const outboxEvent = pgTable(
  'outbox_event',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('outbox_event_pending_idx').on(t.id).where(sql`${t.dispatchedAt} is null`)],
);

// Counters for limits that must hold across every app process sharing the database (an in-memory
// counter only limits each process): one row per limit key, holding its current window and the
// requests counted in it, counted up atomically by rate-limit.ts. Generic: the key says whose limit
// it is (`trace-lookup:ip:…`). A window starts at the key's first request after the previous one
// ended; rows whose window has ended are pruned. The migration (0017) makes it UNLOGGED, which
// drizzle cannot say: counters need not survive a crash (they restart at zero, as a new window
// would), and without the write-ahead log a count does not wait for a disk flush, which halved
// its time on PostgreSQL.
export const rateLimitWindow = pgTable(
  'rate_limit_window',
  {
    key: text('key').primaryKey(),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true, mode: 'date' }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('rate_limit_window_end_idx').on(t.windowEnd)],
);
