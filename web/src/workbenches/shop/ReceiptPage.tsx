import { FileTextOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Descriptions, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { chinaDateTime } from '../../components/china-time.ts';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { useOrder } from './api.ts';
import { OrderStatusTag } from './labels.tsx';
import { ReceiptForm } from './ReceiptForm.tsx';

// /orders/:id/receipt — signing for an order's delivered lines (签收).
export default function ReceiptPage() {
  const { t } = useTranslation('shop');
  const { id = '' } = useParams();
  const order = useOrder(id);
  if (order.isError) return <LoadError error={order.error} onRetry={() => void order.refetch()} />;
  if (!order.data) return <LoadingBlock rows={10} />;
  const o = order.data;
  const delivered = o.shipments.filter((s) => s.status === 'delivered');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/receipts">{t('receipts.title')}</Link> }, { title: <Link to={`/orders/${o.id}`}>{o.orderNo}</Link> }, { title: t('receipt.crumb') }]} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
        <Space size={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="receipt-title">
            {t('receipt.title', { orderNo: o.orderNo })}
          </Typography.Title>
          <OrderStatusTag status={o.status} />
        </Space>
        <Link to={`/orders/${o.id}/delivery-note`}>
          <Button icon={<FileTextOutlined />}>{t('order.deliveryNote')}</Button>
        </Link>
      </div>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('col.claimNo')}>{o.claimNo ?? t('list.ownPurchase')}</Descriptions.Item>
        {o.plate && <Descriptions.Item label={t('col.plate')}>{o.plate}</Descriptions.Item>}
        <Descriptions.Item label={t('receipt.deliveredAt')}>{delivered.map((s) => chinaDateTime(s.deliveredAt)).join('，') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('shipment.carrier')}>{delivered.map((s) => [s.carrier, s.trackingNo].filter(Boolean).join(' ')).join('，') || '—'}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('receipt.intro')}
      </Typography.Paragraph>
      <ReceiptForm order={o} />
    </Space>
  );
}
