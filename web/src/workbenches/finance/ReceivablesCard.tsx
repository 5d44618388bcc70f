import { FundOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Modal, Select, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { call, client, idempotencyKey, keyAfterFailure } from '../../api/client.ts';
import { chinaToday } from '../../components/china-time.ts';
import { LoadError } from '../../components/states.tsx';
import { keys, type Receivable, useFinancingLimit, useFunders, useReceivables } from './api.ts';
import { type Quote, quoteAdvance } from './financing-quote.ts';
import { Amount } from './labels.tsx';
import { formatFen } from './money.ts';
import { failureSaid, type Said } from './problem-form.ts';

// 可融资应收: the lines a supplier may borrow against (accepted by the shop, on a statement the
// insurer confirmed, not paid out, not financed), each with what the platform owes for it and the
// day the insurer is expected to pay. The supplier ticks lines and sees, before asking, the face,
// the discount fee and the advance as the server will price them (financing-quote.ts); a choice
// over the available limit is said at once and cannot be sent.
export function ReceivablesCard() {
  const { t } = useTranslation('finance');
  const receivables = useReceivables();
  const limit = useFinancingLimit();
  const [chosen, setChosen] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const today = chinaToday();

  const items = receivables.data?.items ?? [];
  const picked = items.filter((r) => chosen.includes(r.orderLineId));
  const quote = receivables.data ? quoteAdvance(picked, today, receivables.data.annualRateBp) : undefined;
  const available = limit.data?.availableFen;
  const over = quote !== undefined && available !== undefined && quote.faceFen > available;

  const columns = [
    { key: 'statement', title: t('receivable.statement'), width: 180, render: (_: unknown, r: Receivable) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{r.statementNo}</span> },
    {
      key: 'part',
      title: t('receivable.part'),
      render: (_: unknown, r: Receivable) => (
        <span>
          {r.productName}
          <Typography.Text type="secondary"> × {r.qty}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'line',
      title: t('receivable.line'),
      width: 230,
      render: (_: unknown, r: Receivable) => (
        <Typography.Text type="secondary" style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }} title={r.orderLineId}>
          {r.claimNo ?? r.orderNo}
        </Typography.Text>
      ),
    },
    { key: 'payDay', title: t('receivable.payDay'), width: 120, render: (_: unknown, r: Receivable) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{r.expectedPayDate}</span> },
    { key: 'face', title: t('receivable.face'), width: 140, align: 'right' as const, render: (_: unknown, r: Receivable) => <Amount fen={r.faceFen} strong /> },
  ];

  return (
    <Card
      size="small"
      title={t('receivable.title', { count: items.length })}
      extra={
        <Button type="primary" icon={<FundOutlined />} disabled={!quote || over} onClick={() => setConfirming(true)} data-testid="request-financing">
          {t('receivable.request')}
        </Button>
      }
      data-testid="receivables"
    >
      {receivables.isError ? (
        <LoadError error={receivables.error} onRetry={() => void receivables.refetch()} />
      ) : (
        <>
          <Table<Receivable>
            size="small"
            rowKey="orderLineId"
            columns={columns}
            dataSource={items}
            loading={receivables.isPending}
            pagination={items.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
            rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys.map(String)) }}
            scroll={{ x: 640 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('receivable.empty')} /> }}
          />
          {items.length > 0 && <QuoteLine quote={quote} count={picked.length} rateBp={receivables.data?.annualRateBp ?? 0} />}
          {over && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('receivable.over', { available: formatFen(available) })} data-testid="over-limit" />}
        </>
      )}
      {confirming && quote && (
        <RequestModal
          lines={picked}
          today={today}
          platformRateBp={receivables.data?.annualRateBp ?? 0}
          onClose={(done) => {
            setConfirming(false);
            if (done) setChosen([]);
          }}
        />
      )}
    </Card>
  );
}

// What the lines ticked come to, under the table.
function QuoteLine({ quote, count, rateBp }: { quote: Quote | undefined; count: number; rateBp: number }) {
  const { t } = useTranslation('finance');
  if (!quote)
    return (
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('receivable.pick', { rate: rateBp / 100 })}
      </Typography.Paragraph>
    );
  return (
    <Space wrap size={16} style={{ marginTop: 8 }} data-testid="quote">
      <span>{t('receivable.chosen', { count })}</span>
      <span>
        {t('quote.face')} <Amount fen={quote.faceFen} strong />
      </span>
      <span>
        {t('quote.fee')} <Amount fen={quote.feeFen} tone="danger" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {' '}
          {t('quote.feeTerms', { rate: rateBp / 100, days: quote.days })}
        </Typography.Text>
      </span>
      <span>
        {t('quote.advance')} <Amount fen={quote.advanceFen} strong tone="success" />
      </span>
    </Space>
  );
}

// The request, confirmed with its figures before it is sent, naming who is asked to fund it: the
// platform (the default) or a funder organisation (资金方), which then approves and funds it. The
// figures are priced at the rate of whoever is chosen, as the server prices them.
function RequestModal({ lines, today, platformRateBp, onClose }: { lines: Receivable[]; today: string; platformRateBp: number; onClose: (done: boolean) => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [said, setSaid] = useState<Said>();
  const funders = useFunders();
  // '' stands for the platform in the select (antd keeps no null values).
  const [funder, setFunder] = useState('');
  const rateBp = funders.data?.items.find((f) => (f.id ?? '') === funder)?.annualRateBp ?? platformRateBp;
  const quote = quoteAdvance(lines, today, rateBp)!;
  const key = useRef(idempotencyKey());
  const send = useMutation({
    mutationFn: () => call(client.POST('/api/v1/financing/requests', { body: { orderLineIds: lines.map((l) => l.orderLineId), ...(funder ? { funderOrgId: funder } : {}) }, headers: key.current })),
    onSuccess: (r) => {
      key.current = idempotencyKey();
      void queryClient.invalidateQueries({ queryKey: keys.financing });
      message.success(t('quote.done', { no: r.requestNo, advance: formatFen(r.advanceFen) }));
      onClose(true);
      void navigate(`/finance/financing/${r.id}`);
    },
    onError: (e) => {
      key.current = keyAfterFailure(e, key.current);
      setSaid(failureSaid(e, t));
      void queryClient.invalidateQueries({ queryKey: keys.financing });
    },
  });
  return (
    <Modal
      open
      width={520}
      title={t('quote.title')}
      okText={t('quote.submit')}
      okButtonProps={{ loading: send.isPending, 'data-testid': 'financing-submit' }}
      onOk={() => {
        setSaid(undefined);
        send.mutate();
      }}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Descriptions size="small" bordered column={1} styles={{ label: { width: 180 } }} data-testid="quote-summary">
        <Descriptions.Item label={t('quote.funder')}>
          <Select
            value={funder}
            onChange={(v) => {
              setFunder(v);
              key.current = idempotencyKey();
            }}
            loading={funders.isPending}
            style={{ width: '100%' }}
            popupMatchSelectWidth={false}
            options={(funders.data?.items ?? [{ id: null, name: '', annualRateBp: platformRateBp }]).map((f) => ({
              value: f.id ?? '',
              label: t('quote.funderOption', { name: f.id === null ? t('financing.platformFunds') : f.name, rate: f.annualRateBp / 100 }),
            }))}
            data-testid="funder-select"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
            {t('quote.funderHint')}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('quote.lines')}>{t('detail.lineCount', { count: lines.length })}</Descriptions.Item>
        <Descriptions.Item label={t('quote.face')}>
          <Amount fen={quote.faceFen} strong />
        </Descriptions.Item>
        <Descriptions.Item label={t('quote.fee')}>
          <Amount fen={quote.feeFen} tone="danger" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            {t('quote.feeFormula', { rate: rateBp / 100, days: quote.days })}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('quote.advance')}>
          <Amount fen={quote.advanceFen} strong tone="success" />
        </Descriptions.Item>
        <Descriptions.Item label={t('quote.payDay')}>{quote.payDay}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
        {funder ? t('quote.hintFunder') : t('quote.hint')}
      </Typography.Paragraph>
      {said && <Alert type="error" showIcon title={said.title} description={said.detail} style={{ marginTop: 12 }} data-testid="financing-refusal" />}
    </Modal>
  );
}
