import { and, count, eq, gt, max, min, sql } from 'drizzle-orm';
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

// Sign-in attempts are limited per account (failures since its last success) and per address
// (failures in the window). The check and the record of an attempt are one atomic step: a short
// transaction that takes an advisory lock on the account and then on the address (always in that
// order, so two attempts can never wait on each other), counts, and records the attempt as a
// failure before the password is checked. Concurrent attempts thus queue on the locks and each
// sees the ones before it: 16 at once get exactly `limit` password checks and 429s for the rest.
// The argon2 check (~50 ms) runs after the transaction, holding no lock and, on PGlite, not holding
// its single connection; a right password then turns its own record into a success. The recorded
// failure is also what stays if the process dies mid-check. A legitimate user sees no difference:
// their attempt counts against the limit only while its password is being checked.
async function recordAttempt(db: Db, config: Config, email: string, ip: string, now: Date): Promise<string> {
  const windowStart = new Date(now.getTime() - config.login.windowS * 1000);
  return db.transaction(async (tx) => {
    // One round trip: a select list is evaluated left to right, so the account's lock comes first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`login_attempt:email:${email}`}, 0)), pg_advisory_xact_lock(hashtextextended(${`login_attempt:ip:${ip}`}, 0))`);
    const [lastOk] = await tx
      .select({ at: max(loginAttempt.at) })
      .from(loginAttempt)
      .where(and(eq(loginAttempt.email, email), eq(loginAttempt.ok, true)));
    const accountSince = lastOk?.at && lastOk.at > windowStart ? lastOk.at : windowStart;
    const checks = [
      { where: and(eq(loginAttempt.email, email), eq(loginAttempt.ok, false), gt(loginAttempt.at, accountSince)), limit: config.login.maxFailsPerAccount },
      { where: and(eq(loginAttempt.ip, ip), eq(loginAttempt.ok, false), gt(loginAttempt.at, windowStart)), limit: config.login.maxFailsPerAddress },
    ];
    for (const check of checks) {
      const [row] = await tx
        .select({ n: count(), oldest: min(loginAttempt.at) })
        .from(loginAttempt)
        .where(check.where);
      if (row && row.n >= check.limit && row.oldest) {
        // Past the limit the caller is told when to retry, and the password is not checked at all.
        const retryAfterS = Math.max(1, Math.ceil((row.oldest.getTime() + config.login.windowS * 1000 - now.getTime()) / 1000));
        throw new AppError('too_many_attempts', { retryAfterS }, [], { 'retry-after': String(retryAfterS) });
      }
    }
    const id = newId();
    await tx.insert(loginAttempt).values({ id, email, ip, ok: false, at: now });
    return id;
  });
}

export async function login(db: Db, config: Config, input: LoginInput, meta: LoginMeta): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const attemptId = await recordAttempt(db, config, email, meta.ip, meta.now);

  const [found] = await db.select().from(appUser).innerJoin(org, eq(org.id, appUser.orgId)).where(eq(appUser.email, email));
  const passwordOk = await verifyPassword(found?.app_user.passwordHash, input.password);
  const usable = passwordOk && found?.app_user.status === 'active' && found.org.status === 'active';
  // The attempt is already recorded as a failure, committed: it is what the limit counts, and it
  // must stay even though the request is refused.
  if (!usable || !found) throw new AppError('invalid_credentials');

  const token = newSecret('st');
  const expiresAt = new Date(meta.now.getTime() + config.sessionTtlS * 1000);
  const user = found.app_user;
  await db.transaction(async (tx) => {
    await tx.update(loginAttempt).set({ ok: true }).where(eq(loginAttempt.id, attemptId));
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
