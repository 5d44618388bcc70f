import { and, asc, eq, gt, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { requirePermission, tenantScope, type Role } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor, Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId, newSecret, sha256Hex } from '../../platform/ids.ts';
import { decodeCursor, pageQuery, toPage, type Page } from '../../platform/pagination.ts';
import { rolesErrors } from './create-user.ts';
import { ApiKeyDto, toApiKeyDto } from './dto.ts';
import { nameField } from './schemas.ts';
import { apiKey } from './tables.ts';

// API keys let an organisation's own systems (an insurer's claims system, a supplier's ERP) call
// the API. A key acts for its organisation with the roles given at creation, never `admin`: an
// integration must not be able to mint users or more keys.

export const CreateApiKeyInput = z
  .strictObject({
    name: nameField,
    roles: z.array(z.string().min(1).max(40)).min(1).max(10),
  })
  .meta({ id: 'CreateApiKeyInput' });
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

// `key` is null only on an idempotent replay: the key is shown once and never stored in clear.
export const CreatedApiKeyDto = ApiKeyDto.extend({ key: z.string().nullable() }).meta({ id: 'CreatedApiKey' });
export type CreatedApiKeyDto = z.infer<typeof CreatedApiKeyDto>;

export async function createApiKey(tx: Tx, ctx: Ctx, input: CreateApiKeyInput): Promise<CreatedApiKeyDto> {
  requirePermission(ctx.actor, 'api_keys.manage');
  const errors = rolesErrors(input.roles, ctx.actor.orgKind).concat(
    input.roles.flatMap((role, i) => (role === 'admin' ? [{ path: `roles.${i}`, in: 'body' as const, code: 'role_not_for_kind' as const, params: { role, kind: 'api_key' } }] : [])),
  );
  if (errors.length > 0) throw new AppError('validation_failed', { count: errors.length }, errors);
  const key = newSecret('ak');
  const [row] = await tx
    .insert(apiKey)
    .values({
      id: newId(),
      orgId: ctx.actor.orgId,
      name: input.name,
      prefix: key.slice(0, 10),
      keyHash: sha256Hex(key),
      roles: [...new Set(input.roles)] as Role[],
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
    })
    .returning();
  await recordAudit(tx, ctx, { orgId: ctx.actor.orgId, objectType: 'api_key', objectId: row!.id, action: 'create', toState: 'active', data: { name: input.name, roles: row!.roles } });
  // The key itself is returned this once; only its digest is kept.
  return { ...toApiKeyDto(row!), key };
}

export const withoutKey = (created: CreatedApiKeyDto): CreatedApiKeyDto => ({ ...created, key: null });

export const ListApiKeysQuery = z.strictObject({
  includeRevoked: z.enum(['true', 'false']).default('false'),
  ...pageQuery,
});
export type ListApiKeysQuery = z.infer<typeof ListApiKeysQuery>;

export async function listApiKeys(db: Executor, ctx: Ctx, query: ListApiKeysQuery): Promise<Page<ApiKeyDto>> {
  requirePermission(ctx.actor, 'api_keys.manage');
  const after = decodeCursor(query.cursor);
  const conditions: (SQL | undefined)[] = [tenantScope(ctx.actor, apiKey.orgId), query.includeRevoked === 'true' ? undefined : isNull(apiKey.revokedAt), after ? gt(apiKey.id, after) : undefined];
  const rows = await db
    .select()
    .from(apiKey)
    .where(and(...conditions))
    .orderBy(asc(apiKey.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toApiKeyDto);
}

// Revoking is final and repeatable: a second revoke answers the already-revoked key.
export async function revokeApiKey(tx: Tx, ctx: Ctx, id: string): Promise<ApiKeyDto> {
  requirePermission(ctx.actor, 'api_keys.manage');
  const [row] = await tx
    .select()
    .from(apiKey)
    .where(and(tenantScope(ctx.actor, apiKey.orgId), eq(apiKey.id, id)))
    .for('update');
  if (!row) throw notFound('api_key');
  if (row.revokedAt) return toApiKeyDto(row);
  const [after] = await tx.update(apiKey).set({ revokedAt: ctx.now }).where(eq(apiKey.id, id)).returning();
  await recordAudit(tx, ctx, { orgId: row.orgId, objectType: 'api_key', objectId: id, action: 'revoke', fromState: 'active', toState: 'revoked' });
  return toApiKeyDto(after!);
}
