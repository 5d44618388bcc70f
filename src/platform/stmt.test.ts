import { alias, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { bare, ident, joinStmts, raw, render, stmt } from './stmt.ts';

const quant = pgTable('stock_quant', { onHand: integer('on_hand').notNull(), lotId: text('lot_id') });

describe('stmt', () => {
  it('numbers parameters in order through nested statements', () => {
    const inner = stmt`select ${1}::int, ${'a'}`;
    const s = stmt`with w as (${inner}) select * from ${ident('t"x')} where a = ${2} and b = ${raw('now()')}`;
    expect(render(s)).toEqual({ sql: 'with w as (select $1::int, $2) select * from "t""x" where a = $3 and b = now()', params: [1, 'a', 2] });
  });

  it('joins statements with a separator', () => {
    expect(render(joinStmts([stmt`a = ${1}`, stmt`b = ${2}`, raw('c')], ' and '))).toEqual({ sql: 'a = $1 and b = $2 and c', params: [1, 2] });
  });

  it('keeps arrays as one parameter', () => {
    expect(render(stmt`x = any(${['a', 'b']}::text[])`)).toEqual({ sql: 'x = any($1::text[])', params: [['a', 'b']] });
  });

  // The schema's names come from drizzle's tables, so tsc checks them.
  it.each([
    ['a table is its name', stmt`from ${quant}`, 'from "stock_quant"'],
    ['a column is qualified by its table', stmt`select ${quant.onHand}`, 'select "stock_quant"."on_hand"'],
    ['a bare column name', stmt`set ${bare(quant.onHand)} = 1`, 'set "on_hand" = 1'],
    ['an alias and its columns', stmt`select ${alias(quant, 'q').lotId} from ${quant} ${alias(quant, 'q')}`, 'select "q"."lot_id" from "stock_quant" "q"'],
  ])('%s', (_, s, text) => {
    expect(render(s)).toEqual({ sql: text, params: [] });
  });
});
