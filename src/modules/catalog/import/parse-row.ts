import type { z } from 'zod';
import { cellErrorOf, type CellError } from '../../../platform/csv-import/cell-error.ts';
import { isFieldCode } from '../../../platform/messages.ts';
import { rowRules, rowSchemas, type ImportKind, type RowOf } from './formats.ts';

export type ParsedRow<K extends ImportKind> = {
  // The cells that were valid. A column is present as a key exactly when its cell was valid, even
  // when the valid value is "absent" (undefined), so later rules can tell "empty" from "bad".
  values: Partial<RowOf<K>>;
  errors: CellError[];
};

// Validates one row's cells: each column on its own (one reason per column is enough for a person
// to fix it), then the rules across columns on whatever was valid. Pure, so it is tested by table.
export function parseRow<K extends ImportKind>(kind: K, cells: Readonly<Record<string, string | undefined>>): ParsedRow<K> {
  const shape: Record<string, z.ZodType> = rowSchemas[kind].shape;
  const values: Record<string, unknown> = {};
  const errors: CellError[] = [];
  for (const [column, schema] of Object.entries(shape)) {
    // Empty means absent, whoever calls (the CSV reader already trims and drops empty cells).
    const cell = cells[column]?.trim();
    const result = schema.safeParse(cell === '' ? undefined : cell);
    if (result.success) values[column] = result.data;
    else if (result.error.issues[0]) errors.push(cellErrorOf(column, result.error.issues[0]));
  }
  // The keys are the schema's own columns and each value is that column's parsed output.
  const partial = values as Partial<RowOf<K>>;
  for (const issue of rowRules[kind](partial)) {
    if (!isFieldCode(issue.code)) throw new Error(`row rule of ${kind} returned unknown code ${issue.code}`);
    errors.push({ column: issue.column, code: issue.code, params: issue.params });
  }
  return { values: partial, errors };
}
