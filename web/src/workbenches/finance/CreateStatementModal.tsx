import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { call, client, idempotencyKey, keyAfterFailure } from '../../api/client.ts';
import { chinaToday } from '../../components/china-time.ts';
import { keys } from './api.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { type Said, saidOf } from './problem-form.ts';

type Values = { payerOrgId: string; period: [Dayjs, Dayjs] };

// The longest period one statement covers (create-statement.ts: MAX_PERIOD_DAYS).
const MAX_PERIOD_DAYS = 366;

// 生成对账单: the platform's finance clerk picks a payer (an insurer, or a shop for its own
// purchases) and a period in China days, both included, up to today; the server gathers every
// accepted line of the period no other statement holds into a draft, which a second person issues.
// Nothing to gather (statement_empty) is said in the form, which stays open to change the period.
export function CreateStatementModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [said, setSaid] = useState<Said>();
  const key = useRef(idempotencyKey());
  const today = chinaToday();

  const create = useMutation({
    mutationFn: (v: Values) =>
      call(client.POST('/api/v1/statements', { body: { payerOrgId: v.payerOrgId, from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD') }, headers: key.current })),
    onSuccess: (s) => {
      key.current = idempotencyKey();
      void queryClient.invalidateQueries({ queryKey: keys.statements });
      message.success(t('create.done', { no: s.statementNo, lines: s.lineCount }));
      onClose();
      void navigate(`/finance/statements/${s.id}`);
    },
    onError: (e) => {
      // A refusal is final for this request: the next try (another period) is another request.
      key.current = keyAfterFailure(e, key.current);
      setSaid(saidOf(form, e, t, (path) => (path === 'payerOrgId' ? ['payerOrgId'] : path === 'from' || path === 'to' ? ['period'] : undefined)));
    },
  });

  return (
    <Modal
      open
      width={560}
      title={t('create.title')}
      okText={t('create.submit')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'create-submit' }}
      onOk={() => {
        setSaid(undefined);
        // A field that fails says so under itself; nothing more to do with the refusal.
        form
          .validateFields()
          .then((v) => create.mutate(v))
          .catch(() => undefined);
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" disabled={create.isPending} initialValues={{ period: [dayjs(today).startOf('month'), dayjs(today)] }} onValuesChange={() => setSaid(undefined)}>
        <Form.Item name="payerOrgId" label={t('create.payer')} rules={[{ required: true, message: t('create.payerRequired') }]} extra={t('create.payerHint')}>
          <OrgSelect kinds={['insurer', 'repair_shop']} placeholder={t('create.payerPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('create.period')}
          rules={[
            { required: true, message: t('create.periodRequired') },
            {
              validator: (_, v: [Dayjs, Dayjs] | undefined) =>
                v && v[1].diff(v[0], 'day') >= MAX_PERIOD_DAYS ? Promise.reject(new Error(t('create.periodTooLong', { days: MAX_PERIOD_DAYS }))) : Promise.resolve(),
            },
          ]}
          extra={t('create.periodHint')}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} allowClear={false} />
        </Form.Item>
      </Form>
      {said && <Alert type="warning" showIcon title={said.title} description={said.detail} data-testid="create-problem" />}
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
        {t('create.fourEyesNote')}
      </Typography.Paragraph>
    </Modal>
  );
}
