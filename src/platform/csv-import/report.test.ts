import { describe, expect, it } from 'vitest';
import { errorReport } from './report.ts';

describe('errorReport', () => {
  it('keeps the first errors of the file, by row then column, and counts all', () => {
    const report = errorReport(['a', 'b'], 3);
    // Reference errors of a batch arrive after the cell errors of later rows.
    report.add(5, 'a', 'required');
    report.add(2, 'b', 'required');
    report.add(4, null, 'too_big_array', { maximum: 2 });
    report.add(2, 'a', 'unknown_reference', { what: 'part', value: 'X' });
    report.add(9, 'b', 'required');
    report.add(3, 'b', 'invalid');
    expect(report.count).toBe(6);
    expect(report.shown().map((e) => e.path)).toEqual(['rows.2.a', 'rows.2.b', 'rows.3.b']);
    const rejection = report.rejection(9);
    expect(rejection.code).toBe('import_rejected');
    expect(rejection.params).toEqual({ rows: 9, count: 6, shown: 3 });
    expect(rejection.errors[0]).toEqual({ path: 'rows.2.a', in: 'body', code: 'unknown_reference', params: { what: 'part', value: 'X' } });
  });

  it('stays bounded on a file where every row is wrong', () => {
    const report = errorReport(['a'], 10);
    for (let row = 100_000; row > 1; row--) report.add(row, 'a', 'required');
    expect(report.count).toBe(99_999);
    expect(report.shown().map((e) => e.path)).toEqual(Array.from({ length: 10 }, (_, i) => `rows.${i + 2}.a`));
  });
});
