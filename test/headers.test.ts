import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse as Response } from 'fastify';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';
import { bearer, databaseKinds, startTestApp, type TestApp } from './support/app.ts';

// Response headers on every kind of answer (issue 9, point 6): no MIME sniffing, no framing and a
// content security policy everywhere; no caching of anything a signed-in caller sees, of the
// sign-in itself or of any problem; HSTS only when the deployment says it is behind TLS.

function expectBrowserSafe(res: Response): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/default-src '(self|none)'/);
  expect(csp).not.toContain("'unsafe-eval'");
  // Where pages render (not the problems' `default-src 'none'`), photos given by URL show from
  // https addresses, never plain http ones, and scripts only from here.
  if (csp.includes("default-src 'self'")) {
    expect(csp).toContain("img-src 'self' data: https:");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
  }
}

function expectNoStore(res: Response): void {
  expect(res.headers['cache-control']).toBe('no-store');
}

for (const kind of databaseKinds()) {
  describe(`response headers on ${kind}`, () => {
    let t: TestApp;
    let token: string;

    beforeAll(async () => {
      t = await startTestApp(kind);
      token = await t.login('adjuster@picc.demo');
    });
    afterAll(() => t?.close());

    it('guards the HTML start page and the API docs, whose scripts come from the same origin only', async () => {
      for (const url of ['/', '/api/docs', '/api/docs/static/swagger-initializer.js']) {
        const res = await t.app.inject({ url });
        expect(res.statusCode, url).toBe(200);
        expectBrowserSafe(res);
        expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
        // Plain HTTP by default: no HSTS, and no upgrade of the docs' assets to an https that is not there.
        expect(res.headers['strict-transport-security']).toBeUndefined();
        expect(String(res.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
      }
    });

    it('guards anonymous JSON without forbidding its caching', async () => {
      const res = await t.app.inject({ url: '/api/v1/regions?level=1' });
      expect(res.statusCode).toBe(200);
      expectBrowserSafe(res);
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
    });

    it('forbids caching the sign-in, which carries the token, and the sign-out', async () => {
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'checker@picc.demo', password: DEMO_PASSWORD } });
      expect(login.statusCode, login.body).toBe(200);
      expectBrowserSafe(login);
      expectNoStore(login);
      const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(login.json().token) });
      expect(logout.statusCode).toBe(204);
      expectNoStore(logout);
    });

    it('forbids caching whatever a signed-in caller sees, even what is cacheable for anyone else', async () => {
      for (const url of ['/api/v1/me', '/api/v1/claims', '/api/v1/regions?level=1']) {
        const res = await t.app.inject({ url, headers: bearer(token) });
        expect(res.statusCode, url).toBe(200);
        expectBrowserSafe(res);
        expectNoStore(res);
      }
    });

    it('guards every problem and forbids caching it: 400, 401, 404, 405, 414, 415', async () => {
      const answers = [
        await t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: bearer(token), payload: {} }),
        await t.app.inject({ url: '/api/v1/me' }),
        await t.app.inject({ url: '/api/v1/nothing-here' }),
        await t.app.inject({ method: 'OPTIONS', url: '/api/v1/me' }),
        await t.app.inject({ url: `/api/v1/trace/${'x'.repeat(101)}` }),
        await t.app.inject({ method: 'POST', url: '/api/v1/claims', headers: { ...bearer(token), 'content-type': 'text/plain' }, payload: 'x' }),
      ];
      expect(answers.map((r) => r.statusCode)).toEqual([400, 401, 404, 405, 414, 415]);
      for (const res of answers) {
        expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        expectBrowserSafe(res);
        expectNoStore(res);
      }
    });

    it('answers a path parameter over 100 characters with a 414 problem in the caller’s language', async () => {
      const res = await t.app.inject({ url: `/api/v1/trace/${'x'.repeat(101)}`, headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(414);
      expect(res.json()).toMatchObject({ code: 'uri_too_long', status: 414, title: 'URI too long', detail: 'Each segment of the URL path must be at most 100 characters.' });
      expect(res.json().requestId).toBe(res.headers['x-request-id']);
      const zh = await t.app.inject({ url: `/api/v1/trace/${'x'.repeat(101)}` });
      expect(zh.json().title).toBe('URL 过长');
    });

    it('answers a method the path does not have with 405 and Allow', async () => {
      const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.json()).toMatchObject({ code: 'method_not_allowed', detail: 'This endpoint does not support DELETE.' });
    });
  });
}

describe('HSTS behind TLS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { ANPEI_HSTS: 'true' });
  });
  afterAll(() => t?.close());

  it('pins browsers to https for a year and upgrades any plain-HTTP asset, when ANPEI_HSTS=true', async () => {
    for (const url of ['/', '/api/docs', '/api/v1/regions?level=1', '/api/v1/nothing-here']) {
      const res = await t.app.inject({ url });
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    }
  });
});
