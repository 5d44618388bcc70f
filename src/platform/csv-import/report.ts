import { AppError, type FieldError } from '../errors.ts';
import type { FieldCode } from '../messages.ts';

// The error report of a rejected import. Every error is counted, but only the first
// MAX_REPORTED_ERRORS (by row, then column) are kept: a file with a wrong column on each of
// 100,000 rows needs a count and a sample, not a 20 MB answer held in memory.
export const MAX_REPORTED_ERRORS = 1_000;

type Entry = { row: number; order: number; error: FieldError };

export type ErrorReport = {
  add(row: number, column: string | null, code: FieldCode, params?: Record<string, unknown>): void;
  readonly count: number;
  // The kept errors in file order.
  shown(): FieldError[];
  rejection(rows: number): AppError;
};

// `columnOrder` lists the kind's columns so errors within a row come in the file format's order.
export function errorReport(columnOrder: readonly string[], cap = MAX_REPORTED_ERRORS): ErrorReport {
  let entries: Entry[] = [];
  let count = 0;
  const byOrder = (a: Entry, b: Entry) => a.row - b.row || a.order - b.order;
  // Errors arrive nearly in row order (reference checks lag by one batch), so the list is trimmed
  // to the smallest `cap` entries whenever it doubles: memory stays bounded and the kept ones are
  // exactly the first `cap` of the file.
  const trim = () => {
    entries.sort(byOrder);
    entries = entries.slice(0, cap);
  };
  return {
    add(row, column, code, params) {
      count += 1;
      const path = column ? `rows.${row}.${column}` : `rows.${row}`;
      const order = column ? columnOrder.indexOf(column) : -1;
      entries.push({ row, order, error: { path, in: 'body', code, ...(params ? { params } : {}) } });
      if (entries.length >= cap * 2) trim();
    },
    get count() {
      return count;
    },
    shown() {
      trim();
      return entries.map((e) => e.error);
    },
    rejection(rows) {
      const errors = this.shown();
      return new AppError('import_rejected', { rows, count, shown: errors.length }, errors);
    },
  };
}
