import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { useFinancingLimit } from './api.ts';
import { Amount } from './labels.tsx';
import { limitFactors, permilleText } from './limit-formula.ts';
import { formatFen } from './money.ts';

const figure = { fontSize: 20, fontVariantNumeric: 'tabular-nums' } as const;
const term = { whiteSpace: 'nowrap' } as const;

// 融资额度: a supplier's limit today, what its requests hold of it and what is left, and the stated
// formula with the supplier's own figures in it (limit-formula.ts), so the number can be checked by
// hand. The platform names the supplier; a supplier sees its own.
export function LimitCard({ supplierOrgId, title }: { supplierOrgId?: string; title?: string }) {
  const { t } = useTranslation('finance');
  const limit = useFinancingLimit(supplierOrgId);
  if (limit.isPending)
    return (
      <Card size="small" title={title ?? t('limit.title')}>
        <LoadingBlock rows={3} />
      </Card>
    );
  if (limit.isError)
    return (
      <Card size="small" title={title ?? t('limit.title')}>
        <LoadError error={limit.error} onRetry={() => void limit.refetch()} />
      </Card>
    );
  const l = limit.data;
  const f = limitFactors(l);
  return (
    <Card size="small" title={title ?? t('limit.title')} data-testid="limit-card">
      <Row gutter={[16, 12]} style={{ marginBottom: 12 }}>
        <Col xs={8}>
          <Statistic title={t('limit.limit')} value={formatFen(l.limitFen)} styles={{ content: figure }} data-testid="limit" />
        </Col>
        <Col xs={8}>
          <Statistic title={t('limit.held')} value={formatFen(l.outstandingFen)} styles={{ content: figure }} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('limit.available')} value={formatFen(l.availableFen)} styles={{ content: { ...figure, color: l.availableFen > 0 ? '#389e0d' : '#cf1322' } }} data-testid="available" />
        </Col>
      </Row>
      <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', lineHeight: '24px' }} data-testid="limit-formula">
        <Typography.Text type="secondary">{t('limit.formula')}</Typography.Text>
        <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 6, alignItems: 'baseline' }}>
          <span style={term}>
            {t('limit.sales', { days: l.formula.windowDays })} <Amount fen={f.salesFen} strong />
          </span>
          <span>×</span>
          <span style={term}>{t('limit.share', { pct: f.sharePct })}</span>
          <span>×</span>
          <span style={term}>{f.rated ? t('limit.rating', { rating: f.rating }) : t('limit.unrated', { rating: f.rating })}</span>
          <span>×</span>
          <span style={term}>{t('limit.returns', { rate: permilleText(f.returns.permille) })}</span>
          <span>×</span>
          <span style={term}>{t('limit.disputes', { rate: permilleText(f.disputes.permille) })}</span>
          <span>=</span>
          <span style={term}>
            <Amount fen={f.rawFen} />
          </span>
          <span>→</span>
          <span style={term}>
            {t('limit.rounded')} <Amount fen={l.limitFen} strong />
          </span>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('limit.inputs', {
            rejected: f.returns.bad,
            received: f.returns.all,
            credited: f.disputes.bad,
            billed: f.disputes.all,
            rate: l.formula.annualRateBp / 100,
          })}
        </Typography.Text>
      </div>
      {l.limitFen === 0 && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('limit.none')} />}
    </Card>
  );
}
