import { eq } from 'drizzle-orm';
import type { Ctx } from '../platform/context.ts';
import type { Executor } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { org } from '../modules/identity/index.ts';

// The CLI is run by whoever operates the machine, which makes it the platform's administrator:
// its commands go through the same functions, checks and audit trail as the API, acting as the
// platform organisation with no user id (audit rows then show a null user and the CLI's request id).
export async function cliCtx(db: Executor): Promise<Ctx> {
  const [platform] = await db.select({ id: org.id, regionCode: org.regionCode }).from(org).where(eq(org.kind, 'platform')).limit(1);
  if (!platform) throw new Error('No platform organisation yet: run `anpei seed` (or `anpei serve` once) first.');
  return {
    actor: { type: 'user', userId: null, apiKeyId: null, orgId: platform.id, orgKind: 'platform', orgRegionCode: platform.regionCode, roles: ['admin'] },
    requestId: `cli-${newId()}`,
    locale: process.env.LANG?.startsWith('en') ? 'en' : 'zh-CN',
    now: new Date(),
  };
}
