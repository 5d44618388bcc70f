import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Radio, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import type { OrgKind } from '../../api/types.ts';
import { Refusal, useFormSubmission } from '../../components/form-modal.tsx';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { keys, type SettlementTerms } from './api.ts';
import { OrgScoped } from './OrgScoped.tsx';
import { saidOf } from './problem-form.ts';

// The rate in per cent as typed (6.5), basis points on the wire (650); empty: the platform's.
type Values = { invoiceRequired: boolean; payoutDays: number | null; payoutCycle: SettlementTerms['payoutCycle']; ratePercent: number | null };

const termsKey = (orgId: string) => [...keys.settings, 'terms', orgId] as const;

// Whose terms the server keeps (settlement/terms.ts): every organisation but the platform and the
// warehouse operators — payers (insurers, shops buying for themselves) and payees (suppliers, shops
// for their handling fees, funders for what the insurers repay them).
const termsKinds: OrgKind[] = ['insurer', 'repair_shop', 'supplier', 'funder'];

// 结算条款 (账期): per organisation — a payer's rule on invoices (a statement is paid only once its
// invoices are recorded), a payee's payment terms (paid T+N days after the sale, on a daily, weekly
// or monthly cycle), and a funder's annual rate on the advances it makes (empty: the platform's). An
// organisation with none set is on the defaults (a funder's are T+0), said so.
export function TermsSettings() {
  const { t } = useTranslation('finance');
  return (
    <OrgScoped kinds={termsKinds} param="org" id="terms-org" placeholder={t('terms.pick')} hint={t('terms.hint')} none={t('terms.none')}>
      {(orgId) => <TermsForm key={orgId} orgId={orgId} />}
    </OrgScoped>
  );
}

function TermsForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const terms = useQuery({ queryKey: termsKey(orgId), queryFn: () => call(client.GET('/api/v1/settlement-terms/{orgId}', { params: { path: { orgId } } })) });
  // Only a funder prices advances: its rate is asked of it alone.
  const funder = terms.data?.orgKind === 'funder';
  const save = useFormSubmission<Values, SettlementTerms>({
    form,
    send: (v, headers) =>
      call(
        client.PUT('/api/v1/settlement-terms/{orgId}', {
          params: { path: { orgId } },
          body: {
            invoiceRequired: v.invoiceRequired,
            payoutDays: v.payoutDays ?? 0,
            payoutCycle: v.payoutCycle,
            ...(funder ? { financingRateBp: v.ratePercent === null || v.ratePercent === undefined ? null : Math.round(v.ratePercent * 100) } : {}),
          },
          headers,
        }),
      ),
    onDone: (after) => {
      queryClient.setQueryData(termsKey(orgId), after);
      message.success(t('terms.done'));
    },
    explain: (e) => saidOf(form, e, t, (path) => (['invoiceRequired', 'payoutDays', 'payoutCycle'].includes(path) ? [path] : path === 'financingRateBp' ? ['ratePercent'] : undefined)),
  });
  if (terms.isPending) return <LoadingBlock rows={4} />;
  if (terms.isError) return <LoadError error={terms.error} onRetry={() => void terms.refetch()} />;
  const v = terms.data;
  const platformRate = v.platformFinancingRateBp / 100;
  return (
    <Card size="small" title={t('terms.title')} extra={v.set ? <Tag color="blue">{t('terms.set')}</Tag> : <Tag>{t('terms.default')}</Tag>} style={{ maxWidth: 640 }}>
      <Form<Values>
        {...save.formProps}
        layout="horizontal"
        labelCol={{ flex: '140px' }}
        initialValues={{ invoiceRequired: v.invoiceRequired, payoutDays: v.payoutDays, payoutCycle: v.payoutCycle, ratePercent: v.financingRateBp === null ? null : v.financingRateBp / 100 }}
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
        {funder && (
          <>
            <Typography.Text strong>{t('terms.asFunder')}</Typography.Text>
            <Form.Item
              name="ratePercent"
              label={t('terms.rate')}
              extra={t('terms.rateHint', { rate: platformRate })}
              style={{ marginTop: 8 }}
              rules={[{ type: 'number', min: 0.01, max: 24, message: t('terms.rateRange') }]}
            >
              <InputNumber min={0.01} max={24} step={0.25} precision={2} suffix="%" placeholder={t('terms.ratePlaceholder', { rate: platformRate })} style={{ width: 180 }} data-testid="terms-rate" />
            </Form.Item>
          </>
        )}
        <Form.Item label=" " colon={false}>
          <Button type="primary" htmlType="submit" loading={save.pending} data-testid="terms-submit">
            {t('terms.submit')}
          </Button>
        </Form.Item>
      </Form>
      <Refusal said={save.said} />
    </Card>
  );
}
