import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiProblem, call, client, idempotencyKey } from '../../api/client.ts';
import { chinaDateTime } from '../../components/china-time.ts';
import { Money } from '../../components/money.tsx';
import { showProblemOnForm } from '../../components/problem-fields.ts';
import { errorText } from '../../components/states.tsx';
import { keys, lineName, useReturns, type Order, type Return } from './api.ts';
import { ReturnStatusTag } from './labels.tsx';
import { useShopRights } from './roles.ts';

// The order's returns (退货): one per rejected line, or per accepted line sent back after (售后),
// answered by its supplier. Once approved the
// shop sends the goods back (carrier and tracking no.) and may order a replacement at once (same
// product, quantity and prices).
export function Returns({ order }: { order: Order }) {
  const { t, i18n } = useTranslation('shop');
  const { message } = App.useApp();
  const rights = useShopRights();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const returns = useReturns(order.id);
  const [shipping, setShipping] = useState<Return | null>(null);
  const replace = useMutation({
    mutationFn: (r: Return) => call(client.POST('/api/v1/returns/{id}/replacement', { params: { path: { id: r.id } }, headers: idempotencyKey() })),
    onSuccess: (placed) => {
      void queryClient.invalidateQueries({ queryKey: keys.orders });
      void queryClient.invalidateQueries({ queryKey: keys.returns(order.id) });
      message.success(t('returns.replaced', { orderNo: placed.orderNo }));
      void navigate(`/orders/${placed.id}`);
    },
    onError: (e) => message.error(errorText(e, t)),
  });
  const lineOf = (id: string) => order.lines.find((l) => l.id === id);

  if (returns.isError) return <Typography.Text type="danger">{errorText(returns.error, t)}</Typography.Text>;
  return (
    <>
      <Table<Return>
        size="small"
        rowKey="id"
        loading={returns.isPending}
        dataSource={returns.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('returns.empty')} /> }}
        columns={[
          {
            key: 'part',
            title: t('col.part'),
            render: (_, r) => {
              const l = lineOf(r.orderLineId);
              return l ? `${l.lineNo}. ${lineName(l, i18n.language)}` : '—';
            },
          },
          { key: 'qty', title: t('col.qty'), dataIndex: 'qty', align: 'right' },
          {
            key: 'reason',
            title: t('returns.reason'),
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <span>
                  {r.stage === 'after_acceptance' && (
                    <Tag color="magenta" style={{ marginInlineEnd: 4 }}>
                      {t('returns.afterAcceptance')}
                    </Tag>
                  )}
                  {t(`reason.${r.reason}`)}
                </span>
                {r.note && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 240, display: 'inline-block' }} ellipsis={{ tooltip: r.note }}>
                    {r.note}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            key: 'status',
            title: t('col.status'),
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <ReturnStatusTag status={r.status} />
                {r.refusedReason && (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {r.refusedReason}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { key: 'credit', title: t('returns.credit'), align: 'right', render: (_, r) => <Money fen={r.creditFen} /> },
          {
            key: 'back',
            title: t('returns.shippedBack'),
            render: (_, r) =>
              r.trackingNo ? (
                <span>
                  {r.carrier}{' '}
                  <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                    {r.trackingNo}
                  </Typography.Text>
                </span>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            key: 'replacement',
            title: t('returns.replacement'),
            render: (_, r) => (r.replacementOrderId ? <Link to={`/orders/${r.replacementOrderId}`}>{t('returns.viewReplacement')}</Link> : <Typography.Text type="secondary">—</Typography.Text>),
          },
          { key: 'updated', title: t('col.updatedAt'), render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{chinaDateTime(r.updatedAt)}</span> },
          {
            key: 'actions',
            title: t('col.actions'),
            fixed: 'right',
            render: (_, r) =>
              r.status === 'approved' ? (
                <Space size={4}>
                  {rights.mayReceive && !r.trackingNo && (
                    <Button size="small" onClick={() => setShipping(r)}>
                      {t('returns.shipBack')}
                    </Button>
                  )}
                  {rights.mayOrder && !r.replacementOrderId && (
                    <Popconfirm title={t('returns.replaceConfirm')} onConfirm={() => replace.mutate(r)} okText={t('returns.replace')}>
                      <Button size="small" type="primary" loading={replace.isPending && replace.variables?.id === r.id}>
                        {t('returns.replace')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ) : r.status === 'requested' ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('returns.waitingSupplier')}
                </Typography.Text>
              ) : null,
          },
        ]}
      />
      {shipping && <ShipBackModal ret={shipping} orderId={order.id} onClose={() => setShipping(null)} />}
    </>
  );
}

function ShipBackModal({ ret, orderId, onClose }: { ret: Return; orderId: string; onClose: () => void }) {
  const { t } = useTranslation('shop');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ carrier: string; trackingNo: string }>();
  const [problem, setProblem] = useState<string>();
  const key = useRef(idempotencyKey());
  const send = useMutation({
    mutationFn: (body: { carrier: string; trackingNo: string }) => call(client.POST('/api/v1/returns/{id}/ship-back', { params: { path: { id: ret.id } }, body, headers: key.current })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.returns(orderId) });
      message.success(t('returns.shippedBackDone'));
      onClose();
    },
    onError: (e) => {
      const rest = showProblemOnForm(form, e);
      setProblem(e instanceof ApiProblem ? rest : errorText(e, t));
    },
  });
  return (
    <Modal
      open
      title={t('returns.shipBackTitle')}
      okText={t('returns.shipBack')}
      okButtonProps={{ loading: send.isPending }}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => send.mutate(v))}
    >
      <Form form={form} layout="vertical" disabled={send.isPending}>
        <Form.Item name="carrier" label={t('shipment.carrier')} rules={[{ required: true, whitespace: true, message: t('returns.carrierRequired') }, { max: 60 }]}>
          <Input placeholder={t('returns.carrierPlaceholder')} />
        </Form.Item>
        <Form.Item name="trackingNo" label={t('shipment.trackingNo')} rules={[{ required: true, whitespace: true, message: t('returns.trackingRequired') }, { max: 60 }]}>
          <Input style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}
