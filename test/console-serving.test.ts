import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Database } from '../src/platform/db.ts';
import { openTestDatabase } from './support/app.ts';

// How the process serves the console (src/console.ts), on a stand-in for web/dist so that no build
// is needed: files as files, client routes as index.html, /api as the API; and the demo logins the
// sign-in page lists, in demo mode only.

describe('serving the console', () => {
  let dir: string;
  let database: Database;
  let app: FastifyInstance;
  let production: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'anpei-console-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>安配 anpei</title><div id="root"></div><script type="module" src="/assets/app-abc123.js"></script>');
    writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
    // What web/vite.config.ts's precompress step writes beside every script.
    writeFileSync(path.join(dir, 'assets', 'app-abc123.js.br'), brotliCompressSync('console.log(1)'));
    writeFileSync(path.join(dir, 'assets', 'app-abc123.js.gz'), gzipSync('console.log(1)'));
    ({ database } = await openTestDatabase('pglite'));
    app = await buildApp({ database, config: loadConfig({ LOG_LEVEL: 'silent' }), logger: false, consoleDir: dir });
    production = await buildApp({ database, config: loadConfig({ LOG_LEVEL: 'silent', ANPEI_ENV: 'production' }), logger: false, consoleDir: dir });
  });
  afterAll(async () => {
    await app?.close();
    await production?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers `/` and every client route with index.html, never to be kept stale', async () => {
    for (const url of ['/', '/login', '/claims/0192-abc?tab=quote']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    }
    expect((await app.inject({ method: 'HEAD', url: '/orders' })).statusCode).toBe(200);
  });

  it('serves the hashed assets for keeps, to signed-in users too', async () => {
    const res = await app.inject({ url: '/assets/app-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const token = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'adjuster@picc.demo', password: 'anpei-demo' } })).json().token;
    const signedIn = await app.inject({ url: '/assets/app-abc123.js', cookies: { anpei_session: token } });
    expect(signedIn.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends an asset compressed as the browser accepts, the same script either way', async () => {
    for (const [accept, encoding, decode] of [
      ['br, gzip', 'br', (b: Buffer) => brotliDecompressSync(b)],
      ['gzip', 'gzip', (b: Buffer) => gunzipSync(b)],
      ['identity', undefined, (b: Buffer) => b],
    ] as const) {
      const res = await app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': accept } });
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-encoding'], accept).toBe(encoding);
      expect(res.headers['content-type'], accept).toContain('javascript');
      expect(String(res.headers.vary), accept).toContain('accept-encoding');
      expect(decode(res.rawPayload).toString(), accept).toBe('console.log(1)');
    }
  });

  it('keeps unknown API paths and missing assets problem+json 404s, whatever the method', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/nothing-here'],
      ['POST', '/api/v1/nothing-here'],
      ['GET', '/api'],
      ['GET', '/assets/gone-123.js'],
      ['POST', '/claims'],
    ] as const) {
      const res = await app.inject({ method, url, headers: { 'accept-language': 'en' } });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(res.json().code).toBe('route_not_found');
    }
  });

  it('lists the demo logins in demo mode only', async () => {
    const demo = await app.inject({ url: '/api/v1/demo-logins' });
    expect(demo.statusCode).toBe(200);
    expect(demo.json().password).toBe('anpei-demo');
    expect(demo.json().logins).toContainEqual({ org: '中国人民财产保险股份有限公司（演示）', kind: 'insurer', email: 'adjuster@picc.demo', roles: ['adjuster'] });
    const none = await production.inject({ url: '/api/v1/demo-logins', headers: { 'accept-language': 'en' } });
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'route_not_found', detail: 'There is no endpoint GET /api/v1/demo-logins.' });
    expect(none.body).not.toContain('anpei-demo');
  });

  it('keeps the plain start page when there is no built console', async () => {
    const bare = await buildApp({ database, config: loadConfig({ LOG_LEVEL: 'silent' }), logger: false, consoleDir: path.join(dir, 'missing') });
    const res = await bare.inject({ url: '/' });
    expect(res.body).toContain('admin@anpei.demo');
    expect(res.body).toContain('控制台尚未构建');
    expect((await bare.inject({ url: '/claims' })).statusCode).toBe(404);
    await bare.close();
  });
});
