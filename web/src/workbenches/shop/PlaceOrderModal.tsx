import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Descriptions, Form, Input, Modal, Result, Space, Table, Tag, Typography } from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiProblem, call, client, idempotencyKey } from '../../api/client.ts';
import { Money } from '../../components/money.tsx';
import { showProblemOnForm } from '../../components/problem-fields.ts';
import { errorText, LoadError, LoadingBlock } from '../../components/states.tsx';
import { keys, type Claim, type QuoteLine } from './api.ts';
import { GradeTag } from './labels.tsx';

const priced: QuoteLine['approval']['status'][] = ['auto_approved', 'approved', 'corrected'];

// 下单 from an approved quote: the claim's approved assessment version that no order took yet, its
// lines as the insurer approved them (grade, price, where from, in how many days) and the total
// the insurer pays. The buyer confirms, with an optional note for the warehouse; the server
// reserves stock or sources what is missing (POST /api/v1/orders { assessmentId }).
export function PlaceOrderModal({ claim, onClose }: { claim: Claim; onClose: () => void }) {
  const { t } = useTranslation('shop');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note?: string }>();
  const [problem, setProblem] = useState<string>();
  // One key per intent to order: a double click or a retry after a lost answer orders once.
  const key = useRef(idempotencyKey());

  const detail = useQuery({ queryKey: ['claim', claim.id], queryFn: () => call(client.GET('/api/v1/claims/{id}', { params: { path: { id: claim.id } } })) });
  const orders = useQuery({ queryKey: [...keys.orders, { claimId: claim.id }], queryFn: () => call(client.GET('/api/v1/orders', { params: { query: { claimId: claim.id, limit: 100 } } })) });
  const ordered = new Set((orders.data?.items ?? []).filter((o) => o.status !== 'cancelled').map((o) => o.assessmentId));
  const versions = (detail.data?.assessments ?? []).filter((a) => a.status === 'approved' && !ordered.has(a.id)).sort((a, b) => b.version - a.version);
  const target = versions[0];
  const quote = useQuery({
    queryKey: ['assessment', target?.id ?? '', 'quote'],
    queryFn: () => call(client.GET('/api/v1/assessments/{id}/quote', { params: { path: { id: target!.id } } })),
    enabled: !!target,
  });

  const place = useMutation({
    mutationFn: (note: string | undefined) => call(client.POST('/api/v1/orders', { body: { assessmentId: target!.id, ...(note ? { note } : {}) }, headers: key.current })),
    onSuccess: (order) => {
      key.current = idempotencyKey();
      void queryClient.invalidateQueries({ queryKey: keys.orders });
      void queryClient.invalidateQueries({ queryKey: ['claims'] });
      message.success(t('place.done', { orderNo: order.orderNo }));
      onClose();
      void navigate(`/orders/${order.id}`);
    },
    onError: (e) => {
      const rest = showProblemOnForm(form, e, (name) => name[0] === 'note');
      setProblem(e instanceof ApiProblem ? rest : errorText(e, t));
    },
  });

  const loading = detail.isPending || orders.isPending || (!!target && quote.isPending);
  const failed = detail.error ?? orders.error ?? quote.error;
  const q = quote.data;
  const lines = q?.lines ?? [];

  let body: ReactNode;
  if (failed) body = <LoadError error={failed} />;
  else if (loading) body = <LoadingBlock rows={6} />;
  else if (!target || !q) body = <Result status="info" title={t('place.nothingToOrder')} subTitle={t('place.nothingToOrderHint')} />;
  else
    body = (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('col.claimNo')}>{claim.claimNo}</Descriptions.Item>
          <Descriptions.Item label={t('col.plate')}>{claim.plate}</Descriptions.Item>
          <Descriptions.Item label={t('place.insurer')}>{q.parties.insurer.name}</Descriptions.Item>
          <Descriptions.Item label={t('place.version')}>{t(`place.kind.${target.kind}`, { version: target.version })}</Descriptions.Item>
        </Descriptions>
        <Table<QuoteLine>
          size="small"
          rowKey="id"
          dataSource={lines}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'no', title: '#', dataIndex: 'lineNo', width: 40 },
            {
              key: 'part',
              title: t('col.part'),
              render: (_: unknown, l: QuoteLine) => (
                <div>
                  <div>{l.description}</div>
                  {l.oeNo && (
                    <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
                      {l.oeNo}
                    </Typography.Text>
                  )}
                </div>
              ),
            },
            { key: 'grade', title: t('col.grade'), render: (_: unknown, l: QuoteLine) => <GradeTag grade={l.approval.grade} /> },
            { key: 'qty', title: t('col.qty'), dataIndex: 'quantity', align: 'right' },
            { key: 'unit', title: t('col.unitPrice'), align: 'right', render: (_: unknown, l: QuoteLine) => (priced.includes(l.approval.status) ? <Money fen={l.approval.unitFen} /> : '—') },
            {
              key: 'amount',
              title: t('col.amount'),
              align: 'right',
              render: (_: unknown, l: QuoteLine) => (priced.includes(l.approval.status) ? <Money fen={l.approval.amountFen} /> : <Tag>{t(`approval.${l.approval.status}`)}</Tag>),
            },
            { key: 'eta', title: t('col.etaDays'), align: 'right', render: (_: unknown, l: QuoteLine) => (l.etaDays === null ? '—' : t('place.days', { n: l.etaDays })) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={5} align="right">
                <Typography.Text strong>{t('place.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <Money fen={q.approved.amountFen} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} />
            </Table.Summary.Row>
          )}
        />
        <Typography.Text type="secondary">
          {t('place.vat')}
          <Money fen={q.approved.vatFen} type="secondary" />
          {q.approved.handlingFeeFen > 0 && (
            <>
              {' · '}
              {t('place.handlingFee')}
              <Money fen={q.approved.handlingFeeFen} type="secondary" />
            </>
          )}
          {' · '}
          {t('place.payer', { insurer: q.parties.insurer.name })}
        </Typography.Text>
        <Form form={form} layout="vertical" disabled={place.isPending}>
          <Form.Item name="note" label={t('place.note')} rules={[{ max: 500 }]} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('place.notePlaceholder')} />
          </Form.Item>
        </Form>
        {problem && <Alert type="error" showIcon title={problem} />}
      </Space>
    );

  return (
    <Modal
      open
      width={880}
      title={t('place.title', { claimNo: claim.claimNo })}
      okText={t('place.confirm')}
      okButtonProps={{ disabled: !target || !q, loading: place.isPending }}
      onOk={() => {
        setProblem(undefined);
        void form.validateFields().then((v) => place.mutate(v.note?.trim() || undefined));
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      {body}
    </Modal>
  );
}
