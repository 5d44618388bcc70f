import { PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { Link, useNavigate } from 'react-router-dom';
import { chinaDateTime } from '../../components/china-time.ts';
import { type CursorColumn, CursorTable } from '../../components/CursorTable.tsx';
import { fetchStatements, keys, type Statement, type StatementStatus, statementStatuses } from './api.ts';
import { CreateStatementModal } from './CreateStatementModal.tsx';
import { Amount, StatementStatusTag } from './labels.tsx';
import { OrgSelect } from './OrgSelect.tsx';
import { useFinanceRights } from './rights.ts';

// 对账单: statements newest first, filtered by status and (for the platform) payer, the filters in
// the URL. The platform's team sees drafts and gathers new ones; a payer sees its own, issued and
// after. A row opens the statement.
export default function StatementsTab() {
  const { t } = useTranslation('finance');
  const navigate = useNavigate();
  const rights = useFinanceRights();
  const { params, setFilter } = useUrlFilters();
  const [creating, setCreating] = useState(false);
  const status = (params.get('status') as StatementStatus | null) ?? undefined;
  const payerOrgId = params.get('payer') ?? undefined;
  // A payer never sees drafts or withdrawn ones (list-statements.ts): no filter offers them.
  const statuses = rights.platform ? statementStatuses : statementStatuses.filter((s) => s !== 'draft' && s !== 'cancelled');

  // Sized to fit the 1,024 px a 1280 px screen leaves beside the menu: the payer's name takes what
  // is left (a payer's own list shows when the statement was issued to it instead).
  const columns: CursorColumn<Statement>[] = [
    {
      key: 'no',
      title: t('col.statementNo'),
      width: 172,
      render: (_, s) => (
        <Link to={`/finance/statements/${s.id}`} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
          {s.statementNo}
        </Link>
      ),
    },
    rights.platform
      ? { key: 'payer', title: t('col.payer'), ellipsis: true, render: (_, s) => <span title={s.payer.name}>{s.payer.name}</span> }
      : { key: 'issuedAt', title: t('col.issuedAt'), width: 140, render: (_, s) => <span style={{ whiteSpace: 'nowrap' }}>{chinaDateTime(s.issuedAt)}</span> },
    {
      key: 'period',
      title: t('col.period'),
      width: 150,
      render: (_, s) => <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{s.periodFrom === s.periodTo ? s.periodFrom : `${s.periodFrom} ~ ${s.periodTo.slice(5)}`}</span>,
    },
    { key: 'status', title: t('col.status'), width: 80, render: (_, s) => <StatementStatusTag status={s.status} /> },
    { key: 'lines', title: t('col.lines'), width: 60, align: 'right', dataIndex: 'lineCount' },
    { key: 'total', title: t('col.total'), width: 116, align: 'right', render: (_, s) => <Amount fen={s.totalFen} strong /> },
    { key: 'paid', title: t('col.paid'), width: 116, align: 'right', render: (_, s) => <Amount fen={s.paidFen} tone={s.paidFen === 0 ? 'secondary' : undefined} /> },
    {
      key: 'outstanding',
      title: t('col.outstanding'),
      width: 116,
      align: 'right',
      render: (_, s) => <Amount fen={s.outstandingFen} tone={s.outstandingFen > 0 && s.status !== 'draft' && s.status !== 'cancelled' ? 'danger' : 'secondary'} />,
    },
  ];

  const toolbar = (
    <Space wrap>
      <Select<StatementStatus>
        allowClear
        value={status}
        placeholder={t('list.statusFilter')}
        style={{ width: 130 }}
        onChange={(v) => setFilter('status', v)}
        options={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        aria-label={t('list.statusFilter')}
      />
      {rights.platform && (
        <OrgSelect kinds={['insurer', 'repair_shop']} allowClear value={payerOrgId} placeholder={t('list.payerFilter')} style={{ width: 240 }} onChange={(v) => setFilter('payer', v)} />
      )}
      {rights.manage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-statement">
          {t('create.open')}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <CursorTable<Statement>
        tableId="finance-statements"
        queryKey={[...keys.statements, 'list', { status, payerOrgId }]}
        fetchPage={(cursor, limit) => fetchStatements({ limit, ...(cursor ? { cursor } : {}), ...(status ? { status } : {}), ...(payerOrgId ? { payerOrgId } : {}) })}
        columns={columns}
        rowKey="id"
        scrollX={960}
        toolbar={toolbar}
        emptyText={status || payerOrgId ? t('list.emptyFiltered') : <Typography.Text type="secondary">{rights.platform ? t('list.emptyPlatform') : t('list.emptyPayer')}</Typography.Text>}
        onRow={(s) => ({ onClick: (e) => (e.target as HTMLElement).closest('a') || void navigate(`/finance/statements/${s.id}`), style: { cursor: 'pointer' } })}
      />
      {creating && <CreateStatementModal onClose={() => setCreating(false)} />}
    </>
  );
}
