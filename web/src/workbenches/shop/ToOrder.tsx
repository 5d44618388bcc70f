import { ShoppingCartOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import { chinaDate, chinaDateTime } from '../../components/china-time.ts';
import { errorText } from '../../components/states.tsx';
import type { Claim } from './api.ts';
import { PlaceOrderModal } from './PlaceOrderModal.tsx';

// The shop's claims whose quote the insurer approved and that wait for the buyer's order (下单):
// the claims in status "approved" (a supplement approved after an order makes its claim approved
// again, and the modal then offers the version not yet ordered).
export function ToOrder() {
  const { t } = useTranslation('shop');
  const [claim, setClaim] = useState<Claim | null>(null);
  const claims = useQuery({
    queryKey: ['claims', { status: 'approved' }],
    queryFn: () => call(client.GET('/api/v1/claims', { params: { query: { status: 'approved', limit: 50 } } })),
  });
  const items = claims.data?.items ?? [];
  return (
    <Card
      size="small"
      title={
        <span>
          <ShoppingCartOutlined style={{ marginInlineEnd: 8, color: '#1658d6' }} />
          {t('toOrder.title')}
          {items.length > 0 && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontWeight: 'normal' }}>
              {t('toOrder.count', { n: items.length })}
            </Typography.Text>
          )}
        </span>
      }
      data-testid="to-order"
    >
      {claims.isError ? (
        <Typography.Text type="danger">
          {t('toOrder.loadError')}：{errorText(claims.error, t)}
        </Typography.Text>
      ) : (
        <Table<Claim>
          size="small"
          rowKey="id"
          loading={claims.isPending}
          dataSource={items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('toOrder.empty')} /> }}
          columns={[
            { key: 'claimNo', title: t('col.claimNo'), dataIndex: 'claimNo', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            { key: 'plate', title: t('col.plate'), dataIndex: 'plate' },
            { key: 'vin', title: t('col.vin'), dataIndex: 'vin', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
            { key: 'accident', title: t('col.accidentDate'), dataIndex: 'accidentDate', render: (v: string) => chinaDate(v) },
            { key: 'updated', title: t('col.approvedAt'), dataIndex: 'updatedAt', render: (v: string) => chinaDateTime(v) },
            {
              key: 'action',
              title: t('col.actions'),
              fixed: 'right',
              render: (_: unknown, c: Claim) => (
                <Button type="primary" size="small" onClick={() => setClaim(c)}>
                  {t('toOrder.order')}
                </Button>
              ),
            },
          ]}
        />
      )}
      {claim && <PlaceOrderModal claim={claim} onClose={() => setClaim(null)} />}
    </Card>
  );
}
