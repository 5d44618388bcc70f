import type { FormInstance } from 'antd';
import { ApiProblem } from '../api/client.ts';

type FieldPath = (string | number)[];

// `lines.2.quantity` → ['lines', 2, 'quantity'], the name antd's Form gives that field.
export function fieldName(path: string): FieldPath {
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

// Puts each of a problem's body errors on the form field it names, in the user's language (the
// server already wrote them so). Returns what could not be placed on a field: the problem's detail
// when no field took an error, or undefined when every error found its field. `known` limits the
// fields tried to those the form shows (an error on a field the form lacks is still said).
export function showProblemOnForm(form: FormInstance, error: unknown, known?: (name: FieldPath) => boolean): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  const errors = (error.problem.errors ?? []).filter((e) => e.in === 'body');
  const placed = errors.filter((e) => !known || known(fieldName(e.path)));
  form.setFields(placed.map((e) => ({ name: fieldName(e.path), errors: [e.message] })));
  if (placed.length === 0 || placed.length < (error.problem.errors ?? []).length) return error.problem.detail;
  return undefined;
}
