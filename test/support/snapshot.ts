import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type DatabaseKind, openDatabase } from '../../src/platform/db.ts';
import { startAppOn, type TestApp } from './app.ts';
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
    const base = await startAppOn(await openDatabase({ kind: 'pg', url }), async () => {});
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
          return startAppOn(await openDatabase({ kind: 'pg', url: copy }), () => dropDatabase(copy));
        },
        drop: () => dropDatabase(url),
      },
    };
  }
  // The run's migrated, demo-seeded template (global-setup.ts), as startTestApp loads it.
  const base = await startAppOn(await openDatabase({ kind: 'pglite', loadDataDir: new Blob([readFileSync(inject('pgliteTemplatePath'))]) }), async () => {});
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
    snapshot: { start: async () => startAppOn(await openDatabase({ kind: 'pglite', loadDataDir: dump }), async () => {}), drop: async () => {} },
  };
}
