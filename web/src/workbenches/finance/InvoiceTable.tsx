import { RollbackOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from './api.ts';
import { InvoiceModal } from './InvoiceModal.tsx';
import { type InvoiceDoc, leftOf, redLetterTarget } from './invoice-target.ts';
import { Amount } from './labels.tsx';

const mono = { fontFamily: 'monospace', overflowWrap: 'anywhere' } as const;
const small = { fontSize: 12 } as const;

// The invoices of a statement or a payout, in the order recorded: each blue one with what has been
// taken back of it, each red-letter one (红字发票) in red and negative with the blue one it reverses.
// Whoever may record invoices there (`mayRecord`, rights.ts) takes a blue one back with 红冲: the
// dialog starts with what is left of it.
export function InvoiceTable({ doc, invoices, loading, failed, mayRecord, empty }: { doc: InvoiceDoc; invoices: Invoice[]; loading: boolean; failed: boolean; mayRecord: boolean; empty: string }) {
  const { t } = useTranslation('finance');
  const [reversing, setReversing] = useState<Invoice>();
  const byId = new Map(invoices.map((i) => [i.id, i]));

  return (
    <>
      <Table<Invoice>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={invoices}
        loading={loading}
        tableLayout="fixed"
        data-testid="invoice-table"
        rowClassName={(i) => (i.reversesInvoiceId ? 'invoice-red' : 'invoice-blue')}
        locale={{ emptyText: failed ? t('errors.load') : empty }}
        columns={[
          {
            key: 'no',
            title: t('invoice.no'),
            render: (_, i) => {
              const blue = i.reversesInvoiceId ? byId.get(i.reversesInvoiceId) : undefined;
              return (
                <div style={{ lineHeight: '20px', minWidth: 0 }}>
                  <Typography.Text style={mono} type={i.reversesInvoiceId ? 'danger' : undefined} data-testid="invoice-no">
                    {i.invoiceNo}
                  </Typography.Text>
                  <div>
                    {i.reversesInvoiceId && (
                      <Tag color="red" style={{ marginInlineEnd: 4, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
                        {t('invoice.redTag')}
                      </Tag>
                    )}
                    <Typography.Text type="secondary" style={small}>
                      {t(`invoice.${i.kind}Short`)} · {i.issuedOn}
                    </Typography.Text>
                  </div>
                  {i.reversesInvoiceId && (
                    <div style={{ ...small, overflowWrap: 'anywhere' }}>
                      <Typography.Text type="secondary" style={small}>
                        {t('invoice.reversesShort')}{' '}
                      </Typography.Text>
                      <Typography.Text style={{ ...small, fontFamily: 'monospace' }}>{blue?.invoiceNo ?? '—'}</Typography.Text>
                    </div>
                  )}
                </div>
              );
            },
          },
          {
            key: 'total',
            title: t('invoice.gross'),
            width: 132,
            align: 'right',
            render: (_, i) => (
              <div style={{ lineHeight: '20px' }}>
                <Amount fen={i.totalFen} strong tone={i.totalFen < 0 ? 'danger' : undefined} />
                <div>
                  <Typography.Text type="secondary" style={small}>
                    {t('invoice.taxShort')} <Amount fen={i.taxFen} tone="secondary" />
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          {
            key: 'left',
            title: t('invoice.state'),
            width: 112,
            render: (_, i) => {
              if (i.reversesInvoiceId) return null;
              const left = leftOf(i, invoices).totalFen;
              const taken = i.totalFen - left;
              return (
                <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 4 }}>
                  {left <= 0 ? (
                    <Tag style={{ marginInlineEnd: 0 }}>{t('invoice.allReversed')}</Tag>
                  ) : taken > 0 ? (
                    <Typography.Text type="secondary" style={small}>
                      {t('invoice.partReversed')} <Amount fen={taken} tone="secondary" />
                    </Typography.Text>
                  ) : (
                    <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                      {t('invoice.blueTag')}
                    </Tag>
                  )}
                  {mayRecord && left > 0 && (
                    <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setReversing(i)} data-testid="red-letter">
                      {t('invoice.redOpen')}
                    </Button>
                  )}
                </div>
              );
            },
          },
        ]}
      />
      {reversing && <InvoiceModal target={redLetterTarget(doc, reversing, invoices)} onClose={() => setReversing(undefined)} />}
    </>
  );
}
