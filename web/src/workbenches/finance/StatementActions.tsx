import { CheckOutlined, ExclamationCircleOutlined, FileTextOutlined, SendOutlined, StopOutlined, WalletOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, idempotencyKey, keyAfterFailure } from '../../api/client.ts';
import { keys, openStatuses, type Statement } from './api.ts';
import { StatementDownload } from './DownloadButton.tsx';
import { failureSaid, type Said } from './problem-form.ts';
import type { FinanceRights } from './rights.ts';

export type Step = 'issue' | 'cancel' | 'confirm';
export type Dialog = 'dispute' | 'payment' | 'invoice';

function post(id: string, step: Step, headers: Record<string, string>) {
  const params = { path: { id } };
  if (step === 'issue') return call(client.POST('/api/v1/statements/{id}/issue', { params, headers }));
  if (step === 'cancel') return call(client.POST('/api/v1/statements/{id}/cancel', { params, headers }));
  return call(client.POST('/api/v1/statements/{id}/confirm', { params, headers }));
}

// One step of a statement's lifecycle (issue, withdraw, confirm): the answer is the statement as it
// now stands; a refusal (four eyes, a state moved on meanwhile) is handed to the page to say.
export function useStep(s: Statement, onRefused: (said: Said | undefined) => void) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = useRef(idempotencyKey());
  return useMutation({
    mutationFn: (step: Step) => post(s.id, step, key.current),
    onMutate: () => onRefused(undefined),
    onSuccess: (after, step) => {
      key.current = idempotencyKey();
      queryClient.setQueryData(keys.statement(s.id), after);
      void queryClient.invalidateQueries({ queryKey: keys.statements, predicate: (q) => q.queryKey[1] !== s.id });
      message.success(t(`step.${step}Done`, { no: s.statementNo }));
    },
    onError: (e) => {
      key.current = keyAfterFailure(e, key.current);
      onRefused(failureSaid(e, t));
      // The state may have moved on under us (another clerk): show what it is now.
      void queryClient.invalidateQueries({ queryKey: keys.statement(s.id) });
    },
  });
}

// The buttons of a statement's page, by its status and what the user may do: the platform's team
// issues or withdraws a draft, records money and invoices against an issued one; the payer
// confirms or disputes an issued one. Exports for everyone who sees it.
export function StatementActions({ s, rights, onStep, busy, onOpen }: { s: Statement; rights: FinanceRights; onStep: (step: Step) => void; busy: Step | undefined; onOpen: (d: Dialog) => void }) {
  const { t } = useTranslation('finance');
  const open = openStatuses.includes(s.status);
  return (
    <Space wrap size={8}>
      {rights.manage && s.status === 'draft' && (
        <>
          <Popconfirm title={t('step.issueConfirm')} description={t('step.issueConfirmHint')} okText={t('step.issue')} onConfirm={() => onStep('issue')}>
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'issue'} data-testid="issue">
              {t('step.issue')}
            </Button>
          </Popconfirm>
          <Popconfirm title={t('step.cancelConfirm')} description={t('step.cancelConfirmHint')} okText={t('step.cancel')} okButtonProps={{ danger: true }} onConfirm={() => onStep('cancel')}>
            <Button danger icon={<StopOutlined />} loading={busy === 'cancel'}>
              {t('step.cancel')}
            </Button>
          </Popconfirm>
        </>
      )}
      {rights.answer && s.status === 'issued' && (
        <>
          <Popconfirm title={t('step.confirmConfirm')} description={t('step.confirmConfirmHint')} okText={t('step.confirm')} onConfirm={() => onStep('confirm')}>
            <Button type="primary" icon={<CheckOutlined />} loading={busy === 'confirm'} data-testid="confirm">
              {t('step.confirm')}
            </Button>
          </Popconfirm>
          <Button icon={<ExclamationCircleOutlined />} onClick={() => onOpen('dispute')} data-testid="dispute">
            {t('dispute.open')}
          </Button>
        </>
      )}
      {rights.manage && open && s.outstandingFen > 0 && (
        <Button icon={<WalletOutlined />} onClick={() => onOpen('payment')} data-testid="record-payment">
          {t('payment.open')}
        </Button>
      )}
      {rights.manage && (open || s.status === 'paid') && s.invoicedFen < s.totalFen && (
        <Button icon={<FileTextOutlined />} onClick={() => onOpen('invoice')} data-testid="record-invoice">
          {t('invoice.open')}
        </Button>
      )}
      {s.status !== 'cancelled' && (
        <>
          <StatementDownload id={s.id} format="xlsx" />
          <StatementDownload id={s.id} format="csv" />
        </>
      )}
    </Space>
  );
}
