import { Card, Progress, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '../../components/china-time.ts';
import { type Payment, type Statement, useInvoices, useStatementPayments } from './api.ts';
import { InvoiceTable } from './InvoiceTable.tsx';
import { statementDoc } from './invoice-target.ts';
import { Amount } from './labels.tsx';
import { mayInvoice, useFinanceRights } from './rights.ts';

type Row = { payment: Payment; allocation: Payment['allocations'][number] };

// 收款核销: the payments matched to this statement (what each put on it, when), against what it
// still owes.
export function StatementPayments({ s }: { s: Statement }) {
  const { t } = useTranslation('finance');
  const payments = useStatementPayments(s);
  const rows = payments.data?.rows ?? [];
  return (
    <Card
      size="small"
      title={t('matched.title')}
      extra={
        <Typography.Text type="secondary">
          {t('matched.summary')} <Amount fen={s.paidFen} /> / <Amount fen={s.totalFen} />
        </Typography.Text>
      }
      style={{ height: '100%' }}
      data-testid="statement-payments"
    >
      <Table<Row>
        size="small"
        rowKey={(r) => `${r.payment.id}:${r.allocation.at}`}
        pagination={false}
        dataSource={rows}
        loading={payments.isFetching}
        columns={[
          { key: 'no', title: t('payment.no'), render: (_, r) => <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{r.payment.paymentNo}</span> },
          { key: 'bankRef', title: t('payment.bankRef'), ellipsis: true, render: (_, r) => r.payment.bankRef },
          { key: 'on', title: t('payment.receivedOn'), width: 96, render: (_, r) => r.payment.receivedOn },
          { key: 'amount', title: t('matched.amount'), width: 112, align: 'right', render: (_, r) => <Amount fen={r.allocation.amountFen} /> },
        ]}
        locale={{ emptyText: payments.isError ? t('errors.load') : s.paidFen > 0 ? t('matched.notShown') : t('matched.none') }}
      />
      {payments.data?.more && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('matched.more')}
        </Typography.Text>
      )}
    </Card>
  );
}

// 发票: what invoices the statement has recorded against its total, and whether its payer needs
// them before the statement is paid; then the invoices themselves, red-letter ones among them.
export function StatementInvoices({ s }: { s: Statement }) {
  const { t } = useTranslation('finance');
  const rights = useFinanceRights();
  const invoices = useInvoices({ statementId: s.id });
  const share = s.totalFen > 0 ? Math.min(100, Math.floor((s.invoicedFen * 100) / s.totalFen)) : 0;
  const covered = s.invoicedFen >= s.totalFen && s.totalFen > 0;
  return (
    <Card size="small" title={t('invoice.title')} style={{ height: '100%' }} data-testid="statement-invoices">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
          <span>
            {t('invoice.recorded')} <Amount fen={s.invoicedFen} strong /> / <Amount fen={s.totalFen} />
          </span>
          {s.invoiceRequired ? <Tag color={covered ? 'success' : 'warning'}>{covered ? t('invoice.complete') : t('invoice.needed')}</Tag> : <Tag>{t('invoice.optional')}</Tag>}
        </div>
        <Progress percent={share} size="small" status={covered ? 'success' : 'normal'} showInfo={false} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {s.invoiceRequired ? t('invoice.rule') : t('invoice.ruleOptional')}
        </Typography.Text>
        {s.status === 'paid' && (
          <Typography.Text type="success" style={{ fontSize: 12 }}>
            {t('invoice.paidAt', { at: chinaDateTime(s.updatedAt) })}
          </Typography.Text>
        )}
        <InvoiceTable
          doc={statementDoc(s)}
          invoices={invoices.data ?? []}
          loading={invoices.isFetching}
          failed={invoices.isError}
          mayRecord={mayInvoice(rights, 'statement')}
          empty={t('invoice.none')}
        />
      </Space>
    </Card>
  );
}
