import { describe, expect, it } from 'vitest';
import { ident, joinStmts, raw, render, stmt } from './stmt.ts';

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
});
