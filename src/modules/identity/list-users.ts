import { and, asc, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { allRoles, requirePermission, tenantScope, type Role } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { containsPattern } from '../../platform/like.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { toUserDto, type UserDto } from './dto.ts';
import { appUser } from './tables.ts';

export const ListUsersQuery = z.strictObject({
  orgId: z.uuid().optional(),
  role: z.enum(allRoles as [Role, ...Role[]]).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;

// A filter on another tenant's orgId is not an error: it is simply ANDed with the tenant scope and
// finds nothing, so the answer cannot tell a foreign organisation from a missing one.
export async function listUsers(db: Executor, ctx: Ctx, query: ListUsersQuery): Promise<Page<UserDto>> {
  requirePermission(ctx.actor, 'users.manage');
  const after = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [
    tenantScope(ctx.actor, appUser.orgId),
    query.orgId ? eq(appUser.orgId, query.orgId) : undefined,
    query.role ? sql`${query.role} = any(${appUser.roles})` : undefined,
    query.status ? eq(appUser.status, query.status) : undefined,
    query.q ? or(ilike(appUser.email, containsPattern(query.q)), ilike(appUser.name, containsPattern(query.q))) : undefined,
    after ? gt(appUser.id, after) : undefined,
  ];
  const rows = await db
    .select()
    .from(appUser)
    .where(and(...conditions))
    .orderBy(asc(appUser.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toUserDto);
}

// Anyone may read their own account; reading others needs users.manage, within the tenant scope.
export async function getUser(db: Executor, ctx: Ctx, id: string): Promise<UserDto> {
  if (id !== ctx.actor.userId) requirePermission(ctx.actor, 'users.manage');
  const [row] = await db
    .select()
    .from(appUser)
    .where(and(tenantScope(ctx.actor, appUser.orgId), eq(appUser.id, id)));
  if (!row) throw notFound('user');
  return toUserDto(row);
}
