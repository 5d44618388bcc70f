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
type SessionRow = { user_id: string; org_id: string; roles: Role[]; kind: OrgKind; region_code: string; expires_at: Date | string };

function lookupSession(db: Db, digest: string, now: Date): Promise<SessionRow[]> {
  return executePrepared<SessionRow>(db, sessionLookup(digest, now));
}

// The lookup as a statement (exported for the test that prepares every named statement).
export function sessionLookup(digest: string, now: Date): Stmt {
  return stmt`select ${appUser.id} as user_id, ${appUser.orgId} as org_id, ${appUser.roles} as roles, ${org.kind} as kind, ${org.regionCode} as region_code, ${session.expiresAt} as expires_at
        from ${session}
        join ${appUser} on ${appUser.id} = ${session.userId}
        join ${org} on ${org.id} = ${appUser.orgId}
        where ${session.tokenHash} = ${digest} and ${session.revokedAt} is null and ${session.expiresAt} > ${now.toISOString()}::timestamptz
          and ${appUser.status} = 'active' and ${org.status} = 'active'`;
}

// Resolves a session token or API key to the acting principal in one indexed query, with when the
// credential ends (a session; an API key has no end of its own). Expired or revoked credentials,
// disabled users and suspended organisations resolve to nothing.
export async function resolveActor(db: Db, credential: string, now: Date): Promise<{ actor: Actor; expiresAt: Date | null } | null> {
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
    return { actor: { type: 'api_key', userId: null, apiKeyId: row.id, orgId: row.orgId, orgKind: row.kind, orgRegionCode: row.regionCode, roles: row.roles }, expiresAt: null };
  }
  const [row] = await lookupSession(db, digest, now);
  if (!row) return null;
  return {
    actor: { type: 'user', userId: row.user_id, apiKeyId: null, orgId: row.org_id, orgKind: row.kind, orgRegionCode: row.region_code, roles: row.roles },
    expiresAt: new Date(row.expires_at),
  };
}

// A credential's actor is remembered for this long after it was looked up: a caller sending many
// requests (an integration recording payments, a thousand a second asked of it: issue 13) costs one
// lookup a second, not a round trip to the database per request, which on these machines was a
// large share of a small request's time. What ends a session or changes who it acts as (a logout,
// a user disabled or given other roles, an organisation suspended, an API key revoked) forgets
// every remembered actor in this process at once (forgetActors); another process serving the same
// database (ANPEI_WORKERS) learns of it when its memory lapses, within this time.
const REMEMBER_ACTOR_MS = 1000;
const MAX_REMEMBERED_ACTORS = 10_000;
let actorsEpoch = 0;

// Called by the commands that end or change sessions, API keys, users and organisations.
export function forgetActors(): void {
  actorsEpoch++;
}

type Remembered = { actor: Actor; until: number; epoch: number };

// Resolves the actor once per request, before any handler runs. Requests without a credential
// (health checks, the login itself) cost no query.
export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest('actor', null);
  // Per server: each has its own database. Keyed by the credential's digest, never the credential.
  const remembered = new Map<string, Remembered>();
  app.addHook('onRequest', async (req) => {
    // Only the API acts for someone. The console's page and scripts are the same for everyone, so
    // the session cookie they carry is not looked up (a dozen lookups per cold page load).
    if (!isApiPath(req.url)) return;
    const credential = credentialOf(req);
    if (!credential) {
      req.actor = null;
      return;
    }
    const now = new Date();
    const digest = sha256Hex(credential);
    const known = remembered.get(digest);
    if (known && known.epoch === actorsEpoch && known.until > now.getTime()) {
      req.actor = known.actor;
      return;
    }
    const epoch = actorsEpoch;
    const found = await resolveActor(app.services.database.db, credential, now);
    req.actor = found?.actor ?? null;
    if (found) {
      if (remembered.size >= MAX_REMEMBERED_ACTORS) remembered.clear();
      // Never past the session's own end.
      remembered.set(digest, { actor: found.actor, until: Math.min(now.getTime() + REMEMBER_ACTOR_MS, found.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY), epoch });
    } else remembered.delete(digest);
  });
}

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}
