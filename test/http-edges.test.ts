import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUser } from '../src/modules/identity/tables.ts';
import { auditEvent } from '../src/platform/tables.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';

for (const kind of databaseKinds()) {
  describe(`HTTP edges on ${kind}`, () => {
    let t: TestApp;
    let admin: string;
    let orgId: string;
    const userCount = async () => (await t.database.db.select({ n: count() }).from(appUser))[0]!.n;
    const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditEvent))[0]!.n;

    beforeAll(async () => {
      t = await startTestApp(kind, { ANPEI_BODY_LIMIT_BYTES: '4096' });
      admin = await t.login('admin@picc.demo');
      orgId = (await t.app.inject({ url: '/api/v1/me', headers: bearer(admin) })).json().org.id;
    });
    afterAll(() => t?.close());

    const post = (payload: string | object, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { ...bearer(admin), 'content-type': 'application/json', ...headers },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
    const newUser = (email: string) => ({ email, name: '定损员 新人', password: 'long-enough-1', roles: ['adjuster'] });

    it('answers malformed JSON with a problem and changes nothing', async () => {
      const before = await userCount();
      const res = await post('{"email": "a@b.c",');
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ type: 'urn:anpei:problem:malformed_json', status: 400, code: 'malformed_json', title: 'JSON 格式错误' });
      expect(res.json().requestId).toBe(res.headers['x-request-id']);
      expect(await userCount()).toBe(before);
    });

    it('names every wrong field, with its reason, in zh-CN by default and in English on request', async () => {
      const body = { email: 'not-an-email', name: 42, password: 'short', roles: [], extra: true };
      const zh = await post(body);
      expect(zh.statusCode).toBe(400);
      const errors = zh.json().errors as { path: string; code: string; message: string; in: string }[];
      expect(errors.map((e) => [e.path, e.code]).sort()).toEqual([
        ['email', 'invalid_format'],
        ['extra', 'unknown_field'],
        ['name', 'invalid_type'],
        ['password', 'password_weak'],
        ['roles', 'too_small_array'],
      ]);
      expect(errors.every((e) => e.in === 'body')).toBe(true);
      expect(zh.json().title).toBe('请求参数有误');
      expect(errors.find((e) => e.path === 'extra')!.message).toBe('不允许的字段');

      const en = await post(body, { 'accept-language': 'en' });
      expect(en.json().title).toBe('Invalid request');
      expect(en.json().errors.find((e: { path: string }) => e.path === 'extra').message).toBe('is not an allowed field');
    });

    it('marks missing fields as required', async () => {
      const res = await post({ email: 'x@y.demo' });
      expect(res.statusCode).toBe(400);
      const codes = Object.fromEntries(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code]));
      expect(codes).toMatchObject({ name: 'required', password: 'required', roles: 'required' });
    });

    it('refuses oversized bodies with 413 and a non-JSON body with 415', async () => {
      const big = await post({ ...newUser('big@picc.demo'), name: 'x'.repeat(5000) });
      expect(big.statusCode).toBe(413);
      expect(big.json().code).toBe('body_too_large');
      const text = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { ...bearer(admin), 'content-type': 'text/plain' }, payload: 'hello' });
      expect(text.statusCode).toBe(415);
      expect(text.json()).toMatchObject({ code: 'unsupported_media_type', detail: '请以 application/json 发送请求体。' });
    });

    it('answers unknown routes and bad path parameters as problems', async () => {
      const missing = await t.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'en' } });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ code: 'route_not_found', detail: 'There is no endpoint GET /api/v1/nothing-here.' });
      const badId = await t.app.inject({ url: '/api/v1/users/123', headers: bearer(admin) });
      expect(badId.statusCode).toBe(400);
      expect(badId.json().errors[0]).toMatchObject({ path: 'id', in: 'params' });
    });

    it('replays a retried request with the same Idempotency-Key and refuses the key for another body', async () => {
      const before = await userCount();
      const first = await post(newUser('idem@picc.demo'), { 'idempotency-key': 'create-idem-1' });
      expect(first.statusCode).toBe(201);
      const retry = await post(newUser('idem@picc.demo'), { 'idempotency-key': 'create-idem-1' });
      expect(retry.statusCode).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json()).toEqual(first.json());
      expect(await userCount()).toBe(before + 1);

      const other = await post(newUser('other@picc.demo'), { 'idempotency-key': 'create-idem-1' });
      expect(other.statusCode).toBe(409);
      expect(other.json().code).toBe('idempotency_key_reused');
      expect(await userCount()).toBe(before + 1);
    });

    it('has the effect once when the same request races itself', async () => {
      const before = await userCount();
      const auditBefore = await auditCount();
      const results = await Promise.all(Array.from({ length: 8 }, () => post(newUser('race@picc.demo'), { 'idempotency-key': 'race-1' })));
      expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
      expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
      expect(await userCount()).toBe(before + 1);
      expect(await auditCount()).toBe(auditBefore + 1);
    });

    it('lets a refused request be retried under the same key once it is corrected', async () => {
      const bad = await post({ ...newUser('fixme@picc.demo'), roles: ['warehouse'] }, { 'idempotency-key': 'fix-1' });
      expect(bad.statusCode).toBe(400);
      const good = await post(newUser('fixme@picc.demo'), { 'idempotency-key': 'fix-1' });
      expect(good.statusCode).toBe(201);
    });

    it('reports health and publishes the OpenAPI document and docs page', async () => {
      const health = await t.app.inject({ url: '/api/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({ status: 'ok', database: kind });
      const doc = await t.app.inject({ url: '/api/openapi.json' });
      expect(doc.statusCode).toBe(200);
      const spec = doc.json();
      expect(spec.openapi).toMatch(/^3\./);
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/orgs', '/api/v1/users', '/api/v1/api-keys', '/api/v1/audit', '/api/v1/regions', '/api/v1/webhooks']));
      expect(spec.paths['/api/v1/users'].post.requestBody.content['application/json'].schema.properties.email).toBeDefined();
      const docs = await t.app.inject({ url: '/api/docs' });
      expect([200, 302]).toContain(docs.statusCode);
      const home = await t.app.inject({ url: '/' });
      expect(home.body).toContain('admin@anpei.demo');
    });

    it('lists regions: 34 provinces and the cities of one', async () => {
      const provinces = (await t.app.inject({ url: '/api/v1/regions?level=1' })).json().items;
      expect(provinces).toHaveLength(34);
      const zhejiang = (await t.app.inject({ url: '/api/v1/regions?parent=330000&level=2' })).json().items;
      expect(zhejiang.map((r: { name: string }) => r.name)).toContain('杭州市');
      void orgId;
    });
  });
}
