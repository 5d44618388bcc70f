import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, InputNumber, Radio, Space, Switch, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { call, client, idempotencyKey } from '../../api/client.ts';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { keys, type SettlementTerms } from './api.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { type Said, saidOf } from './problem-form.ts';

type Values = { invoiceRequired: boolean; payoutDays: number | null; payoutCycle: SettlementTerms['payoutCycle'] };

const termsKey = (orgId: string) => [...keys.settings, 'terms', orgId] as const;

// 结算条款 (账期): per organisation — a payer's rule on invoices (a statement is paid only once its
// invoices are recorded), a payee's payment terms (paid T+N days after the sale, on a daily, weekly
// or monthly cycle). An organisation with none set is on the defaults, said so.
export function TermsSettings() {
  const { t } = useTranslation('finance');
  const { params, setFilter } = useUrlFilters();
  const orgId = params.get('org') ?? undefined;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <OrgSelect kinds={['insurer', 'repair_shop', 'supplier']} value={orgId} placeholder={t('terms.pick')} style={{ width: 300 }} onChange={(v) => setFilter('org', v)} id="terms-org" />
        <Typography.Text type="secondary">{t('terms.hint')}</Typography.Text>
      </Space>
      {orgId ? <TermsForm key={orgId} orgId={orgId} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('terms.none')} />}
    </Space>
  );
}

function TermsForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [said, setSaid] = useState<Said>();
  const key = useRef(idempotencyKey());
  const terms = useQuery({ queryKey: termsKey(orgId), queryFn: () => call(client.GET('/api/v1/settlement-terms/{orgId}', { params: { path: { orgId } } })) });
  const save = useMutation({
    mutationFn: (v: Values) =>
      call(
        client.PUT('/api/v1/settlement-terms/{orgId}', {
          params: { path: { orgId } },
          body: { invoiceRequired: v.invoiceRequired, payoutDays: v.payoutDays ?? 0, payoutCycle: v.payoutCycle },
          headers: key.current,
        }),
      ),
    onSuccess: (after) => {
      key.current = idempotencyKey();
      queryClient.setQueryData(termsKey(orgId), after);
      message.success(t('terms.done'));
    },
    onError: (e) => {
      key.current = idempotencyKey();
      setSaid(saidOf(form, e, t, (path) => (['invoiceRequired', 'payoutDays', 'payoutCycle'].includes(path) ? [path] : undefined)));
    },
  });
  if (terms.isPending) return <LoadingBlock rows={4} />;
  if (terms.isError) return <LoadError error={terms.error} onRetry={() => void terms.refetch()} />;
  const v = terms.data;
  return (
    <Card size="small" title={t('terms.title')} extra={v.set ? <Tag color="blue">{t('terms.set')}</Tag> : <Tag>{t('terms.default')}</Tag>} style={{ maxWidth: 640 }}>
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '140px' }}
        disabled={save.isPending}
        initialValues={{ invoiceRequired: v.invoiceRequired, payoutDays: v.payoutDays, payoutCycle: v.payoutCycle }}
        onValuesChange={() => setSaid(undefined)}
        onFinish={(values) => {
          setSaid(undefined);
          save.mutate(values);
        }}
      >
        <Typography.Text strong>{t('terms.asPayer')}</Typography.Text>
        <Form.Item name="invoiceRequired" label={t('terms.invoiceRequired')} valuePropName="checked" extra={t('terms.invoiceHint')} style={{ marginTop: 8 }}>
          <Switch data-testid="terms-invoice" />
        </Form.Item>
        <Typography.Text strong>{t('terms.asPayee')}</Typography.Text>
        <Form.Item
          name="payoutDays"
          label={t('terms.payoutDays')}
          extra={t('terms.payoutDaysHint')}
          style={{ marginTop: 8 }}
          rules={[
            { required: true, message: t('terms.payoutDaysRequired') },
            { type: 'integer', min: 0, max: 180, message: t('terms.payoutDaysRange') },
          ]}
        >
          <InputNumber min={0} max={180} precision={0} prefix="T +" suffix={t('terms.days')} style={{ width: 160 }} data-testid="terms-days" />
        </Form.Item>
        <Form.Item name="payoutCycle" label={t('terms.payoutCycle')} extra={t('terms.cycleHint')}>
          <Radio.Group optionType="button" options={(['daily', 'weekly', 'monthly'] as const).map((c) => ({ value: c, label: t(`terms.cycle.${c}`) }))} data-testid="terms-cycle" />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="terms-submit">
            {t('terms.submit')}
          </Button>
        </Form.Item>
      </Form>
      {said && <Alert type="error" showIcon title={said.title} description={said.detail} />}
    </Card>
  );
}
