import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import { render, type Stmt } from './stmt.ts';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';

// One type for both drivers: the PGlite and node-postgres databases share drizzle's PgDatabase
// surface, so every query in the modules is written once.
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
// Functions that may run inside or outside a transaction take an Executor. Inside
// `db.transaction(tx => …)` pass only `tx`: PGlite is a single connection, and a query on `db`
// there waits for the transaction that waits for it.
export type Executor = Db | Tx;

export type DatabaseKind = 'pglite' | 'pg';

export type Database = {
  db: Db;
  kind: DatabaseKind;
  close(): Promise<void>;
  // The raw clients, for the few places that need them (migrations' advisory lock, dumps).
  pglite?: PGlite;
  pool?: pg.Pool;
};

export type OpenOptions =
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob }
  | { kind: 'pg'; url: string; maxConnections?: number };

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.kind === 'pg') {
    // JIT compilation pays off for long analytic queries; for this API's short ones it only adds
    // tens of milliseconds of compile time to plans the cost model thinks are big.
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.maxConnections ?? 10, options: '-c jit=off' });
    // When the server drops an idle connection (a restart, a failover, an admin's terminate) the
    // pool discards that client and opens another on demand. Without a listener, Node would treat
    // the event as an unhandled error and stop the whole process.
    pool.on('error', () => {});
    // Fail at start, with the server's own message, rather than on the first request.
    const client = await pool.connect();
    client.release();
    const db = drizzlePg(pool) as unknown as Db;
    return { db, kind: 'pg', pool, close: () => pool.end() };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: { pg_trgm },
  });
  const db = drizzlePglite(client) as unknown as Db;
  return { db, kind: 'pglite', pglite: client, close: () => client.close() };
}

// Both drivers answer a raw query with an object holding `rows`; this reads them with one type.
export async function queryRows<T>(exec: Executor, query: SQL): Promise<T[]> {
  const result = (await exec.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function ping(exec: Executor): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(exec, sql`select 1 as ok`);
  return rows[0]?.ok === 1;
}

// True when a query failed on the named unique index (SQLSTATE 23505). Drizzle wraps driver
// errors, so the cause chain is searched.
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const pgError = e as { code?: string; constraint?: string; message?: string };
    if (pgError.code === '23505') return pgError.constraint === constraint || Boolean(pgError.message?.includes(constraint));
  }
  return false;
}

// True when PostgreSQL chose this transaction as a deadlock's victim (SQLSTATE 40P01): it was
// rolled back whole, and running it again is safe.
export function isDeadlock(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '40P01') return true;
  }
  return false;
}

// drizzle's own machinery, for executePrepared below: every database and transaction object holds
// a session, which runs a text with parameters as a (possibly named) prepared statement.
type DrizzleInternals = {
  session: { prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean): { execute(): Promise<unknown> } };
};

const statementNames = new Map<string, string>();
// Distinct statement texts are few (one per shape of each bulk write); the cap is a guard.
const MAX_STATEMENT_NAMES = 2000;

// Runs a statement (stmt.ts) as a named prepared statement, named after its text, so that
// PostgreSQL parses and plans it once per connection rather than on every request: for the
// statements of the order path (bulkInsert's array parameters make their text the same whatever
// the number of rows). drizzle's public API prepares only its query builders, hence its session
// here, inside whatever transaction `exec` is; the version is pinned. PGlite runs it as any other
// statement.
export async function executePrepared<T>(exec: Executor, query: Stmt): Promise<T[]> {
  const { session } = exec as unknown as DrizzleInternals;
  const built = render(query);
  let name = statementNames.get(built.sql);
  if (name === undefined) {
    name = `p_${createHash('sha1').update(built.sql).digest('hex').slice(0, 24)}`;
    if (statementNames.size < MAX_STATEMENT_NAMES) statementNames.set(built.sql, name);
  }
  const result = (await session.prepareQuery(built, undefined, name, false).execute()) as { rows?: T[] };
  return result.rows ?? [];
}
