import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { appUser, hashPassword, org } from '../src/modules/identity/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase, type Database, type DatabaseKind } from '../src/platform/db.ts';
import { newId } from '../src/platform/ids.ts';
import { productionProblems } from '../src/production-check.ts';
import { runSeed } from '../src/seed/seed.ts';
import { databaseKinds } from './support/app.ts';
import { countRows, createEmptyDatabase, runAnpei, spawnAnpei, stopAll } from './support/spawn-anpei.ts';

// Issue 9, point 2: in production mode (ANPEI_ENV=production, or `serve --no-demo`) nothing of the
// demo is seeded or shown, the first platform admin comes from `users create --admin`, and weak
// settings refuse to start with every problem listed and exit code 1. The real CLI, on a database
// that starts empty.

const SECRET = 'Vt0mZ2pX9rLk4wB8sN1cY6hJ3fD5gAq7';
const PLATFORM = ['--org-name', '安配科技（杭州）有限公司', '--org-uscc', '91330106MA2B12345N', '--org-region', '330106'];
const SERVING = /anpei is serving (http:\/\/\S+)/;
// Each test starts the CLI a few times; a start takes seconds (tens on a busy machine).
const SPAWNS_TIMEOUT_MS = 300_000;

async function signIn(base: string, email: string, password: string): Promise<Response> {
  return fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
}

for (const kind of databaseKinds()) {
  describe(`production mode on ${kind}`, () => {
    // Where the database is, as the server's environment says it, and how the test opens it (only
    // while no server runs: PGlite's files belong to one process).
    let target: Record<string, string>;
    let open: () => Promise<Database>;
    let drop: () => Promise<void>;
    const production = (env: Record<string, string | undefined> = {}) => ({ ...target, ANPEI_ENV: 'production', ANPEI_SECRET: SECRET, ...env });

    beforeAll(async () => {
      ({ target, open, drop } = await emptyDatabase(kind));
    });
    afterEach(stopAll);
    afterAll(() => drop?.());

    const withDatabase = async <T>(work: (database: Database) => Promise<T>): Promise<T> => {
      const database = await open();
      try {
        return await work(database);
      } finally {
        await database.close();
      }
    };

    it(
      'starts on an empty database, seeds nothing and shows no demo login or password',
      async () => {
        const server = spawnAnpei(['serve'], production());
        const [, base] = await server.waitFor(SERVING);
        const home = await (await fetch(`${base}/`)).text();
        expect(home).toContain('安配 anpei');
        expect(home).not.toMatch(/anpei-demo|\.demo|演示账号|Demo logins/);
        expect((await signIn(base!, 'admin@anpei.demo', 'anpei-demo')).status).toBe(401);
        expect(await server.stop()).toBe(0);
        expect(server.output()).not.toMatch(/seeding the demo world|seeded demo data/);
        expect(server.output()).toContain('no platform administrator yet');
        expect(await withDatabase(({ db }) => countRows(db, ['org', 'app_user', 'part', 'offer', 'warehouse', 'stock_move']))).toEqual({
          org: 0,
          app_user: 0,
          part: 0,
          offer: 0,
          warehouse: 0,
          stock_move: 0,
        });
      },
      SPAWNS_TIMEOUT_MS,
    );

    it(
      'creates the first platform admin with `users create --admin`, printing the generated password once',
      async () => {
        const admin = ['users', 'create', '--admin', '--email', 'chief@anpei-tech.cn', '--name', '平台管理员 王立'];
        const missing = await runAnpei(admin, production());
        expect(missing.code).toBe(1);
        expect(missing.stderr).toContain('no platform organisation yet');
        expect(missing.stderr).toContain('--org-name, --org-uscc, --org-region');
        const badUscc = await runAnpei([...admin, ...PLATFORM.slice(0, 2), '--org-uscc', '91330106MA2B12345X', ...PLATFORM.slice(4)], production());
        expect(badUscc.code).toBe(1);
        expect(badUscc.stderr).toMatch(/--org-uscc: /);

        const made = await runAnpei([...admin, ...PLATFORM], production());
        expect(made.code, made.stderr).toBe(0);
        const [orgLine, userLine, passwordLine] = made.stdout.trim().split('\n');
        const platform = JSON.parse(orgLine!) as { id: string; kind: string };
        expect(platform.kind).toBe('platform');
        expect(JSON.parse(userLine!)).toMatchObject({ orgId: platform.id, email: 'chief@anpei-tech.cn', roles: ['admin'] });
        const password = /^password: (\S+) /.exec(passwordLine!)?.[1];
        expect(password).toBeDefined();
        expect(made.stdout.split(password!).length - 1).toBe(1);
        expect(made.stderr).not.toContain(password!);

        // That password signs in, as the platform's administrator.
        const server = spawnAnpei(['serve'], production());
        const [, base] = await server.waitFor(SERVING);
        const login = await signIn(base!, 'chief@anpei-tech.cn', password!);
        expect(login.status).toBe(200);
        const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${(await login.json()).token}` } });
        expect(await me.json()).toMatchObject({ org: { id: platform.id, kind: 'platform' } });
        expect(await server.stop()).toBe(0);
        expect(server.output()).not.toContain('no platform administrator yet');

        // Afterwards `users create` works as before; the platform's options only fit an empty database.
        const more = await runAnpei(
          ['users', 'create', '--org', platform.id, '--email', 'ledger@anpei-tech.cn', '--name', '财务 钱', '--roles', 'finance', '--password', 'Ledger-Spring-2026'],
          production(),
        );
        expect(more.code, more.stderr).toBe(0);
        expect(more.stdout).not.toContain('password:');
        const again = await runAnpei([...admin.slice(0, 4), 'second@anpei-tech.cn', '--name', '二', ...PLATFORM], production());
        expect(again.code).toBe(1);
        expect(again.stderr).toContain('The platform organisation exists already');
        const weak = await runAnpei(['users', 'create', '--admin', '--email', 'third@anpei-tech.cn', '--name', '三', '--password', 'qwertyuiop'], production());
        expect(weak.code).toBe(1);
        expect(weak.stderr).toMatch(/--password: /);
        expect(await withDatabase(({ db }) => countRows(db, ['org', 'app_user']))).toEqual({ org: 1, app_user: 2 });
      },
      SPAWNS_TIMEOUT_MS,
    );

    it.each([
      ['no secret', ['serve'], { ANPEI_SECRET: undefined }, 'ANPEI_SECRET is not set'],
      ['a secret someone typed (with `serve --no-demo`)', ['serve', '--no-demo'], { ANPEI_ENV: undefined, ANPEI_SECRET: 'x'.repeat(40) }, 'ANPEI_SECRET repeats too few distinct characters'],
      ['private webhook receivers allowed', ['serve'], { ANPEI_WEBHOOK_ALLOW_PRIVATE: 'true' }, 'ANPEI_WEBHOOK_ALLOW_PRIVATE=true'],
    ])(
      'refuses to start with %s',
      async (_what, args, env, message) => {
        const server = spawnAnpei(args, production(env));
        expect(await server.exited).toBe(1);
        expect(server.output()).toContain('anpei refuses to start in production mode');
        expect(server.output()).toContain(message);
        expect(server.output()).not.toMatch(SERVING);
      },
      SPAWNS_TIMEOUT_MS,
    );

    it(
      'refuses to start while an active admin still has the demo password',
      async () => {
        const id = newId();
        await withDatabase(async ({ db }) => {
          const [platform] = await db.select({ id: org.id }).from(org).where(eq(org.kind, 'platform'));
          await db
            .insert(appUser)
            .values({ id, orgId: platform!.id, email: 'old.admin@anpei-tech.cn', name: '旧管理员', roles: ['admin'], passwordHash: await hashPassword('anpei-demo'), status: 'active' });
        });
        const server = spawnAnpei(['serve'], production());
        expect(await server.exited).toBe(1);
        expect(server.output()).toContain(`The demo password is the password of 1 active user(s) (ids ${id})`);
        // Disabled, the account no longer counts.
        await withDatabase(async ({ db }) => {
          await db.update(appUser).set({ status: 'disabled' }).where(eq(appUser.id, id));
          expect(await productionProblems(loadConfig(production()), db)).toEqual([]);
        });
      },
      SPAWNS_TIMEOUT_MS,
    );

    it(
      'refuses a database holding the demo world, listing every problem at once, and loads no demo data by hand either',
      async () => {
        await withDatabase((database) => runSeed(database, { scale: 'demo', seed: 1, withoutCatalog: true }));
        const server = spawnAnpei(['serve'], production({ ANPEI_SECRET: undefined, ANPEI_WEBHOOK_ALLOW_PRIVATE: 'true' }));
        expect(await server.exited).toBe(1);
        const problems = server
          .output()
          .split('\n')
          .filter((line) => line.startsWith('  - '));
        expect(problems).toEqual([
          expect.stringContaining('ANPEI_SECRET is not set'),
          expect.stringContaining('ANPEI_WEBHOOK_ALLOW_PRIVATE=true'),
          expect.stringContaining('The demo world is in this database (14 demo organisations, 44 users under .demo)'),
          expect.stringContaining('The demo password is the password of 44 active user(s)'),
        ]);
        const seed = await runAnpei(['seed'], production());
        expect(seed.code).toBe(1);
        expect(seed.stderr).toContain('ANPEI_ENV=production');
      },
      SPAWNS_TIMEOUT_MS,
    );
  });
}

// A database with nothing in it, not even the migrations (the server applies them).
async function emptyDatabase(kind: DatabaseKind): Promise<{ target: Record<string, string>; open: () => Promise<Database>; drop: () => Promise<void> }> {
  if (kind === 'pg') {
    const { url, drop } = await createEmptyDatabase(inject('testDatabaseUrl'));
    return { target: { DATABASE_URL: url }, open: () => openDatabase({ kind: 'pg', url }), drop };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anpei-production-'));
  return {
    target: { ANPEI_DATA_DIR: dataDir },
    open: () => openDatabase({ kind: 'pglite', dataDir }),
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
