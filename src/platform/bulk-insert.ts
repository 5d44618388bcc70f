import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { bare, joinStmts, raw, stmt, type Stmt } from './stmt.ts';

// An INSERT of many rows as one array parameter per column (`insert … select * from unnest($1::uuid[],
// $2::text[], …)`), not one parameter per value. The statement then has the same few parameters
// whatever the number of rows, so building it costs next to nothing in JS and parsing it next to
// nothing in PostgreSQL (and, named, it is parsed once per connection: executePrepared): on the
// order path, a query builder's per-value work and the database's parsing of hundreds of
// parameters were a large share of each request's time.
//
// Which columns go in, explicitly:
// - a column no row mentions (undefined in every row) is left out and takes its default;
// - a column any row sets, to a value or to null, goes in for every row: null is written as null,
//   never replaced by a default (a column without a default that is null in every row is left out,
//   which writes the same null);
// - a column with a default that some rows set and others leave undefined throws: one statement
//   cannot give some rows the default and others a value, and null in its place would be a silent
//   lie. (Without a default, undefined is null, as in an INSERT that omits it.)
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
    const given = rows.map((row) => (row as Record<string, unknown>)[key]);
    const mentioned = given.filter((v) => v !== undefined).length;
    if (mentioned === 0) continue;
    // Null in every row of a column without a default: leaving it out writes exactly that.
    if (!column.hasDefault && given.every((v) => v === undefined || v === null)) continue;
    if (mentioned < rows.length && column.hasDefault) {
      throw new Error(`bulkInsert: ${getTableName(table)}.${name} has a default and is set in ${mentioned} of ${rows.length} rows`);
    }
    const values = given.map((v) => (v === undefined || v === null ? null : typeof v === 'bigint' ? v.toString() : column.mapToDriverValue(v)));
    if (type.endsWith('[]')) throw new Error(`bulkInsert: ${getTableName(table)}.${name} is an array column`);
    names.push(stmt`${bare(column)}`);
    arrays.push(stmt`${pgArray(values)}::${raw(type)}[]`);
  }
  return stmt`insert into ${table} (${joinStmts(names, ', ')}) select * from unnest(${joinStmts(arrays, ', ')})`;
}

// An array parameter in PostgreSQL's text form (`{a,b,NULL}`), when every element can be written
// there unquoted: ids, numbers, codes, ISO times. node-postgres would otherwise quote and escape each
// element of each array itself, which for a batch of thousands of rows was a tenth of its time in
// JS. An element that would need quoting (white space, a comma, a brace, a quote, a backslash, an
// empty string, the word NULL) or that is not a string or a number leaves the array as it is, for
// the driver to write. Either way the statement casts the parameter (`$1::uuid[]`), so both forms
// read the same on both databases.
const UNQUOTED = /^[0-9A-Za-z_.:+-]+$/;

export function pgArray(values: readonly unknown[]): string | readonly unknown[] {
  let text = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let element: string;
    if (v === null || v === undefined) element = 'NULL';
    else if (typeof v === 'string' && UNQUOTED.test(v) && !(v.length === 4 && v.toLowerCase() === 'null')) element = v;
    else if (typeof v === 'number' && Number.isFinite(v)) element = String(v);
    else if (typeof v === 'bigint') element = v.toString();
    else return values;
    text += i === 0 ? element : `,${element}`;
  }
  return `${text}}`;
}
