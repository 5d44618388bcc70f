import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestApp } from './support/app.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';

// CSRF protection of cookie sessions (issue 11): the cookie is SameSite=Strict, and a write that
// carries it must come from this server's own origin (src/platform/csrf.ts). Bearer tokens are
// exempt: no foreign page can make a browser send one.

const HOST = 'anpei.test:3000';
const OWN = 'http://anpei.test:3000';
const FOREIGN = 'https://evil.example';

describe('CSRF protection of cookie-authenticated writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(() => t?.close());

  async function signIn(email = 'admin@picc.demo'): Promise<{ cookie: string; setCookie: string }> {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { host: HOST, origin: OWN }, payload: { email, password: DEMO_PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    return { cookie: setCookie.split(';')[0]!, setCookie };
  }

  const signedIn = async (cookie: string) => (await t.app.inject({ url: '/api/v1/me', headers: { host: HOST, cookie } })).statusCode === 200;

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    const { setCookie } = await signIn();
    expect(setCookie).toMatch(/^anpei_session=/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
  });

  it('refuses a cookie write from a foreign origin with 403, in the caller’s language, and changes nothing', async () => {
    const { cookie } = await signIn();
    const users = async () => (await t.app.inject({ url: '/api/v1/users?limit=100', headers: { host: HOST, cookie } })).json().items.length;
    const before = await users();
    const create = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { host: HOST, cookie, origin: FOREIGN },
      payload: { email: 'forged@picc.demo', name: '伪造', password: 'a-long-enough-password-1', roles: ['adjuster'] },
    });
    expect(create.statusCode).toBe(403);
    expect(create.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(create.json()).toMatchObject({ code: 'csrf_origin_mismatch', title: '请求来源不符' });
    expect(await users()).toBe(before);

    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { host: HOST, cookie, origin: FOREIGN, 'accept-language': 'en' } });
    expect(logout.statusCode).toBe(403);
    expect(logout.json()).toMatchObject({ code: 'csrf_origin_mismatch', title: 'Cross-site request refused' });
    expect(await signedIn(cookie)).toBe(true);
  });

  it('judges by the Referer when there is no Origin, and refuses a write with neither or with Origin: null', async () => {
    const { cookie } = await signIn();
    const logout = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { host: HOST, cookie, ...headers } });
    expect((await logout({ referer: `${FOREIGN}/page` })).statusCode).toBe(403);
    expect((await logout({})).statusCode).toBe(403);
    expect((await logout({ origin: 'null' })).statusCode).toBe(403);
    // Same host, other scheme or port: another origin.
    expect((await logout({ origin: 'https://anpei.test:3000' })).statusCode).toBe(403);
    expect((await logout({ origin: 'http://anpei.test:3001' })).statusCode).toBe(403);
    expect(await signedIn(cookie)).toBe(true);
    expect((await logout({ referer: `${OWN}/orders?page=2` })).statusCode).toBe(204);
    expect(await signedIn(cookie)).toBe(false);
  });

  it('lets a cookie write from its own origin through', async () => {
    const { cookie } = await signIn();
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { host: HOST, cookie, origin: OWN } });
    expect(logout.statusCode).toBe(204);
    expect(await signedIn(cookie)).toBe(false);
  });

  it('compares without the default port', async () => {
    const { cookie } = await signIn();
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { host: 'anpei.test:80', cookie, origin: 'http://anpei.test' } });
    expect(logout.statusCode).toBe(204);
  });

  it('exempts bearer tokens, and reads that carry the cookie', async () => {
    const token = await t.login('adjuster@picc.demo');
    const { cookie } = await signIn();
    const read = await t.app.inject({ url: '/api/v1/me', headers: { host: HOST, cookie, origin: FOREIGN } });
    expect(read.statusCode).toBe(200);
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { host: HOST, ...bearer(token), origin: FOREIGN } });
    expect(logout.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(401);
  });
});
