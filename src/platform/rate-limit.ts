import { executePrepared, type Executor } from './db.ts';
import { bare, raw, stmt, type Stmt } from './stmt.ts';
import { rateLimitWindow } from './tables.ts';

// Limits counted in the database, so that they hold however many app processes serve the API.
// Each key has one row: its current window and the requests counted in it. A window opens with a
// key's first request (or its first after the previous window ended) and lasts `windowS`. One
// statement per key counts a request — insert … on conflict do update … returning count — and
// PostgreSQL runs it atomically on the row: of N concurrent requests exactly `max` see a count
// within the limit. Call it outside a transaction, so that a hot row (a global limit's) is locked
// only for that one statement.

export type RateLimit = {
  // Whose limit: `trace-lookup:ip:203.0.113.7`, `trace-lookup:all`.
  key: string;
  max: number;
  windowS: number;
};

export type RateLimitVerdict = { ok: true } | { ok: false; key: string; retryAfterS: number };

// Rows of ended windows that each count deletes (other keys' than its own). Every new row is made
// by a count, so rows are deleted at least as fast as they are made, however many clients come
// and go (a client with an IPv6 block has many addresses), without a sweeper and without a
// statement of its own.
const PRUNE_PER_HIT = 2;
// Keys are ours (a prefix and an address), never a caller's free text; this bounds them anyway.
const MAX_KEY_CHARS = 200;

// Counts one request against each limit in turn, narrowest first, and stops at the first one it
// exceeds: a request refused by its own client's limit does not use up a broader (global) one.
export async function hitRateLimits(db: Executor, limits: readonly RateLimit[], now: Date): Promise<RateLimitVerdict> {
  for (const limit of limits) {
    if (limit.key.length > MAX_KEY_CHARS || !(limit.windowS > 0) || !(limit.max >= 0)) throw new Error(`hitRateLimits: bad limit ${limit.key.slice(0, 40)}`);
    const count = await hit(db, limit.key, now, new Date(now.getTime() + limit.windowS * 1000));
    if (count.n > limit.max) return { ok: false, key: limit.key, retryAfterS: Math.max(1, count.retryAfterS) };
  }
  return { ok: true };
}

// One statement, prepared once per connection (executePrepared): every public lookup runs it.
async function hit(db: Executor, key: string, now: Date, end: Date): Promise<{ n: number; retryAfterS: number }> {
  const [row] = await executePrepared<{ n: number; retry_after_s: number }>(db, hitStmt(key, now, end));
  if (!row) throw new Error('hitRateLimits: the count returned no row');
  return { n: Number(row.n), retryAfterS: Number(row.retry_after_s) };
}

// The count, as a statement (exported for the test that prepares every named statement). In the
// update, the table's columns are the stored row and `excluded` the one offered: a window that has
// ended is replaced by the offered one, this request its first. The prune skips the key being
// counted (one statement must not both delete and update a row) and rows another statement holds
// (skip locked), so concurrent counts never wait on each other's pruning.
export function hitStmt(key: string, now: Date, end: Date): Stmt {
  const at = now.toISOString();
  const t = rateLimitWindow;
  const ended = stmt`${t.windowEnd} <= excluded.${bare(t.windowStart)}`;
  return stmt`with pruned as (
        delete from ${t} where ${t.key} in (
          select ${t.key} from ${t} where ${t.windowEnd} <= ${at}::timestamptz and ${t.key} <> ${key}::text
          order by ${t.windowEnd} limit ${raw(String(PRUNE_PER_HIT))} for update skip locked))
      insert into ${t} (${bare(t.key)}, ${bare(t.windowStart)}, ${bare(t.windowEnd)}, ${bare(t.count)})
      values (${key}::text, ${at}::timestamptz, ${end.toISOString()}::timestamptz, 1)
      on conflict (${bare(t.key)}) do update set
        ${bare(t.count)} = case when ${ended} then 1 else ${t.count} + 1 end,
        ${bare(t.windowStart)} = case when ${ended} then excluded.${bare(t.windowStart)} else ${t.windowStart} end,
        ${bare(t.windowEnd)} = case when ${ended} then excluded.${bare(t.windowEnd)} else ${t.windowEnd} end
      returning ${t.count} as n, ceil(extract(epoch from ${t.windowEnd} - ${at}::timestamptz))::int as retry_after_s`;
}
