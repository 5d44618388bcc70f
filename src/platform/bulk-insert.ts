import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { ident, joinStmts, raw, stmt, type Stmt } from './stmt.ts';

// An INSERT of many rows as one array parameter per column (`insert … select * from unnest($1::uuid[],
// $2::text[], …)`), not one parameter per value. The statement then has the same few parameters
// whatever the number of rows, so building it costs next to nothing in JS and parsing it next to
// nothing in PostgreSQL (and, named, it is parsed once per connection: executePrepared): on the
// order path, a query builder's per-value work and the database's parsing of hundreds of
// parameters were a large share of each request's time.
//
// Columns no row sets (undefined or null in every row) are left out, so they take their defaults;
// for the columns that matter here that is null, but mind it for a column with another default.
// Array columns cannot travel this way (unnest would flatten them); a row setting one is a
// programming error and throws.
type ColumnInfo = { key: string; column: PgColumn; name: string; type: string };
const columnsOf = new WeakMap<PgTable, ColumnInfo[]>();

function tableColumns(table: PgTable): ColumnInfo[] {
  let info = columnsOf.get(table);
  if (!info) {
    info = Object.entries(getTableColumns(table) as Record<string, PgColumn>).map(([key, column]) => ({ key, column, name: column.name, type: column.getSQLType() }));
    columnsOf.set(table, info);
  }
  return info;
}

export function bulkInsert<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][]): Stmt {
  if (rows.length === 0) throw new Error('bulkInsert: no rows');
  const names: Stmt[] = [];
  const arrays: Stmt[] = [];
  for (const { key, column, name, type } of tableColumns(table)) {
    let set = false;
    const values = rows.map((row) => {
      const v = (row as Record<string, unknown>)[key];
      if (v === undefined || v === null) return null;
      set = true;
      if (typeof v === 'bigint') return v.toString();
      return column.mapToDriverValue(v);
    });
    if (!set) continue;
    if (type.endsWith('[]')) throw new Error(`bulkInsert: ${getTableName(table)}.${name} is an array column`);
    names.push(stmt`${ident(name)}`);
    arrays.push(stmt`${values}::${raw(type)}[]`);
  }
  return stmt`insert into ${ident(getTableName(table))} (${joinStmts(names, ', ')}) select * from unnest(${joinStmts(arrays, ', ')})`;
}
