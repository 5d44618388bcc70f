import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { sha256Hex } from '../../platform/ids.ts';
import '../../platform/fastify-types.ts';
import { apiKey, appUser, org, session } from './tables.ts';

export const SESSION_COOKIE = 'anpei_session';

// Where a caller's credential comes from: `Authorization: Bearer …` first (integrations and the
// API), else the console's HttpOnly session cookie.
export function credentialOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  return req.cookies?.[SESSION_COOKIE];
}

// Every signed-in request runs this lookup; it is prepared once per database so that PostgreSQL
// plans the three-table join once rather than on every request.
const sessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

function prepareSessionLookup(db: Db) {
  return db
    .select({ userId: appUser.id, orgId: appUser.orgId, roles: appUser.roles, kind: org.kind, regionCode: org.regionCode })
    .from(session)
    .innerJoin(appUser, eq(appUser.id, session.userId))
    .innerJoin(org, eq(org.id, appUser.orgId))
    .where(
      and(
        eq(session.tokenHash, sql.placeholder('digest')),
        isNull(session.revokedAt),
        gt(session.expiresAt, sql.placeholder('now')),
        eq(appUser.status, 'active'),
        eq(org.status, 'active'),
      ),
    )
    .prepare('session_lookup');
}

function sessionLookup(db: Db) {
  let lookup = sessionLookups.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    sessionLookups.set(db, lookup);
  }
  return lookup;
}

// Resolves a session token or API key to the acting principal in one indexed query. Expired or
// revoked credentials, disabled users and suspended organisations resolve to nothing.
export async function resolveActor(db: Db, credential: string, now: Date): Promise<Actor | null> {
  const digest = sha256Hex(credential);
  if (credential.startsWith('ak_')) {
    const [row] = await db
      .select({ id: apiKey.id, orgId: apiKey.orgId, roles: apiKey.roles, kind: org.kind, regionCode: org.regionCode, lastUsedAt: apiKey.lastUsedAt })
      .from(apiKey)
      .innerJoin(org, eq(org.id, apiKey.orgId))
      .where(and(eq(apiKey.keyHash, digest), isNull(apiKey.revokedAt), eq(org.status, 'active')));
    if (!row) return null;
    // "Last used" is shown to admins; once every five minutes is precise enough and keeps the hot
    // path free of a write per request.
    const stale = new Date(now.getTime() - 5 * 60_000);
    if (!row.lastUsedAt || row.lastUsedAt < stale) {
      await db
        .update(apiKey)
        .set({ lastUsedAt: now })
        .where(and(eq(apiKey.id, row.id), or(isNull(apiKey.lastUsedAt), lt(apiKey.lastUsedAt, stale))));
    }
    return { type: 'api_key', userId: null, apiKeyId: row.id, orgId: row.orgId, orgKind: row.kind, orgRegionCode: row.regionCode, roles: row.roles };
  }
  const [row] = await sessionLookup(db).execute({ digest, now });
  if (!row) return null;
  return { type: 'user', userId: row.userId, apiKeyId: null, orgId: row.orgId, orgKind: row.kind, orgRegionCode: row.regionCode, roles: row.roles };
}

// Resolves the actor once per request, before any handler runs. Requests without a credential
// (health checks, the login itself) cost no query.
export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const credential = credentialOf(req);
    req.actor = credential ? await resolveActor(app.services.database.db, credential, new Date()) : null;
  });
}
