import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '../../components/china-time.ts';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { type TrialBalance, useTrialBalance } from './api.ts';
import { BalanceChart, type Scale } from './BalanceChart.tsx';
import { Amount, QuietAmount, SideTag } from './labels.tsx';
import { formatFen } from './money.ts';

type CodeRow = TrialBalance['accountCodes'][number];
type TransferRow = TrialBalance['transferCodes'][number];

const figure = { fontSize: 20, fontVariantNumeric: 'tabular-nums' } as const;

// 试算平衡: the platform's whole ledger at one instant. Whether debits equal credits (posted and
// pending each), the debits and credits of every account code as a chart and a table, and what
// moved under each transfer code. Both tables are the chart of accounts and the list of codes:
// bounded, so shown whole.
export default function TrialBalanceTab() {
  const { t } = useTranslation('finance');
  const tb = useTrialBalance();
  const [scale, setScale] = useState<Scale>('log');
  const [hideIdle, setHideIdle] = useState(true);
  if (tb.isPending) return <LoadingBlock rows={10} />;
  if (tb.isError) return <LoadError error={tb.error} onRetry={() => void tb.refetch()} />;
  const d = tb.data;
  const active = d.accountCodes.filter((c) => !hideIdle || c.debitsPostedFen + c.creditsPostedFen + c.debitsPendingFen + c.creditsPendingFen > 0);
  const moved = d.transferCodes.filter((c) => !hideIdle || c.transfers > 0);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Row gutter={[16, 12]} align="middle">
          <Col xs={24} lg={6}>
            <Space align="center" size={10} data-testid="balanced">
              {d.balanced ? <CheckCircleFilled style={{ color: '#52c41a', fontSize: 28 }} /> : <CloseCircleFilled style={{ color: '#cf1322', fontSize: 28 }} />}
              <div>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {d.balanced ? t('tb.balanced') : t('tb.unbalanced')}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('tb.at', { at: chinaDateTime(d.at) })}
                  </Typography.Text>
                </div>
              </div>
            </Space>
          </Col>
          <Col xs={12} lg={5}>
            <Statistic title={t('tb.debitsPosted')} value={formatFen(d.totals.debitsPostedFen)} styles={{ content: figure }} />
          </Col>
          <Col xs={12} lg={5}>
            <Statistic title={t('tb.creditsPosted')} value={formatFen(d.totals.creditsPostedFen)} styles={{ content: { ...figure, color: d.balancedPosted ? undefined : '#cf1322' } }} />
          </Col>
          <Col xs={12} lg={4}>
            <Statistic title={t('tb.debitsPending')} value={formatFen(d.totals.debitsPendingFen)} styles={{ content: { ...figure, fontSize: 16 } }} />
          </Col>
          <Col xs={12} lg={4}>
            <Statistic
              title={t('tb.creditsPending')}
              value={formatFen(d.totals.creditsPendingFen)}
              styles={{ content: { ...figure, fontSize: 16, color: d.balancedPending ? undefined : '#cf1322' } }}
            />
          </Col>
        </Row>
      </Card>
      <Card
        size="small"
        title={t('tb.chartTitle')}
        extra={
          <Space wrap>
            <Checkbox checked={hideIdle} onChange={(e) => setHideIdle(e.target.checked)}>
              {t('tb.hideIdle')}
            </Checkbox>
            <Segmented<Scale>
              size="small"
              value={scale}
              onChange={setScale}
              options={[
                { value: 'log', label: t('tb.scaleLog') },
                { value: 'linear', label: t('tb.scaleLinear') },
              ]}
            />
            <Button size="small" icon={<ReloadOutlined />} loading={tb.isFetching} onClick={() => void tb.refetch()}>
              {t('tb.refresh')}
            </Button>
          </Space>
        }
      >
        <BalanceChart
          scale={scale}
          labels={{ debit: t('tb.debits'), credit: t('tb.credits') }}
          rows={active.map((c) => ({ key: c.code, label: c.codeName, debitFen: c.debitsPostedFen, creditFen: c.creditsPostedFen }))}
        />
        {scale === 'log' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tb.logNote')}
          </Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('tb.codesTitle')}>
        <Table<CodeRow>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={active}
          scroll={{ x: 940 }}
          columns={[
            { key: 'name', title: t('ledger.account'), render: (_, c) => c.codeName },
            { key: 'normal', title: t('tb.normal'), width: 70, render: (_, c) => <SideTag side={c.normal} /> },
            { key: 'n', title: t('tb.accounts'), width: 70, align: 'right', dataIndex: 'accounts' },
            { key: 'debits', title: t('ledger.debitsPosted'), width: 136, align: 'right', render: (_, c) => <QuietAmount fen={c.debitsPostedFen} /> },
            { key: 'credits', title: t('ledger.creditsPosted'), width: 136, align: 'right', render: (_, c) => <QuietAmount fen={c.creditsPostedFen} /> },
            {
              key: 'balance',
              title: t('ledger.balance'),
              width: 136,
              align: 'right',
              render: (_, c) => <Amount fen={c.balanceFen} strong={c.balanceFen !== 0} tone={c.balanceFen === 0 ? 'secondary' : c.balanceFen < 0 ? 'danger' : undefined} />,
            },
            { key: 'pending', title: t('ledger.pending'), width: 112, align: 'right', render: (_, c) => <QuietAmount fen={c.pendingFen} /> },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <Typography.Text strong>{t('tb.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <Amount fen={d.totals.debitsPostedFen} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <Amount fen={d.totals.creditsPostedFen} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} colSpan={2} />
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Card size="small" title={t('tb.transfersTitle')}>
        <Table<TransferRow>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={moved}
          scroll={{ x: 700 }}
          columns={[
            { key: 'name', title: t('transfer.code'), render: (_, c) => c.codeName },
            { key: 'n', title: t('tb.transfers'), width: 96, align: 'right', render: (_, c) => c.transfers.toLocaleString('zh-CN') },
            { key: 'posted', title: t('tb.posted'), width: 150, align: 'right', render: (_, c) => <QuietAmount fen={c.postedFen} /> },
            { key: 'reversed', title: t('tb.reversed'), width: 130, align: 'right', render: (_, c) => <QuietAmount fen={c.reversedFen} /> },
            { key: 'pending', title: t('ledger.pending'), width: 130, align: 'right', render: (_, c) => <QuietAmount fen={c.pendingFen} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
