import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { chinaDate } from '../../components/china-time.ts';
import { Money } from '../../components/money.tsx';
import { lineName, type Order } from './api.ts';
import { LateTag } from './labels.tsx';

// Cells an order list shows (orders, deliveries to sign): what is in it, what it costs, when it comes.

export function PartsCell({ order }: { order: Order }) {
  const { t, i18n } = useTranslation('shop');
  const live = order.lines.filter((l) => l.status !== 'cancelled');
  const shown = live.length > 0 ? live : order.lines;
  const first = shown[0];
  if (!first) return <Typography.Text type="secondary">—</Typography.Text>;
  const units = shown.reduce((n, l) => n + l.qty, 0);
  return (
    <div style={{ maxWidth: 260 }}>
      <Typography.Text ellipsis style={{ maxWidth: 260 }}>
        {lineName(first, i18n.language)}
        {shown.length > 1 && t('list.andMore', { n: shown.length })}
      </Typography.Text>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('list.lineCount', { lines: shown.length, units })}
        </Typography.Text>
      </div>
    </div>
  );
}

export function AmountCell({ order }: { order: Order }) {
  const { t } = useTranslation('shop');
  return (
    <div style={{ textAlign: 'right' }}>
      <Money fen={order.amountFen} strong />
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('list.vat')} <Money fen={order.vatFen} type="secondary" />
        </Typography.Text>
      </div>
    </div>
  );
}

// When the goods come: the latest ETA of the lines still on their way, or that all arrived.
export function EtaCell({ order }: { order: Order }) {
  const { t } = useTranslation('shop');
  const coming = order.lines.filter((l) => ['awaiting_stock', 'reserved', 'picked', 'shipped'].includes(l.status));
  const late = order.shipments.some((s) => s.late);
  if (coming.length === 0) {
    const arrived = order.lines.some((l) => !['cancelled'].includes(l.status));
    return <Typography.Text type="secondary">{arrived ? t('list.arrived') : '—'}</Typography.Text>;
  }
  const eta = coming
    .map((l) => l.etaDate)
    .sort()
    .at(-1);
  return (
    <Space size={4} wrap={false}>
      <span style={{ whiteSpace: 'nowrap' }}>{chinaDate(eta)}</span>
      <LateTag late={late} />
    </Space>
  );
}
