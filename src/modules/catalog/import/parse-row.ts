import type { z } from 'zod';
import { isFieldCode, type FieldCode } from '../../../platform/messages.ts';
import { rowRules, rowSchemas, type ImportKind, type RowOf } from './formats.ts';

// One reason one cell (or a whole row, when `column` is null) is refused.
export type CellError = { column: string | null; code: FieldCode; params?: Record<string, unknown> };

export type ParsedRow<K extends ImportKind> = {
  // The cells that were valid. A column is present as a key exactly when its cell was valid, even
  // when the valid value is "absent" (undefined), so later rules can tell "empty" from "bad".
  values: Partial<RowOf<K>>;
  errors: CellError[];
};

// Zod's issues in our field codes, so reports are translated like every other error. Our own
// refinements (cells.ts) carry their code as the message and its parameters in `params`; the
// `required` marker comes from the global error map in platform/zod-setup.ts.
export function cellErrorOf(column: string, issue: z.core.$ZodIssue): CellError {
  if (isFieldCode(issue.message)) {
    return { column, code: issue.message, params: issue.code === 'custom' ? issue.params : undefined };
  }
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const origin: 'string' | 'array' | 'number' = issue.origin === 'string' ? 'string' : issue.origin === 'array' ? 'array' : 'number';
      if (issue.code === 'too_small') return { column, code: `too_small_${origin}`, params: { minimum: Number(issue.minimum) } };
      return { column, code: `too_big_${origin}`, params: { maximum: Number(issue.maximum) } };
    }
    case 'invalid_value':
      return { column, code: 'invalid_value', params: { values: issue.values.map(String) } };
    case 'invalid_format':
      return { column, code: 'invalid_format', params: { format: issue.format } };
    default:
      return { column, code: 'invalid' };
  }
}

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
