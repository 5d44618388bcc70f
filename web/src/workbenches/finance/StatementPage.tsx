import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Col, Row, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { useStatement } from './api.ts';
import { DisputeCard } from './DisputeCard.tsx';
import { DisputeModal } from './DisputeModal.tsx';
import { InvoiceModal } from './InvoiceModal.tsx';
import { statementTarget } from './invoice-target.ts';
import type { Said } from './problem-form.ts';
import { RecordPaymentModal } from './RecordPaymentModal.tsx';
import { useFinanceRights } from './rights.ts';
import { type Dialog, StatementActions, useStep } from './StatementActions.tsx';
import { StatementHeader } from './StatementHeader.tsx';
import { StatementLines } from './StatementLines.tsx';
import { StatementInvoices, StatementPayments } from './StatementMoney.tsx';

// /finance/statements/:id — one statement (对账单): its head and figures, what may be done with it
// now (issue, withdraw, confirm, dispute, record money and invoices, export), the dispute and its
// settlement, the lines, and the money and invoices against it.
export default function StatementPage() {
  const { id = '' } = useParams<{ id: string }>();
  const statement = useStatement(id);
  if (statement.isPending) return <LoadingBlock rows={10} />;
  if (statement.isError) return <LoadError error={statement.error} onRetry={() => void statement.refetch()} />;
  return <StatementView key={id} s={statement.data} />;
}

function StatementView({ s }: { s: NonNullable<ReturnType<typeof useStatement>['data']> }) {
  const { t } = useTranslation('finance');
  const rights = useFinanceRights();
  const [refusal, setRefusal] = useState<Said>();
  const [dialog, setDialog] = useState<Dialog>();
  const step = useStep(s, setRefusal);
  const mine = s.createdBy === rights.userId;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Link to="/finance/statements">
        <ArrowLeftOutlined /> {t('detail.back')}
      </Link>
      {refusal && <Alert type="error" showIcon closable onClose={() => setRefusal(undefined)} title={refusal.title} description={refusal.detail} data-testid="step-refusal" />}
      {rights.manage && s.status === 'draft' && <Alert type="info" showIcon title={mine ? t('detail.fourEyesMine') : t('detail.fourEyesOther')} description={t('detail.fourEyesHint')} />}
      {rights.answer && s.status === 'issued' && <Alert type="info" showIcon title={t('detail.answerHint')} />}
      {s.status === 'confirmed' && s.outstandingFen === 0 && s.invoiceRequired && s.invoicedFen < s.totalFen && <Alert type="warning" showIcon title={t('detail.waitingInvoice')} />}
      <StatementHeader s={s} actions={<StatementActions s={s} rights={rights} onStep={(x) => step.mutate(x)} busy={step.isPending ? step.variables : undefined} onOpen={setDialog} />} />
      <DisputeCard s={s} rights={rights} />
      <StatementLines s={s} />
      {s.status !== 'draft' && s.status !== 'cancelled' && (
        <Row gutter={12}>
          <Col xs={24} lg={14}>
            <StatementPayments s={s} />
          </Col>
          <Col xs={24} lg={10}>
            <StatementInvoices s={s} />
          </Col>
        </Row>
      )}
      {dialog === 'dispute' && <DisputeModal s={s} onClose={() => setDialog(undefined)} />}
      {dialog === 'payment' && <RecordPaymentModal statement={s} onClose={() => setDialog(undefined)} />}
      {dialog === 'invoice' && <InvoiceModal target={statementTarget(s)} onClose={() => setDialog(undefined)} />}
    </Space>
  );
}
