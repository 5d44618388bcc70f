import { FileTextOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Payout, useInvoices } from './api.ts';
import { InvoiceModal } from './InvoiceModal.tsx';
import { InvoiceTable } from './InvoiceTable.tsx';
import { invoicedFen, payoutDoc, payoutTarget } from './invoice-target.ts';
import { Amount } from './labels.tsx';
import { mayInvoice, useFinanceRights } from './rights.ts';

// 收票: the payee's invoices to the platform for this payout (a supplier's for the goods it was paid
// for, a shop's for its handling fees), at most what the payout paid for before fees and
// corrections (its credits). The platform's finance team records them as they arrive (登记发票) and
// takes one back with a red-letter invoice (红冲); the payee reads them. A funder is repaid the
// receivables it bought and invoices nothing (the demo's terms say so): no button for its payouts.
export function PayoutInvoices({ p }: { p: Payout }) {
  const { t } = useTranslation('finance');
  const rights = useFinanceRights();
  const invoices = useInvoices({ payoutId: p.id });
  const [recording, setRecording] = useState(false);
  const items = invoices.data ?? [];
  const invoiced = invoicedFen(items);
  const covered = invoiced >= p.creditsFen && p.creditsFen > 0;
  const share = p.creditsFen > 0 ? Math.min(100, Math.max(0, Math.floor((invoiced * 100) / p.creditsFen))) : 0;
  const may = mayInvoice(rights, 'payout');
  const invoicing = p.payeeKind !== 'funder' && p.status !== 'returned';

  return (
    <Card
      size="small"
      title={t('payoutInvoice.title')}
      extra={
        may &&
        invoicing &&
        !covered &&
        invoices.isSuccess && (
          <Button size="small" icon={<FileTextOutlined />} onClick={() => setRecording(true)} data-testid="record-payout-invoice">
            {t('invoice.open')}
          </Button>
        )
      }
      data-testid="payout-invoices"
    >
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {invoicing ? (
          <>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
              <span data-testid="payout-invoiced">
                {t('payoutInvoice.recorded')} <Amount fen={invoiced} strong /> / <Amount fen={p.creditsFen} />
              </span>
              <Tag color={covered ? 'success' : 'warning'} style={{ marginInlineEnd: 0 }}>
                {covered ? t('payoutInvoice.complete') : t('payoutInvoice.needed')}
              </Tag>
            </div>
            <Progress percent={share} size="small" status={covered ? 'success' : 'normal'} showInfo={false} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`payoutInvoice.rule.${p.payeeKind}`)}
            </Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.status === 'returned' ? t('payoutInvoice.returned') : t('payoutInvoice.funder')}
          </Typography.Text>
        )}
        {(invoicing || items.length > 0) && (
          <InvoiceTable doc={payoutDoc(p)} invoices={items} loading={invoices.isFetching} failed={invoices.isError} mayRecord={may} empty={t('payoutInvoice.none')} />
        )}
      </Space>
      {recording && <InvoiceModal target={payoutTarget(p, items)} onClose={() => setRecording(false)} />}
    </Card>
  );
}
