import { executePrepared, type Executor } from './db.ts';
import { raw, stmt, type Stmt } from './stmt.ts';

// Writes per statement: one command writes a handful of tables, but a large order also opens and
// moves a ledger account per partner it touches (a demo claim's order of three parts wrote 21, found by the demo's history).
// Past this many the writes go in several round trips of this many each, so that no statement
// grows without bound; a child written beside its parent must then be in the same chunk, which
// holds for every command's writes (each writes a few tables, parents first).
const MAX_STATEMENTS = 64;

// Sends several writes (statements from bulkInsert and the like) as one statement: all but the last
// become data-modifying CTEs, which PostgreSQL runs in full whether or not anything reads them, in
// one snapshot, with foreign keys checked at the end of the statement (so a child row may be written
// beside its parent). One round trip instead of one per table, which is what a write-heavy command
// such as placing an order spends most of its time on. The writes must not depend on each other's
// results, as CTEs do not see each other's rows. Sent as a named statement (executePrepared): with
// bulkInsert's array parameters its text repeats.
export async function writeTogether(exec: Executor, writes: readonly Stmt[]): Promise<void> {
  for (let i = 0; i < writes.length; i += MAX_STATEMENTS) await executePrepared(exec, together(writes.slice(i, i + MAX_STATEMENTS)));
}

// The writes as one statement (exported for the test that prepares every named statement).
export function together(writes: readonly Stmt[]): Stmt {
  if (writes.length === 0) throw new Error('writeTogether: no writes');
  if (writes.length > MAX_STATEMENTS) throw new Error(`writeTogether: ${writes.length} writes, at most ${MAX_STATEMENTS}`);
  let composed = writes[writes.length - 1]!;
  for (let i = writes.length - 2; i >= 0; i--) {
    const rest = i === writes.length - 2 ? stmt` ${composed}` : stmt`, ${composed}`;
    composed = stmt`${raw(i === 0 ? 'with ' : '')}${raw(`w${i}`)} as (${writes[i]!})${rest}`;
  }
  return composed;
}
