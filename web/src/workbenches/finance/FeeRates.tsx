import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Row, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import { Refusal, useFormSubmission } from '../../components/form-modal.tsx';
import { chinaDateTime } from '../../components/china-time.ts';
import { type CursorColumn, CursorTable } from '../../components/CursorTable.tsx';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { keys, type SupplierFeeRates } from './api.ts';
import { OrgScoped } from './OrgScoped.tsx';
import { saidOf } from './problem-form.ts';
import { bpText, parsePercent } from './rate.ts';

type Rate = SupplierFeeRates['items'][number];

// The highest rate the server takes (ledger/api/fee-rates.ts, MAX_FEE_BP: 30 %).
const MAX_FEE_BP = 3000;

const feeKeys = (supplierOrgId: string) => [...keys.settings, 'fee-rates', supplierOrgId] as const;

function fetchRates(supplierOrgId: string, cursor: string | undefined, limit: number) {
  return call(client.GET('/api/v1/ledger/fee-rates/{supplierOrgId}', { params: { path: { supplierOrgId }, query: { limit, ...(cursor ? { cursor } : {}) } } }));
}

// 服务费率: the platform's fee on a supplier's sales, dated — the rate in force today, every rate set
// (those for later days first), and a new one from today or a later day. A sale is charged the rate
// of its day, so no rate reaches back: the server refuses an earlier day on the date's field.
export function FeeRates() {
  const { t } = useTranslation('finance');
  return (
    <OrgScoped kinds={['supplier']} param="supplier" id="fee-supplier" placeholder={t('fee.pick')} hint={t('fee.hint')} none={t('fee.none')}>
      {(supplierOrgId) => <SupplierRates key={supplierOrgId} supplierOrgId={supplierOrgId} />}
    </OrgScoped>
  );
}

function SupplierRates({ supplierOrgId }: { supplierOrgId: string }) {
  const { t } = useTranslation('finance');
  // The head (the rate in force, the default) from the first row's page.
  const head = useQuery({ queryKey: [...feeKeys(supplierOrgId), 'head'], queryFn: () => fetchRates(supplierOrgId, undefined, 1) });
  if (head.isPending) return <LoadingBlock rows={4} />;
  if (head.isError) return <LoadError error={head.error} onRetry={() => void head.refetch()} />;
  const h = head.data;

  const columns: CursorColumn<Rate>[] = [
    { key: 'from', title: t('fee.from'), width: 120, render: (_, r) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{r.fromDate}</span> },
    { key: 'rate', title: t('fee.rate'), width: 100, align: 'right', render: (_, r) => <Typography.Text strong>{bpText(r.rateBp)}</Typography.Text> },
    {
      key: 'state',
      title: t('col.status'),
      width: 100,
      render: (_, r) => (r.inForce ? <Tag color="success">{t('fee.inForce')}</Tag> : r.fromDate > h.today ? <Tag color="blue">{t('fee.later')}</Tag> : <Tag>{t('fee.past')}</Tag>),
    },
    { key: 'setAt', title: t('fee.setAt'), render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{chinaDateTime(r.setAt)}</span> },
  ];

  return (
    <Row gutter={12}>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('fee.history', { name: h.supplier.name })}>
          <Descriptions size="small" column={2} style={{ marginBottom: 8 }}>
            <Descriptions.Item label={t('fee.current')}>
              <Typography.Text strong data-testid="fee-in-force">
                {bpText(h.inForce.rateBp)}
              </Typography.Text>
              <Typography.Text type="secondary"> {h.inForce.fromDate ? t('fee.since', { day: h.inForce.fromDate }) : t('fee.isDefault')}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('fee.default')}>{bpText(h.defaultRateBp)}</Descriptions.Item>
          </Descriptions>
          <CursorTable<Rate>
            tableId="finance-fee-rates"
            queryKey={[...feeKeys(supplierOrgId), 'list']}
            fetchPage={(cursor, limit) => fetchRates(supplierOrgId, cursor, limit)}
            columns={columns}
            rowKey="fromDate"
            scrollX={480}
            emptyText={t('fee.empty', { rate: bpText(h.defaultRateBp) })}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <SetRate supplierOrgId={supplierOrgId} name={h.supplier.name} today={h.today} />
      </Col>
    </Row>
  );
}

type Values = { rate: string; fromDate: Dayjs };

function SetRate({ supplierOrgId, name, today }: { supplierOrgId: string; name: string; today: string }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useFormSubmission<Values, unknown>({
    form,
    send: (v, headers) =>
      call(
        client.PUT('/api/v1/ledger/fee-rates/{supplierOrgId}', {
          params: { path: { supplierOrgId } },
          body: { rateBp: parsePercent(v.rate)!, fromDate: v.fromDate.format('YYYY-MM-DD') },
          headers,
        }),
      ),
    onDone: (_after, v) => {
      void queryClient.invalidateQueries({ queryKey: feeKeys(supplierOrgId) });
      message.success(t('fee.done', { name, rate: bpText(parsePercent(v.rate)!), day: v.fromDate.format('YYYY-MM-DD') }));
      form.resetFields(['rate']);
    },
    explain: (e) => saidOf(form, e, t, (path) => (path === 'rateBp' ? ['rate'] : path === 'fromDate' ? ['fromDate'] : undefined)),
  });
  return (
    <Card size="small" title={t('fee.set')}>
      <Form<Values> {...save.formProps} layout="vertical" initialValues={{ fromDate: dayjs(today) }}>
        <Form.Item
          name="rate"
          label={t('fee.rate')}
          extra={t('fee.rateHint', { max: bpText(MAX_FEE_BP) })}
          rules={[
            {
              validator: (_, v: string | undefined) => {
                if (!v?.trim()) return Promise.reject(new Error(t('fee.rateRequired')));
                const bp = parsePercent(v);
                if (bp === undefined) return Promise.reject(new Error(t('fee.rateBad')));
                return bp > MAX_FEE_BP ? Promise.reject(new Error(t('fee.rateTooHigh', { max: bpText(MAX_FEE_BP) }))) : Promise.resolve();
              },
            },
          ]}
        >
          <Input suffix="%" inputMode="decimal" placeholder="3.00" style={{ width: 160 }} data-testid="fee-rate" />
        </Form.Item>
        <Form.Item name="fromDate" label={t('fee.from')} extra={t('fee.fromHint')} rules={[{ required: true, message: t('fee.fromRequired') }]}>
          <DatePicker allowClear={false} style={{ width: 160 }} data-testid="fee-from" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.pending} data-testid="fee-submit">
          {t('fee.submit')}
        </Button>
      </Form>
      <Refusal said={save.said} style={{ marginTop: 12 }} />
    </Card>
  );
}
