import { Segmented, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { Link, useNavigate } from 'react-router-dom';
import { chinaDateTime, chinaToday } from '../../components/china-time.ts';
import { type CursorColumn, CursorTable } from '../../components/CursorTable.tsx';
import { fetchFinancing, type FinancingRequest, type FinancingStatus, keys, useFunders } from './api.ts';
import { isOverdue } from './financing-quote.ts';
import { Amount, FinancingStatusTag } from './labels.tsx';
import { LimitCard } from './LimitCard.tsx';
import { OrgSelect } from './OrgSelect.tsx';
import { ReceivablesCard } from './ReceivablesCard.tsx';
import { useFinanceRights } from './rights.ts';

// 供应链融资: for a supplier, its limit with the formula, the receivables it may borrow against (to
// ask for an advance, of the platform or of a funder) and its requests; for the platform's team and
// a funder's (资金方: a bank, a factoring company), the requests by state — the approval queue
// (待审批) first, then those waiting to be funded, the funded and the overdue — each opening the
// request's page where it is decided. A funder sees the requests addressed to it; the platform all
// of them, with who funds each, and may narrow them to its own or to one funder's.
export default function FinancingTab() {
  const rights = useFinanceRights();
  if (rights.requestFinancing) {
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <LimitCard />
        <ReceivablesCard />
        <FinancingList />
      </Space>
    );
  }
  return <FinancingList />;
}

// The platform's views of the requests: the queue of each step, and all of them.
const views = ['requested', 'approved', 'funded', 'overdue', 'all'] as const;
type View = (typeof views)[number];

function FinancingList() {
  const { t } = useTranslation('finance');
  const navigate = useNavigate();
  const rights = useFinanceRights();
  const { params, setFilter } = useUrlFilters();
  const today = chinaToday();
  // The platform opens on its approval queue; a supplier on all of its requests.
  const view: View = views.find((v) => v === params.get('view')) ?? (rights.approveFinancing ? 'requested' : 'all');
  const status: FinancingStatus | undefined = view === 'all' ? undefined : view;
  const supplierOrgId = params.get('supplier') ?? undefined;
  // 'platform' or a funder organisation's id (the platform's filter).
  const funder = params.get('funder') ?? undefined;
  const funders = useFunders(rights.platform);
  // Who funds each request matters to the platform (it decides only its own) and to the supplier.
  const showFunder = rights.platform || rights.requestFinancing;

  const columns: CursorColumn<FinancingRequest>[] = [
    {
      key: 'no',
      title: t('financing.no'),
      width: 176,
      render: (_, r) => (
        <Link to={`/finance/financing/${r.id}`} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
          {r.requestNo}
        </Link>
      ),
    },
    ...(rights.approveFinancing
      ? [
          {
            key: 'supplier',
            title: t('financing.supplier'),
            ellipsis: true,
            render: (_: unknown, r: FinancingRequest) => <span title={r.supplier.name}>{r.supplier.name}</span>,
          } as CursorColumn<FinancingRequest>,
        ]
      : []),
    ...(showFunder
      ? [
          {
            key: 'funder',
            title: t('financing.funder'),
            width: 168,
            ellipsis: true,
            render: (_: unknown, r: FinancingRequest) =>
              r.funder ? <span title={r.funder.name}>{r.funder.name}</span> : <Typography.Text type="secondary">{t('financing.platformFunds')}</Typography.Text>,
          } as CursorColumn<FinancingRequest>,
        ]
      : []),
    { key: 'face', title: t('quote.face'), width: 116, align: 'right', render: (_, r) => <Amount fen={r.faceFen} strong /> },
    { key: 'fee', title: t('quote.fee'), width: 96, align: 'right', render: (_, r) => <Amount fen={r.feeFen} tone="secondary" /> },
    { key: 'advance', title: t('quote.advance'), width: 116, align: 'right', render: (_, r) => <Amount fen={r.advanceFen} /> },
    {
      key: 'payDay',
      title: t('quote.payDay'),
      width: 104,
      render: (_, r) => (
        <Typography.Text type={isOverdue(r, today) ? 'danger' : undefined} strong={isOverdue(r, today)} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {r.expectedPayDate}
        </Typography.Text>
      ),
    },
    { key: 'createdAt', title: t('financing.createdAt'), width: 136, render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{chinaDateTime(r.createdAt)}</span> },
    { key: 'status', title: t('col.status'), width: 84, render: (_, r) => <FinancingStatusTag status={r.status} late={isOverdue(r, today)} /> },
  ];

  const toolbar = (
    <Space wrap>
      {rights.approveFinancing ? (
        <Segmented<View> value={view} onChange={(v) => setFilter('view', v)} options={views.map((v) => ({ value: v, label: t(`financing.view.${v}`) }))} data-testid="financing-view" />
      ) : (
        <Typography.Text strong>{t('financing.mine')}</Typography.Text>
      )}
      {rights.platform && (
        <OrgSelect kinds={['supplier']} allowClear value={supplierOrgId} placeholder={t('financing.supplierFilter')} style={{ width: 240 }} onChange={(v) => setFilter('supplier', v)} />
      )}
      {rights.platform && (
        <Select
          allowClear
          value={funder}
          placeholder={t('financing.funderFilter')}
          style={{ width: 200 }}
          onChange={(v: string | undefined) => setFilter('funder', v)}
          options={(funders.data?.items ?? []).map((f) => ({ value: f.id ?? 'platform', label: f.id === null ? t('financing.platformFunds') : f.name }))}
          data-testid="funder-filter"
        />
      )}
    </Space>
  );

  const emptyText = supplierOrgId || funder ? t('list.emptyFiltered') : rights.approveFinancing ? t(`financing.empty.${view}`) : t('financing.emptyMine');
  return (
    <CursorTable<FinancingRequest>
      tableId="finance-financing"
      queryKey={[...keys.financing, 'list', { status, supplierOrgId, funder }]}
      fetchPage={(cursor, limit) => fetchFinancing({ limit, ...(cursor ? { cursor } : {}), ...(status ? { status } : {}), ...(supplierOrgId ? { supplierOrgId } : {}), ...(funder ? { funder } : {}) })}
      columns={columns}
      rowKey="id"
      scrollX={960}
      toolbar={toolbar}
      emptyText={<Typography.Text type="secondary">{emptyText}</Typography.Text>}
      onRow={(r) => ({ onClick: (e) => (e.target as HTMLElement).closest('a') || void navigate(`/finance/financing/${r.id}`), style: { cursor: 'pointer' } })}
    />
  );
}
