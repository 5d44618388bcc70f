import { Button, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { call, client } from '../../api/client.ts';
import { chinaDateTime } from '../../components/china-time.ts';
import { CursorTable, type CursorColumn } from '../../components/CursorTable.tsx';
import { keys, lineName, type Order } from './api.ts';
import { OrderStatusTag } from './labels.tsx';
import { AmountCell } from './OrderCells.tsx';

// /receipts — deliveries waiting to be signed: the orders with a line the carrier delivered and the
// shop has not yet signed for, newest first.
export default function ReceiptsPage() {
  const { t, i18n } = useTranslation('shop');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const columns: CursorColumn<Order>[] = [
    {
      key: 'orderNo',
      title: t('col.orderNo'),
      fixed: 'left',
      render: (_, o) => (
        <Link to={`/orders/${o.id}`} style={{ fontFamily: 'monospace' }}>
          {o.orderNo}
        </Link>
      ),
    },
    { key: 'status', title: t('col.status'), render: (_, o) => <OrderStatusTag status={o.status} /> },
    {
      key: 'claim',
      title: t('col.claimNo'),
      render: (_, o) => (o.claimNo ? `${o.claimNo}${o.plate ? ` · ${o.plate}` : ''}` : <Typography.Text type="secondary">{t('list.ownPurchase')}</Typography.Text>),
    },
    {
      key: 'toSign',
      title: t('receipts.toSign'),
      render: (_, o) => {
        const d = o.lines.filter((l) => l.status === 'delivered');
        return (
          <div style={{ maxWidth: 320 }}>
            <Typography.Text ellipsis style={{ maxWidth: 320 }}>
              {d.map((l) => `${lineName(l, i18n.language)}×${l.qty}`).join('，')}
            </Typography.Text>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('receipts.lines', { n: d.length, certified: d.filter((l) => l.grade === 'certified').length })}
              </Typography.Text>
            </div>
          </div>
        );
      },
    },
    {
      key: 'deliveredAt',
      title: t('receipts.deliveredAt'),
      render: (_, o) => {
        const at = o.shipments
          .filter((s) => s.status === 'delivered')
          .map((s) => s.deliveredAt ?? '')
          .sort()
          .at(-1);
        return <span style={{ whiteSpace: 'nowrap' }}>{chinaDateTime(at)}</span>;
      },
    },
    {
      key: 'carrier',
      title: t('shipment.carrier'),
      render: (_, o) =>
        o.shipments
          .filter((s) => s.status === 'delivered')
          .map((s) => s.carrier)
          .filter(Boolean)
          .join('，') || '—',
    },
    { key: 'amount', title: t('col.amountInclVat'), align: 'right', render: (_, o) => <AmountCell order={o} /> },
    {
      key: 'actions',
      title: t('col.actions'),
      fixed: 'right',
      render: (_, o) => (
        <Link to={`/orders/${o.id}/receipt`}>
          <Button type="primary" size="small">
            {t('list.sign')}
          </Button>
        </Link>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('receipts.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('receipts.hint')}</Typography.Text>
      </div>
      <CursorTable<Order>
        tableId="shop-receipts"
        queryKey={[...keys.orders, 'receipts', { q }]}
        fetchPage={(cursor, limit) => call(client.GET('/api/v1/orders', { params: { query: { lineStatus: 'delivered', limit, ...(cursor ? { cursor } : {}), ...(q ? { q } : {}) } } }))}
        columns={columns}
        rowKey="id"
        toolbar={
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('list.searchPlaceholder')}
            style={{ width: 240 }}
            onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {}, { replace: true })}
            aria-label={t('list.searchPlaceholder')}
          />
        }
        emptyText={q ? t('list.emptyFiltered') : t('receipts.empty')}
      />
    </Space>
  );
}
