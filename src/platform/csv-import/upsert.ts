import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

// Pieces of the one upsert every kind uses:
//   INSERT … ON CONFLICT (natural key) DO UPDATE SET col = excluded.col, …, updated_at = now
//   WHERE (cols) IS DISTINCT FROM (excluded cols)
//   RETURNING (xmax = 0) AS inserted
// A row whose values are all the same is not rewritten at all (no new row version, no bumped
// updated_at), which is what makes a re-import change nothing; `id` is never in the SET list, so
// ids stay stable. RETURNING yields only inserted and changed rows; xmax is 0 on a freshly inserted
// row version and the updating transaction's id on an updated one.

export type Counts = { inserted: number; updated: number; unchanged: number };

export const zeroCounts = (): Counts => ({ inserted: 0, updated: 0, unchanged: 0 });

export function addCounts(a: Counts, b: Counts): Counts {
  return { inserted: a.inserted + b.inserted, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged };
}

function excluded(column: PgColumn): SQL {
  return sql`excluded.${sql.identifier(column.name)}`;
}

// `compared` maps the table's property names to its columns (drizzle's SET takes property names).
export function upsertSet<K extends string>(
  compared: Record<K, PgColumn>,
  updatedAt: { key: string; now: Date },
): {
  set: Record<string, SQL | Date>;
  setWhere: SQL;
} {
  const columns = Object.values<PgColumn>(compared);
  const set: Record<string, SQL | Date> = { [updatedAt.key]: updatedAt.now };
  for (const [key, column] of Object.entries<PgColumn>(compared)) set[key] = excluded(column);
  const setWhere = sql`(${sql.join(columns, sql`, `)}) is distinct from (${sql.join(columns.map(excluded), sql`, `)})`;
  return { set, setWhere };
}

export const insertedFlag = sql<boolean>`(xmax = 0)`;

// Counts of one batch from the rows RETURNING gave back.
export function countsOf(batchSize: number, returned: readonly { inserted: boolean }[]): Counts {
  const inserted = returned.filter((r) => r.inserted).length;
  return { inserted, updated: returned.length - inserted, unchanged: batchSize - returned.length };
}
