import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Descriptions, Form, Modal, Result, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, idempotencyKey, keyAfterFailure } from '../../api/client.ts';
import { chinaToday } from '../../components/china-time.ts';
import { keys, type PayoutRun } from './api.ts';
import { Amount } from './labels.tsx';
import { type Said, saidOf } from './problem-form.ts';

// 执行付款: runs a day's payouts now, as the daily job does (every payee paid what its terms make
// due that day, once a day however often it runs), and shows the run's report: how many were paid
// and how much, who had been paid that day already, who had nothing due, and whose terms do not
// pay that day. `onShow` lists the day's payouts.
export function PayoutRunModal({ onClose, onShow }: { onClose: () => void; onShow: (date: string) => void }) {
  const { t } = useTranslation('finance');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ runDate: Dayjs }>();
  const [said, setSaid] = useState<Said>();
  const key = useRef(idempotencyKey());
  const today = chinaToday();

  const run = useMutation({
    mutationFn: (runDate: string) => call(client.POST('/api/v1/payout-runs', { body: { runDate }, headers: key.current })),
    onSuccess: () => {
      key.current = idempotencyKey();
      void queryClient.invalidateQueries({ queryKey: keys.payouts });
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
    },
    onError: (e) => {
      key.current = keyAfterFailure(e, key.current);
      setSaid(saidOf(form, e, t, (path) => (path === 'runDate' ? ['runDate'] : undefined)));
    },
  });

  const report = run.data;
  return (
    <Modal
      open
      width={560}
      title={t('run.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        report
          ? [
              <Button key="close" onClick={onClose}>
                {t('run.close')}
              </Button>,
              <Button
                key="show"
                type="primary"
                onClick={() => {
                  onShow(report.runDate);
                  onClose();
                }}
                data-testid="run-show"
              >
                {t('run.show')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {t('run.cancel')}
              </Button>,
              <Button
                key="run"
                type="primary"
                loading={run.isPending}
                data-testid="run-submit"
                onClick={() => {
                  setSaid(undefined);
                  form
                    .validateFields()
                    .then((v) => run.mutate(v.runDate.format('YYYY-MM-DD')))
                    .catch(() => undefined);
                }}
              >
                {t('run.submit')}
              </Button>,
            ]
      }
    >
      {report ? (
        <RunReport report={report} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('run.hint')}</Typography.Paragraph>
          <Form form={form} layout="vertical" initialValues={{ runDate: dayjs(today) }} disabled={run.isPending} onValuesChange={() => setSaid(undefined)}>
            <Form.Item name="runDate" label={t('run.date')} rules={[{ required: true, message: t('run.dateRequired') }]} extra={t('run.dateHint')}>
              <DatePicker style={{ width: 200 }} allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
            </Form.Item>
          </Form>
          {said && <Alert type="error" showIcon title={said.title} description={said.detail} />}
        </>
      )}
    </Modal>
  );
}

function RunReport({ report }: { report: PayoutRun }) {
  const { t } = useTranslation('finance');
  return (
    <div data-testid="run-report">
      <Result
        status={report.paid > 0 ? 'success' : 'info'}
        title={report.paid > 0 ? t('run.paid', { count: report.paid, date: report.runDate }) : t('run.nonePaid', { date: report.runDate })}
        subTitle={report.paid > 0 ? undefined : t('run.nonePaidHint')}
        style={{ padding: '8px 0 16px' }}
      />
      <Descriptions size="small" bordered column={1} styles={{ label: { width: 200 } }}>
        <Descriptions.Item label={t('run.payees')}>{t('run.payeesCount', { count: report.paid })}</Descriptions.Item>
        <Descriptions.Item label={t('run.amount')}>
          <Amount fen={report.amountFen} strong />
        </Descriptions.Item>
        <Descriptions.Item label={t('run.doneAlready')}>{t('run.payeesCount', { count: report.doneAlready })}</Descriptions.Item>
        <Descriptions.Item label={t('run.nothingDue')}>{t('run.payeesCount', { count: report.nothingDue })}</Descriptions.Item>
        <Descriptions.Item label={t('run.notPayDay')}>{t('run.payeesCount', { count: report.notPayDay })}</Descriptions.Item>
      </Descriptions>
      {report.doneAlready > 0 && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('run.onceHint')} />}
    </div>
  );
}
