import { PlayCircleOutlined } from '@ant-design/icons';
import { Button, DatePicker, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { Link, useNavigate } from 'react-router-dom';
import { chinaToday } from '../../components/china-time.ts';
import { type CursorColumn, CursorTable } from '../../components/CursorTable.tsx';
import { fetchPayouts, keys, type Payout, type PayoutStatus, payeeKinds, payoutStatuses } from './api.ts';
import { Amount, PayoutStatusTag } from './labels.tsx';
import { OrgSelect } from './OrgSelect.tsx';
import { PayoutRunModal } from './PayoutRunModal.tsx';
import { useFinanceRights } from './rights.ts';

// 付款: payouts to suppliers (to shops, their handling fees; to funders, what the insurers repaid of
// the receivables they bought), newest run first, filtered by status, payee and run day (the
// filters in the URL). The platform's team runs a day's payouts here and sees its report; a payee
// sees its own. A row opens the payout and its remittance advice.
export default function PayoutsTab() {
  const { t } = useTranslation('finance');
  const navigate = useNavigate();
  const rights = useFinanceRights();
  const { params, setFilter } = useUrlFilters();
  const [running, setRunning] = useState(false);
  const status = (params.get('status') as PayoutStatus | null) ?? undefined;
  const payeeOrgId = params.get('payee') ?? undefined;
  const runDate = params.get('date') ?? undefined;
  const today = chinaToday();

  const columns: CursorColumn<Payout>[] = [
    {
      key: 'no',
      title: t('payout.no'),
      width: 176,
      render: (_, p) => (
        <Link to={`/finance/payouts/${p.id}`} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
          {p.payoutNo}
        </Link>
      ),
    },
    ...(rights.platform
      ? [
          {
            key: 'payee',
            title: t('payout.payee'),
            // Suppliers' registered names run long (长春华骏汽车零部件制造有限公司): shown whole, wrapping
            // onto a second line where the column is narrow, never cut off.
            minWidth: 180,
            render: (_: unknown, p: Payout) => (
              <div style={{ minWidth: 0 }}>
                <div style={{ whiteSpace: 'normal', overflowWrap: 'anywhere', lineHeight: '20px' }} title={p.payee.name} data-testid="payee-name">
                  {p.payee.name}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`payeeKind.${p.payeeKind}`)}
                </Typography.Text>
              </div>
            ),
          } as CursorColumn<Payout>,
        ]
      : []),
    { key: 'runDate', title: t('payout.runDate'), width: 100, render: (_, p) => <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{p.runDate}</span> },
    // The last day of sales it pays (its T+N before the run day); the page says it in words.
    { key: 'dueThrough', title: t('payout.dueThrough'), width: 104, render: (_, p) => <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{p.dueThrough}</span> },
    { key: 'items', title: t('payout.items'), width: 64, align: 'right', dataIndex: 'itemCount' },
    { key: 'credits', title: t('payout.credits'), width: 116, align: 'right', render: (_, p) => <Amount fen={p.creditsFen} /> },
    { key: 'debits', title: t('payout.debits'), width: 104, align: 'right', render: (_, p) => <Amount fen={-p.debitsFen} tone={p.debitsFen > 0 ? 'danger' : 'secondary'} /> },
    { key: 'amount', title: t('payout.amount'), width: 124, align: 'right', render: (_, p) => <Amount fen={p.amountFen} strong /> },
    { key: 'status', title: t('col.status'), width: 92, render: (_, p) => <PayoutStatusTag status={p.status} /> },
  ];

  const toolbar = (
    <Space wrap>
      <Select<PayoutStatus>
        allowClear
        value={status}
        placeholder={t('list.statusFilter')}
        style={{ width: 130 }}
        onChange={(v) => setFilter('status', v)}
        options={payoutStatuses.map((s) => ({ value: s, label: t(`payoutStatus.${s}`) }))}
        aria-label={t('list.statusFilter')}
      />
      {rights.platform && <OrgSelect kinds={payeeKinds} allowClear value={payeeOrgId} placeholder={t('payout.payeeFilter')} style={{ width: 280 }} onChange={(v) => setFilter('payee', v)} />}
      <DatePicker
        value={runDate ? dayjs(runDate) : null}
        placeholder={t('payout.dateFilter')}
        onChange={(d) => setFilter('date', d ? d.format('YYYY-MM-DD') : undefined)}
        disabledDate={(d) => d.format('YYYY-MM-DD') > today}
        style={{ width: 150 }}
        aria-label={t('payout.dateFilter')}
      />
      {rights.managePayouts && (
        <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setRunning(true)} data-testid="run-payouts">
          {t('run.open')}
        </Button>
      )}
    </Space>
  );

  const filtered = status || payeeOrgId || runDate;
  return (
    <>
      <CursorTable<Payout>
        tableId="finance-payouts"
        queryKey={[...keys.payouts, 'list', { status, payeeOrgId, runDate }]}
        fetchPage={(cursor, limit) => fetchPayouts({ limit, ...(cursor ? { cursor } : {}), ...(status ? { status } : {}), ...(payeeOrgId ? { payeeOrgId } : {}), ...(runDate ? { runDate } : {}) })}
        columns={columns}
        rowKey="id"
        scrollX={960}
        toolbar={toolbar}
        emptyText={filtered ? t('list.emptyFiltered') : <Typography.Text type="secondary">{rights.managePayouts ? t('payout.emptyPlatform') : t('payout.emptyPayee')}</Typography.Text>}
        onRow={(p) => ({ onClick: (e) => (e.target as HTMLElement).closest('a') || void navigate(`/finance/payouts/${p.id}`), style: { cursor: 'pointer' } })}
      />
      {running && <PayoutRunModal onClose={() => setRunning(false)} onShow={(date) => setFilter('date', date)} />}
    </>
  );
}
