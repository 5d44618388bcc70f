import type { z } from 'zod';
import { isFieldCode, type FieldCode } from '../messages.ts';

// One reason one cell (or a whole row, when `column` is null) is refused.
export type CellError = { column: string | null; code: FieldCode; params?: Record<string, unknown> };

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
