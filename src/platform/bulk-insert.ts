import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

// An INSERT of many rows as one array parameter per column (`insert … select * from unnest($1::uuid[],
// $2::text[], …)`), not one parameter per value. The statement then has the same few parameters
// whatever the number of rows, so building it costs next to nothing in JS and parsing it next to
// nothing in PostgreSQL: on the order path, drizzle's per-value insert builder and the database's
// parsing of hundreds of parameters were a large share of each request's time.
//
// Columns no row sets (undefined or null in every row) are left out, so they take their defaults;
// for the columns that matter here that is null, but mind it for a column with another default.
// Array columns cannot travel this way (unnest
// would flatten them); a row setting one is a programming error and throws.
export function bulkInsert<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][]): SQL {
  if (rows.length === 0) throw new Error('bulkInsert: no rows');
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(([key]) =>
    rows.some((row) => (row as Record<string, unknown>)[key] !== undefined && (row as Record<string, unknown>)[key] !== null),
  );
  const names: SQL[] = [];
  const arrays: SQL[] = [];
  for (const [key, column] of columns) {
    const type = column.getSQLType();
    if (type.endsWith('[]')) throw new Error(`bulkInsert: ${getTableName(table)}.${column.name} is an array column`);
    const values = rows.map((row) => {
      const v = (row as Record<string, unknown>)[key];
      if (v === undefined || v === null) return null;
      if (typeof v === 'bigint') return v.toString();
      return column.mapToDriverValue(v);
    });
    names.push(sql`${sql.identifier(column.name)}`);
    arrays.push(sql`${sql.param(values)}::${sql.raw(type)}[]`);
  }
  return sql`insert into ${table} (${sql.join(names, sql`, `)}) select * from unnest(${sql.join(arrays, sql`, `)})`;
}
