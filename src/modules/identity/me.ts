import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { can, permissions } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { ApiKeyDto, OrgDto, toApiKeyDto, toOrgDto, toUserDto, UserDto } from './dto.ts';
import { apiKey, appUser, org } from './tables.ts';

export const MeDto = z
  .object({
    via: z.enum(['user', 'api_key']),
    user: UserDto.nullable(),
    apiKey: ApiKeyDto.nullable(),
    org: OrgDto,
    permissions: z.array(z.string()),
  })
  .meta({ id: 'Me' });
export type MeDto = z.infer<typeof MeDto>;

// Who the caller is, with their organisation and effective permissions (what the console uses to
// decide which menus to show).
export async function me(db: Executor, ctx: Ctx): Promise<MeDto> {
  const granted = permissions.filter((p) => can(ctx.actor, p));
  if (ctx.actor.userId) {
    const [row] = await db.select().from(appUser).innerJoin(org, eq(org.id, appUser.orgId)).where(eq(appUser.id, ctx.actor.userId));
    return { via: 'user', user: toUserDto(row!.app_user), apiKey: null, org: toOrgDto(row!.org), permissions: granted };
  }
  const [row] = await db.select().from(apiKey).innerJoin(org, eq(org.id, apiKey.orgId)).where(eq(apiKey.id, ctx.actor.apiKeyId!));
  return { via: 'api_key', user: null, apiKey: toApiKeyDto(row!.api_key), org: toOrgDto(row!.org), permissions: granted };
}
