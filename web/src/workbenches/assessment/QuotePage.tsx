import { EditOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiProblem } from '../../api/client.ts';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { useAssessment, useClaim, useQuote } from './api.ts';
import { AssessmentHeader } from './AssessmentHeader.tsx';
import { Inquiries } from './Inquiries.tsx';
import { QuoteFacts, QuoteTable } from './QuoteTable.tsx';

// /assessments/:id/quote — the quote of one version: per line the chosen offer and why, the
// others and why not, the price check's state; the totals; the inquiries and their bids.
export default function QuotePage() {
  const { t } = useTranslation('assessment');
  const { id = '' } = useParams();
  const assessment = useAssessment(id);
  const claim = useClaim(assessment.data?.claimId);
  const quote = useQuote(id, assessment.data !== undefined && assessment.data.status !== 'draft');
  const queryClient = useQueryClient();
  // Bids arrive and inquiries close while the page is open: a refresh reads all of it again.
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['inquiry'] });
    void queryClient.invalidateQueries({ queryKey: ['assessment', id] });
    void queryClient.invalidateQueries({ queryKey: ['claim'] });
  };

  if (assessment.isError) return <LoadError error={assessment.error} onRetry={() => void assessment.refetch()} />;
  if (claim.isError) return <LoadError error={claim.error} onRetry={() => void claim.refetch()} />;
  if (!assessment.data || !claim.data) return <LoadingBlock rows={10} />;
  const a = assessment.data;
  const notQuoted = a.status === 'draft' || (quote.error instanceof ApiProblem && quote.error.status === 404);

  const actions = (
    <Space wrap>
      <Link to={`/assessments/${id}`}>
        <Button icon={<EditOutlined />}>{t('quote.toEditor')}</Button>
      </Link>
      {!notQuoted && (
        <>
          <Button icon={<ReloadOutlined />} loading={quote.isFetching} onClick={refresh}>
            {t('quote.refresh')}
          </Button>
          <Link to={`/assessments/${id}/print`}>
            <Button type="primary" icon={<PrinterOutlined />}>
              {t('quote.print')}
            </Button>
          </Link>
        </>
      )}
    </Space>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <AssessmentHeader assessment={a} claim={claim.data} page="quote" extra={actions} />
      {notQuoted ? (
        <Card>
          <Result
            status="info"
            title={t('quote.notQuoted')}
            subTitle={t('quote.notQuotedHint')}
            extra={
              <Link to={`/assessments/${id}`}>
                <Button type="primary">{t('quote.toEditor')}</Button>
              </Link>
            }
          />
        </Card>
      ) : quote.isError ? (
        <LoadError error={quote.error} onRetry={() => void quote.refetch()} />
      ) : !quote.data ? (
        <LoadingBlock rows={8} />
      ) : (
        <>
          <Card size="small">
            <QuoteFacts quote={quote.data} />
            <QuoteTable quote={quote.data} />
          </Card>
          <Inquiries quote={quote.data} />
        </>
      )}
    </Space>
  );
}
