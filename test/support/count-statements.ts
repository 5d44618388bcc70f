import pg from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Database } from '../../src/platform/db.ts';

// The statements a piece of work sends to the database, read off the drivers' own public query
// methods (pg's Client.query; PGlite's query and exec, and those of its transactions), so that a
// test can hold a hot path to its round trips. BEGIN, COMMIT and ROLLBACK are left out: PGlite
// sends them without a query call, pg with one, and the count should not depend on the driver.
export async function countStatements(database: Database, work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const note = (text: unknown) => {
    const s = typeof text === 'string' ? text : String((text as { text?: string })?.text ?? text);
    if (!/^\s*(begin|commit|rollback)\b/i.test(s)) seen.push(s.replace(/\s+/g, ' ').slice(0, 160));
  };
  const restore: (() => void)[] = [];
  if (database.pool) {
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      note(args[0]);
      return original.apply(this, args);
    };
    restore.push(() => (proto.query = original));
  }
  if (database.pglite) {
    const db = database.pglite as PGlite;
    const wrap = <T extends Pick<Transaction, 'query' | 'exec'>>(target: T): T => {
      const query = target.query.bind(target);
      const exec = target.exec.bind(target);
      return Object.assign(Object.create(target) as T, {
        query: (text: string, ...rest: unknown[]) => {
          note(text);
          return (query as (...a: unknown[]) => unknown)(text, ...rest);
        },
        exec: (text: string, ...rest: unknown[]) => {
          note(text);
          return (exec as (...a: unknown[]) => unknown)(text, ...rest);
        },
      });
    };
    const own = { query: db.query, exec: db.exec, transaction: db.transaction };
    const patched = wrap(db);
    db.query = patched.query;
    db.exec = patched.exec;
    db.transaction = ((callback: (tx: Transaction) => Promise<unknown>) => own.transaction.call(db, (tx: Transaction) => callback(wrap(tx)))) as PGlite['transaction'];
    restore.push(() => Object.assign(db, own));
  }
  try {
    await work();
  } finally {
    for (const r of restore) r();
  }
  return seen;
}
