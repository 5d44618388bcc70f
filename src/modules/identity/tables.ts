import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { OrgKind, Role } from '../../platform/access.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const org = pgTable(
  'org',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').$type<OrgKind>().notNull(),
    name: text('name').notNull(),
    // 统一社会信用代码, validated with its check character before it gets here.
    uscc: text('uscc').notNull(),
    regionCode: text('region_code').notNull(),
    status: text('status').$type<'active' | 'suspended'>().notNull().default('active'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('org_uscc_uq').on(t.uscc),
    index('org_kind_idx').on(t.kind, t.id),
    check('org_kind_ck', sql`${t.kind} in ('platform','insurer','supplier','operator','repair_shop','funder')`),
    check('org_status_ck', sql`${t.status} in ('active','suspended')`),
    check('org_region_ck', sql`${t.regionCode} ~ '^[0-9]{6}$'`),
  ],
);

export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    // Stored lower-cased; the unique index makes an address one account platform-wide.
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().$type<Role[]>().notNull(),
    status: text('status').$type<'active' | 'disabled'>().notNull().default('active'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastLoginAt: ts('last_login_at'),
  },
  (t) => [uniqueIndex('app_user_email_uq').on(t.email), index('app_user_org_idx').on(t.orgId, t.id), check('app_user_status_ck', sql`${t.status} in ('active','disabled')`)],
);

export const session = pgTable(
  'session',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('session_token_uq').on(t.tokenHash), index('session_user_idx').on(t.userId)],
);

export const apiKey = pgTable(
  'api_key',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    name: text('name').notNull(),
    // The first characters of the key, shown in lists so people can tell keys apart.
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    roles: text('roles').array().$type<Role[]>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [uniqueIndex('api_key_hash_uq').on(t.keyHash), index('api_key_org_idx').on(t.orgId, t.id)],
);

// Every sign-in attempt, kept to rate-limit failures per account and per address across all app
// processes (an in-memory counter would reset on restart and differ between processes).
export const loginAttempt = pgTable(
  'login_attempt',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    ok: boolean('ok').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('login_attempt_email_idx').on(t.email, t.at), index('login_attempt_ip_idx').on(t.ip, t.at)],
);
