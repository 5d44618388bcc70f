import { z } from 'zod';
import { allRoles, orgKinds, type Role } from '../../platform/access.ts';
import type { apiKey, appUser, org } from './tables.ts';

// What the API shows of identity objects. Secrets and hashes never leave the module.

export const OrgDto = z
  .object({
    id: z.uuid(),
    kind: z.enum(orgKinds),
    name: z.string(),
    uscc: z.string(),
    regionCode: z.string(),
    status: z.enum(['active', 'suspended']),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Org' });
export type OrgDto = z.infer<typeof OrgDto>;

export function toOrgDto(row: typeof org.$inferSelect): OrgDto {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    uscc: row.uscc,
    regionCode: row.regionCode,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const UserDto = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.enum(allRoles as [Role, ...Role[]])),
    status: z.enum(['active', 'disabled']),
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'User' });
export type UserDto = z.infer<typeof UserDto>;

export function toUserDto(row: typeof appUser.$inferSelect): UserDto {
  return {
    id: row.id,
    orgId: row.orgId,
    email: row.email,
    name: row.name,
    roles: row.roles,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

export const ApiKeyDto = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    roles: z.array(z.string()),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKeyDto = z.infer<typeof ApiKeyDto>;

export function toApiKeyDto(row: typeof apiKey.$inferSelect): ApiKeyDto {
  return {
    id: row.id,
    orgId: row.orgId,
    name: row.name,
    prefix: row.prefix,
    roles: row.roles,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
