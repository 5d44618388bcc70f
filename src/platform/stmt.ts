// A statement as text parts and parameters, for the few statements every order runs: built by
// concatenating strings, with none of the query builder's per-chunk work, which had become a sixth
// of the server's time on the order path. Compose with the `stmt` tag (a Stmt inside another is
// inlined, `ident()` and `raw()` are written as text, anything else becomes a parameter), run with
// executePrepared (db.ts). Everywhere else the query builder stays: it is clearer, and fast enough.

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

// A quoted identifier (a table or column name from the schema).
export function ident(name: string): RawText {
  return new RawText(`"${name.replaceAll('"', '""')}"`);
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
