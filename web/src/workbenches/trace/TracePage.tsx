import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiProblem, call, client } from '../../api/client.ts';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { CertificationText, CodeSearch, GradeTag, mono, RecallIcon, Verdict, type TraceAnswer } from './pieces.tsx';
import { TraceLayout } from './TraceLayout.tsx';

// /trace/<code>: what a trace code says, for a car owner who scanned or typed it. The verdict
// first (genuine, recalled, withdrawn, unknown), then the part, its certificate, its maker and
// where it went. The server answers in the chosen language, so a switch asks it again.
export default function TracePage() {
  const { code = '' } = useParams();
  const { t } = useTranslation('trace');
  const language = currentLanguage();
  const lookup = useQuery({
    queryKey: ['trace', code, language],
    queryFn: () => call(client.GET('/api/v1/trace/{code}', { params: { path: { code } } })),
    // A refusal (unknown, mistyped, too many) is an answer, not a hiccup: asking again counts.
    retry: (count, error) => !(error instanceof ApiProblem) && count < 2,
    staleTime: 60_000,
  });

  return (
    <TraceLayout>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 13 }}>
        {t('field.code')}{' '}
        <span data-testid="trace-code" style={{ ...mono, color: 'rgba(0,0,0,0.88)', wordBreak: 'break-all' }}>
          {lookup.data?.code ?? code}
        </span>
      </Typography.Text>
      {lookup.isPending ? (
        <Card>
          <LoadingBlock rows={8} />
        </Card>
      ) : lookup.isError ? (
        <Refusal error={lookup.error} onRetry={() => void lookup.refetch()} />
      ) : (
        <Answer answer={lookup.data} />
      )}
      <Card size="small" title={t('search.another')} style={{ marginTop: 16 }}>
        <CodeSearch />
      </Card>
    </TraceLayout>
  );
}

function Refusal({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('trace');
  if (error instanceof ApiProblem && error.code === 'trace_code_unknown') {
    return (
      <Verdict tone="danger" title={t('verdict.unknown')}>
        {t('verdict.unknownSub')}
      </Verdict>
    );
  }
  if (error instanceof ApiProblem && error.code === 'trace_code_mistyped') {
    return (
      <Verdict tone="warn" title={t('verdict.mistyped')}>
        {error.problem.detail}
      </Verdict>
    );
  }
  if (error instanceof ApiProblem && error.status === 429) {
    return (
      <Verdict tone="warn" title={t('verdict.limited')}>
        {t('verdict.limitedSub')}
      </Verdict>
    );
  }
  return (
    <Card>
      <LoadError error={error} onRetry={onRetry} />
    </Card>
  );
}

// The verdict a code's answer earns. Recalled and withdrawn first, whatever else is true; then a
// unit the platform wrote off (scrapped, lost), whose label on a car needs checking; else genuine.
export function verdictOf(answer: TraceAnswer): 'recalled' | 'revoked' | 'scrapped' | 'lost' | 'genuine' {
  if (answer.status === 'recalled') return 'recalled';
  if (answer.revoked || answer.status === 'revoked') return 'revoked';
  if (answer.status === 'scrapped' || answer.status === 'lost') return answer.status;
  return 'genuine';
}

function Answer({ answer }: { answer: TraceAnswer }) {
  const { t } = useTranslation('trace');
  const verdict = verdictOf(answer);
  return (
    <>
      {verdict === 'genuine' && (
        <Verdict tone="ok" title={t('verdict.genuine')}>
          {t('verdict.genuineSub', { grade: answer.gradeText })}
        </Verdict>
      )}
      {(verdict === 'recalled' || verdict === 'revoked') && (
        <Verdict tone="danger" title={t(`verdict.${verdict}`)} icon={<RecallIcon />}>
          {answer.warning ?? answer.statusText}
        </Verdict>
      )}
      {(verdict === 'scrapped' || verdict === 'lost') && (
        <Verdict tone="warn" title={t('verdict.check')}>
          {t(verdict === 'lost' ? 'verdict.checkLost' : 'verdict.checkScrapped')}
        </Verdict>
      )}
      {verdict === 'genuine' && answer.certification && !answer.certification.validToday && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('verdict.certExpired')} />}
      <Card size="small" style={{ marginTop: 12 }} styles={{ body: { padding: 0 } }}>
        <Descriptions
          column={1}
          size="small"
          bordered
          styles={{ label: { width: 112, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'product', label: t('field.product'), children: <strong>{answer.product.name}</strong> },
            { key: 'brand', label: t('field.brand'), children: answer.product.brand },
            { key: 'grade', label: t('field.grade'), children: <GradeTag grade={answer.grade} text={answer.gradeText} /> },
            { key: 'cert', label: t('field.certification'), children: <CertificationText certification={answer.certification} /> },
            { key: 'supplier', label: t('field.supplier'), children: answer.supplier.name },
            { key: 'lot', label: t('field.lotNo'), children: <span style={mono}>{answer.lotNo}</span> },
            { key: 'status', label: t('field.status'), children: answer.statusText },
            { key: 'shipped', label: t('field.shippedOn'), children: answer.shippedOn ?? '—' },
            { key: 'installedOn', label: t('field.installedOn'), children: answer.installedOn ?? t('field.notInstalled') },
            ...(answer.vinMasked
              ? [
                  {
                    key: 'vehicle',
                    label: t('field.vehicle'),
                    children: (
                      <>
                        <div style={mono} data-testid="vin-masked">
                          {t('field.vinMasked', { vin: answer.vinMasked })}
                        </div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('field.vinHint')}
                        </Typography.Text>
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
