import { CarOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Space, Steps, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { chinaDate, chinaDateTime } from '../../components/china-time.ts';
import { errorText } from '../../components/states.tsx';
import { lineName, useShipment, type Order, type Shipment } from './api.ts';
import { LateTag, ShipmentStatusTag } from './labels.tsx';

// The order's shipments (one per warehouse or supplier it ships from, backorders apart): where
// each stands, the carrier and tracking no., the ETA (late flagged), the lines it carries and the
// carrier's tracking events.
export function Shipments({ order }: { order: Order }) {
  const { t } = useTranslation('shop');
  if (order.shipments.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shipment.none')} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {order.shipments.map((s, i) => (
        <ShipmentCard key={s.id} order={order} shipment={s} index={i + 1} />
      ))}
    </Space>
  );
}

const stepOf: Record<Shipment['status'], number> = { open: 0, shipped: 1, delivered: 2, cancelled: 0 };

function ShipmentCard({ order, shipment: s, index }: { order: Order; shipment: Shipment; index: number }) {
  const { t, i18n } = useTranslation('shop');
  const detail = useShipment(s.id, s.status !== 'open' && s.status !== 'cancelled');
  const lines = order.lines.filter((l) => l.shipmentId === s.id);
  const from = lines[0]?.warehouseName ?? '';
  const events = detail.data?.events ?? [];
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`shipment-${index}`}
      title={
        <Space size={8} wrap>
          <CarOutlined />
          <span>{t('shipment.title', { n: index })}</span>
          <ShipmentStatusTag status={s.status} />
          <LateTag late={s.late} />
          {s.backorder && <Typography.Text type="secondary">{t('shipment.backorder')}</Typography.Text>}
        </Space>
      }
    >
      {s.status !== 'cancelled' && (
        <Steps
          size="small"
          current={stepOf[s.status]}
          status={s.late ? 'error' : undefined}
          style={{ marginBottom: 12 }}
          items={[
            { title: t('shipment.step.open') },
            { title: t('shipment.step.shipped'), content: s.shippedAt ? chinaDateTime(s.shippedAt) : undefined },
            { title: t('shipment.step.delivered'), content: s.deliveredAt ? chinaDateTime(s.deliveredAt) : undefined },
          ]}
        />
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('shipment.from')}>{from}</Descriptions.Item>
        <Descriptions.Item label={t('shipment.carrier')}>{s.carrier ?? <Typography.Text type="secondary">{t('shipment.notYet')}</Typography.Text>}</Descriptions.Item>
        <Descriptions.Item label={t('shipment.trackingNo')}>
          {s.trackingNo ? (
            <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
              {s.trackingNo}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('shipment.notYet')}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('shipment.eta')}>
          <Space size={4}>
            <Typography.Text type={s.late ? 'danger' : undefined}>{chinaDate(s.etaDate)}</Typography.Text>
            <Typography.Text type="secondary">{t('shipment.transit', { n: s.transitDays })}</Typography.Text>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('shipment.lines')} span="filled">
          {lines.map((l) => `${lineName(l, i18n.language)} ×${l.qty}`).join('，')}
        </Descriptions.Item>
      </Descriptions>
      {s.status !== 'open' && s.status !== 'cancelled' && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>{t('shipment.events')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            {detail.isError ? (
              <Typography.Text type="danger">{errorText(detail.error, t)}</Typography.Text>
            ) : detail.isPending ? (
              <Typography.Text type="secondary">{t('shipment.loadingEvents')}</Typography.Text>
            ) : events.length === 0 ? (
              <Typography.Text type="secondary">{t('shipment.noEvents')}</Typography.Text>
            ) : (
              <Timeline
                data-testid="tracking-events"
                items={[...events].reverse().map((e, i) => ({
                  color: e.type === 'exception' ? 'red' : e.type === 'delivered' ? 'green' : i === 0 ? 'blue' : 'gray',
                  content: (
                    <div>
                      <Typography.Text strong={i === 0}>{t(`event.${e.type}`, { defaultValue: e.type })}</Typography.Text>
                      {e.location && <Typography.Text style={{ marginInlineStart: 8 }}>{e.location}</Typography.Text>}
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {chinaDateTime(e.at)}
                          {e.note ? ` · ${e.note}` : ''}
                        </Typography.Text>
                      </div>
                    </div>
                  ),
                }))}
              />
            )}
          </div>
        </div>
      )}
    </Card>
  );
}
