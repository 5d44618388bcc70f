import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { session } from '../src/modules/identity/tables.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';

for (const kind of databaseKinds()) {
  describe(`identity on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      // A small per-account limit so the rate-limit test needs few attempts.
      t = await startTestApp(kind, { ANPEI_LOGIN_MAX_FAILS_PER_ACCOUNT: '3', ANPEI_LOGIN_MAX_FAILS_PER_ADDRESS: '8' });
    });
    afterAll(() => t?.close());

    it('signs in with email and password, and answers /me by bearer token and by cookie', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'Adjuster@PICC.demo ', password: 'anpei-demo' } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.token).toMatch(/^st_/);
      expect(body.user.email).toBe('adjuster@picc.demo');
      expect(body.org.kind).toBe('insurer');
      const cookie = res.cookies.find((c) => c.name === 'anpei_session');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.value).toBe(body.token);

      const byBearer = await t.app.inject({ url: '/api/v1/me', headers: bearer(body.token) });
      expect(byBearer.statusCode).toBe(200);
      expect(byBearer.json()).toMatchObject({
        via: 'user',
        user: { email: 'adjuster@picc.demo', roles: ['adjuster'] },
        permissions: ['catalog.read', 'claims.read', 'claims.write', 'insurer_rules.read', 'inquiries.manage', 'orders.read', 'orders.place', 'orders.cancel'],
      });

      const byCookie = await t.app.inject({ url: '/api/v1/me', cookies: { anpei_session: body.token } });
      expect(byCookie.statusCode).toBe(200);
      expect(byCookie.json().user.id).toBe(body.user.id);
    });

    it('refuses a wrong password and an unknown email alike, in the caller’s language', async () => {
      const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'checker@cpic.demo', password: 'nope-nope-nope' } });
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'accept-language': 'en-US,en;q=0.9' },
        payload: { email: 'nobody@cpic.demo', password: 'nope-nope-nope' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.headers['content-type']).toContain('application/problem+json');
      expect(wrong.json()).toMatchObject({ code: 'invalid_credentials', title: '登录失败' });
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json()).toMatchObject({ code: 'invalid_credentials', title: 'Sign-in failed' });
    });

    it('needs a credential for /me, and rejects a forged or revoked one', async () => {
      expect((await t.app.inject({ url: '/api/v1/me' })).statusCode).toBe(401);
      expect((await t.app.inject({ url: '/api/v1/me', headers: bearer('st_forged') })).statusCode).toBe(401);
      const token = await t.login('finance@picc.demo');
      const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) });
      expect(out.statusCode).toBe(204);
      const after = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('unauthenticated');
    });

    it('expires sessions, even one the server remembers having looked up a moment ago', async () => {
      const token = await t.login('adjuster@cpic.demo');
      const me = (await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).json();
      // Bring the session's end to a moment from now rather than waiting twelve hours, before the
      // server next looks it up (it remembers a lookup for a second: authenticate.ts).
      await new Promise((r) => setTimeout(r, 1100));
      await t.database.db
        .update(session)
        .set({ expiresAt: new Date(Date.now() + 400) })
        .where(eq(session.userId, me.user.id));
      expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 500));
      expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(401);
    });

    it('forgets what it remembered of a session the moment its user signs out', async () => {
      const token = await t.login('adjuster@cpic.demo');
      expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);
      const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(token) });
      expect(out.statusCode).toBe(204);
      expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(401);
    });

    it('rate-limits failed sign-ins per account, and a success resets the account’s count', async () => {
      const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.0.1', payload: { email: 'sales@yuetong.demo', password } });
      for (let i = 0; i < 2; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
      expect((await attempt('anpei-demo')).statusCode).toBe(200);
      for (let i = 0; i < 3; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
      const blocked = await attempt('anpei-demo');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().code).toBe('too_many_attempts');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('rate-limits failed sign-ins per address across accounts', async () => {
      const from = (email: string, password = 'wrong-password') => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.0.2', payload: { email, password } });
      const emails = ['a@x.demo', 'b@x.demo', 'c@x.demo', 'd@x.demo'];
      for (let i = 0; i < 8; i++) expect((await from(emails[i % 4]!)).statusCode).toBe(401);
      const blocked = await from('admin@anxin.demo', 'anpei-demo');
      expect(blocked.statusCode).toBe(429);
      // Another address is not affected.
      const elsewhere = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.0.3', payload: { email: 'admin@anxin.demo', password: 'anpei-demo' } });
      expect(elsewhere.statusCode).toBe(200);
    });

    it('lets an org admin create, use and revoke API keys, shown once and stored hashed', async () => {
      const admin = await t.login('admin@picc.demo');
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(admin), payload: { name: '理赔系统对接', roles: ['adjuster'] } });
      expect(created.statusCode).toBe(201);
      const key = created.json();
      expect(key.key).toMatch(/^ak_/);
      expect(key.prefix).toBe(key.key.slice(0, 10));

      const asKey = await t.app.inject({ url: '/api/v1/me', headers: bearer(key.key) });
      expect(asKey.statusCode).toBe(200);
      expect(asKey.json()).toMatchObject({ via: 'api_key', user: null, apiKey: { id: key.id, roles: ['adjuster'] }, org: { kind: 'insurer' } });

      const list = await t.app.inject({ url: '/api/v1/api-keys', headers: bearer(admin) });
      expect(list.json().items.map((k: { id: string }) => k.id)).toContain(key.id);
      expect(JSON.stringify(list.json())).not.toContain(key.key);

      // An API key may not manage keys (no admin role), nor be created with one.
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(key.key), payload: { name: 'x', roles: ['adjuster'] } })).statusCode).toBe(403);
      const adminKey = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(admin), payload: { name: 'x', roles: ['admin'] } });
      expect(adminKey.statusCode).toBe(400);
      expect(adminKey.json().errors[0].path).toBe('roles.0');

      // A retried creation gets the same key record, but never the key again.
      const first = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { ...bearer(admin), 'idempotency-key': 'key-1' }, payload: { name: '仓储系统', roles: ['finance'] } });
      const replay = await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: { ...bearer(admin), 'idempotency-key': 'key-1' }, payload: { name: '仓储系统', roles: ['finance'] } });
      expect(replay.json()).toEqual({ ...first.json(), key: null });

      const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${key.id}`, headers: bearer(admin) });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().revokedAt).not.toBeNull();
      expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(key.key) })).statusCode).toBe(401);
    });

    it('lets the platform admin create organisations and users who can then sign in', async () => {
      const admin = await t.login('admin@anpei.demo');
      const org = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orgs',
        headers: bearer(admin),
        payload: { kind: 'repair_shop', name: '苏州工业园区安顺汽修', uscc: '91350100M000100Y44', regionCode: '320500' },
      });
      // The check character above is deliberately wrong: it must be refused with the field named.
      expect(org.statusCode).toBe(400);
      expect(org.json().errors).toEqual([expect.objectContaining({ path: 'uscc', code: 'uscc_check_character' })]);

      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orgs',
        headers: bearer(admin),
        payload: { kind: 'repair_shop', name: '苏州工业园区安顺汽修', uscc: '91350100M000100Y43', regionCode: '320500' },
      });
      expect(ok.statusCode).toBe(201);
      const shop = ok.json();
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orgs',
        headers: bearer(admin),
        payload: { kind: 'repair_shop', name: '重复', uscc: '91350100M000100Y43', regionCode: '320500' },
      });
      expect(again.statusCode).toBe(409);

      const badRole = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer(admin),
        payload: { orgId: shop.id, email: 'x@anshun.demo', name: '收货员', password: 'long-enough-1', roles: ['adjuster'] },
      });
      expect(badRole.statusCode).toBe(400);
      expect(badRole.json().errors[0]).toMatchObject({ path: 'roles.0', code: 'role_not_for_kind' });

      const user = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer(admin),
        payload: { orgId: shop.id, email: 'Receiver@Anshun.demo', name: '收货员 小周', password: 'long-enough-1', roles: ['receiver'] },
      });
      expect(user.statusCode).toBe(201);
      expect(user.json().email).toBe('receiver@anshun.demo');
      expect(await t.login('receiver@anshun.demo', 'long-enough-1')).toMatch(/^st_/);

      // Disabling the user ends their sessions, at once, though the server had just looked this one up.
      const token = await t.login('receiver@anshun.demo', 'long-enough-1');
      expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);
      const disabled = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.json().id}`, headers: bearer(admin), payload: { status: 'disabled' } });
      expect(disabled.statusCode).toBe(200);
      expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(401);

      // Every change is in the audit trail with its states.
      const audit = await t.app.inject({ url: `/api/v1/audit?objectId=${user.json().id}&order=asc`, headers: bearer(admin) });
      expect(audit.json().items.map((e: { action: string; fromState: string | null; toState: string }) => [e.action, e.fromState, e.toState])).toEqual([
        ['create', null, 'active'],
        ['update', 'active', 'disabled'],
      ]);
    });

    it('forbids what a role does not grant (403) and lists only the caller’s org', async () => {
      const adjuster = await t.login('adjuster@picc.demo');
      expect((await t.app.inject({ url: '/api/v1/users', headers: bearer(adjuster) })).statusCode).toBe(403);
      const denied = await t.app.inject({ method: 'POST', url: '/api/v1/orgs', headers: bearer(adjuster), payload: { kind: 'insurer', name: 'x', uscc: '91350100M000100Y43', regionCode: '110000' } });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('forbidden');
      const orgs = await t.app.inject({ url: '/api/v1/orgs', headers: bearer(adjuster) });
      expect(orgs.json().items).toHaveLength(1);
    });

    it('paginates with a cursor', async () => {
      const admin = await t.login('admin@anpei.demo');
      const seen: string[] = [];
      let cursor = '';
      for (let page = 0; page < 20; page++) {
        const res = await t.app.inject({ url: `/api/v1/orgs?limit=4${cursor ? `&cursor=${cursor}` : ''}`, headers: bearer(admin) });
        const body = res.json();
        seen.push(...body.items.map((o: { id: string }) => o.id));
        if (!body.nextCursor) break;
        cursor = body.nextCursor;
      }
      expect(seen.length).toBeGreaterThanOrEqual(13);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(seen);
      const bad = await t.app.inject({ url: '/api/v1/orgs?cursor=not-a-cursor', headers: bearer(admin) });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0]).toMatchObject({ path: 'cursor', in: 'querystring' });
    });
  });
}
