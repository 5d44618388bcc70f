import { Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { chinaDateTime } from '../../components/china-time.ts';
import { CursorTable, type CursorColumn } from '../../components/CursorTable.tsx';
import { fetchQueuePage, keys, type Waiting } from './api.ts';

// How long a quote has waited, in the largest units that matter (3 天 4 小时, 2 小时 5 分钟).
export function waitedFor(since: string, now: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t('wait.days', { d, h });
  if (h > 0) return t('wait.hours', { h, m });
  return t('wait.minutes', { m });
}

// The price checker's queue (核价待办): quoted versions with lines that need a human, the one that
// has waited longest first. A row opens its check.
export default function PriceCheckQueue() {
  const { t } = useTranslation('price-check');
  const navigate = useNavigate();
  const now = Date.now();
  const columns: CursorColumn<Waiting>[] = [
    { key: 'claimNo', title: t('queue.claimNo'), dataIndex: 'claimNo', width: 200, render: (v: string) => <Typography.Link style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Link> },
    { key: 'plate', title: t('queue.plate'), dataIndex: 'plate', width: 110 },
    {
      key: 'vehicle',
      title: t('queue.vehicle'),
      dataIndex: 'vehicle',
      width: 200,
      ellipsis: true,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('queue.noVehicle')}</Typography.Text>,
    },
    { key: 'version', title: t('queue.version'), dataIndex: 'version', width: 90, render: (v: number) => (v === 1 ? t('kind.initial') : t('kind.supplement', { version: v })) },
    {
      key: 'pending',
      title: t('queue.pending'),
      width: 110,
      render: (_: unknown, r) => (
        <span>
          <Tag color="orange">{r.pendingLines}</Tag>
          <Typography.Text type="secondary">/ {r.lines}</Typography.Text>
        </span>
      ),
    },
    { key: 'quotedAt', title: t('queue.quotedAt'), dataIndex: 'quotedAt', width: 170, render: (v: string) => chinaDateTime(v) },
    {
      key: 'waited',
      title: t('queue.waited'),
      dataIndex: 'quotedAt',
      width: 130,
      render: (v: string) => {
        const hours = (now - new Date(v).getTime()) / 3_600_000;
        return <Typography.Text type={hours >= 24 ? 'danger' : hours >= 4 ? 'warning' : undefined}>{waitedFor(v, now, t)}</Typography.Text>;
      },
    },
  ];
  return (
    <Card title={t('queue.title')} extra={<Typography.Text type="secondary">{t('queue.hint')}</Typography.Text>}>
      <CursorTable<Waiting>
        tableId="price-check-queue"
        queryKey={[...keys.queue]}
        fetchPage={fetchQueuePage}
        columns={columns}
        rowKey="assessmentId"
        scrollX={1010}
        emptyText={t('queue.empty')}
        onRow={(r) => ({ onClick: () => void navigate(`/price-check/${r.assessmentId}`), style: { cursor: 'pointer' } })}
      />
    </Card>
  );
}
