import { sql, type SQLWrapper } from 'drizzle-orm';
import { executePrepared, type Executor } from './db.ts';

// A statement cap: one command writes a handful of tables, not hundreds.
const MAX_STATEMENTS = 20;

// Sends several writes (drizzle insert or update builders, not yet awaited) as one statement:
// all but the last become data-modifying CTEs, which PostgreSQL runs in full whether or not
// anything reads them, in one snapshot, with foreign keys checked at the end of the statement (so a
// child row may be written beside its parent). One round trip instead of one per table, which is
// what a write-heavy command such as placing an order spends most of its time on. The writes must
// not depend on each other's results, as CTEs do not see each other's rows. Sent as a named
// statement (executePrepared): with bulkInsert's array parameters its text repeats.
export async function writeTogether(exec: Executor, writes: readonly SQLWrapper[]): Promise<void> {
  if (writes.length === 0) return;
  if (writes.length > MAX_STATEMENTS) throw new Error(`writeTogether: ${writes.length} writes, at most ${MAX_STATEMENTS}`);
  const last = writes[writes.length - 1]!.getSQL();
  if (writes.length === 1) {
    await executePrepared(exec, last);
    return;
  }
  const ctes = writes.slice(0, -1).map((w, i) => sql`${sql.raw(`w${i}`)} as (${w.getSQL()})`);
  await executePrepared(exec, sql`with ${sql.join(ctes, sql`, `)} ${last}`);
}
