import { useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import { FormModal, useFormSubmission } from '../../components/form-modal.tsx';
import { chinaToday } from '../../components/china-time.ts';
import { keys, type Payment, type PaymentBody, type Statement } from './api.ts';
import { fenToYuanInput, formatFen, parseYuan } from './money.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { saidOf } from './problem-form.ts';
import { StatementPick } from './StatementPick.tsx';

type Values = {
  payerOrgId: string;
  amountFen: string;
  receivedOn: Dayjs;
  bankRef: string;
  payerName?: string;
  note?: string;
  allocations?: { statementId?: string; amountFen?: string }[];
};

// The request for what the form holds: amounts from yuan, the allocation only when a statement is
// chosen.
export function paymentBody(v: Values): PaymentBody {
  const a = v.allocations?.[0];
  const payerName = v.payerName?.trim();
  const note = v.note?.trim();
  return {
    payerOrgId: v.payerOrgId,
    amountFen: parseYuan(v.amountFen)!,
    receivedOn: v.receivedOn.format('YYYY-MM-DD'),
    bankRef: v.bankRef.trim(),
    ...(payerName ? { payerName } : {}),
    ...(note ? { note } : {}),
    ...(a?.statementId ? { allocations: [{ statementId: a.statementId, amountFen: parseYuan(a.amountFen ?? '')! }] } : {}),
  };
}

const positiveYuan = (t: (k: string) => string, required: () => boolean) => ({
  validator: (_: unknown, v: string | undefined) => {
    if (!required()) return Promise.resolve();
    if (!v?.trim()) return Promise.reject(new Error(t('form.amountRequired')));
    const fen = parseYuan(v);
    return fen === undefined || fen < 1 ? Promise.reject(new Error(t('form.badAmount'))) : Promise.resolve();
  },
});

// 登记收款: money a payer sent, from the bank statement (payer, amount, the day it arrived, the
// bank's reference, once), optionally matched at once to one of the payer's open statements; what
// is not matched stays visible as unmatched. From a statement's page the payer and the statement
// come filled in.
export function RecordPaymentModal({ statement, onClose }: { statement?: Statement; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [picked, setPicked] = useState<Statement | undefined>(statement);
  const today = chinaToday();
  const payerOrgId = Form.useWatch('payerOrgId', form) ?? statement?.payer.id;
  const amount = parseYuan(Form.useWatch('amountFen', form) ?? '');
  const allocated = parseYuan(Form.useWatch(['allocations', 0, 'amountFen'], form) ?? '');

  const record = useFormSubmission<Values, Payment>({
    form,
    send: (v, headers) => call(client.POST('/api/v1/payments', { body: paymentBody(v), headers })),
    onDone: (p) => {
      void queryClient.invalidateQueries({ queryKey: keys.payments });
      void queryClient.invalidateQueries({ queryKey: keys.statements });
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
      message.success(p.unallocatedFen > 0 ? t('payment.doneLeft', { no: p.paymentNo, left: formatFen(p.unallocatedFen) }) : t('payment.done', { no: p.paymentNo }));
      onClose();
    },
    explain: (e) => saidOf(form, e, t),
  });

  // A statement chosen: match what the payment can cover of what it owes.
  const pick = (s: Statement | undefined) => {
    setPicked(s);
    // Set with its errors cleared: choosing the statement re-checked the amount while it was empty.
    form.setFields([{ name: ['allocations', 0, 'amountFen'], value: s ? fenToYuanInput(Math.min(s.outstandingFen, amount ?? s.outstandingFen)) : undefined, errors: [] }]);
  };

  return (
    <FormModal<Values>
      submission={record}
      width={640}
      title={statement ? t('payment.titleFor', { no: statement.statementNo }) : t('payment.title')}
      okText={t('payment.submit')}
      okTestId="payment-submit"
      onClose={onClose}
      initialValues={{
        payerOrgId: statement?.payer.id,
        receivedOn: dayjs(today),
        amountFen: statement ? fenToYuanInput(statement.outstandingFen) : undefined,
        allocations: [{ statementId: statement?.id, amountFen: statement ? fenToYuanInput(statement.outstandingFen) : undefined }],
      }}
      foot={amount !== undefined && <Typography.Text type="secondary">{t('payment.leftUnmatched', { left: formatFen(Math.max(0, amount - (picked ? (allocated ?? 0) : 0))) })}</Typography.Text>}
    >
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="payerOrgId" label={t('payment.payer')} rules={[{ required: true, message: t('payment.payerRequired') }]}>
            <OrgSelect
              kinds={['insurer', 'repair_shop']}
              placeholder={t('payment.payerPlaceholder')}
              disabled={!!statement}
              onChange={() => {
                // Another payer: the statement chosen was the last one's.
                form.setFieldValue(['allocations', 0, 'statementId'], undefined);
                pick(undefined);
              }}
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="amountFen" label={t('payment.amount')} rules={[positiveYuan(t, () => true)]}>
            <Input prefix="¥" inputMode="decimal" placeholder="0.00" data-testid="payment-amount" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="receivedOn" label={t('payment.receivedOn')} rules={[{ required: true, message: t('payment.receivedOnRequired') }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} allowClear={false} />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item
            name="bankRef"
            label={t('payment.bankRef')}
            rules={[
              { required: true, whitespace: true, message: t('payment.bankRefRequired') },
              { max: 64, message: t('form.tooLong', { max: 64 }) },
            ]}
          >
            <Input maxLength={64} placeholder={t('payment.bankRefPlaceholder')} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="payerName" label={t('payment.payerName')} rules={[{ max: 200, message: t('form.tooLong', { max: 200 }) }]}>
            <Input maxLength={200} placeholder={t('payment.payerNamePlaceholder')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="note" label={t('payment.note')} rules={[{ max: 500, message: t('form.tooLong', { max: 500 }) }]}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
        {t('payment.allocateTitle')}
      </Typography.Title>
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name={['allocations', 0, 'statementId']} label={t('payment.statement')} extra={t('payment.statementHint')}>
            <StatementPick payerOrgId={payerOrgId} allowClear onChange={(_id, s) => pick(s)} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item
            name={['allocations', 0, 'amountFen']}
            label={t('payment.allocateAmount')}
            dependencies={['amountFen']}
            rules={[
              positiveYuan(t, () => !!form.getFieldValue(['allocations', 0, 'statementId'])),
              {
                validator: (_, v: string | undefined) => {
                  const fen = parseYuan(v ?? '');
                  if (!form.getFieldValue(['allocations', 0, 'statementId']) || fen === undefined) return Promise.resolve();
                  // Read now, not from the last render: the amount may have been typed a moment ago.
                  const paid = parseYuan(form.getFieldValue('amountFen') ?? '');
                  if (paid !== undefined && fen > paid) return Promise.reject(new Error(t('payment.overPayment')));
                  if (picked && fen > picked.outstandingFen) return Promise.reject(new Error(t('payment.overStatement', { max: formatFen(picked.outstandingFen) })));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Input prefix="¥" inputMode="decimal" disabled={!picked} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
