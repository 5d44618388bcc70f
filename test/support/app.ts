import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { openDatabase, type Database, type DatabaseKind } from '../../src/platform/db.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-data.ts';
import { cloneDatabase, dropDatabase } from './databases.ts';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  // Signs a demo user in and returns the session token.
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
};

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

// The database kinds this run covers: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set.
// Integration suites loop over these, so every rule is checked on both.
export function databaseKinds(): DatabaseKind[] {
  return inject('testDatabaseUrl') ? ['pglite', 'pg'] : ['pglite'];
}

export async function openTestDatabase(kind: DatabaseKind): Promise<{ database: Database; drop(): Promise<void> }> {
  if (kind === 'pg') {
    const url = await cloneDatabase(inject('testDatabaseUrl'));
    const database = await openDatabase({ kind: 'pg', url });
    return { database, drop: () => dropDatabase(url) };
  }
  const dump = readFileSync(inject('pgliteTemplatePath'));
  const database = await openDatabase({ kind: 'pglite', loadDataDir: new Blob([dump]) });
  return { database, drop: async () => {} };
}

// A fresh app on a fresh copy of the migrated, demo-seeded database.
export async function startTestApp(kind: DatabaseKind = 'pglite', env: Record<string, string> = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase(kind);
  return startAppOn(database, drop, env);
}

// An app on a database the caller opened (a fresh copy, or a snapshot's), closing both and then
// `drop` at the end.
export async function startAppOn(database: Database, drop: () => Promise<void>, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const app = await buildApp({ database, config, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    async login(email, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
      return res.json<{ token: string }>().token;
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}
