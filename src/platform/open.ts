import type { Config } from './config.ts';
import { openDatabase, type Database } from './db.ts';
import { migrateDatabase } from './migrate.ts';

// The database the configuration names: a PostgreSQL server when DATABASE_URL is set, otherwise
// the embedded PGlite under the data directory. Migrated before it is handed out.
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const database = config.databaseUrl ? await openDatabase({ kind: 'pg', url: config.databaseUrl, maxConnections: config.dbPoolMax }) : await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
  await migrateDatabase(database);
  return database;
}

export function describeDatabase(config: Config): string {
  return config.databaseUrl ? `PostgreSQL ${config.databaseUrl.replace(/:[^:@/]*@/, ':***@')}` : `PGlite ${config.dataDir}`;
}
