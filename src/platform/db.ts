import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { DrizzleQueryError, sql, type SQL, type SQLChunk } from 'drizzle-orm';
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

export type OpenOptions = { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob } | { kind: 'pg'; url: string; maxConnections?: number };

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
    namedRunners.set(db, namedRunner(pool));
    runOwnTransactions(db, pool);
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

// A SQLSTATE: five characters, a digit among them (so not a socket's EPIPE).
const SQLSTATE = /^(?=.*[0-9])[0-9A-Z]{5}$/;

// The PostgreSQL error in an error's cause chain (drizzle wraps driver errors): the first one that
// carries a SQLSTATE, or undefined for errors that never reached the database (a lost connection).
export function pgErrorOf(error: unknown): { code: string; constraint?: string; message?: string } | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && SQLSTATE.test(code)) return e as { code: string; constraint?: string; message?: string };
  }
  return undefined;
}

// True when a query failed on the named unique index (SQLSTATE 23505).
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = pgErrorOf(error);
  return pgError?.code === '23505' && (pgError.constraint === constraint || Boolean(pgError.message?.includes(constraint)));
}

// True when PostgreSQL chose this transaction as a deadlock's victim (SQLSTATE 40P01): it was
// rolled back whole, and running it again is safe.
export function isDeadlock(error: unknown): boolean {
  return pgErrorOf(error)?.code === '40P01';
}

const statementNames = new Map<string, string>();
// Distinct statement texts are few (one per shape of each bulk write); the cap is a guard.
const MAX_STATEMENT_NAMES = 2000;

// Runs a statement (stmt.ts) as a named prepared statement, named after its text, so that
// PostgreSQL parses and plans it once per connection rather than on every request: for the
// statements of the order path (bulkInsert's array parameters make their text the same whatever
// the number of rows). It runs inside whatever transaction `exec` is. drizzle's public API names
// only its query builders' statements, so on PostgreSQL the statement goes to node-postgres itself,
// on the connection `exec` stands for (see runOwnTransactions). PGlite has no named statements to
// gain (it parses every statement anew), and there the statement goes through drizzle's public
// `execute`; so does any executor not registered here (a nested transaction: correct, only unnamed).
export async function executePrepared<T>(exec: Executor, query: Stmt): Promise<T[]> {
  const runner = namedRunners.get(exec);
  if (!runner) return queryRows<T>(exec, sqlOf(query));
  const built = render(query);
  let name = statementNames.get(built.sql);
  if (name === undefined) {
    name = `p_${createHash('sha1').update(built.sql).digest('hex').slice(0, 24)}`;
    if (statementNames.size < MAX_STATEMENT_NAMES) statementNames.set(built.sql, name);
  }
  return (await runner(name, built.sql, built.params)) as T[];
}

// The same statement as drizzle's SQL, rendered by drizzle to the same text and parameters.
function sqlOf(query: Stmt): SQL {
  const chunks: SQLChunk[] = [sql.raw(query.parts[0]!)];
  for (let i = 0; i < query.params.length; i++) chunks.push(sql.param(query.params[i]), sql.raw(query.parts[i + 1]!));
  return sql.join(chunks);
}

// How executePrepared reaches PostgreSQL for each database and transaction object openDatabase
// hands out on it: a named statement on the pool (any connection) or on a transaction's client.
type NamedRunner = (name: string, text: string, params: unknown[]) => Promise<unknown[]>;
const namedRunners = new WeakMap<Executor, NamedRunner>();

// drizzle reads a raw query's dates, timestamps and intervals (and arrays of them, and numeric[])
// as PostgreSQL's text rather than as JS dates and numbers; the statements run here read them the
// same way, so a row is the same whichever way it was fetched.
const KEPT_AS_TEXT = new Set<number>([
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.DATE,
  pg.types.builtins.INTERVAL,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
]);
const asText = (value: string) => value;
const rawTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (KEPT_AS_TEXT.has(oid) ? asText : pg.types.getTypeParser(oid, format)),
} as pg.CustomTypesConfig;

// A failure is wrapped as drizzle wraps its own (the statement, its parameters, the driver's error
// as the cause), so errors and their logs read the same on both drivers and on every path.
function namedRunner(client: pg.Pool | pg.PoolClient): NamedRunner {
  return async (name, text, values) => {
    try {
      return (await client.query({ name, text, values, types: rawTypes })).rows;
    } catch (error) {
      throw new DrizzleQueryError(text, values, error as Error);
    }
  };
}

// A transaction on PostgreSQL runs on one pooled connection, and its named statements must go to
// that connection, which drizzle keeps to itself. So the platform checks the client out of the pool
// and hands it to drizzle: drizzle over a single client runs its transaction on that client
// (begin, the callback, commit or rollback), as it does on the client it would have checked out
// itself, and the transaction object it passes is registered with the client. The Db is given this
// `transaction` in place of drizzle's; everything else about it is drizzle's.
function runOwnTransactions(db: Db, pool: pg.Pool): void {
  // The pool keeps its clients for reuse: each has its drizzle database and runner made once.
  const onClients = new WeakMap<pg.PoolClient, { db: Db; runner: NamedRunner }>();
  db.transaction = async (transaction, config) => {
    const client = await pool.connect();
    try {
      let on = onClients.get(client);
      if (!on) {
        on = { db: drizzlePg(client) as unknown as Db, runner: namedRunner(client) };
        onClients.set(client, on);
      }
      const { runner } = on;
      return await on.db.transaction((tx) => {
        namedRunners.set(tx, runner);
        return transaction(tx);
      }, config);
    } finally {
      client.release();
    }
  };
}
