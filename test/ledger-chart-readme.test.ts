import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accountCodes, chart } from '../src/modules/ledger/index.ts';

// The chart of accounts is data (chart.ts) and the README documents it in one table: every code
// there, with its Chinese name and its normal side, and nothing the chart does not have.
describe('the README’s chart of accounts', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const rows = [...readme.matchAll(/^\| `([a-z_]+)` \| ([^|]+) \| (debit|credit) \|/gm)].map((m) => ({ code: m[1]!, zh: m[2]!.trim(), normal: m[3]! }));

  it('lists every account code of the chart, as the chart names it', () => {
    expect(rows.map((r) => r.code).sort()).toEqual([...accountCodes].sort());
    for (const r of rows) {
      const spec = chart[r.code as keyof typeof chart];
      expect({ code: r.code, zh: r.zh, normal: r.normal }).toEqual({ code: r.code, zh: spec.zh, normal: spec.normal });
    }
  });
});
