import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, idempotencyKey, keyAfterFailure } from '../../api/client.ts';
import { keys, type Payment, type Statement } from './api.ts';
import { fenToYuanInput, formatFen, parseYuan } from './money.ts';
import { PaymentHead } from './PaymentHead.tsx';
import { type Said, saidOf } from './problem-form.ts';
import { StatementPick } from './StatementPick.tsx';

type Values = { statementId: string; amountFen: string };

// 核销: matches what is left of a payment to one of its payer's open statements, at most what is
// left of either; the statement is paid once covered (and invoiced where its payer requires it).
export function AllocateModal({ payment, onClose }: { payment: Payment; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [said, setSaid] = useState<Said>();
  const [picked, setPicked] = useState<Statement>();
  const key = useRef(idempotencyKey());

  const allocate = useMutation({
    mutationFn: (v: Values) =>
      call(client.POST('/api/v1/payments/{id}/allocations', { params: { path: { id: payment.id } }, body: { statementId: v.statementId, amountFen: parseYuan(v.amountFen)! }, headers: key.current })),
    onSuccess: (p) => {
      key.current = idempotencyKey();
      void queryClient.invalidateQueries({ queryKey: keys.payments });
      void queryClient.invalidateQueries({ queryKey: keys.statements });
      message.success(t('allocate.done', { no: p.paymentNo, left: formatFen(p.unallocatedFen) }));
      onClose();
    },
    onError: (e) => {
      key.current = keyAfterFailure(e, key.current);
      setSaid(saidOf(form, e, t, (path) => (path === 'statementId' || path === 'amountFen' ? [path] : undefined)));
    },
  });

  return (
    <Modal
      open
      width={560}
      title={t('allocate.title', { no: payment.paymentNo })}
      okText={t('allocate.submit')}
      okButtonProps={{ loading: allocate.isPending, 'data-testid': 'allocate-submit' }}
      onOk={() => {
        setSaid(undefined);
        // A field that fails says so under itself; nothing more to do with the refusal.
        form
          .validateFields()
          .then((v) => allocate.mutate(v))
          .catch(() => undefined);
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <PaymentHead payment={payment} />
      <Form<Values> form={form} layout="vertical" disabled={allocate.isPending} onValuesChange={() => setSaid(undefined)}>
        <Form.Item name="statementId" label={t('payment.statement')} rules={[{ required: true, message: t('allocate.statementRequired') }]}>
          <StatementPick
            payerOrgId={payment.payer.id}
            onChange={(_id, s) => {
              setPicked(s);
              if (s) form.setFields([{ name: 'amountFen', value: fenToYuanInput(Math.min(s.outstandingFen, payment.unallocatedFen)), errors: [] }]);
            }}
          />
        </Form.Item>
        <Form.Item
          name="amountFen"
          label={t('payment.allocateAmount')}
          rules={[
            {
              validator: (_, v: string | undefined) => {
                const fen = parseYuan(v ?? '');
                if (!v?.trim()) return Promise.reject(new Error(t('form.amountRequired')));
                if (fen === undefined || fen < 1) return Promise.reject(new Error(t('form.badAmount')));
                if (fen > payment.unallocatedFen) return Promise.reject(new Error(t('allocate.overPayment', { max: formatFen(payment.unallocatedFen) })));
                if (picked && fen > picked.outstandingFen) return Promise.reject(new Error(t('payment.overStatement', { max: formatFen(picked.outstandingFen) })));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" />
        </Form.Item>
      </Form>
      {said && <Alert type="error" showIcon title={said.title} description={said.detail} />}
    </Modal>
  );
}
