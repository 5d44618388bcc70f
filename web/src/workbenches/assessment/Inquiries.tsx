import { useQueries } from '@tanstack/react-query';
import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import { chinaDate, chinaDateTime } from '../../components/china-time.ts';
import { Money } from '../../components/money.tsx';
import { errorText } from '../../components/states.tsx';
import { keys, type Inquiry, type Quote } from './api.ts';
import { GradeTag } from './labels.tsx';

type Bid = NonNullable<Inquiry['bids']>[number];

const statusColors: Record<Inquiry['status'], string> = { open: 'processing', closed: 'default', withdrawn: 'warning' };

// The inquiries (询价单) a quote sent for lines no stocked offer covered: to whom, until when, how
// many bids came in, and (once the deadline has passed and the bids are unsealed) the bids.
export function Inquiries({ quote }: { quote: Quote }) {
  const { t } = useTranslation('assessment');
  const { t: tc } = useTranslation();
  const refs = quote.lines.flatMap((l) => (l.ranking?.inquiries ?? []).map((i) => ({ ...i, line: l })));
  const details = useQueries({
    queries: refs.map((r) => ({ queryKey: keys.inquiry(r.id), queryFn: () => call(client.GET('/api/v1/inquiries/{id}', { params: { path: { id: r.id } } })) })),
  });
  if (refs.length === 0) return null;
  const rows = refs.map((r, i) => ({ ref: r, query: details[i]! }));

  return (
    <Card size="small" title={t('inquiries.titleCount', { count: refs.length })} data-testid="inquiries">
      <Table
        size="small"
        rowKey={(row) => row.ref.id}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inquiries.empty')} /> }}
        expandable={
          rows.some((row) => row.query.data?.bids?.length) ? { rowExpandable: (row) => !!row.query.data?.bids?.length, expandedRowRender: (row) => <Bids inquiry={row.query.data!} /> } : undefined
        }
        columns={[
          {
            key: 'part',
            title: t('inquiries.part'),
            render: (_, row) => (
              <div>
                <Typography.Text strong>
                  {row.ref.line.lineNo}. {row.ref.line.description}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                  × {row.ref.line.quantity}
                </Typography.Text>
              </div>
            ),
          },
          {
            key: 'status',
            title: t('inquiries.status'),
            render: (_, row) => {
              const status = (row.query.data?.status ?? row.ref.status) as Inquiry['status'];
              return <Tag color={statusColors[status] ?? 'default'}>{t(`inquiryStatus.${status}`)}</Tag>;
            },
          },
          { key: 'deadline', title: t('inquiries.deadline'), render: (_, row) => chinaDateTime(row.query.data?.deadlineAt ?? row.ref.deadlineAt) },
          {
            key: 'invited',
            title: t('inquiries.invited'),
            render: (_, row) => {
              const invited = row.query.data?.invitedSuppliers;
              if (!invited) return '—';
              return (
                <Space size={[4, 4]} wrap style={{ maxWidth: 360 }}>
                  {invited.map((s) => (
                    <Tag key={s.orgId}>{s.name}</Tag>
                  ))}
                </Space>
              );
            },
          },
          {
            key: 'bids',
            title: t('inquiries.bids'),
            render: (_, row) => {
              const d = row.query.data;
              if (row.query.isError) return <Typography.Text type="danger">{errorText(row.query.error, tc)}</Typography.Text>;
              if (!d) return '…';
              if (d.withdrawnReason) return <Typography.Text type="secondary">{t('inquiries.withdrawn', { reason: d.withdrawnReason })}</Typography.Text>;
              return (
                <div>
                  <Typography.Text>{d.bidCount === 0 ? t('inquiries.noBids') : t('inquiries.bidCount', { count: d.bidCount })}</Typography.Text>
                  {d.sealed && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('inquiries.sealed')}
                      </Typography.Text>
                    </div>
                  )}
                </div>
              );
            },
          },
        ]}
      />
    </Card>
  );
}

function Bids({ inquiry }: { inquiry: Inquiry }) {
  const { t } = useTranslation('assessment');
  const names = new Map((inquiry.invitedSuppliers ?? []).map((s) => [s.orgId, s.name]));
  return (
    <Table<Bid>
      size="small"
      rowKey="id"
      dataSource={inquiry.bids ?? []}
      pagination={false}
      columns={[
        { key: 'supplier', title: t('inquiries.supplier'), render: (_, b) => names.get(b.supplierOrgId) ?? '—' },
        { key: 'grade', title: t('inquiries.grade'), render: (_, b) => <GradeTag grade={b.grade} /> },
        { key: 'price', title: t('inquiries.price'), align: 'right', render: (_, b) => <Money fen={b.priceFen} /> },
        { key: 'lead', title: t('inquiries.leadTime'), render: (_, b) => t('quote.days', { count: b.leadTimeDays }) },
        { key: 'valid', title: t('inquiries.validTo'), render: (_, b) => chinaDate(b.validTo) },
      ]}
    />
  );
}
