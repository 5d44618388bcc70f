import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAttempt } from '../src/modules/identity/tables.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-data.ts';
import { databaseKinds, startTestApp, type TestApp } from './support/app.ts';

// The sign-in limits hold under concurrency: the check and the record of an attempt are one
// atomic step, so 16 wrong passwords sent at once get exactly `limit` password checks (401) and
// 429s for the rest, on PGlite (one connection) and on PostgreSQL (a pool of connections, where
// the requests really run side by side).
const ACCOUNT_LIMIT = 5;
const ADDRESS_LIMIT = 7;
const CONCURRENT = 16;

type Answer = { status: number; code: string; retryAfter: string | undefined };

for (const kind of databaseKinds()) {
  describe(`sign-in limits under concurrency on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind, {
        ANPEI_LOGIN_MAX_FAILS_PER_ACCOUNT: String(ACCOUNT_LIMIT),
        ANPEI_LOGIN_MAX_FAILS_PER_ADDRESS: String(ADDRESS_LIMIT),
      });
    });
    afterAll(() => t?.close());

    const attempt = async (email: string, password: string, remoteAddress: string): Promise<Answer> => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { email, password } });
      const retryAfter = res.headers['retry-after'];
      return { status: res.statusCode, code: res.json().code, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined };
    };

    function expectLimited(answers: Answer[], limit: number): void {
      const refused = answers.filter((a) => a.status === 401);
      const limited = answers.filter((a) => a.status === 429);
      expect(refused).toHaveLength(limit);
      expect(refused.every((a) => a.code === 'invalid_credentials')).toBe(true);
      expect(limited).toHaveLength(answers.length - limit);
      for (const a of limited) {
        expect(a.code).toBe('too_many_attempts');
        expect(Number(a.retryAfter)).toBeGreaterThan(0);
      }
    }

    it('lets exactly the per-account limit of concurrent wrong passwords be checked, and then refuses the right one', async () => {
      const email = 'sales@yuetong.demo';
      // Each from its own address, so only the account's limit is in play.
      const answers = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => attempt(email, `wrong-password-${i}`, `10.20.0.${i + 1}`)));
      expectLimited(answers, ACCOUNT_LIMIT);
      const failures = await t.database.db
        .select()
        .from(loginAttempt)
        .where(and(eq(loginAttempt.email, email), eq(loginAttempt.ok, false)));
      expect(failures).toHaveLength(ACCOUNT_LIMIT);

      // The right password, from a fresh address, is still refused while the window lasts.
      const right = await attempt(email, DEMO_PASSWORD, '10.20.1.1');
      expect(right).toMatchObject({ status: 429, code: 'too_many_attempts' });

      // Once the window has passed (the failures moved an hour back rather than waited for), it
      // signs in.
      await t.database.db
        .update(loginAttempt)
        .set({ at: new Date(Date.now() - 3600_000) })
        .where(eq(loginAttempt.email, email));
      expect((await attempt(email, DEMO_PASSWORD, '10.20.1.1')).status).toBe(200);
    });

    it('lets exactly the per-address limit of concurrent wrong passwords be checked, across accounts', async () => {
      const address = '10.30.0.1';
      // Sixteen different accounts (most unknown), each under its own limit: only the address's counts.
      const answers = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => attempt(`nobody-${i}@race.demo`, 'wrong-password', address)));
      expectLimited(answers, ADDRESS_LIMIT);
      expect(await t.database.db.select().from(loginAttempt).where(eq(loginAttempt.ip, address))).toHaveLength(ADDRESS_LIMIT);

      // A real account with its right password, from that address, is refused until the window passes.
      expect(await attempt('admin@anxin.demo', DEMO_PASSWORD, address)).toMatchObject({ status: 429, code: 'too_many_attempts' });
      await t.database.db
        .update(loginAttempt)
        .set({ at: new Date(Date.now() - 3600_000) })
        .where(eq(loginAttempt.ip, address));
      expect((await attempt('admin@anxin.demo', DEMO_PASSWORD, address)).status).toBe(200);
    });

    // An attempt counts as a failure while its password is being checked (that is what keeps the
    // limit exact), so up to `limit` sign-ins to one account may run at once; a right password then
    // turns its attempt into a success, which leaves no failure behind.
    it('signs in as many concurrent right passwords as the account’s limit, and leaves no failure behind', async () => {
      const email = 'buyer@sh-anda.demo';
      const answers = await Promise.all(Array.from({ length: ACCOUNT_LIMIT }, (_, i) => attempt(email, DEMO_PASSWORD, `10.40.0.${i + 1}`)));
      expect(answers.map((a) => a.status)).toEqual(Array(ACCOUNT_LIMIT).fill(200));
      const rows = await t.database.db.select().from(loginAttempt).where(eq(loginAttempt.email, email));
      expect(rows.filter((r) => !r.ok)).toEqual([]);
      expect(rows.filter((r) => r.ok)).toHaveLength(ACCOUNT_LIMIT);
      // And the next sign-in is not limited.
      expect((await attempt(email, DEMO_PASSWORD, '10.40.0.99')).status).toBe(200);
    });
  });
}
