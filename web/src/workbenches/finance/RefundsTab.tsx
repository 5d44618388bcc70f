import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, idempotencyKey, keyAfterFailure } from '../../api/client.ts';
import { chinaDateTime } from '../../components/china-time.ts';
import { type CursorColumn, CursorTable } from '../../components/CursorTable.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { keys, type Refund, type RefundStatus, refundStatuses } from './api.ts';
import { Amount, RefundStatusTag } from './labels.tsx';
import { formatFen } from './money.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { failureSaid, type Said } from './problem-form.ts';
import { RefuseRefundModal } from './RefuseRefundModal.tsx';
import { useFinanceRights } from './rights.ts';

// 退款: money sent back to payers, newest first, by status and payer (the filters in the URL). The
// platform's team asks a refund from a payment (收款, RefundModal) and decides here: whoever asked
// cannot approve (四眼), only withdraw; someone else approves (the bank sends it, the ledger posts
// it) or refuses. A payer reads what is coming back to it or came, without the buttons and without
// who handled it.
export default function RefundsTab() {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const rights = useFinanceRights();
  const queryClient = useQueryClient();
  const { params, setFilter } = useUrlFilters();
  const [refusing, setRefusing] = useState<Refund>();
  const [failed, setFailed] = useState<Said>();
  // One key per refund approved, kept until the server answers (a retry after a lost answer is the
  // same request), a new one after its answer (keyAfterFailure).
  const keysFor = useRef(new Map<string, ReturnType<typeof idempotencyKey>>());
  const keyOf = (id: string) => {
    if (!keysFor.current.has(id)) keysFor.current.set(id, idempotencyKey());
    return keysFor.current.get(id)!;
  };
  const status = (params.get('status') as RefundStatus | null) ?? undefined;
  const payerOrgId = params.get('payer') ?? undefined;

  const approve = useMutation({
    mutationFn: (r: Refund) => call(client.POST('/api/v1/refunds/{id}/approve', { params: { path: { id: r.id } }, headers: keyOf(r.id) })),
    onMutate: () => setFailed(undefined),
    onSuccess: (r) => {
      keysFor.current.delete(r.id);
      message.success(t('refund.approveDone', { no: r.refundNo }));
      void queryClient.invalidateQueries({ queryKey: keys.refunds });
      void queryClient.invalidateQueries({ queryKey: keys.payments });
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
    },
    onError: (e, r) => {
      keysFor.current.set(r.id, keyAfterFailure(e, keyOf(r.id)));
      setFailed(failureSaid(e, t));
      void queryClient.invalidateQueries({ queryKey: keys.refunds });
    },
  });

  // Who asked and who decided (approved, refused, or withdrew their own), each with when: the day
  // and the minute (the year is the list's).
  const person = (step: string, who: Refund['requestedBy'], at: string | null, testId: string) => (
    <div style={{ whiteSpace: 'nowrap', lineHeight: '20px' }} data-testid={testId}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {step}
      </Typography.Text>{' '}
      {who?.name ?? '—'}{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {chinaDateTime(at).slice(5)}
      </Typography.Text>
    </div>
  );
  const decision = (r: Refund) => t(r.status === 'refunded' ? 'refund.approvedStep' : r.status === 'withdrawn' ? 'refund.withdrawnStep' : 'refund.refusedStep');
  const mine = (r: Refund) => r.requestedBy !== null && r.requestedBy.id === rights.userId;
  // Sent elsewhere than the account the money came from: said beside the account, for the approver.
  const elsewhere = (r: Refund) => r.payment.payerAccount !== null && r.payment.payerAccount !== r.toAccount;

  const columns: CursorColumn<Refund>[] = [
    { key: 'no', title: t('refund.no'), width: 150, render: (_, r) => <span style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' }}>{r.refundNo}</span> },
    {
      key: 'payer',
      title: t('refund.payer'),
      // Insurers' registered names run long: shown whole, wrapping, never cut off.
      minWidth: 150,
      render: (_, r) => (
        <div style={{ minWidth: 0, lineHeight: '20px' }}>
          <div style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{r.payer.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }}>
            {r.payment.paymentNo}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'amount', title: t('refund.amount'), width: 104, align: 'right', render: (_, r) => <Amount fen={r.amountFen} strong /> },
    {
      key: 'reason',
      title: t('refund.reason'),
      width: 170,
      render: (_, r) => (
        <div style={{ lineHeight: '20px' }}>
          <div style={{ overflowWrap: 'anywhere' }}>{r.reason}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }} title={t('refund.toAccount')}>
            {r.toAccount}
          </Typography.Text>
          {elsewhere(r) && (
            <Tooltip title={t('refund.otherAccountHint', { account: r.payment.payerAccount })}>
              <Tag color="warning" style={{ marginInlineStart: 4, fontSize: 11, lineHeight: '16px', paddingInline: 4 }} data-testid="refund-other-account">
                {t('refund.otherAccount')}
              </Tag>
            </Tooltip>
          )}
        </div>
      ),
    },
    { key: 'status', title: t('col.status'), width: 80, render: (_, r) => <RefundStatusTag status={r.status} /> },
    {
      key: 'people',
      title: t('refund.people'),
      width: 196,
      render: (_, r) => (
        <div>
          {person(t('refund.askedStep'), r.requestedBy, r.requestedAt, 'refund-requested-by')}
          {/* Decided when it has a time: a payer is told when, not by whom (its decidedBy is null). */}
          {r.decidedAt ? (
            person(decision(r), r.decidedBy, r.decidedAt, 'refund-decided-by')
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('refund.notDecided')}
            </Typography.Text>
          )}
          {r.refusal && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, overflowWrap: 'anywhere', lineHeight: '18px' }} data-testid="refund-refusal">
              {r.refusal}
            </Typography.Text>
          )}
        </div>
      ),
    },
    ...(rights.manage
      ? [
          {
            key: 'actions',
            title: t('col.actions'),
            width: 96,
            render: (_: unknown, r: Refund) => {
              if (r.status !== 'requested') return null;
              return (
                <Space size={8}>
                  {rights.managePayouts &&
                    (mine(r) ? (
                      <Tooltip title={t('refund.fourEyesMine')}>
                        <Button size="small" type="link" style={{ padding: 0 }} disabled data-testid={`refund-approve-${r.refundNo}`}>
                          {t('refund.approve')}
                        </Button>
                      </Tooltip>
                    ) : (
                      <Popconfirm
                        title={t('refund.approveConfirm')}
                        description={
                          <div style={{ maxWidth: 320 }}>
                            {t('refund.approveConfirmHint', { amount: formatFen(r.amountFen), payer: r.payer.name, account: r.toAccount })}
                            {elsewhere(r) && (
                              <div>
                                <Typography.Text type="warning">
                                  {t('refund.otherAccount')}，{t('refund.otherAccountHint', { account: r.payment.payerAccount })}
                                </Typography.Text>
                              </div>
                            )}
                          </div>
                        }
                        okText={t('refund.approve')}
                        onConfirm={() => approve.mutate(r)}
                      >
                        <Button size="small" type="link" style={{ padding: 0 }} loading={approve.isPending && approve.variables?.id === r.id} data-testid={`refund-approve-${r.refundNo}`}>
                          {t('refund.approve')}
                        </Button>
                      </Popconfirm>
                    ))}
                  <Button size="small" type="link" danger style={{ padding: 0 }} onClick={() => setRefusing(r)} data-testid={`refund-refuse-${r.refundNo}`}>
                    {t(mine(r) ? 'refund.withdraw' : 'refund.refuse')}
                  </Button>
                </Space>
              );
            },
          } as CursorColumn<Refund>,
        ]
      : []),
  ];

  const toolbar = (
    <Space wrap>
      <Select<RefundStatus>
        allowClear
        value={status}
        placeholder={t('refund.statusFilter')}
        style={{ width: 130 }}
        onChange={(v) => setFilter('status', v)}
        options={refundStatuses.map((s) => ({ value: s, label: t(`refundStatus.${s}`) }))}
        aria-label={t('refund.statusFilter')}
        data-testid="refund-status-filter"
      />
      {rights.platform && (
        <OrgSelect kinds={['insurer', 'repair_shop']} allowClear value={payerOrgId} placeholder={t('refund.payerFilter')} style={{ width: 240 }} onChange={(v) => setFilter('payer', v)} />
      )}
    </Space>
  );

  return (
    <>
      {failed && <Alert type="error" showIcon closable title={failed.title} description={failed.detail} style={{ marginBottom: 8 }} onClose={() => setFailed(undefined)} data-testid="refund-failed" />}
      <CursorTable<Refund>
        tableId="finance-refunds"
        queryKey={[...keys.refunds, 'list', { status, payerOrgId }]}
        fetchPage={(cursor, limit) =>
          call(client.GET('/api/v1/refunds', { params: { query: { limit, ...(cursor ? { cursor } : {}), ...(status ? { status } : {}), ...(payerOrgId ? { payerOrgId } : {}) } } }))
        }
        columns={columns}
        rowKey="id"
        scrollX={960}
        toolbar={toolbar}
        emptyText={status || payerOrgId ? t('list.emptyFiltered') : <Typography.Text type="secondary">{rights.manage ? t('refund.empty') : t('refund.emptyPayer')}</Typography.Text>}
      />
      {refusing && <RefuseRefundModal refund={refusing} withdraw={mine(refusing)} onClose={() => setRefusing(undefined)} />}
    </>
  );
}
