import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, call, client, idempotencyKey } from '../../api/client.ts';
import { keys, type Refund } from './api.ts';
import { type Said, saidOf } from './problem-form.ts';

// 拒绝 (a second person) or 撤回 (whoever asked, their own): the reason is required, and the amount
// goes back to what is left of the payment.
export function RefuseRefundModal({ refund, withdraw, onClose }: { refund: Refund; withdraw: boolean; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [said, setSaid] = useState<Said>();
  const key = useRef(idempotencyKey());
  const send = useMutation({
    mutationFn: (reason: string) =>
      call(
        withdraw
          ? client.POST('/api/v1/refunds/{id}/withdraw', { params: { path: { id: refund.id } }, body: { reason }, headers: key.current })
          : client.POST('/api/v1/refunds/{id}/refuse', { params: { path: { id: refund.id } }, body: { reason }, headers: key.current }),
      ),
    onSuccess: () => {
      message.success(t(withdraw ? 'refund.withdrawDone' : 'refund.refuseDone', { no: refund.refundNo }));
      void queryClient.invalidateQueries({ queryKey: keys.refunds });
      void queryClient.invalidateQueries({ queryKey: keys.payments });
      onClose();
    },
    onError: (e) => {
      // A refusal is final for this key; a lost answer is retried as the same request.
      if (e instanceof ApiProblem) key.current = idempotencyKey();
      setSaid(saidOf(form, e, t, (path) => (path === 'reason' ? ['reason'] : undefined)));
      // Another clerk may have decided it meanwhile: the list behind shows where it stands now.
      void queryClient.invalidateQueries({ queryKey: keys.refunds });
    },
  });
  const word = withdraw ? 'refund.withdraw' : 'refund.refuse';
  return (
    <Modal
      open
      width={520}
      title={t(withdraw ? 'refund.withdrawTitle' : 'refund.refuseTitle', { no: refund.refundNo })}
      okText={t(word)}
      okButtonProps={{ danger: true, loading: send.isPending, 'data-testid': 'refund-refuse-submit' }}
      onOk={() => {
        setSaid(undefined);
        form
          .validateFields()
          .then((v) => send.mutate(v.reason.trim()))
          .catch(() => undefined);
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" disabled={send.isPending} onValuesChange={() => setSaid(undefined)}>
        <Form.Item
          name="reason"
          label={t('refund.refuseReason')}
          extra={t('refund.refuseHint')}
          rules={[
            { required: true, whitespace: true, message: t('refund.refuseReasonRequired') },
            { max: 500, message: t('form.tooLong', { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
      {said && <Alert type="error" showIcon title={said.title} description={said.detail} />}
    </Modal>
  );
}
