import { Breadcrumb, Descriptions, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { chinaDateTime } from '../../components/china-time.ts';
import { modelName, useVehicle, type Assessment, type Claim } from './api.ts';
import { AssessmentStatusTag } from './labels.tsx';

// What every page of a version starts with: where it sits (claims → the claim → this version),
// which version it is (定损 or 追加定损, its number among the claim's versions), its status, and the
// vehicle it is about.
export function AssessmentHeader({ assessment, claim, page, extra }: { assessment: Assessment; claim: Claim; page?: 'quote'; extra?: ReactNode }) {
  const { t } = useTranslation('assessment');
  const vehicle = useVehicle(claim);
  const kind = t(`kind.${assessment.kind}`);
  const versions = claim.assessments.length;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Breadcrumb
        items={[
          { title: <Link to="/claims">{t('breadcrumb.claims')}</Link> },
          { title: <Link to={`/claims/${claim.id}`}>{t('breadcrumb.claim', { claimNo: claim.claimNo })}</Link> },
          page
            ? { title: <Link to={`/assessments/${assessment.id}`}>{t('breadcrumb.version', { version: assessment.version })}</Link> }
            : { title: t('breadcrumb.version', { version: assessment.version }) },
          ...(page ? [{ title: t(`breadcrumb.${page}`) }] : []),
        ]}
      />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
        <Space size={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="assessment-title">
            {page === 'quote' ? t('quote.title', { kind, version: assessment.version }) : t('title', { kind, version: assessment.version })}
          </Typography.Title>
          <AssessmentStatusTag status={assessment.status} />
          {assessment.kind === 'supplement' && <Tag color="magenta">{t('kind.supplement')}</Tag>}
          {versions > 1 && (
            <Typography.Text type="secondary">
              {claim.assessments
                .slice()
                .sort((a, b) => a.version - b.version)
                .map((a) =>
                  a.id === assessment.id ? (
                    <Typography.Text key={a.id} strong style={{ marginInline: 4 }}>
                      v{a.version}
                    </Typography.Text>
                  ) : (
                    <Link key={a.id} to={`/assessments/${a.id}`} style={{ marginInline: 4 }}>
                      v{a.version}
                    </Link>
                  ),
                )}
            </Typography.Text>
          )}
        </Space>
        {extra}
      </div>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('claim.claimNo')}>
          <Link to={`/claims/${claim.id}`}>{claim.claimNo}</Link>
          <Tag style={{ marginInlineStart: 8 }}>{t(`claimStatus.${claim.status}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('claim.plate')}>{claim.plate}</Descriptions.Item>
        <Descriptions.Item label={t('claim.vin')}>
          <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
            {claim.vin}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('claim.updated')}>{chinaDateTime(assessment.updatedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('claim.vehicle')} span="filled">
          {modelName(vehicle.model) ?? (vehicle.isPending && claim.vin ? '…' : <Typography.Text type="secondary">{t('claim.unknownModel')}</Typography.Text>)}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
