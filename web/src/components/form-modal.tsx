import { useMutation } from '@tanstack/react-query';
import { Alert, Form, type FormInstance, Modal } from 'antd';
import type { FormLayout } from 'antd/es/form/Form';
import { type CSSProperties, type ReactNode, useRef, useState } from 'react';
import { idempotencyKey, keyAfterFailure } from '../api/client.ts';

// What a refused submission says beside its form when no field took it: a title and a detail.
export type Said = { title: string; detail: string };

type Submission<V, R> = {
  form: FormInstance<V>;
  // The request, with this submission's Idempotency-Key header.
  send: (values: V, headers: { 'idempotency-key': string }) => Promise<R>;
  onDone: (answer: R, values: V) => void;
  // A refusal put on the form's fields where it names them; what is left to say beside the form.
  explain: (error: unknown) => Said | undefined;
  onError?: (error: unknown) => void;
};

// One submission of a form to the API, as every form of the console does it: the fields checked
// first; while it is sent, the form is disabled and its button spins (a second click sends
// nothing); one Idempotency-Key per request meant (kept when the answer was lost, new after an
// answer: keyAfterFailure); the server's field errors on their fields and the rest said under the
// form, cleared as soon as the user changes a value.
export function useFormSubmission<V, R>({ form, send, onDone, explain, onError }: Submission<V, R>) {
  const [said, setSaid] = useState<Said>();
  const key = useRef(idempotencyKey());
  const mutation = useMutation({
    mutationFn: (values: V) => send(values, key.current),
    onSuccess: (answer, values) => {
      key.current = idempotencyKey();
      onDone(answer, values);
    },
    onError: (error) => {
      key.current = keyAfterFailure(error, key.current);
      setSaid(explain(error));
      onError?.(error);
    },
  });
  const clear = () => setSaid(undefined);
  return {
    said,
    pending: mutation.isPending,
    // Checks the fields, then sends; a field that fails says so under itself.
    submit: () => {
      clear();
      form
        .validateFields()
        .then((values) => mutation.mutate(values))
        .catch(() => undefined);
    },
    // For a form with its own submit button (onFinish runs after antd has checked the fields).
    formProps: {
      form,
      disabled: mutation.isPending,
      onValuesChange: clear,
      onFinish: (values: V) => {
        clear();
        mutation.mutate(values);
      },
    },
  };
}

export type FormSubmission<V> = ReturnType<typeof useFormSubmission<V, unknown>>;

// The refusal under a form, or nothing.
export function Refusal({ said, testId, style }: { said: Said | undefined; testId?: string; style?: CSSProperties }) {
  if (!said) return null;
  return <Alert type="error" showIcon title={said.title} description={said.detail} style={style} data-testid={testId} />;
}

type FormModalProps<V> = {
  submission: FormSubmission<V>;
  title: ReactNode;
  okText: ReactNode;
  onClose: () => void;
  width?: number;
  // The OK button's test id, and that of the refusal under the form.
  okTestId?: string;
  refusalTestId?: string;
  danger?: boolean;
  layout?: FormLayout;
  initialValues?: Partial<V>;
  // What the dialog shows above the form (whom it concerns) and below it (a total, a hint).
  head?: ReactNode;
  foot?: ReactNode;
  children: ReactNode;
};

// A dialog holding one form sent to the API once (useFormSubmission): its OK button submits and
// spins while sending, the form is disabled meanwhile, and a refusal no field took is said under it.
export function FormModal<V>({ submission, title, okText, onClose, width = 520, okTestId, refusalTestId, danger, layout = 'vertical', initialValues, head, foot, children }: FormModalProps<V>) {
  const { form, disabled, onValuesChange } = submission.formProps;
  return (
    <Modal
      open
      width={width}
      title={title}
      okText={okText}
      okButtonProps={{ loading: submission.pending, danger, ...(okTestId ? { 'data-testid': okTestId } : {}) }}
      onOk={submission.submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {head}
      <Form<V> form={form} layout={layout} disabled={disabled} onValuesChange={onValuesChange} initialValues={initialValues}>
        {children}
      </Form>
      {foot}
      <Refusal said={submission.said} testId={refusalTestId} style={{ marginTop: 12 }} />
    </Modal>
  );
}
