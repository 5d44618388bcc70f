import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '../../components/china-time.ts';
import { type DisputeLine, type Statement, type StatementLine, useLinesById } from './api.ts';
import { DisputedPart } from './DisputedPart.tsx';
import { Amount } from './labels.tsx';
import type { FinanceRights } from './rights.ts';
import { ResolveForm } from './ResolveForm.tsx';

// 异议: the lines the payer disputed, each with its reason. While it is open the platform's team
// settles it here (ResolveForm); afterwards, and for the payer, each line says how it ended.
export function DisputeCard({ s, rights }: { s: Statement; rights: FinanceRights }) {
  const { t } = useTranslation('finance');
  const dispute = s.dispute;
  const lines = useLinesById(s.id, dispute?.lines.map((l) => l.orderLineId) ?? []);
  if (!dispute) return null;
  const found = lines.data ?? new Map<string, StatementLine>();
  const open = s.status === 'disputed';
  const title = (
    <span>
      {t('dispute.title')}{' '}
      <Tag color={open ? 'orange' : 'green'} style={{ marginInlineStart: 4 }}>
        {open ? t('dispute.pending') : t('dispute.settled')}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
        {t('dispute.raisedAt', { at: chinaDateTime(dispute.raisedAt), count: dispute.lines.length })}
      </Typography.Text>
    </span>
  );

  if (open && rights.manage) {
    return (
      <Card title={title} size="small" styles={{ header: { background: '#fff7e6' } }} data-testid="resolve-card">
        <ResolveForm s={s} lines={found} loading={lines.isPending} />
      </Card>
    );
  }

  return (
    <Card title={title} size="small" data-testid="dispute-card">
      <Table<DisputeLine>
        size="small"
        rowKey="orderLineId"
        pagination={false}
        dataSource={dispute.lines}
        loading={lines.isPending}
        columns={[
          { key: 'part', title: t('line.part'), ellipsis: true, render: (_, d) => <DisputedPart line={found.get(d.orderLineId)} id={d.orderLineId} /> },
          { key: 'total', title: t('line.total'), width: 110, align: 'right', render: (_, d) => <Amount fen={found.get(d.orderLineId)?.totalFen} /> },
          { key: 'reason', title: t('dispute.reason'), render: (_, d) => d.reason },
          {
            key: 'resolution',
            title: t('dispute.resolution'),
            width: 260,
            render: (_, d) =>
              !d.resolution ? (
                <Tag color="orange">{t('dispute.waiting')}</Tag>
              ) : d.resolution.kind === 'confirm' ? (
                <span>
                  <Tag color="blue">{t('resolve.confirmTag')}</Tag>
                  {d.resolution.note && <Typography.Text type="secondary">{d.resolution.note}</Typography.Text>}
                </span>
              ) : (
                <span>
                  <Tag color="red">{t('resolve.creditTag')}</Tag>
                  <Amount fen={-d.resolution.creditFen} tone="danger" />
                  {d.resolution.note && <Typography.Text type="secondary"> · {d.resolution.note}</Typography.Text>}
                </span>
              ),
          },
        ]}
      />
    </Card>
  );
}
