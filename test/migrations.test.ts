import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase, queryRows } from '../src/platform/db.ts';
import { migrateDatabase } from '../src/platform/migrate.ts';
import { runSeed } from '../src/seed/seed.ts';
import { dropDatabase, serverUrl } from './support/databases.ts';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const expectedTables = ['app_user', 'api_key', 'audit_event', 'idempotency_key', 'login_attempt', 'org', 'outbox_event', 'session', 'webhook_attempt', 'webhook_delivery', 'webhook_endpoint'];

async function tablesOf(database: Awaited<ReturnType<typeof openDatabase>>): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(database.db, sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`);
  return rows.map((r) => r.name);
}

describe('migrations', () => {
  // Two whole demo seeds: slow on a loaded 2-core machine, so the limit is generous.
  it('apply from zero on PGlite, twice without harm, and the seed is repeatable', { timeout: 180_000 }, async () => {
    const database = await openDatabase({ kind: 'pglite' });
    await migrateDatabase(database);
    await migrateDatabase(database);
    expect(await tablesOf(database)).toEqual(expect.arrayContaining(expectedTables));
    const first = await runSeed(database, { scale: 'demo', seed: 7 });
    await runSeed(database, { scale: 'demo', seed: 7 });
    const [{ n }] = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from app_user`)) as [{ n: number }];
    expect(n).toBe(first.users);
    await database.close();
  });

  it.runIf(Boolean(inject('testDatabaseUrl')))('apply from zero on PostgreSQL', async () => {
    const base = inject('testDatabaseUrl');
    const url = serverUrl(base, `${new URL(base).pathname.slice(1)}_m${randomBytes(3).toString('hex')}`);
    const admin = new pg.Client({ connectionString: serverUrl(base, 'postgres') });
    await admin.connect();
    await admin.query(`create database "${new URL(url).pathname.slice(1)}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    await admin.end();
    const database = await openDatabase({ kind: 'pg', url });
    try {
      // Two processes starting at once must not both migrate.
      await Promise.all([migrateDatabase(database), migrateDatabase(database)]);
      expect(await tablesOf(database)).toEqual(expect.arrayContaining(expectedTables));
    } finally {
      await database.close();
      await dropDatabase(url);
    }
  });
});
