import { CheckSquareOutlined, FileTextOutlined, ReloadOutlined, RollbackOutlined, StopOutlined, ToolOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { chinaDateTime } from '../../components/china-time.ts';
import { Money } from '../../components/money.tsx';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { cancellable, keys, useOrder, type OrderLine } from './api.ts';
import { OrderStatusTag } from './labels.tsx';
import { CancelLinesModal, InstallModal, SendBackModal } from './LineActions.tsx';
import { OrderLines } from './OrderLines.tsx';
import { Returns } from './Returns.tsx';
import { useShopRights } from './roles.ts';
import { Shipments } from './Shipments.tsx';

// /orders/:id — one order: its facts and amounts, its lines (cancel those not yet shipped, mark
// accepted ones installed or send one back), its shipments with tracking, and its returns. Signing for delivered
// lines has its own page (/orders/:id/receipt), and so has the printed delivery note.
export default function OrderPage() {
  const { t } = useTranslation('shop');
  const { id = '' } = useParams();
  const order = useOrder(id);
  const rights = useShopRights();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'cancel' | 'install' | 'sendBack' | null>(null);

  if (order.isError) return <LoadError error={order.error} onRetry={() => void order.refetch()} />;
  if (!order.data) return <LoadingBlock rows={12} />;
  const o = order.data;
  const picked = o.lines.filter((l) => selected.includes(l.id));
  const toCancel = picked.filter((l) => cancellable.includes(l.status));
  const toInstall = picked.filter((l) => l.status === 'accepted');
  const delivered = o.lines.filter((l) => l.status === 'delivered');
  const selectable = (l: OrderLine) => (rights.mayCancel && cancellable.includes(l.status)) || (rights.mayReceive && l.status === 'accepted');
  const anySelectable = o.lines.some(selectable);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: keys.order(id) });
    void queryClient.invalidateQueries({ queryKey: ['shipment'] });
    void queryClient.invalidateQueries({ queryKey: keys.returns(id) });
  };
  const close = () => {
    setDialog(null);
    setSelected([]);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/orders">{t('list.title')}</Link> }, { title: o.orderNo }]} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
        <Space size={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="order-title">
            {t('order.title', { orderNo: o.orderNo })}
          </Typography.Title>
          <OrderStatusTag status={o.status} />
          <Tag color={o.kind === 'claim' ? 'blue' : 'purple'}>{t(`kind.${o.kind}`)}</Tag>
        </Space>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={refresh} loading={order.isFetching}>
            {t('order.refresh')}
          </Button>
          <Link to={`/orders/${o.id}/delivery-note`}>
            <Button icon={<FileTextOutlined />}>{t('order.deliveryNote')}</Button>
          </Link>
          {rights.mayReceive && delivered.length > 0 && (
            <Link to={`/orders/${o.id}/receipt`}>
              <Button type="primary" icon={<CheckSquareOutlined />}>
                {t('order.sign', { n: delivered.length })}
              </Button>
            </Link>
          )}
        </Space>
      </div>
      {delivered.length > 0 && rights.mayReceive && <Alert type="warning" showIcon title={t('order.toSignHint', { n: delivered.length })} />}
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('col.orderNo')}>
          <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
            {o.orderNo}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('col.claimNo')}>{o.claimNo ?? <Typography.Text type="secondary">{t('list.ownPurchase')}</Typography.Text>}</Descriptions.Item>
        <Descriptions.Item label={t('col.createdAt')}>{chinaDateTime(o.createdAt)}</Descriptions.Item>
        {o.plate && <Descriptions.Item label={t('col.plate')}>{o.plate}</Descriptions.Item>}
        {o.vin && (
          <Descriptions.Item label={t('col.vin')}>
            <span style={{ fontFamily: 'monospace' }}>{o.vin}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('order.payer')}>{o.payerName}</Descriptions.Item>
        <Descriptions.Item label={t('order.amount')}>
          <Money fen={o.amountFen} strong />
        </Descriptions.Item>
        <Descriptions.Item label={t('order.vat')}>
          <Money fen={o.vatFen} />
        </Descriptions.Item>
        {o.handlingFeeFen > 0 && (
          <Descriptions.Item label={t('order.handlingFee')}>
            <Money fen={o.handlingFeeFen} />
          </Descriptions.Item>
        )}
        {o.note && (
          <Descriptions.Item label={t('order.note')} span="filled">
            {o.note}
          </Descriptions.Item>
        )}
      </Descriptions>

      <Card
        size="small"
        title={t('order.lines', { n: o.lines.length })}
        extra={
          anySelectable && (
            <Space wrap>
              {rights.mayCancel && (
                <Button size="small" danger icon={<StopOutlined />} disabled={toCancel.length === 0} onClick={() => setDialog('cancel')}>
                  {t('order.cancelLines', { n: toCancel.length })}
                </Button>
              )}
              {rights.mayReceive && (
                <Button size="small" icon={<ToolOutlined />} disabled={toInstall.length === 0} onClick={() => setDialog('install')}>
                  {t('order.install', { n: toInstall.length })}
                </Button>
              )}
              {rights.mayReceive && (
                <Button size="small" icon={<RollbackOutlined />} disabled={toInstall.length !== 1} onClick={() => setDialog('sendBack')} title={t('order.sendBackHint')}>
                  {t('order.sendBack')}
                </Button>
              )}
            </Space>
          )
        }
      >
        {anySelectable && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            {t('order.selectHint')}
          </Typography.Paragraph>
        )}
        <OrderLines
          lines={o.lines}
          rowSelection={anySelectable ? { selectedRowKeys: selected, onChange: (k) => setSelected(k.map(String)), getCheckboxProps: (l) => ({ disabled: !selectable(l) }) } : undefined}
        />
      </Card>

      <Card size="small" title={t('order.shipments', { n: o.shipments.length })}>
        <Shipments order={o} />
      </Card>

      <Card size="small" title={t('order.returns')}>
        <Returns order={o} />
      </Card>

      {dialog === 'cancel' && <CancelLinesModal order={o} lines={toCancel} onClose={close} />}
      {dialog === 'install' && <InstallModal order={o} lines={toInstall} onClose={close} />}
      {dialog === 'sendBack' && toInstall.length === 1 && <SendBackModal order={o} line={toInstall[0]!} onClose={close} />}
    </Space>
  );
}
