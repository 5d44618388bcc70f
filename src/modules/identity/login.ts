import { and, count, eq, gt, max, min } from 'drizzle-orm';
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { newId, newSecret, sha256Hex } from '../../platform/ids.ts';
import { recordAudit } from '../../platform/audit.ts';
import { normaliseEmail, toOrgDto, toUserDto, type OrgDto, type UserDto } from './dto.ts';
import { verifyPassword } from './passwords.ts';
import { appUser, loginAttempt, org, session } from './tables.ts';

export type LoginInput = { email: string; password: string };
export type LoginMeta = { ip: string; userAgent: string | undefined; now: Date; requestId: string };
export type LoginResult = { token: string; expiresAt: string; user: UserDto; org: OrgDto };

// Failed attempts in the window, per account (since its last success) and per address. Past the
// limit the caller is told when to retry, without checking the password at all.
async function assertNotThrottled(db: Db, config: Config, email: string, ip: string, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - config.login.windowS * 1000);
  const [lastOk] = await db
    .select({ at: max(loginAttempt.at) })
    .from(loginAttempt)
    .where(and(eq(loginAttempt.email, email), eq(loginAttempt.ok, true)));
  const accountSince = lastOk?.at && lastOk.at > windowStart ? lastOk.at : windowStart;
  const checks = [
    { where: and(eq(loginAttempt.email, email), eq(loginAttempt.ok, false), gt(loginAttempt.at, accountSince)), limit: config.login.maxFailsPerAccount },
    { where: and(eq(loginAttempt.ip, ip), eq(loginAttempt.ok, false), gt(loginAttempt.at, windowStart)), limit: config.login.maxFailsPerAddress },
  ];
  for (const check of checks) {
    const [row] = await db.select({ n: count(), oldest: min(loginAttempt.at) }).from(loginAttempt).where(check.where);
    if (row && row.n >= check.limit && row.oldest) {
      const retryAfterS = Math.max(1, Math.ceil((row.oldest.getTime() + config.login.windowS * 1000 - now.getTime()) / 1000));
      throw new AppError('too_many_attempts', { retryAfterS }, [], { 'retry-after': String(retryAfterS) });
    }
  }
}

export async function login(db: Db, config: Config, input: LoginInput, meta: LoginMeta): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  await assertNotThrottled(db, config, email, meta.ip, meta.now);

  const [found] = await db.select().from(appUser).innerJoin(org, eq(org.id, appUser.orgId)).where(eq(appUser.email, email));
  const passwordOk = await verifyPassword(found?.app_user.passwordHash, input.password);
  const usable = passwordOk && found?.app_user.status === 'active' && found.org.status === 'active';

  if (!usable || !found) {
    // The failure is recorded outside any transaction on purpose: it is what the rate limit counts,
    // and it must stay even though the request is refused.
    await db.insert(loginAttempt).values({ id: newId(), email, ip: meta.ip, ok: false, at: meta.now });
    throw new AppError('invalid_credentials');
  }

  const token = newSecret('st');
  const expiresAt = new Date(meta.now.getTime() + config.sessionTtlS * 1000);
  const user = found.app_user;
  await db.transaction(async (tx) => {
    await tx.insert(loginAttempt).values({ id: newId(), email, ip: meta.ip, ok: true, at: meta.now });
    const sessionId = newId();
    await tx.insert(session).values({
      id: sessionId,
      userId: user.id,
      tokenHash: sha256Hex(token),
      createdAt: meta.now,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    });
    await tx.update(appUser).set({ lastLoginAt: meta.now }).where(eq(appUser.id, user.id));
    const ctx = {
      actor: { type: 'user' as const, userId: user.id, apiKeyId: null, orgId: user.orgId, orgKind: found.org.kind, orgRegionCode: found.org.regionCode, roles: user.roles },
      requestId: meta.requestId,
      now: meta.now,
      locale: 'zh-CN' as const,
    };
    await recordAudit(tx, ctx, { orgId: user.orgId, objectType: 'session', objectId: sessionId, action: 'login', toState: 'active', data: { ip: meta.ip } });
  });
  return { token, expiresAt: expiresAt.toISOString(), user: toUserDto({ ...user, lastLoginAt: meta.now }), org: toOrgDto(found.org) };
}
