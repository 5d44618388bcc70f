import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { LoggerOptions } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Database } from '../src/platform/db.ts';
import { loggerOptions } from '../src/platform/log.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';
import { bearer, databaseKinds, openTestDatabase } from './support/app.ts';
import { vinFor } from './support/catalog-fixture.ts';

// No secret, token, hash or personal datum reaches a log line. The app is driven the way the probe
// found the leak, with the server's logger writing to memory: a query that fails while it carries
// a password hash (a user whose insert a check constraint refuses: PostgreSQL's detail then holds
// the whole failing row, drizzle's message the parameters), a VIN decode, a VIN and a phone number
// in query strings, sign-ins and an API key. The same drive with Fastify's plain logger shows the
// leaks are real, so the assertions on the protected log cannot pass by accident.

const VIN = vinFor('LFV', '2A21K', 'R', 'A', '739215');
const PHONE = '13912345678';
const PROBE_NAME = '日志探针';

type Drive = { lines: string[]; tokens: string[] };

function memoryStream(lines: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
}

async function drive(database: Database, logger: LoggerOptions): Promise<Drive> {
  const lines: string[] = [];
  const app: FastifyInstance = await buildApp({ database, config: loadConfig({}), logger: { ...logger, stream: memoryStream(lines) } as LoggerOptions });
  await app.ready();
  try {
    const login = (email: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    const wrong = await login('admin@picc.demo', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    const signedIn = await login('admin@picc.demo', DEMO_PASSWORD);
    expect(signedIn.statusCode).toBe(200);
    const token = signedIn.json<{ token: string }>().token;
    const as = bearer(token);

    const failed = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as,
      payload: { email: `probe-${lines.length}-${Date.now()}@picc.demo`, name: PROBE_NAME, password: 'probe-password-2026', roles: ['adjuster'] },
    });
    expect(failed.statusCode, failed.body).toBe(500);

    const decoded = await app.inject({ url: `/api/v1/vin/${VIN}`, headers: as });
    expect([200, 404]).toContain(decoded.statusCode);
    expect((await app.inject({ url: `/api/v1/parts?vin=${VIN}&q=${encodeURIComponent('前保险杠')}`, headers: as })).statusCode).toBeLessThan(500);
    expect((await app.inject({ url: `/api/v1/claims?q=${PHONE}`, headers: as })).statusCode).toBeLessThan(500);
    expect((await app.inject({ url: `/api/v1/claims?q=${VIN.toLowerCase()}`, headers: as })).statusCode).toBeLessThan(500);

    const key = await app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: as, payload: { name: '日志探针密钥', roles: ['adjuster'] } });
    expect(key.statusCode).toBe(201);
    const apiKey = key.json<{ key: string }>().key;
    expect((await app.inject({ url: '/api/v1/me', headers: bearer(apiKey) })).statusCode).toBe(200);
    return { lines, tokens: [token, apiKey] };
  } finally {
    await app.close();
  }
}

for (const kind of databaseKinds()) {
  describe(`what reaches the log on ${kind}`, () => {
    let database: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ database, drop } = await openTestDatabase(kind));
      // The forced failure: this name is refused by the database, after the password is hashed.
      await database.db.execute(sql.raw(`alter table app_user add constraint app_user_log_probe_ck check (name <> '${PROBE_NAME}')`));
    });
    afterAll(async () => {
      await database?.close();
      await drop?.();
    });

    it('leaks hashes, VINs and phone numbers with a plain logger (the control)', async () => {
      const { lines } = await drive(database, { level: 'info' });
      const all = lines.join('\n');
      expect(all).toContain('$argon2');
      expect(all).toContain(VIN);
      expect(all).toContain(PHONE);
    });

    it('keeps them all out with the server’s logger options, and still says what failed', async () => {
      const { lines, tokens } = await drive(database, loggerOptions('info'));
      const all = lines.join('\n');
      expect(all).not.toContain('$argon2');
      expect(all).not.toContain('Failing row');
      expect(all).not.toContain('params');
      expect(all).not.toMatch(/\b(st|ak)_[A-Za-z0-9_-]{20,}/);
      for (const token of tokens) expect(all).not.toContain(token);
      expect(all).not.toContain(VIN);
      expect(all.toLowerCase()).not.toContain(VIN.toLowerCase());
      expect(all).not.toContain(PHONE);

      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown> & { err?: { message: string; cause?: Record<string, unknown> }; req?: { url: string } });
      // The failed query: its statement's first line and the SQLSTATE code and constraint.
      const failure = entries.find((e) => e.msg === 'unhandled error');
      expect(failure?.err?.message).toMatch(/^Failed query: insert into "app_user"/);
      expect(failure?.err?.cause).toMatchObject({ code: '23514', constraint: 'app_user_log_probe_ck' });
      // Requests are still logged, their URLs masked.
      const urls = entries.flatMap((e) => (e.req ? [e.req.url] : []));
      expect(urls).toContain(`/api/v1/vin/${'*'.repeat(13)}${VIN.slice(-4)}`);
      expect(urls).toContain('/api/v1/claims?q=139****5678');
    });
  });
}
