import { ArrowLeftOutlined, CheckOutlined, DownloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Alert, Button, Card, Col, Descriptions, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { chinaDateTime } from '../../components/china-time.ts';
import { type CursorColumn, CursorTable } from '../../components/CursorTable.tsx';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { fetchAllRemittance, fetchRemittance, keys, type Payout, type RemittanceLine, usePayout } from './api.ts';
import { Amount, PayoutStatusTag } from './labels.tsx';
import { formatFen } from './money.ts';
import { type PayoutAnswer, PayoutAnswerModal } from './PayoutAnswerModal.tsx';
import { PayoutInvoices } from './PayoutInvoices.tsx';
import { remittanceCsv } from './remittance-csv.ts';
import { useFinanceRights } from './rights.ts';

const figure = { fontSize: 20, fontVariantNumeric: 'tabular-nums' } as const;

// /finance/payouts/:id — one payout (付款单): to whom, for which run, what it pays (the lines owed
// less fees and corrections), the bank's answer; the payee's invoices for it (收票); the remittance
// advice (付款通知) line by line and as a CSV file. The platform's team records the bank's
// confirmation or return and the payee's invoices; the payee reads.
export default function PayoutPage() {
  const { id = '' } = useParams<{ id: string }>();
  const payout = usePayout(id);
  if (payout.isPending) return <LoadingBlock rows={10} />;
  if (payout.isError) return <LoadError error={payout.error} onRetry={() => void payout.refetch()} />;
  return <PayoutView key={id} p={payout.data} />;
}

function PayoutView({ p }: { p: Payout }) {
  const { t } = useTranslation('finance');
  const rights = useFinanceRights();
  const [answer, setAnswer] = useState<PayoutAnswer>();
  const stat = (title: string, fen: number, color?: string, testId?: string) => (
    <Col xs={12} md={6}>
      <Statistic title={title} value={formatFen(fen)} styles={{ content: { ...figure, color } }} data-testid={testId} />
    </Col>
  );

  const actions = (
    <Space wrap size={8}>
      {rights.managePayouts && p.status === 'pending' && (
        <>
          <Button type="primary" icon={<CheckOutlined />} onClick={() => setAnswer('confirm')} data-testid="confirm-payout">
            {t('payout.confirm')}
          </Button>
          <Button danger icon={<RollbackOutlined />} onClick={() => setAnswer('return')} data-testid="return-payout">
            {t('payout.return')}
          </Button>
        </>
      )}
      <RemittanceDownload p={p} />
    </Space>
  );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Link to="/finance/payouts">
        <ArrowLeftOutlined /> {t('payout.back')}
      </Link>
      {rights.managePayouts && p.status === 'pending' && <Alert type="info" showIcon title={t('payout.pendingHint')} />}
      {p.status === 'returned' && <Alert type="warning" showIcon title={t('payout.returnedHint')} />}
      <Card
        title={
          <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
            <span>{t('payout.title')}</span>
            <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 15 }} data-testid="payout-no">
              {p.payoutNo}
            </Typography.Text>
            <PayoutStatusTag status={p.status} />
          </span>
        }
        extra={actions}
        styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
      >
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {stat(t('payout.credits'), p.creditsFen)}
          {stat(t('payout.debits'), -p.debitsFen, p.debitsFen > 0 ? '#cf1322' : undefined)}
          {stat(t('payout.amount'), p.amountFen, undefined, 'payout-amount')}
          <Col xs={12} md={6}>
            <Statistic title={t('payout.items')} value={p.itemCount} styles={{ content: figure }} />
          </Col>
        </Row>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('payout.payee')}>
            {p.payee.name}
            <Typography.Text type="secondary">（{t(`payeeKind.${p.payeeKind}`)}）</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('payout.runDate')}>{p.runDate}</Descriptions.Item>
          <Descriptions.Item label={t('payout.dueThrough')}>{t('payout.through', { day: p.dueThrough })}</Descriptions.Item>
          <Descriptions.Item label={t('payout.bankRef')}>
            {p.bankRef ? (
              <Typography.Text copyable style={{ fontFamily: 'monospace' }} data-testid="payout-bank-ref">
                {p.bankRef}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{p.status === 'pending' ? t('payout.awaitingBank') : '—'}</Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('payout.createdAt')}>{chinaDateTime(p.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <PayoutInvoices p={p} />
      <RemittanceLines p={p} />
      {answer && <PayoutAnswerModal payout={p} answer={answer} onClose={() => setAnswer(undefined)} />}
    </Space>
  );
}

// The remittance advice, line by line: each sale the payee was owed, each fee or correction taken.
function RemittanceLines({ p }: { p: Payout }) {
  const { t } = useTranslation('finance');
  const columns: CursorColumn<RemittanceLine>[] = [
    { key: 'postedAt', title: t('remit.postedAt'), width: 140, render: (_, l) => <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{chinaDateTime(l.postedAt)}</span> },
    { key: 'code', title: t('remit.code'), width: 150, render: (_, l) => t(`transferCode.${l.code}`, { defaultValue: t('remit.otherCode') }) },
    {
      key: 'part',
      title: t('remit.part'),
      ellipsis: true,
      render: (_, l) => (l.productName ? <span title={l.productName}>{l.productName}</span> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      key: 'refs',
      title: t('remit.refs'),
      width: 210,
      render: (_, l) =>
        l.claimNo || l.orderNo ? (
          <div style={{ fontFamily: 'monospace', fontSize: 12, lineHeight: '18px', whiteSpace: 'nowrap' }}>
            <div>{l.claimNo ?? <Typography.Text type="secondary">{t('line.noClaim')}</Typography.Text>}</div>
            <Typography.Text type="secondary">{l.orderNo}</Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { key: 'qty', title: t('line.qty'), width: 60, align: 'right', render: (_, l) => l.qty ?? '—' },
    { key: 'amount', title: t('remit.amount'), width: 124, align: 'right', render: (_, l) => <Amount fen={l.amountFen} tone={l.amountFen < 0 ? 'danger' : undefined} /> },
  ];
  return (
    <Card title={t('remit.title', { count: p.itemCount })} size="small" styles={{ body: { paddingTop: 12 } }}>
      <CursorTable<RemittanceLine>
        tableId="finance-remittance"
        queryKey={[...keys.payout(p.id), 'lines']}
        fetchPage={(cursor, limit) => fetchRemittance(p.id, cursor, limit)}
        columns={columns}
        rowKey="transferId"
        scrollX={880}
        toolbar={<Typography.Text type="secondary">{t('remit.hint')}</Typography.Text>}
        emptyText={p.status === 'returned' ? t('remit.emptyReturned') : t('remit.empty')}
      />
    </Card>
  );
}

// 导出付款通知 (CSV): every line of the advice, read page by page and written here (the server has
// no file for a payout), named after the payout.
function RemittanceDownload({ p }: { p: Payout }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { lines, complete } = await fetchAllRemittance(p.id);
      const csv = remittanceCsv(lines, {
        headers: [t('remit.postedAt'), t('remit.code'), t('remit.claimNo'), t('remit.orderNo'), t('remit.part'), t('line.qty'), t('remit.amountYuan')],
        code: (code) => t(`transferCode.${code}`, { defaultValue: code }),
        total: t('remit.total'),
      });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${t('remit.fileName')}-${p.payoutNo}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      if (!complete) void message.warning(t('remit.cutShort', { count: lines.length }));
    } catch {
      void message.error(t('export.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void run()} data-testid="export-remittance">
      {t('remit.export')}
    </Button>
  );
}
