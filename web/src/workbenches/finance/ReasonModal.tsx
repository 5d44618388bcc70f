import { Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal, useFormSubmission } from '../../components/form-modal.tsx';
import { saidOf } from './problem-form.ts';

type Values = { reason: string };

type Props<R> = {
  title: ReactNode;
  // The verb on the button (拒绝, 撤回), and the words around the one field.
  okText: ReactNode;
  okTestId: string;
  label: ReactNode;
  hint: ReactNode;
  requiredMessage: string;
  // The request with the reason given (trimmed), under this submission's Idempotency-Key.
  send: (reason: string, headers: { 'idempotency-key': string }) => Promise<R>;
  onDone: (answer: R) => void;
  // After a refusal: the object may have moved on under us (another clerk), so the page behind
  // reads it again.
  onError?: () => void;
  onClose: () => void;
};

// A step that ends something with a reason the other side reads (a financing request or a refund
// refused, a refund withdrawn): one required reason of at most 500 characters, a red button, and
// the server's refusal said on the field or under it.
export function ReasonModal<R>({ title, okText, okTestId, label, hint, requiredMessage, send, onDone, onError, onClose }: Props<R>) {
  const { t } = useTranslation('finance');
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmission<Values, R>({
    form,
    send: (v, headers) => send(v.reason.trim(), headers),
    onDone,
    explain: (e) => saidOf(form, e, t, (path) => (path === 'reason' ? ['reason'] : undefined)),
    onError,
  });
  return (
    <FormModal<Values> submission={submission} title={title} okText={okText} okTestId={okTestId} danger onClose={onClose}>
      <Form.Item
        name="reason"
        label={label}
        extra={hint}
        rules={[
          { required: true, whitespace: true, message: requiredMessage },
          { max: 500, message: t('form.tooLong', { max: 500 }) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} autoFocus />
      </Form.Item>
    </FormModal>
  );
}
