import { DollarOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../../auth/use-me.ts';
import { LoadError, LoadingBlock } from '../../components/states.tsx';
import { useAssessment, useClaim, usePartFacts, type Assessment, type AssessmentLine } from './api.ts';
import { AssessmentEditor } from './AssessmentEditor.tsx';
import { AssessmentHeader } from './AssessmentHeader.tsx';
import { OperationTag } from './labels.tsx';
import { splitDescription } from './lines.ts';
import { PhotoThumbs } from './PhotoField.tsx';

// /assessments/:id — one assessment version: the editor while it is a draft, its frozen lines
// with the way to its quote and its printed sheet once quoted.
export default function AssessmentPage() {
  const { id = '' } = useParams();
  const assessment = useAssessment(id);
  const claim = useClaim(assessment.data?.claimId);
  const me = useMe();
  if (assessment.isError) return <LoadError error={assessment.error} onRetry={() => void assessment.refetch()} />;
  if (claim.isError) return <LoadError error={claim.error} onRetry={() => void claim.refetch()} />;
  if (!assessment.data || !claim.data) return <LoadingBlock rows={10} />;
  const a = assessment.data;
  // Who may write assessments (the API's claims.write): the insurer's adjusters and admins. Anyone
  // else who may read it (the shop, the platform) sees the lines as they stand.
  const roles = me.data?.user?.roles ?? [];
  const mayEdit = me.data?.org.kind === 'insurer' && (roles.includes('adjuster') || roles.includes('admin'));
  const editing = a.status === 'draft' && mayEdit;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <AssessmentHeader assessment={a} claim={claim.data} extra={a.status !== 'draft' && <VersionActions assessment={a} />} />
      {editing ? <AssessmentEditor assessment={a} claim={claim.data} /> : <FrozenLines assessment={a} />}
    </Space>
  );
}

function VersionActions({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation('assessment');
  return (
    <Space wrap>
      <Link to={`/assessments/${assessment.id}/quote`}>
        <Button type="primary" icon={<DollarOutlined />}>
          {t('readonly.viewQuote')}
        </Button>
      </Link>
      <Link to={`/assessments/${assessment.id}/print`}>
        <Button icon={<PrinterOutlined />}>{t('readonly.print')}</Button>
      </Link>
    </Space>
  );
}

function FrozenLines({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation('assessment');
  const parts = usePartFacts(assessment.lines.flatMap((l) => (l.partId ? [l.partId] : [])));
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('lines.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {t('lines.count', { count: assessment.lines.length })}
          </Typography.Text>
        </Space>
      }
    >
      {assessment.status !== 'draft' && <Alert type="info" showIcon title={t('readonly.frozen')} style={{ marginBottom: 12 }} />}
      <Table<AssessmentLine>
        size="small"
        rowKey="id"
        dataSource={assessment.lines}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'no', title: t('lines.no'), dataIndex: 'lineNo', width: 56 },
          {
            key: 'item',
            title: t('lines.item'),
            render: (_, l) => (
              <div>
                <Typography.Text strong>{splitDescription(l.description).name}</Typography.Text>
                {l.isFreeText && <Tag style={{ marginInlineStart: 6 }}>{t('lines.freeText')}</Tag>}
                {(l.partId ? parts.get(l.partId)?.oeNo : l.oeNo) && <div style={{ fontSize: 12, fontFamily: 'monospace', color: '#8c8c8c' }}>{l.partId ? parts.get(l.partId)?.oeNo : l.oeNo}</div>}
              </div>
            ),
          },
          { key: 'qty', title: t('lines.quantity'), dataIndex: 'quantity', width: 72, align: 'right' },
          { key: 'op', title: t('lines.operation'), dataIndex: 'operation', width: 80, render: (op: AssessmentLine['operation']) => <OperationTag operation={op} /> },
          { key: 'hours', title: t('lines.labourHours'), dataIndex: 'labourHours', width: 90, align: 'right', render: (h: number) => `${h} ${t('lines.hoursUnit')}` },
          { key: 'photos', title: t('lines.photos'), dataIndex: 'photoUrls', render: (urls: string[]) => (urls.length ? <PhotoThumbs urls={urls} /> : t('readonly.noPhotos')) },
          { key: 'remark', title: t('lines.remark'), render: (_, l) => splitDescription(l.description).remark ?? '—' },
        ]}
      />
    </Card>
  );
}
