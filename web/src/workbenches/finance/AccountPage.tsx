import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Col, DatePicker, Descriptions, Row, Select, Space, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { Link, useParams } from 'react-router-dom';
import { call, client } from '../../api/client.ts';
import { chinaDateTime } from '../../components/china-time.ts';
import { type CursorColumn, CursorTable } from '../../components/CursorTable.tsx';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { keys, type LedgerAccount, type LedgerTransfer, type TransferCode, transferCodes, useAccount } from './api.ts';
import { Amount, PhaseTag, SideTag } from './labels.tsx';
import { AccountOwner } from './LedgerTab.tsx';
import { formatFen } from './money.ts';

// /finance/ledger/:id — one ledger account: its balances, and its transfers newest first (a page
// at a time with the API's cursors), filtered by transfer code and by China days. Each transfer
// says which side of it this account is on, the account on the other side and what caused it.
export default function AccountPage() {
  const { id = '' } = useParams<{ id: string }>();
  const account = useAccount(id);
  if (account.isPending) return <LoadingBlock rows={10} />;
  if (account.isError) return <LoadError error={account.error} onRetry={() => void account.refetch()} />;
  return <AccountView a={account.data} />;
}

// What caused a transfer, by kind: the documents' numbers are not in the transfer's answer (only
// their ids, kept in the tag's tooltip for whoever needs to look one up).
function Cause({ label, id }: { label: string; id: string | null }) {
  if (!id) return null;
  return (
    <Tag style={{ marginInlineEnd: 4 }} title={id}>
      {label}
    </Tag>
  );
}

function AccountView({ a }: { a: LedgerAccount }) {
  const { t } = useTranslation('finance');
  const { params, setFilters: set } = useUrlFilters();
  const code = (params.get('code') as TransferCode | null) ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;

  const columns: CursorColumn<LedgerTransfer>[] = [
    { key: 'at', title: t('transfer.at'), width: 136, render: (_, x) => <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{chinaDateTime(x.at)}</span> },
    {
      key: 'code',
      title: t('transfer.code'),
      width: 170,
      render: (_, x) => (
        <Space size={4} wrap>
          <span>{x.codeName}</span>
          <PhaseTag phase={x.phase} />
          {x.reversesId && <Typography.Text type="danger">{t('transfer.reversal')}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'side', title: t('transfer.side'), width: 64, render: (_, x) => <SideTag side={x.side} /> },
    {
      key: 'amount',
      title: t('transfer.amount'),
      width: 130,
      align: 'right',
      // What the transfer did to this account's balance: up on its normal side, down on the other.
      // A pending transfer moves only the pending figure and a void takes it back, so both are muted.
      render: (_, x) => {
        const up = x.side === a.normal;
        return <Amount fen={up ? x.amountFen : -x.amountFen} sign="always" tone={x.phase === 'void' || x.phase === 'pending' ? 'secondary' : up ? undefined : 'danger'} />;
      },
    },
    {
      key: 'other',
      title: t('transfer.other'),
      ellipsis: true,
      render: (_, x) => (
        <div style={{ minWidth: 0 }}>
          <div>{x.otherAccount.codeName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: x.otherAccount.org?.name ?? x.otherAccount.partner?.name }}>
            {x.otherAccount.org?.name ?? (x.otherAccount.partner ? t('ledger.partner', { name: x.otherAccount.partner.name }) : t('ledger.platformBooks'))}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'links',
      title: t('transfer.cause'),
      width: 150,
      render: (_, x) => (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
          <Cause label={t('transfer.order')} id={x.links.orderId} />
          <Cause label={t('transfer.purchaseOrder')} id={x.links.purchaseOrderId} />
          <Cause label={t('transfer.return')} id={x.links.returnId} />
          <Cause label={t('transfer.document')} id={x.links.documentId} />
          {!x.links.orderId && !x.links.purchaseOrderId && !x.links.returnId && !x.links.documentId && <Typography.Text type="secondary">—</Typography.Text>}
        </div>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Link to="/finance/ledger">
        <ArrowLeftOutlined /> {t('ledger.back')}
      </Link>
      <Card title={<span>{t('ledger.accountTitle', { name: a.codeName })}</span>} size="small">
        <Row gutter={[16, 12]} style={{ marginBottom: 12 }}>
          <Col xs={12} md={6}>
            <Statistic title={t('ledger.balance')} value={formatFen(a.balanceFen)} styles={{ content: { fontSize: 20, fontVariantNumeric: 'tabular-nums' } }} data-testid="account-balance" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('ledger.pending')} value={formatFen(a.pendingFen)} styles={{ content: { fontSize: 20, fontVariantNumeric: 'tabular-nums' } }} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('ledger.debitsPosted')} value={formatFen(a.debitsPostedFen)} styles={{ content: { fontSize: 20, fontVariantNumeric: 'tabular-nums' } }} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('ledger.creditsPosted')} value={formatFen(a.creditsPostedFen)} styles={{ content: { fontSize: 20, fontVariantNumeric: 'tabular-nums' } }} />
          </Col>
        </Row>
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('ledger.owner')}>
            <AccountOwner a={a} />
          </Descriptions.Item>
          <Descriptions.Item label={t('ledger.normalSide')}>{t(`side.${a.normal}`)}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.creditLimit')}>
            {a.creditLimitFen === null ? t('ledger.noLimit') : `${formatFen(a.creditLimitFen)}（${t('ledger.available')} ${formatFen(a.creditAvailableFen)}）`}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('transfer.title')} size="small">
        <CursorTable<LedgerTransfer>
          tableId="finance-transfers"
          queryKey={[...keys.transfers(a.id), { code, from, to }]}
          fetchPage={(cursor, limit) =>
            call(
              client.GET('/api/v1/ledger/transfers', {
                params: { query: { accountId: a.id, limit, ...(cursor ? { cursor } : {}), ...(code ? { code } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) } },
              }),
            )
          }
          columns={columns}
          rowKey="id"
          scrollX={960}
          toolbar={
            <Space wrap>
              <Select<TransferCode>
                allowClear
                value={code}
                placeholder={t('transfer.codeFilter')}
                style={{ width: 200 }}
                onChange={(v) => set({ code: v })}
                options={transferCodes.map((c) => ({ value: c, label: t(`transferCode.${c}`) }))}
                aria-label={t('transfer.codeFilter')}
                popupMatchSelectWidth={false}
              />
              <DatePicker.RangePicker
                value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
                onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
                allowEmpty={[true, true]}
                style={{ width: 250 }}
              />
            </Space>
          }
          emptyText={code || from || to ? t('list.emptyFiltered') : t('transfer.empty')}
        />
      </Card>
    </Space>
  );
}
