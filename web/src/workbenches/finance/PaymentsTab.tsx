import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { Link, useNavigate } from 'react-router-dom';
import { call, client } from '../../api/client.ts';
import { type CursorColumn, CursorTable } from '../../components/CursorTable.tsx';
import { keys, type Payment } from './api.ts';
import { AllocateModal } from './AllocateModal.tsx';
import { Amount } from './labels.tsx';
import { OrgSelect } from './OrgSelect.tsx';
import { RecordPaymentModal } from './RecordPaymentModal.tsx';
import { RefundModal } from './RefundModal.tsx';

// 收款: money received, newest first, with what each was matched to and what is left unmatched
// (over-payments and money not yet matched stay in sight: the "unmatched" filter lists only them).
// The platform's team records payments here and matches what is left.
export default function PaymentsTab() {
  const { t } = useTranslation('finance');
  const navigate = useNavigate();
  const { params, setFilter } = useUrlFilters();
  const [recording, setRecording] = useState(false);
  const [allocating, setAllocating] = useState<Payment>();
  const [refunding, setRefunding] = useState<Payment>();
  const unmatched = params.get('unmatched') === 'true';
  const payerOrgId = params.get('payer') ?? undefined;

  const columns: CursorColumn<Payment>[] = [
    { key: 'no', title: t('payment.no'), width: 150, render: (_, p) => <span style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' }}>{p.paymentNo}</span> },
    {
      key: 'payer',
      title: t('payment.payer'),
      ellipsis: true,
      render: (_, p) => (
        <div style={{ minWidth: 0 }}>
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={p.payer.name}>
            {p.payer.name}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {p.bankRef}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'on', title: t('payment.receivedOn'), width: 96, render: (_, p) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{p.receivedOn}</span> },
    { key: 'amount', title: t('payment.amount'), width: 104, align: 'right', render: (_, p) => <Amount fen={p.amountFen} strong /> },
    { key: 'allocated', title: t('payment.allocated'), width: 100, align: 'right', render: (_, p) => <Amount fen={p.allocatedFen} tone={p.allocatedFen === 0 ? 'secondary' : undefined} /> },
    // Asked back or sent back (退款): held from matches.
    { key: 'refunded', title: t('payment.refunded'), width: 100, align: 'right', render: (_, p) => <Amount fen={p.refundedFen} tone={p.refundedFen === 0 ? 'secondary' : undefined} /> },
    {
      key: 'left',
      title: t('payment.unallocated'),
      width: 104,
      align: 'right',
      render: (_, p) => <Amount fen={p.unallocatedFen} tone={p.unallocatedFen > 0 ? 'warning' : 'secondary'} strong={p.unallocatedFen > 0} />,
    },
    {
      key: 'to',
      title: t('payment.matchedTo'),
      width: 150,
      render: (_, p) =>
        p.allocations.length === 0 ? (
          <Typography.Text type="secondary">{t('payment.notMatched')}</Typography.Text>
        ) : (
          <div style={{ lineHeight: '20px' }}>
            {p.allocations.slice(0, 3).map((a) => (
              <div key={`${a.statementId}:${a.at}`} style={{ whiteSpace: 'nowrap' }}>
                <Link to={`/finance/statements/${a.statementId}`} style={{ fontFamily: 'monospace', fontSize: 12 }}>
                  {a.statementNo}
                </Link>
              </div>
            ))}
            {p.allocations.length > 3 && <Typography.Text type="secondary">{t('payment.andMore', { count: p.allocations.length - 3 })}</Typography.Text>}
          </div>
        ),
    },
    {
      key: 'actions',
      title: t('col.actions'),
      width: 88,
      render: (_, p) =>
        p.unallocatedFen > 0 ? (
          <Space size={8}>
            <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setAllocating(p)} data-testid={`allocate-${p.paymentNo}`}>
              {t('allocate.open')}
            </Button>
            <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setRefunding(p)} data-testid={`refund-${p.paymentNo}`}>
              {t('refund.open')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  const toolbar = (
    <Space wrap>
      <OrgSelect kinds={['insurer', 'repair_shop']} allowClear value={payerOrgId} placeholder={t('list.payerFilter')} style={{ width: 240 }} onChange={(v) => setFilter('payer', v)} />
      <Checkbox checked={unmatched} onChange={(e) => setFilter('unmatched', e.target.checked ? 'true' : undefined)} data-testid="unmatched-filter">
        {t('payment.onlyUnmatched')}
      </Checkbox>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-payment">
        {t('payment.open')}
      </Button>
      <Button icon={<ImportOutlined />} onClick={() => void navigate('/finance/payments/import')} data-testid="import-bank">
        {t('bankImport.open')}
      </Button>
    </Space>
  );

  return (
    <>
      <CursorTable<Payment>
        tableId="finance-payments"
        queryKey={[...keys.payments, 'list', { unmatched, payerOrgId }]}
        fetchPage={(cursor, limit) =>
          call(client.GET('/api/v1/payments', { params: { query: { limit, ...(cursor ? { cursor } : {}), ...(unmatched ? { unmatched: 'true' } : {}), ...(payerOrgId ? { payerOrgId } : {}) } } }))
        }
        columns={columns}
        rowKey="id"
        scrollX={1000}
        toolbar={toolbar}
        emptyText={unmatched ? t('payment.emptyUnmatched') : payerOrgId ? t('list.emptyFiltered') : t('payment.empty')}
      />
      {recording && <RecordPaymentModal onClose={() => setRecording(false)} />}
      {allocating && <AllocateModal payment={allocating} onClose={() => setAllocating(undefined)} />}
      {refunding && <RefundModal payment={refunding} onClose={() => setRefunding(undefined)} />}
    </>
  );
}
