import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import { FormModal, useFormSubmission } from '../../components/form-modal.tsx';
import { keys, type Payment, type Refund } from './api.ts';
import { fenToYuanInput, formatFen, parseYuan } from './money.ts';
import { PaymentHead } from './PaymentHead.tsx';
import { saidOf } from './problem-form.ts';

type Values = { amountFen: string; reason: string; toAccount?: string };

// 申请退款: sends back part of a payment no statement took (an over-payment, a payment made twice), at
// most what is left of it; the amount is held at once, and someone else approves it (RefundsTab).
export function RefundModal({ payment, onClose }: { payment: Payment; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const max = payment.unallocatedFen;

  const ask = useFormSubmission<Values, Refund>({
    form,
    send: (v, headers) =>
      call(
        client.POST('/api/v1/payments/{id}/refunds', {
          params: { path: { id: payment.id } },
          body: { amountFen: parseYuan(v.amountFen)!, reason: v.reason.trim(), ...(v.toAccount?.trim() ? { toAccount: v.toAccount.trim() } : {}) },
          headers,
        }),
      ),
    onDone: (r) => {
      void queryClient.invalidateQueries({ queryKey: keys.payments });
      void queryClient.invalidateQueries({ queryKey: keys.refunds });
      message.success(t('refund.done', { no: r.refundNo }));
      onClose();
    },
    explain: (e) => saidOf(form, e, t, (path) => (path === 'amountFen' || path === 'reason' || path === 'toAccount' ? [path] : undefined)),
  });

  return (
    <FormModal<Values>
      submission={ask}
      width={560}
      title={t('refund.title', { no: payment.paymentNo })}
      okText={t('refund.submit')}
      okTestId="refund-submit"
      onClose={onClose}
      initialValues={{ amountFen: fenToYuanInput(max), toAccount: payment.payerAccount ?? '' }}
      head={<PaymentHead payment={payment} />}
      foot={
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('refund.fourEyesNote')}
        </Typography.Paragraph>
      }
    >
      <Form.Item
        name="amountFen"
        label={t('refund.amount')}
        extra={t('refund.amountHint', { max: formatFen(max) })}
        rules={[
          {
            validator: (_, v: string | undefined) => {
              const fen = parseYuan(v ?? '');
              if (!v?.trim()) return Promise.reject(new Error(t('form.amountRequired')));
              if (fen === undefined || fen < 1) return Promise.reject(new Error(t('form.badAmount')));
              if (fen > max) return Promise.reject(new Error(t('refund.over', { max: formatFen(max) })));
              return Promise.resolve();
            },
          },
        ]}
      >
        <Input prefix="¥" inputMode="decimal" data-testid="refund-amount" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('refund.reason')}
        rules={[
          { required: true, whitespace: true, message: t('refund.reasonRequired') },
          { max: 500, message: t('form.tooLong', { max: 500 }) },
        ]}
      >
        <Input.TextArea rows={2} maxLength={500} placeholder={t('refund.reasonPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="toAccount"
        label={t('refund.toAccount')}
        rules={[
          // Where the money came from is where it goes back, unless the clerk names another; with
          // no account on the payment, she must.
          { required: payment.payerAccount == null, whitespace: true, message: t('refund.toAccountRequired') },
          { max: 64, message: t('form.tooLong', { max: 64 }) },
        ]}
      >
        <Input maxLength={64} placeholder={t(payment.payerAccount == null ? 'refund.toAccountAsk' : 'refund.toAccountPlaceholder')} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
    </FormModal>
  );
}
