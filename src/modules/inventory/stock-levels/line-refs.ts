import { AppError, type FieldError } from '../../../platform/errors.ts';

// Where a stock-level line came from, for its errors: a JSON request's `lines.3.qty`, or a CSV
// file's `rows.7.qty` (the row a spreadsheet shows). One command serves both, and each caller
// names its lines and its refusal of bad input its own way.
export type LevelField = 'productId' | 'sku' | 'lotNo' | 'qty';

export type LineRefs = {
  // The path of one field of the line at `index` (its position in the command's input).
  path(index: number, field: LevelField): string;
  // The path of the lines as a whole (a bound over all of them).
  whole: string;
  // The error for a line that names the same product and lot as an earlier one.
  repeated(index: number, first: number): FieldError;
  // Bad input, refused whole (nothing changes): a 400 for a request, a 422 report for a file.
  reject(errors: FieldError[]): Error;
};

// A JSON request's lines: `lines.<index>.<field>`, refused as `validation_failed` (400).
export const jsonLineRefs: LineRefs = {
  path: (index, field) => `lines.${index}.${field}`,
  whole: 'lines',
  repeated: (index, first) => ({ path: `lines.${index}`, in: 'body', code: 'stock_level_repeated', params: { other: `lines.${first}` } }),
  reject: (errors) => new AppError('validation_failed', { count: errors.length }, errors),
};
