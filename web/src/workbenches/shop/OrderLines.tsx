import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { chinaDate, chinaDateTime } from '../../components/china-time.ts';
import { Money } from '../../components/money.tsx';
import { lineName, type OrderLine } from './api.ts';
import { GradeTag, LineStatusTag } from './labels.tsx';

// An order's lines: the part (and the product that replaces it), grade, quantity, prices, where it
// ships from and when it comes, and where it stands (with what the shop found on receipt).
export function OrderLines({ lines, rowSelection }: { lines: OrderLine[]; rowSelection?: TableProps<OrderLine>['rowSelection'] }) {
  const { t, i18n } = useTranslation('shop');
  return (
    <Table<OrderLine>
      size="small"
      rowKey="id"
      dataSource={lines}
      pagination={false}
      rowSelection={rowSelection}
      scroll={{ x: 'max-content' }}
      data-testid="order-lines"
      columns={[
        { key: 'no', title: '#', dataIndex: 'lineNo', width: 44 },
        {
          key: 'part',
          title: t('col.part'),
          render: (_, l) => (
            <div style={{ minWidth: 180, maxWidth: 300 }}>
              <Typography.Text strong>{lineName(l, i18n.language)}</Typography.Text>
              {l.oeNo && (
                <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace', marginInlineStart: 6 }}>
                  {l.oeNo}
                </Typography.Text>
              )}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.productName} · {l.sku}
                </Typography.Text>
              </div>
            </div>
          ),
        },
        { key: 'grade', title: t('col.grade'), render: (_, l) => <GradeTag grade={l.grade} /> },
        { key: 'qty', title: t('col.qty'), dataIndex: 'qty', align: 'right' },
        { key: 'unit', title: t('col.unitPrice'), align: 'right', render: (_, l) => <Money fen={l.unitFen} /> },
        {
          key: 'amount',
          title: t('col.amount'),
          align: 'right',
          render: (_, l) => (
            <div>
              <Money fen={l.amountFen} />
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {t('list.vat')} <Money fen={l.vatFen} type="secondary" />
                </Typography.Text>
              </div>
            </div>
          ),
        },
        {
          key: 'from',
          title: t('col.shipsFrom'),
          render: (_, l) => (
            <div style={{ minWidth: 120 }}>
              <div>{l.warehouseName}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {l.supplierName}
              </Typography.Text>
              {l.dropShip && (
                <Tag color="geekblue" style={{ marginInlineStart: 4 }}>
                  {t('line.dropShip')}
                </Tag>
              )}
            </div>
          ),
        },
        {
          key: 'eta',
          title: t('col.eta'),
          render: (_, l) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              {l.receivedAt ? <Typography.Text type="secondary">{t('line.receivedAt', { at: chinaDateTime(l.receivedAt) })}</Typography.Text> : chinaDate(l.etaDate)}
            </span>
          ),
        },
        {
          key: 'codes',
          title: t('col.traceCodes'),
          render: (_, l) =>
            l.traceCodes.length === 0 ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : (
              <Tooltip title={l.traceCodes.join('\n')}>
                <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' }}>
                  {l.traceCodes[0]}
                  {l.traceCodes.length > 1 && ` +${l.traceCodes.length - 1}`}
                </Typography.Text>
              </Tooltip>
            ),
        },
        {
          key: 'status',
          title: t('col.lineStatus'),
          // What became of the line stays in view when the table scrolls sideways on a tablet.
          fixed: 'right',
          render: (_, l) => (
            <Space orientation="vertical" size={2}>
              <LineStatusTag status={l.status} />
              {l.rejectReason && (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {t(`reason.${l.rejectReason}`)}
                </Typography.Text>
              )}
              {l.traceMismatch && (
                <Tooltip title={t('line.mismatchHint')}>
                  <Tag color="red" style={{ marginInlineEnd: 0 }}>
                    {t('line.mismatch')}
                  </Tag>
                </Tooltip>
              )}
              {l.cancelReason && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.cancelReason}
                </Typography.Text>
              )}
              {l.installedVin && (
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {t('line.installedOn', { vin: l.installedVin })}
                </Typography.Text>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
