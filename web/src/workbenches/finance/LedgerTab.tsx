import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { Link, useNavigate } from 'react-router-dom';
import { call, client } from '../../api/client.ts';
import { type CursorColumn, CursorTable } from '../../components/CursorTable.tsx';
import { type AccountCode, accountCodes, type AccountsQuery, keys, type LedgerAccount } from './api.ts';
import { Amount, QuietAmount } from './labels.tsx';
import { OrgSelect } from './OrgSelect.tsx';
import { useFinanceRights } from './rights.ts';

// Whose account, in words: the organisation it is kept for, or the platform's own books (with the
// counterparty of the platform's accounts kept per payer or supplier).
export function AccountOwner({ a }: { a: Pick<LedgerAccount, 'org' | 'partner'> }) {
  const { t } = useTranslation('finance');
  return (
    <div style={{ minWidth: 0 }}>
      <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={a.org?.name}>
        {a.org ? a.org.name : <Typography.Text type="secondary">{t('ledger.platformBooks')}</Typography.Text>}
      </div>
      {a.partner && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: a.partner.name }}>
          {t('ledger.partner', { name: a.partner.name })}
        </Typography.Text>
      )}
    </div>
  );
}

// 总账 · 科目余额: the ledger accounts the caller may see with their balances (posted, signed by the
// account's normal side: what an insurer owes, what the platform owes a supplier) and what is still
// pending. The platform filters by owner (an organisation or its own books) and code; any other
// organisation sees its own accounts. A row opens the account's transfers.
export default function LedgerTab() {
  const { t } = useTranslation('finance');
  const navigate = useNavigate();
  const rights = useFinanceRights();
  const { params, setFilter } = useUrlFilters();
  const orgId = (params.get('org') as AccountsQuery['orgId'] | null) ?? undefined;
  const code = (params.get('code') as AccountCode | null) ?? undefined;

  const columns: CursorColumn<LedgerAccount>[] = [
    {
      key: 'code',
      title: t('ledger.account'),
      width: 176,
      render: (_, a) => (
        <div>
          <Link to={`/finance/ledger/${a.id}`}>{a.codeName}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('ledger.normal', { side: t(`side.${a.normal}`) })}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    ...(rights.platform ? [{ key: 'owner', title: t('ledger.owner'), ellipsis: true, render: (_: unknown, a: LedgerAccount) => <AccountOwner a={a} /> } as CursorColumn<LedgerAccount>] : []),
    { key: 'balance', title: t('ledger.balance'), width: 128, align: 'right', render: (_, a) => <Amount fen={a.balanceFen} strong tone={a.balanceFen < 0 ? 'danger' : undefined} /> },
    { key: 'pending', title: t('ledger.pending'), width: 96, align: 'right', render: (_, a) => <QuietAmount fen={a.pendingFen} /> },
    { key: 'debits', title: t('ledger.debitsPosted'), width: 128, align: 'right', render: (_, a) => <QuietAmount fen={a.debitsPostedFen} /> },
    { key: 'credits', title: t('ledger.creditsPosted'), width: 128, align: 'right', render: (_, a) => <QuietAmount fen={a.creditsPostedFen} /> },
    {
      key: 'limit',
      title: t('ledger.creditLimit'),
      width: 112,
      align: 'right',
      render: (_, a) =>
        a.creditLimitFen === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <div>
            <Amount fen={a.creditLimitFen} />
            <div style={{ fontSize: 12 }}>
              {t('ledger.available')} <Amount fen={a.creditAvailableFen} tone={(a.creditAvailableFen ?? 0) < 0 ? 'danger' : 'secondary'} />
            </div>
          </div>
        ),
    },
  ];

  const toolbar = (
    <Space wrap>
      {rights.platform && (
        <OrgSelect
          kinds={['insurer', 'repair_shop', 'supplier']}
          allowClear
          value={orgId}
          placeholder={t('ledger.ownerFilter')}
          style={{ width: 260 }}
          extra={[{ value: 'platform', label: t('ledger.platformBooks') }]}
          onChange={(v) => setFilter('org', v)}
        />
      )}
      <Select<AccountCode>
        allowClear
        value={code}
        placeholder={t('ledger.codeFilter')}
        style={{ width: 220 }}
        onChange={(v) => setFilter('code', v)}
        options={accountCodes.map((c) => ({ value: c, label: t(`accountCode.${c}`) }))}
        aria-label={t('ledger.codeFilter')}
        popupMatchSelectWidth={false}
      />
    </Space>
  );

  return (
    <CursorTable<LedgerAccount>
      tableId="finance-accounts"
      queryKey={[...keys.accounts, 'list', { orgId, code }]}
      fetchPage={(cursor, limit) =>
        call(client.GET('/api/v1/ledger/accounts', { params: { query: { limit, ...(cursor ? { cursor } : {}), ...(orgId ? { orgId } : {}), ...(code ? { code } : {}) } } }))
      }
      columns={columns}
      rowKey="id"
      scrollX={960}
      toolbar={toolbar}
      emptyText={orgId || code ? t('list.emptyFiltered') : t('ledger.empty')}
      onRow={(a) => ({ onClick: (e) => (e.target as HTMLElement).closest('a') || void navigate(`/finance/ledger/${a.id}`), style: { cursor: 'pointer' } })}
    />
  );
}
