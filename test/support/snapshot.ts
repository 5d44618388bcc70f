import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { type Database, type DatabaseKind, openDatabase } from '../../src/platform/db.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-data.ts';
import type { TestApp } from './app.ts';
import { cloneDatabase, dropDatabase } from './databases.ts';

// A database made ready once (a fixture loaded, people signed in) and then copied for each of many
// runs, so that a property test pays for the preparation once rather than once a run: PGlite's
// data directory dumped and loaded, PostgreSQL's database used as the template of a new one. The
// copies keep the sessions, so tokens taken while preparing work in every copy.
export type Snapshot = {
  // A fresh app on a fresh copy, as startTestApp gives.
  start(): Promise<TestApp>;
  drop(): Promise<void>;
};

export async function snapshot<T>(kind: DatabaseKind, prepare: (t: TestApp) => Promise<T>): Promise<{ snapshot: Snapshot; prepared: T }> {
  if (kind === 'pg') {
    const url = await cloneDatabase(inject('testDatabaseUrl'));
    const base = await startOn(await openDatabase({ kind: 'pg', url }), async () => {});
    let prepared: T;
    try {
      prepared = await prepare(base);
    } finally {
      // A template must have no one connected while it is copied.
      await base.close();
    }
    return {
      prepared,
      snapshot: {
        start: async () => {
          const copy = await cloneDatabase(url);
          return startOn(await openDatabase({ kind: 'pg', url: copy }), () => dropDatabase(copy));
        },
        drop: () => dropDatabase(url),
      },
    };
  }
  // The run's migrated, demo-seeded template (global-setup.ts), as startTestApp loads it.
  const base = await startOn(await openDatabase({ kind: 'pglite', loadDataDir: new Blob([readFileSync(inject('pgliteTemplatePath'))]) }), async () => {});
  let prepared: T;
  let dump: Blob;
  try {
    prepared = await prepare(base);
    dump = await base.database.pglite!.dumpDataDir('none');
  } finally {
    await base.close();
  }
  return {
    prepared,
    snapshot: { start: async () => startOn(await openDatabase({ kind: 'pglite', loadDataDir: dump }), async () => {}), drop: async () => {} },
  };
}

async function startOn(database: Database, drop: () => Promise<void>): Promise<TestApp> {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
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
