import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';

// The isolation rule: one insurer never sees or changes another's objects, whether it guesses ids
// or filters lists by the other's organisation. A foreign object answers 404, like a missing one.
for (const kind of databaseKinds()) {
  describe(`tenant isolation on ${kind}`, () => {
    let t: TestApp;
    let picc: string;
    let cpic: string;
    let cpicOrgId: string;
    let cpicUserId: string;
    let cpicKeyId: string;

    beforeAll(async () => {
      t = await startTestApp(kind);
      picc = await t.login('admin@picc.demo');
      cpic = await t.login('admin@cpic.demo');
      const me = (await t.app.inject({ url: '/api/v1/me', headers: bearer(cpic) })).json();
      cpicOrgId = me.org.id;
      cpicUserId = me.user.id;
      cpicKeyId = (await t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(cpic), payload: { name: '太保核心系统', roles: ['adjuster'] } })).json().id;
    });
    afterAll(() => t?.close());

    it('cannot read another insurer’s objects by id', async () => {
      for (const url of [`/api/v1/orgs/${cpicOrgId}`, `/api/v1/users/${cpicUserId}`]) {
        const res = await t.app.inject({ url, headers: bearer(picc) });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().code).toBe('not_found');
      }
    });

    it('cannot change another insurer’s objects by id', async () => {
      const patchUser = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${cpicUserId}`, headers: bearer(picc), payload: { name: 'hijacked' } });
      expect(patchUser.statusCode).toBe(404);
      const revokeKey = await t.app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${cpicKeyId}`, headers: bearer(picc) });
      expect(revokeKey.statusCode).toBe(404);
      const createInForeignOrg = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: bearer(picc),
        payload: { orgId: cpicOrgId, email: 'mole@picc.demo', name: 'mole', password: 'long-enough-1', roles: ['adjuster'] },
      });
      expect(createInForeignOrg.statusCode).toBe(404);
      // Nothing changed on the other side.
      const cpicSelf = (await t.app.inject({ url: `/api/v1/users/${cpicUserId}`, headers: bearer(cpic) })).json();
      expect(cpicSelf.name).not.toBe('hijacked');
      const keys = (await t.app.inject({ url: '/api/v1/api-keys', headers: bearer(cpic) })).json();
      expect(keys.items.find((k: { id: string }) => k.id === cpicKeyId).revokedAt).toBeNull();
    });

    it('finds nothing of another insurer through list filters', async () => {
      const users = await t.app.inject({ url: `/api/v1/users?orgId=${cpicOrgId}`, headers: bearer(picc) });
      expect(users.statusCode).toBe(200);
      expect(users.json().items).toEqual([]);
      const search = await t.app.inject({ url: `/api/v1/users?q=cpic`, headers: bearer(picc) });
      expect(search.json().items).toEqual([]);
      const orgs = await t.app.inject({ url: `/api/v1/orgs?kind=insurer`, headers: bearer(picc) });
      expect(orgs.json().items.map((o: { name: string }) => o.name)).toEqual(['中国人民财产保险股份有限公司（演示）']);
      const keys = await t.app.inject({ url: '/api/v1/api-keys', headers: bearer(picc) });
      expect(keys.json().items.map((k: { id: string }) => k.id)).not.toContain(cpicKeyId);
      const audit = await t.app.inject({ url: `/api/v1/audit?objectId=${cpicKeyId}`, headers: bearer(picc) });
      expect(audit.json().items).toEqual([]);
      const ownAudit = await t.app.inject({ url: `/api/v1/audit?objectId=${cpicKeyId}`, headers: bearer(cpic) });
      expect(ownAudit.json().items.map((e: { action: string }) => e.action)).toEqual(['create']);
    });

    it('the platform sees every tenant', async () => {
      const platform = await t.login('admin@anpei.demo');
      expect((await t.app.inject({ url: `/api/v1/users/${cpicUserId}`, headers: bearer(platform) })).statusCode).toBe(200);
      const insurers = (await t.app.inject({ url: '/api/v1/orgs?kind=insurer', headers: bearer(platform) })).json();
      expect(insurers.items).toHaveLength(2);
    });
  });
}
