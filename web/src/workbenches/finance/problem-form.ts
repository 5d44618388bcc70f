import type { FormInstance } from 'antd';
import { ApiProblem } from '../../api/client.ts';
import type { Said } from '../../components/form-modal.tsx';
import { fieldName } from '../../components/problem-fields.ts';
import { formatFen } from './money.ts';
import { readableDetail } from './problem-text.ts';

type FieldPath = (string | number)[];

// A field error's message as a person reads it here. The server's bounds on money fields are in
// fen ("不能大于 69300" on `lines.0.creditFen`), but these forms take yuan: a number in the message
// of a *Fen field is fen, and is shown as yuan (不能大于 ¥693.00), unless the server said it in yuan
// already (超过该笔收款可退金额 ¥700.00).
export function fieldMessage(e: { path: string; message: string }): string {
  if (!/Fen$/.test(e.path) || e.message.includes('¥')) return e.message;
  return e.message.replace(/-?\d+/g, (n) => formatFen(Number(n)));
}

// Puts each of a problem's body errors on the form field it names, through `place` (the server's
// path → the form's field name, or undefined when the form has no such field: the forms here key
// lines by id, not by their index in the request). Returns what could not be placed: the problem's
// title and detail when any error found no field or when there were none (four_eyes,
// statement_empty, a duplicate bank reference), undefined when every error is on its field.
export function problemOnForm(
  form: FormInstance,
  error: unknown,
  place: (path: string) => FieldPath | undefined = fieldName,
  t?: (key: string) => string,
): { title: string; detail: string } | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  const errors = error.problem.errors ?? [];
  const placed = errors
    .filter((e) => e.in === 'body')
    .flatMap((e) => {
      const name = place(e.path);
      return name ? [{ name, errors: [fieldMessage(e)] }] : [];
    });
  form.setFields(placed);
  if (placed.length === 0 || placed.length < errors.length) return t ? problemSaid(error, t) : { title: error.problem.title, detail: error.problem.detail };
  return undefined;
}

export type { Said } from '../../components/form-modal.tsx';

// A state's words in this workbench (a statement's, a payout's, a financing request's or a refund's:
// the codes the four lifecycles use do not clash in meaning), or undefined for a code it has none for.
export function stateLabelIn(t: (key: string) => string): (state: string) => string | undefined {
  return (state) => {
    for (const group of ['status', 'payoutStatus', 'financingStatus', 'refundStatus']) {
      const key = `${group}.${state}`;
      const label = t(key);
      if (label !== key) return label;
    }
    return undefined;
  };
}

// A refusal as the workbench says it: the server's title, and its detail with states in words and
// fen in yuan (problem-text.ts). A key reused for other values happens here only when the answer
// to a submission was lost and the person changed the form before sending again (the key is kept
// across a lost answer, keyAfterFailure): the first may have been done, so that is what they read.
export function problemSaid(error: ApiProblem, t: (key: string) => string): Said {
  if (error.code === 'idempotency_key_reused') return { title: t('errors.unsureTitle'), detail: t('errors.unsure') };
  return { title: error.problem.title, detail: readableDetail(error.problem, stateLabelIn(t)) };
}

// What a failed submission says beside its form: the problem's words that found no field, or, when
// the server could not be reached, that (in the finance namespace's words).
export function saidOf(form: FormInstance, error: unknown, t: (key: string) => string, place?: (path: string) => FieldPath | undefined): Said | undefined {
  if (error instanceof ApiProblem) return problemOnForm(form, error, place, t);
  return failureSaid(error, t);
}

// What a failure says where no form takes it: the server's refusal in the workbench's words, or,
// when no answer came, that the server could not be reached.
export function failureSaid(error: unknown, t: (key: string) => string): Said {
  return error instanceof ApiProblem ? problemSaid(error, t) : { title: t('errors.failed'), detail: t('errors.network') };
}
