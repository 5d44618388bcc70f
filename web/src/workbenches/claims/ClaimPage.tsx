import { ArrowLeftOutlined, FileAddOutlined, EditOutlined } from '@ant-design/icons';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiProblem, call, client } from '../../api/client.ts';
import type { ApiAnswer } from '../../api/types.ts';
import { useMe } from '../../auth/use-me.ts';
import { chinaDate, chinaDateTime } from '../../components/china-time.ts';
import { Money } from '../../components/money.tsx';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { ClaimTimeline } from './ClaimTimeline.tsx';
import { NewAssessmentModal } from './NewAssessmentModal.tsx';
import { AssessmentStatusTag, ClaimStatusTag, type ClaimStatus } from './StatusTag.tsx';
import { modelLabel } from './VinField.tsx';

type Claim = ApiAnswer<'/api/v1/claims/{id}'>;
type Version = Claim['assessments'][number];
type Quote = ApiAnswer<'/api/v1/assessments/{id}/quote'>;

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

// A new version may be written while the claim is still being assessed or priced (not once
// ordered), and only when the latest version is no longer a draft (the server says the same).
const assessable: ClaimStatus[] = ['open', 'assessing', 'quoted', 'approved'];

export default function ClaimPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('claims');
  const navigate = useNavigate();
  const me = useMe();
  const [writing, setWriting] = useState(false);
  const queries = useQueryClient();
  const claim = useQuery({ queryKey: ['claim', id], queryFn: () => call(client.GET('/api/v1/claims/{id}', { params: { path: { id } } })) });

  if (claim.isLoading) return <LoadingBlock rows={10} />;
  if (claim.isError || !claim.data) return <LoadError error={claim.error} onRetry={() => void claim.refetch()} />;
  const c = claim.data;
  const mayWrite = me.data?.org.kind === 'insurer' && (me.data.user?.roles ?? []).some((r) => r === 'adjuster' || r === 'admin');
  const latest = c.assessments.at(-1);
  const nextVersion = (latest?.version ?? 0) + 1;
  const draft = latest?.status === 'draft' ? latest : undefined;

  const actions = mayWrite && (
    <Space wrap>
      {draft ? (
        <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/assessments/${draft.id}`)}>
          {t('claim.continueDraft')}
        </Button>
      ) : (
        assessable.includes(c.status) && (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => setWriting(true)} data-testid="new-assessment">
            {latest ? t('claim.supplement') : t('claim.newAssessment')}
          </Button>
        )
      )}
    </Space>
  );

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Link to="/claims" aria-label={t('claim.back')}>
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('claim.title', { claimNo: c.claimNo })}
        </Typography.Title>
        <ClaimStatusTag status={c.status} />
        <div style={{ flex: 1 }} />
        {actions}
      </div>
      <Card size="small" title={t('claim.facts')}>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, xl: 3 }} data-testid="claim-facts">
          <Descriptions.Item label={t('claim.claimNo')}>{c.claimNo}</Descriptions.Item>
          <Descriptions.Item label={t('claim.policyNo')}>{c.policyNo}</Descriptions.Item>
          <Descriptions.Item label={t('claim.status')}>
            <ClaimStatusTag status={c.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('claim.vehicle')}>
            {c.vehicle ? (
              <span>
                {modelLabel(c.vehicle)} <Typography.Text type="secondary">· {c.vehicle.engine}</Typography.Text>
              </span>
            ) : (
              <Typography.Text type="secondary">{t('claim.noModel')}</Typography.Text>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('claim.vin')}>
            <Typography.Text copyable style={mono}>
              {c.vin}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('claim.plate')}>{c.plate}</Descriptions.Item>
          <Descriptions.Item label={t('claim.accidentDate')}>{chinaDate(c.accidentDate)}</Descriptions.Item>
          <Descriptions.Item label={t('claim.region')}>{c.accidentRegionName ?? c.accidentRegionCode}</Descriptions.Item>
          <Descriptions.Item label={t('claim.vehicleValue')}>{c.vehicleValueFen === null ? '—' : <Money fen={c.vehicleValueFen} />}</Descriptions.Item>
          <Descriptions.Item label={t('claim.insurer')}>{c.insurerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('claim.repairShop')}>{c.repairShopName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('claim.filedAt')}>{chinaDateTime(c.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('claim.versions')}>
            {draft && mayWrite && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('claim.draftOpen', { version: draft.version })}
              </Typography.Paragraph>
            )}
            <Versions versions={c.assessments} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('claim.timeline')}>
            <ClaimTimeline claimId={c.id} ownOrgName={me.data?.org.name} />
          </Card>
        </Col>
      </Row>
      {writing && (
        <NewAssessmentModal
          claimId={c.id}
          vehicle={{ vehicleModelId: c.vehicleModelId, vin: c.vin }}
          version={nextVersion}
          open={writing}
          onClose={() => setWriting(false)}
          onCreated={(a) => {
            setWriting(false);
            // The claim moved (assessing) and its history grew: what was read of it is stale.
            void queries.invalidateQueries({ queryKey: ['claim', id] });
            void queries.invalidateQueries({ queryKey: ['claim-timeline', id] });
            void queries.invalidateQueries({ queryKey: ['claims'] });
            navigate(`/assessments/${a.id}`);
          }}
        />
      )}
    </div>
  );
}

// The versions with their state and sums: lines and labour from the assessment, and once quoted
// the quote's amount and what the price check approved (VAT included).
function Versions({ versions }: { versions: Version[] }) {
  const { t } = useTranslation('claims');
  const quotes = useQueries({
    queries: versions.map((v) => ({
      queryKey: ['assessment-quote', v.id],
      queryFn: () => call(client.GET('/api/v1/assessments/{id}/quote', { params: { path: { id: v.id } } })),
      enabled: v.status !== 'draft',
      retry: (n: number, e: unknown) => !(e instanceof ApiProblem) && n < 2,
    })),
  });
  if (versions.length === 0)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <span>
            {t('claim.noVersions')}
            <br />
            <Typography.Text type="secondary">{t('claim.noVersionsHint')}</Typography.Text>
          </span>
        }
      />
    );
  const quoteOf = (i: number): Quote | undefined => quotes[i]?.data;
  return (
    <Table<Version>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={versions}
      scroll={{ x: 'max-content' }}
      data-testid="assessment-versions"
      columns={[
        {
          key: 'version',
          title: t('claim.version'),
          render: (_, v) => <Link to={`/assessments/${v.id}`}>{t('claim.versionName', { version: v.version, kind: t(`claim.kind.${v.kind}`) })}</Link>,
        },
        { key: 'status', title: t('claim.status'), render: (_, v) => <AssessmentStatusTag status={v.status} /> },
        { key: 'lines', title: t('claim.lineCount'), align: 'right', render: (_, v) => v.lines.length },
        { key: 'labour', title: t('claim.labour'), align: 'right', render: (_, v) => t('claim.hours', { h: (v.lines.reduce((s, l) => s + Math.round(l.labourHours * 10), 0) / 10).toFixed(1) }) },
        {
          key: 'quoted',
          title: t('claim.quoted'),
          align: 'right',
          render: (_, _v, i) => {
            const q = quoteOf(i);
            return q?.quoted ? <Money fen={q.quoted.amountFen} /> : <Typography.Text type="secondary">—</Typography.Text>;
          },
        },
        {
          key: 'approved',
          title: t('claim.approved'),
          align: 'right',
          render: (_, v, i) => {
            const q = quoteOf(i);
            return q && v.status === 'approved' ? <Money fen={q.approved.amountFen} strong /> : <Typography.Text type="secondary">—</Typography.Text>;
          },
        },
        { key: 'createdAt', title: t('claim.createdAt'), render: (_, v) => <span style={{ whiteSpace: 'nowrap' }}>{chinaDateTime(v.createdAt)}</span> },
        {
          key: 'open',
          title: t('common.actions', { ns: 'translation' }),
          render: (_, v) => <Link to={`/assessments/${v.id}`}>{t('claim.open')}</Link>,
        },
      ]}
    />
  );
}
