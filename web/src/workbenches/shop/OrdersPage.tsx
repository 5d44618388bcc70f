import { Button, Input, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { call, client } from '../../api/client.ts';
import { chinaDateTime } from '../../components/china-time.ts';
import { CursorTable, type CursorColumn } from '../../components/CursorTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { keys, orderStatuses, type Order, type OrderStatus, type OrdersQuery } from './api.ts';
import { OrderStatusTag } from './labels.tsx';
import { AmountCell, EtaCell, PartsCell } from './OrderCells.tsx';
import { useShopRights } from './roles.ts';
import { ToOrder } from './ToOrder.tsx';

type Kind = NonNullable<OrdersQuery['kind']>;

// /orders — the shop's orders, newest first: status (derived from the lines), the claim, the
// parts, the amount with its VAT, when the goods come. Filters live in the URL, so a filtered list
// can be bookmarked and the back button returns to it. A buyer sees above it the approved claims
// still waiting for an order.
export default function OrdersPage() {
  const { t } = useTranslation('shop');
  const rights = useShopRights();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = (params.get('status') as OrderStatus | null) ?? undefined;
  const kind = (params.get('kind') as Kind | null) ?? undefined;
  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const columns: CursorColumn<Order>[] = [
    {
      key: 'orderNo',
      title: t('col.orderNo'),
      fixed: 'left',
      render: (_, o) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/orders/${o.id}`} style={{ fontFamily: 'monospace' }}>
            {o.orderNo}
          </Link>
          <Tag color={o.kind === 'claim' ? 'blue' : 'purple'} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
            {t(`kind.${o.kind}`)}
          </Tag>
        </Space>
      ),
    },
    { key: 'status', title: t('col.status'), render: (_, o) => <OrderStatusTag status={o.status} /> },
    {
      key: 'claim',
      title: t('col.claimNo'),
      render: (_, o) =>
        o.claimNo ? (
          <div>
            <div>{o.claimNo}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.plate}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('list.ownPurchase')}</Typography.Text>
        ),
    },
    { key: 'parts', title: t('col.parts'), render: (_, o) => <PartsCell order={o} /> },
    { key: 'amount', title: t('col.amountInclVat'), align: 'right', render: (_, o) => <AmountCell order={o} /> },
    { key: 'eta', title: t('col.eta'), render: (_, o) => <EtaCell order={o} /> },
    { key: 'createdAt', title: t('col.createdAt'), render: (_, o) => <span style={{ whiteSpace: 'nowrap' }}>{chinaDateTime(o.createdAt)}</span> },
    {
      key: 'actions',
      title: t('col.actions'),
      fixed: 'right',
      render: (_, o) => (
        <Space size={4}>
          <Link to={`/orders/${o.id}`}>
            <Button size="small" type="link">
              {t('list.detail')}
            </Button>
          </Link>
          {rights.mayReceive && o.lines.some((l) => l.status === 'delivered') && (
            <Link to={`/orders/${o.id}/receipt`}>
              <Button size="small" type="primary">
                {t('list.sign')}
              </Button>
            </Link>
          )}
        </Space>
      ),
    },
  ];

  const toolbar = (
    <Space wrap>
      <Input.Search
        allowClear
        defaultValue={q}
        placeholder={t('list.searchPlaceholder')}
        style={{ width: 240 }}
        onSearch={(v) => setFilter('q', v.trim() || undefined)}
        aria-label={t('list.searchPlaceholder')}
      />
      <Select<OrderStatus>
        allowClear
        value={status}
        placeholder={t('list.statusFilter')}
        style={{ width: 140 }}
        onChange={(v) => setFilter('status', v)}
        options={orderStatuses.map((s) => ({ value: s, label: t(`orderStatus.${s}`) }))}
        aria-label={t('list.statusFilter')}
      />
      <Select<Kind>
        allowClear
        value={kind}
        placeholder={t('list.kindFilter')}
        style={{ width: 130 }}
        onChange={(v) => setFilter('kind', v)}
        options={(['claim', 'shop'] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        aria-label={t('list.kindFilter')}
      />
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
          {t('list.title')}
        </Typography.Title>
        <ExportButton
          fetchFile={() => client.GET('/api/v1/orders/export.xlsx', { params: { query: { ...(q ? { q } : {}), ...(status ? { status } : {}), ...(kind ? { kind } : {}) } }, parseAs: 'blob' })}
        />
      </div>
      {rights.mayOrder && <ToOrder />}
      <CursorTable<Order>
        tableId="shop-orders"
        queryKey={[...keys.orders, 'list', { q, status, kind }]}
        fetchPage={(cursor, limit) =>
          call(client.GET('/api/v1/orders', { params: { query: { limit, ...(cursor ? { cursor } : {}), ...(q ? { q } : {}), ...(status ? { status } : {}), ...(kind ? { kind } : {}) } } }))
        }
        columns={columns}
        rowKey="id"
        toolbar={toolbar}
        emptyText={q || status || kind ? t('list.emptyFiltered') : t('list.empty')}
      />
    </Space>
  );
}
