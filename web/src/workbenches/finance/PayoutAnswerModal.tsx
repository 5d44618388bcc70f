import { useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import { FormModal, useFormSubmission } from '../../components/form-modal.tsx';
import { keys, type Payout } from './api.ts';
import { Amount } from './labels.tsx';
import { saidOf } from './problem-form.ts';

export type PayoutAnswer = 'confirm' | 'return';

type Values = { bankRef?: string; reason?: string };

function post(p: Payout, answer: PayoutAnswer, v: Values, headers: Record<string, string>) {
  const params = { path: { id: p.id } };
  if (answer === 'confirm') return call(client.POST('/api/v1/payouts/{id}/confirm', { params, body: { bankRef: (v.bankRef ?? '').trim() }, headers }));
  return call(client.POST('/api/v1/payouts/{id}/return', { params, body: { reason: (v.reason ?? '').trim() }, headers }));
}

// The bank's answer to a payout, recorded by the platform's finance team: confirmed, with the
// bank's reference (its debit posts), or returned, with the reason (its debit is voided and its
// lines go out again with the next run). A refusal is said on the field or under the form.
export function PayoutAnswerModal({ payout, answer, onClose }: { payout: Payout; answer: PayoutAnswer; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const field = answer === 'confirm' ? 'bankRef' : 'reason';

  const send = useFormSubmission<Values, Payout>({
    form,
    send: (v, headers) => post(payout, answer, v, headers),
    onDone: (after) => {
      queryClient.setQueryData(keys.payout(payout.id), after);
      void queryClient.invalidateQueries({ queryKey: keys.payouts, predicate: (q) => q.queryKey[1] !== payout.id });
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
      message.success(t(`payout.${answer}Done`, { no: payout.payoutNo }));
      onClose();
    },
    explain: (e) => saidOf(form, e, t, (path) => (path === field ? [field] : undefined)),
    // The state may have moved on under us (another clerk): show what it is now.
    onError: () => void queryClient.invalidateQueries({ queryKey: keys.payout(payout.id) }),
  });

  return (
    <FormModal<Values>
      submission={send}
      title={t(`payout.${answer}Title`, { no: payout.payoutNo })}
      okText={t(`payout.${answer}`)}
      okTestId={`${answer}-submit`}
      refusalTestId="answer-refusal"
      danger={answer === 'return'}
      onClose={onClose}
      head={
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('payout.payee')}>{payout.payee.name}</Descriptions.Item>
          <Descriptions.Item label={t('payout.amount')}>
            <Amount fen={payout.amountFen} strong />
          </Descriptions.Item>
        </Descriptions>
      }
    >
      {answer === 'confirm' ? (
        <Form.Item
          name="bankRef"
          label={t('payout.bankRef')}
          extra={t('payout.confirmHint')}
          rules={[
            { required: true, whitespace: true, message: t('payout.bankRefRequired') },
            { max: 64, message: t('form.tooLong', { max: 64 }) },
          ]}
        >
          <Input maxLength={64} placeholder={t('payment.bankRefPlaceholder')} style={{ fontFamily: 'monospace' }} autoFocus />
        </Form.Item>
      ) : (
        <Form.Item
          name="reason"
          label={t('payout.reason')}
          extra={t('payout.returnHint')}
          rules={[
            { required: true, whitespace: true, message: t('payout.reasonRequired') },
            { max: 500, message: t('form.tooLong', { max: 500 }) },
          ]}
        >
          <Input.TextArea maxLength={500} rows={3} placeholder={t('payout.reasonPlaceholder')} autoFocus />
        </Form.Item>
      )}
    </FormModal>
  );
}
