import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, StopOutlined, TransactionOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Popconfirm, Row, Space, Statistic, Steps, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { call, client, idempotencyKey, keyAfterFailure } from '../../api/client.ts';
import { chinaDateTime, chinaToday } from '../../components/china-time.ts';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { type FinancingRequest, keys, useFinancingRequest } from './api.ts';
import { isOverdue } from './financing-quote.ts';
import { Amount, FinancingStatusTag } from './labels.tsx';
import { LimitCard } from './LimitCard.tsx';
import { formatFen } from './money.ts';
import { failureSaid, type Said } from './problem-form.ts';
import { useMe } from '../../auth/use-me.ts';
import { ReasonModal } from './ReasonModal.tsx';
import { type FinanceRights, useFinanceRights } from './rights.ts';

const figure = { fontSize: 20, fontVariantNumeric: 'tabular-nums' } as const;

type Move = 'approve' | 'fund' | 'default';

function post(id: string, move: Move, headers: Record<string, string>) {
  const params = { path: { id } };
  if (move === 'approve') return call(client.POST('/api/v1/financing/requests/{id}/approve', { params, headers }));
  if (move === 'fund') return call(client.POST('/api/v1/financing/requests/{id}/fund', { params, headers }));
  return call(client.POST('/api/v1/financing/requests/{id}/default', { params, headers }));
}

// /finance/financing/:id — one financing request (融资申请): its figures (face, fee, advance), where
// it stands in its lifecycle (申请 → 审批 → 放款 → 还款, or refused, overdue, written off), who funds
// it (the platform, or a funder organisation: 资金方), its lines; and, for whoever funds it (the
// platform's team its own, a funder's those addressed to it), the supplier's limit and the
// decision: approve or refuse, then fund — by someone other than whoever approved it (the server's
// four-eyes refusal is shown as it says it) — or write an overdue advance off. The platform's team
// reads a funder's requests without the buttons.
export default function FinancingPage() {
  const { id = '' } = useParams<{ id: string }>();
  const request = useFinancingRequest(id);
  if (request.isPending) return <LoadingBlock rows={10} />;
  if (request.isError) return <LoadError error={request.error} onRetry={() => void request.refetch()} />;
  return <FinancingView key={id} r={request.data} />;
}

function FinancingView({ r }: { r: FinancingRequest }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const rights = useFinanceRights();
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<Said>();
  const [refusing, setRefusing] = useState(false);
  const key = useRef(idempotencyKey());
  const today = chinaToday();
  const late = isOverdue(r, today);

  const settle = (after: FinancingRequest) => {
    key.current = idempotencyKey();
    queryClient.setQueryData(keys.financingRequest(r.id), after);
    void queryClient.invalidateQueries({ queryKey: keys.financing, predicate: (q) => q.queryKey[2] !== r.id });
    void queryClient.invalidateQueries({ queryKey: ['ledger'] });
  };
  const move = useMutation({
    mutationFn: (m: Move) => post(r.id, m, key.current),
    onMutate: () => setRefusal(undefined),
    onSuccess: (after, m) => {
      settle(after);
      message.success(t(`financing.${m}Done`, { no: r.requestNo, advance: formatFen(r.advanceFen) }));
    },
    onError: (e) => {
      key.current = keyAfterFailure(e, key.current);
      setRefusal(failureSaid(e, t));
      void queryClient.invalidateQueries({ queryKey: keys.financingRequest(r.id) });
    },
  });
  const busy = move.isPending ? move.variables : undefined;
  const approvedByMe = r.approvedBy !== null && r.approvedBy === rights.userId;
  // Whoever funds the request decides it: the platform its own, a funder those addressed to it.
  const orgId = useMe().data?.org.id;
  const decides = rights.approveFinancing && (r.funder === null ? rights.platform : r.funder.id === orgId);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Link to="/finance/financing">
        <ArrowLeftOutlined /> {t('financing.back')}
      </Link>
      {refusal && <Alert type="error" showIcon closable onClose={() => setRefusal(undefined)} title={refusal.title} description={refusal.detail} data-testid="financing-step-refusal" />}
      {rights.platform && r.funder !== null && (
        <Alert type="info" showIcon title={t('financing.funderReads', { name: r.funder.name })} description={t('financing.funderReadsHint')} data-testid="funder-reads" />
      )}
      {decides && r.status === 'approved' && <Alert type="info" showIcon title={approvedByMe ? t('financing.fourEyesMine') : t('financing.fourEyesOther')} description={t('financing.fourEyesHint')} />}
      {late && <Alert type="error" showIcon title={t('financing.overdueHint', { day: r.expectedPayDate })} data-testid="overdue" />}
      {r.status === 'refused' && r.refusedReason && (
        <Alert type="warning" showIcon title={r.funder ? t('financing.refusedWithFunder') : t('financing.refusedWith')} description={r.refusedReason} data-testid="refused-reason" />
      )}
      <Card
        title={
          <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
            <span>{t('financing.title')}</span>
            <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 15 }} data-testid="request-no">
              {r.requestNo}
            </Typography.Text>
            <FinancingStatusTag status={r.status} late={late} />
          </span>
        }
        extra={decides && <Actions r={r} busy={busy} onMove={(m) => move.mutate(m)} onRefuse={() => setRefusing(true)} />}
        styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
      >
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={8}>
            <Statistic title={t('quote.face')} value={formatFen(r.faceFen)} styles={{ content: figure }} data-testid="face" />
          </Col>
          <Col xs={8}>
            <Statistic title={t('quote.fee')} value={formatFen(r.feeFen)} styles={{ content: { ...figure, color: '#cf1322' } }} data-testid="fee" />
          </Col>
          <Col xs={8}>
            <Statistic title={t('quote.advance')} value={formatFen(r.advanceFen)} styles={{ content: { ...figure, color: '#389e0d' } }} data-testid="advance" />
          </Col>
        </Row>
        <Lifecycle r={r} late={late} />
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('financing.supplier')}>{r.supplier.name}</Descriptions.Item>
          <Descriptions.Item label={t('financing.funder')}>
            <span data-testid="funder">{r.funder ? r.funder.name : t('financing.platformFunds')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('financing.terms')}>{t('quote.feeFormula', { rate: r.annualRateBp / 100, days: r.days })}</Descriptions.Item>
          <Descriptions.Item label={t('quote.payDay')}>
            <Typography.Text type={late ? 'danger' : undefined}>{r.expectedPayDate}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('financing.createdAt')}>{chinaDateTime(r.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('financing.fundedAt')}>{chinaDateTime(r.fundedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('financing.repaidAt')}>{chinaDateTime(r.repaidAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {decides && ['requested', 'approved'].includes(r.status) && <LimitCard supplierOrgId={r.supplier.id} title={t('limit.titleOf', { name: r.supplier.name })} />}
      <Lines r={r} rights={rights} />
      {refusing && (
        <RefuseModal
          r={r}
          onClose={(after) => {
            setRefusing(false);
            if (after) settle(after);
          }}
        />
      )}
    </Space>
  );
}

function Actions({ r, busy, onMove, onRefuse }: { r: FinancingRequest; busy: Move | undefined; onMove: (m: Move) => void; onRefuse: () => void }) {
  const { t } = useTranslation('finance');
  return (
    <Space wrap size={8}>
      {r.status === 'requested' && (
        <Popconfirm title={t('financing.approveConfirm')} description={t('financing.approveConfirmHint')} okText={t('financing.approve')} onConfirm={() => onMove('approve')}>
          <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} data-testid="approve">
            {t('financing.approve')}
          </Button>
        </Popconfirm>
      )}
      {r.status === 'approved' && (
        <Popconfirm
          title={t('financing.fundConfirm', { advance: formatFen(r.advanceFen) })}
          description={r.funder ? t('financing.fundConfirmHintFunder', { name: r.supplier.name, funder: r.funder.name }) : t('financing.fundConfirmHint', { name: r.supplier.name })}
          okText={t('financing.fund')}
          onConfirm={() => onMove('fund')}
        >
          <Button type="primary" icon={<TransactionOutlined />} loading={busy === 'fund'} data-testid="fund">
            {t('financing.fund')}
          </Button>
        </Popconfirm>
      )}
      {(r.status === 'requested' || r.status === 'approved') && (
        <Button danger icon={<CloseOutlined />} onClick={onRefuse} data-testid="refuse">
          {t('financing.refuse')}
        </Button>
      )}
      {r.status === 'overdue' && (
        <Popconfirm
          title={t('financing.defaultConfirm')}
          description={r.funder ? t('financing.defaultConfirmHintFunder') : t('financing.defaultConfirmHint')}
          okText={t('financing.default')}
          okButtonProps={{ danger: true }}
          onConfirm={() => onMove('default')}
        >
          <Button danger icon={<StopOutlined />} loading={busy === 'default'} data-testid="default">
            {t('financing.default')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

// Where the request stands: asked → approved → funded → repaid, or the turn it took (refused at
// the decision, overdue or written off after funding).
function Lifecycle({ r, late }: { r: FinancingRequest; late: boolean }) {
  const { t } = useTranslation('finance');
  const order = ['requested', 'approved', 'funded', 'repaid'] as const;
  const reached: Record<FinancingRequest['status'], number> = { requested: 0, approved: 1, refused: 1, funded: 2, overdue: 3, defaulted: 3, repaid: 3 };
  const current = reached[r.status];
  const status = r.status === 'refused' || r.status === 'defaulted' ? 'error' : r.status === 'repaid' ? 'finish' : late ? 'error' : 'process';
  const titles = order.map((s, i) => {
    if (i === 1 && r.status === 'refused') return t('financingStatus.refused');
    if (i === 3 && (r.status === 'overdue' || r.status === 'defaulted')) return t(`financingStatus.${r.status}`);
    if (i === 3 && late) return t('financingStatus.overdue');
    return t(`financing.step.${s}`);
  });
  const descriptions = [chinaDateTime(r.createdAt), '', r.fundedAt ? chinaDateTime(r.fundedAt) : '', r.repaidAt ? chinaDateTime(r.repaidAt) : t('financing.expected', { day: r.expectedPayDate })];
  return <Steps size="small" current={current} status={status} items={titles.map((title, i) => ({ title, content: descriptions[i] || undefined }))} data-testid="lifecycle" />;
}

function Lines({ r, rights }: { r: FinancingRequest; rights: FinanceRights }) {
  const { t } = useTranslation('finance');
  type Line = FinancingRequest['lines'][number];
  const columns = [
    {
      key: 'part',
      title: t('receivable.part'),
      render: (_: unknown, l: Line) => (
        <span>
          {l.productName}
          <Typography.Text type="secondary"> × {l.qty}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'line',
      title: t('receivable.line'),
      width: 230,
      render: (_: unknown, l: Line) => (
        <Typography.Text type="secondary" style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }} title={l.orderLineId}>
          {l.claimNo ?? l.orderNo}
        </Typography.Text>
      ),
    },
    {
      key: 'statement',
      title: t('receivable.statement'),
      width: 190,
      render: (_: unknown, l: Line) =>
        rights.readStatements ? (
          <Link to={`/finance/statements/${l.statementId}`} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
            {l.statementNo}
          </Link>
        ) : (
          <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{l.statementNo}</span>
        ),
    },
    {
      key: 'repaid',
      title: t('financing.lineRepaid'),
      width: 110,
      render: (_: unknown, l: Line) => (l.repaid ? <Tag color="success">{t('financing.repaid')}</Tag> : <Typography.Text type="secondary">{t('financing.notRepaid')}</Typography.Text>),
    },
    { key: 'face', title: t('receivable.face'), width: 140, align: 'right' as const, render: (_: unknown, l: Line) => <Amount fen={l.faceFen} strong /> },
  ];
  return (
    <Card size="small" title={t('financing.lines', { count: r.lines.length })}>
      <Table<Line>
        size="small"
        rowKey="orderLineId"
        columns={columns}
        dataSource={r.lines}
        pagination={r.lines.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
        scroll={{ x: 600 }}
        locale={{ emptyText: r.status === 'refused' ? t('financing.linesReleased') : t('line.empty') }}
      />
    </Card>
  );
}

// 拒绝: the reason is required and goes to the supplier; the lines are released.
function RefuseModal({ r, onClose }: { r: FinancingRequest; onClose: (after?: FinancingRequest) => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (
    <ReasonModal<FinancingRequest>
      title={t('financing.refuseTitle', { no: r.requestNo })}
      okText={t('financing.refuse')}
      okTestId="refuse-submit"
      label={t('financing.refuseReason')}
      hint={t('financing.refuseHint')}
      requiredMessage={t('financing.refuseReasonRequired')}
      send={(reason, headers) => call(client.POST('/api/v1/financing/requests/{id}/refuse', { params: { path: { id: r.id } }, body: { reason }, headers }))}
      onDone={(after) => {
        message.success(t('financing.refuseDone', { no: r.requestNo }));
        onClose(after);
      }}
      onError={() => void queryClient.invalidateQueries({ queryKey: keys.financingRequest(r.id) })}
      onClose={() => onClose()}
    />
  );
}
