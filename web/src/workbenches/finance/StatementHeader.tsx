import { Card, Col, Descriptions, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '../../components/china-time.ts';
import type { Statement } from './api.ts';
import { Amount, StatementStatusTag } from './labels.tsx';
import { formatFen } from './money.ts';

const figure = { fontSize: 20, fontVariantNumeric: 'tabular-nums' } as const;

// A statement's head: who pays, for which days, and its money at a glance (total, received,
// still owed, invoiced), then how the total is made (parts net of VAT + VAT + the shops' handling
// fees − credit notes). `actions` are the page's buttons.
export function StatementHeader({ s, actions }: { s: Statement; actions: ReactNode }) {
  const { t } = useTranslation('finance');
  const live = s.status !== 'draft' && s.status !== 'cancelled';
  const stat = (title: string, fen: number, color?: string, testId?: string) => (
    <Col xs={12} md={6}>
      <Statistic title={title} value={formatFen(fen)} styles={{ content: { ...figure, color } }} data-testid={testId} />
    </Col>
  );
  return (
    <Card
      title={
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
          <span>{t('detail.title')}</span>
          <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 15 }} data-testid="statement-no">
            {s.statementNo}
          </Typography.Text>
          <StatementStatusTag status={s.status} />
        </span>
      }
      extra={actions}
      styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
    >
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {stat(t('detail.total'), s.totalFen, undefined, 'total')}
        {stat(t('detail.paid'), s.paidFen, s.paidFen > 0 ? '#389e0d' : undefined, 'paid')}
        {stat(t('detail.outstanding'), s.outstandingFen, live && s.outstandingFen > 0 ? '#cf1322' : undefined, 'outstanding')}
        {stat(t('detail.invoiced'), s.invoicedFen, undefined, 'invoiced')}
      </Row>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('detail.payer')} span={{ xs: 1, md: 2, xl: 1 }}>
          {s.payer.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.period')}>
          <span style={{ whiteSpace: 'nowrap' }}>
            {s.periodFrom} ~ {s.periodTo}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.invoiceRule')}>{s.invoiceRequired ? t('detail.invoiceRequired') : t('detail.invoiceOptional')}</Descriptions.Item>
        <Descriptions.Item label={t('detail.dates')} span={{ xs: 1, md: 2, xl: 2 }}>
          {t('detail.createdAt', { at: chinaDateTime(s.createdAt) })}
          {s.issuedAt && ` · ${t('detail.issuedAt', { at: chinaDateTime(s.issuedAt) })}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.lines')}>{t('detail.lineCount', { count: s.lineCount })}</Descriptions.Item>
      </Descriptions>
      {/* How the total is made: parts + VAT + handling fees − credit notes. */}
      <Descriptions size="small" bordered layout="vertical" column={5} data-testid="breakdown">
        <Descriptions.Item label={t('detail.net')}>
          <Amount fen={s.netFen} />
        </Descriptions.Item>
        <Descriptions.Item label={`+ ${t('detail.vat')}`}>
          <Amount fen={s.vatFen} />
        </Descriptions.Item>
        <Descriptions.Item label={`+ ${t('detail.handlingFee')}`}>
          <Amount fen={s.handlingFeeFen} tone={s.handlingFeeFen === 0 ? 'secondary' : undefined} />
        </Descriptions.Item>
        <Descriptions.Item label={`− ${t('detail.credits')}`}>
          <Amount fen={s.creditFen} tone={s.creditFen > 0 ? 'danger' : 'secondary'} />
        </Descriptions.Item>
        <Descriptions.Item label={`= ${t('detail.total')}`}>
          <Amount fen={s.totalFen} strong />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
