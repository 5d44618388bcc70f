import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, OrgKind, Role } from '../../platform/access.ts';
import { executePrepared, type Db } from '../../platform/db.ts';
import { stmt, type Stmt } from '../../platform/stmt.ts';
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

// Every signed-in request runs this lookup: a named statement (planned once per connection) whose
// raw rows need no mapping (their keys are given with `as`, whatever the columns are called). Roles
// come back as PostgreSQL's text[], which both drivers turn into an array.
type SessionRow = { user_id: string; org_id: string; roles: Role[]; kind: OrgKind; region_code: string };

function lookupSession(db: Db, digest: string, now: Date): Promise<SessionRow[]> {
  return executePrepared<SessionRow>(db, sessionLookup(digest, now));
}

// The lookup as a statement (exported for the test that prepares every named statement).
export function sessionLookup(digest: string, now: Date): Stmt {
  return stmt`select ${appUser.id} as user_id, ${appUser.orgId} as org_id, ${appUser.roles} as roles, ${org.kind} as kind, ${org.regionCode} as region_code
        from ${session}
        join ${appUser} on ${appUser.id} = ${session.userId}
        join ${org} on ${org.id} = ${appUser.orgId}
        where ${session.tokenHash} = ${digest} and ${session.revokedAt} is null and ${session.expiresAt} > ${now.toISOString()}::timestamptz
          and ${appUser.status} = 'active' and ${org.status} = 'active'`;
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
  const [row] = await lookupSession(db, digest, now);
  if (!row) return null;
  return { type: 'user', userId: row.user_id, apiKeyId: null, orgId: row.org_id, orgKind: row.kind, orgRegionCode: row.region_code, roles: row.roles };
}

// Resolves the actor once per request, before any handler runs. Requests without a credential
// (health checks, the login itself) cost no query.
export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    // Only the API acts for someone. The console's page and scripts are the same for everyone, so
    // the session cookie they carry is not looked up (a dozen lookups per cold page load).
    if (!isApiPath(req.url)) return;
    const credential = credentialOf(req);
    req.actor = credential ? await resolveActor(app.services.database.db, credential, new Date()) : null;
  });
}

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
