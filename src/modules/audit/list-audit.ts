import { and, asc, desc, eq, gt, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission, tenantScope } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { auditEvent } from '../../platform/tables.ts';

export const ListAuditQuery = z.strictObject({
  objectId: z.uuid().optional(),
  objectType: z.string().max(60).optional(),
  actorUserId: z.uuid().optional(),
  // An object's history reads oldest first; the global feed newest first.
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuery,
});
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;

export const AuditDto = z
  .object({
    id: z.uuid(),
    orgId: z.uuid().nullable(),
    objectType: z.string(),
    objectId: z.uuid(),
    action: z.string(),
    fromState: z.string().nullable(),
    toState: z.string().nullable(),
    actorUserId: z.uuid().nullable(),
    actorApiKeyId: z.uuid().nullable(),
    actorOrgId: z.uuid().nullable(),
    requestId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    at: z.string(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditDto = z.infer<typeof AuditDto>;

// The audit trail of what the caller's organisation owns (everything, for the platform).
export async function listAudit(db: Executor, ctx: Ctx, query: ListAuditQuery): Promise<Page<AuditDto>> {
  requirePermission(ctx.actor, 'audit.read');
  const after = decodeCursor(query.cursor);
  const newestFirst = query.order === 'desc';
  const conditions: (SQL | undefined)[] = [
    tenantScope(ctx.actor, auditEvent.orgId),
    query.objectId ? eq(auditEvent.objectId, query.objectId) : undefined,
    query.objectType ? eq(auditEvent.objectType, query.objectType) : undefined,
    query.actorUserId ? eq(auditEvent.actorUserId, query.actorUserId) : undefined,
    after ? (newestFirst ? lt(auditEvent.id, after) : gt(auditEvent.id, after)) : undefined,
  ];
  const rows = await db
    .select()
    .from(auditEvent)
    .where(and(...conditions))
    .orderBy(newestFirst ? desc(auditEvent.id) : asc(auditEvent.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => ({ ...row, at: row.at.toISOString() }));
}
