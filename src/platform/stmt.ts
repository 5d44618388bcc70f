import { Column, getTableName, is, Table } from 'drizzle-orm';

// A statement as text parts and parameters, for the few statements every order runs: built by
// concatenating strings, with none of the query builder's per-chunk work, which had become a sixth
// of the server's time on the order path. Compose with the `stmt` tag, run with executePrepared
// (db.ts). Everywhere else the query builder stays: it is clearer, and fast enough.
//
// What an interpolated value becomes:
// - a Stmt is inlined, its parameters renumbered;
// - a drizzle table is its quoted name (`"stock_quant"`), and a column its quoted name qualified by
//   its table's (`"stock_quant"."on_hand"`), so that tsc checks every name the schema defines and a
//   renamed column cannot leave a statement behind. A table or column taken through drizzle's
//   `alias(stockQuant, 'q')` is the alias (`"q"`, `"q"."on_hand"`): write `from ${stockQuant} ${q}`;
// - `bare(column)` is the column's quoted name alone, where SQL wants it bare (a SET target, an
//   INSERT's column list, USING);
// - `ident()` and `raw()` are written as text (aliases and CTE names of the statement's own, casts);
// - anything else becomes a parameter.

export class Stmt {
  constructor(
    readonly parts: readonly string[],
    readonly params: readonly unknown[],
  ) {}
}

class RawText {
  constructor(readonly text: string) {}
}

// Text written as is: only for constants of the code (casts, keywords), never for input.
export function raw(text: string): RawText {
  return new RawText(text);
}

// A quoted identifier (an alias, or a name the schema does not define as a drizzle table).
export function ident(name: string): RawText {
  return new RawText(quote(name));
}

// A column's quoted name without its table.
export function bare(column: Column): RawText {
  return new RawText(quote(column.name));
}

function quote(id: string): string {
  return `"${id.replaceAll('"', '""')}"`;
}

export function stmt(strings: TemplateStringsArray, ...values: unknown[]): Stmt {
  const parts: string[] = [strings[0]!];
  const params: unknown[] = [];
  const append = (text: string) => {
    parts[parts.length - 1] += text;
  };
  values.forEach((v, i) => {
    if (v instanceof Stmt) {
      append(v.parts[0]!);
      for (let j = 0; j < v.params.length; j++) {
        params.push(v.params[j]);
        parts.push(v.parts[j + 1]!);
      }
    } else if (v instanceof RawText) {
      append(v.text);
    } else if (is(v, Column)) {
      append(`${quote(getTableName(v.table))}.${quote(v.name)}`);
    } else if (is(v, Table)) {
      append(quote(getTableName(v)));
    } else {
      params.push(v);
      parts.push('');
    }
    append(strings[i + 1]!);
  });
  return new Stmt(parts, params);
}

// Joins statements or texts with a separator, as one Stmt.
export function joinStmts(items: readonly (Stmt | RawText)[], separator: string): Stmt {
  let out = new Stmt([''], []);
  items.forEach((item, i) => {
    out = i === 0 ? stmt`${item}` : stmt`${out}${raw(separator)}${item}`;
  });
  return out;
}

// The text with $1, $2, … and the parameters in order, as drivers take them.
export function render(s: Stmt): { sql: string; params: unknown[] } {
  let text = s.parts[0]!;
  for (let i = 1; i < s.parts.length; i++) text += `$${i}${s.parts[i]}`;
  return { sql: text, params: [...s.params] };
}
