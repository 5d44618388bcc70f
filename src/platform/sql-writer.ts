import { sql, type SQL } from 'drizzle-orm';
import { raw, stmt, type Stmt } from './stmt.ts';

// The code writes SQL in two ways: drizzle's `sql` tag, for the query builders, and stmt.ts's `stmt`
// tag, for the named statements of the busiest paths (where the query builder's per-chunk work was
// too slow). Both are template tags that take text with values in between and inline a fragment of
// their own kind, so a rule that both kinds of query need is written once, as one SQL template, and
// read through either tag (a SqlWriter): which offers a buyer may use (catalog/offer-valid.ts), what
// a payout pays (settlement/payouts/due.ts). The other ways considered leave two places to change:
// a text constant beside a drizzle builder, kept equal only by a test, or a text the query builders
// splice in raw, which cannot hold drizzle's placeholders.

// A template tag and its way of writing constant text as is (never input). A value interpolated into
// the tag is a column or expression of that tag's kind, a placeholder, or a parameter (with drizzle,
// an array must be wrapped in sql.param, or the tag would spread it into a list).
export type SqlWriter<Q> = { sql(strings: TemplateStringsArray, ...values: unknown[]): Q; raw(text: string): unknown };

export const drizzleSql: SqlWriter<SQL> = { sql: (strings, ...values) => sql(strings, ...values), raw: (text) => sql.raw(text) };
export const stmtSql: SqlWriter<Stmt> = { sql: stmt, raw };
