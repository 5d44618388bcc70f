import { and, asc, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { tenantScope } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { containsPattern } from '../../platform/like.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { toOrgDto, type OrgDto } from './dto.ts';
import { orgKindField } from './schemas.ts';
import { org } from './tables.ts';

export const ListOrgsQuery = z.strictObject({
  kind: orgKindField.optional(),
  status: z.enum(['active', 'suspended']).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});
export type ListOrgsQuery = z.infer<typeof ListOrgsQuery>;

// Organisations visible to the caller: all of them for the platform, its own for anyone else.
export async function listOrgs(db: Executor, ctx: Ctx, query: ListOrgsQuery): Promise<Page<OrgDto>> {
  const after = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [
    tenantScope(ctx.actor, org.id),
    query.kind ? eq(org.kind, query.kind) : undefined,
    query.status ? eq(org.status, query.status) : undefined,
    query.regionCode ? eq(org.regionCode, query.regionCode) : undefined,
    query.q ? or(ilike(org.name, containsPattern(query.q)), eq(org.uscc, query.q.toUpperCase())) : undefined,
    after ? gt(org.id, after) : undefined,
  ];
  const rows = await db
    .select()
    .from(org)
    .where(and(...conditions))
    .orderBy(asc(org.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toOrgDto);
}

export async function getOrg(db: Executor, ctx: Ctx, id: string): Promise<OrgDto> {
  const [row] = await db
    .select()
    .from(org)
    .where(and(tenantScope(ctx.actor, org.id), eq(org.id, id)));
  if (!row) throw notFound('organisation');
  return toOrgDto(row);
}
