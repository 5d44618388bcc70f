import net, { type AddressInfo } from 'node:net';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUser } from '../src/modules/identity/tables.ts';
import { auditEvent } from '../src/platform/tables.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';
import { inlineRefs } from './support/openapi-cases.ts';

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
      const spec = inlineRefs(doc.json());
      expect(spec.openapi).toMatch(/^3\./);
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/orgs', '/api/v1/users', '/api/v1/api-keys', '/api/v1/audit', '/api/v1/regions', '/api/v1/webhooks']),
      );
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

  // Errors only a real connection produces, where no Fastify request exists yet or routing never
  // starts: each must still be a problem in the caller's language, with the protective headers.
  describe(`HTTP edges over a real connection on ${kind}`, () => {
    let t: TestApp;
    let base: string;
    let port: number;

    beforeAll(async () => {
      t = await startTestApp(kind);
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      port = (t.app.server.address() as AddressInfo).port;
      base = `http://127.0.0.1:${port}`;
    });
    afterAll(() => t?.close());

    // Sends bytes as they are (fetch refuses to send a broken request) and reads the answer.
    const raw = (text: string) =>
      new Promise<{ status: number; headers: Record<string, string>; body: string }>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
        const chunks: Buffer[] = [];
        socket.on('data', (d) => chunks.push(d));
        socket.on('error', reject);
        socket.on('close', () => {
          const all = Buffer.concat(chunks).toString('utf8');
          const [head = '', ...rest] = all.split('\r\n\r\n');
          const [statusLine = '', ...lines] = head.split('\r\n');
          const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
          resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
        });
      });

    const expectProblem = (headers: Record<string, string | null>, status: number, body: { status: number; code: string }, code: string) => {
      expect(body.status).toBe(status);
      expect(body.code).toBe(code);
      expect(headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['cache-control']).toBe('no-store');
    };
    const headersOf = (res: globalThis.Response) => Object.fromEntries(res.headers.entries());

    it('answers a path parameter over 100 characters with a 414 problem', async () => {
      const res = await fetch(`${base}/api/v1/trace/${'x'.repeat(101)}`, { headers: { 'accept-language': 'en' } });
      expect(res.status).toBe(414);
      const body = await res.json();
      expectProblem(headersOf(res), 414, body, 'uri_too_long');
      expect(body.title).toBe('URI too long');
    });

    it('answers a URL that does not decode (bad percent-encoding, a lone surrogate’s bytes) with a 400 problem', async () => {
      for (const path of ['/api/v1/trace/%E0%A4%A', '/api/v1/trace/%ED%A0%80', '/api/v1/orgs/%ZZ']) {
        const res = await fetch(`${base}${path}`, { headers: { 'accept-language': 'en' } });
        expect(res.status, path).toBe(400);
        const body = await res.json();
        expectProblem(headersOf(res), 400, body, 'bad_url');
        expect(body.title).toBe('Invalid URL');
      }
    });

    it('answers a method Node does not know, and one the path does not have, with problems', async () => {
      const unknown = await fetch(`${base}/api/v1/me`, { method: 'FOO', headers: { 'accept-language': 'en' } });
      expect(unknown.status).toBe(400);
      const body = await unknown.json();
      expectProblem(headersOf(unknown), 400, body, 'bad_request');
      expect(body.title).toBe('Bad request');
      const options = await fetch(`${base}/api/v1/orgs`, { method: 'OPTIONS' });
      expect(options.status).toBe(405);
      expect(options.headers.get('allow')).toBe('GET, HEAD, POST');
      expectProblem(headersOf(options), 405, await options.json(), 'method_not_allowed');
    });

    it('answers what Node’s HTTP parser refuses with problems, in the caller’s language when it can be read', async () => {
      const cases: [string, number, string][] = [
        ['GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nX-Bad: a\x01b\r\n\r\n', 400, 'bad_request'],
        ['POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}', 400, 'bad_request'],
        ['POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400, 'bad_request'],
        ['NOT HTTP AT ALL\r\n\r\n', 400, 'bad_request'],
        [`GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
        ['GET /api/health HTTP/1.1\r\nAccept-Language: en\r\nConnection: close\r\n\r\n', 400, 'bad_request'],
      ];
      for (const [request, status, code] of cases) {
        const res = await raw(request);
        expect(res.status, request.slice(0, 60)).toBe(status);
        expectProblem(res.headers, status, JSON.parse(res.body), code);
        expect(res.headers['x-request-id']).toBe(JSON.parse(res.body).requestId);
      }
      const english = JSON.parse((await raw(cases[0]![0])).body);
      expect(english.title).toBe('Bad request');
      const chinese = JSON.parse((await raw(cases[1]![0])).body);
      expect(chinese.title).toBe('无法解析请求');
    });

    it('still serves a well-formed request on the same server', async () => {
      const res = await fetch(`${base}/api/health`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });
}
