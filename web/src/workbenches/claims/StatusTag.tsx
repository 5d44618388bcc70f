import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiAnswer } from '../../api/types.ts';

export type ClaimStatus = ApiAnswer<'/api/v1/claims/{id}'>['status'];
export type AssessmentStatus = ApiAnswer<'/api/v1/assessments/{id}'>['status'];

// Every status has its own colour, so a worklist reads at a glance: what still needs the adjuster
// (filed, assessing) in blue, what waits on others in gold, what moved on in green, the end grey.
const claimColours: Record<ClaimStatus, string> = {
  open: 'blue',
  assessing: 'processing',
  quoted: 'gold',
  approved: 'cyan',
  ordered: 'geekblue',
  repaired: 'green',
  settled: 'success',
  closed: 'default',
  cancelled: 'default',
};

const assessmentColours: Record<AssessmentStatus, string> = { draft: 'processing', quoted: 'gold', approved: 'success' };

export const claimStatusList = Object.keys(claimColours) as ClaimStatus[];

export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation('claims');
  return <Tag color={claimColours[status]}>{t(`status.${status}`)}</Tag>;
}

export function AssessmentStatusTag({ status }: { status: AssessmentStatus }) {
  const { t } = useTranslation('claims');
  return <Tag color={assessmentColours[status]}>{t(`assessmentStatus.${status}`)}</Tag>;
}
