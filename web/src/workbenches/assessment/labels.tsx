import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Assessment, Grade, QuoteLine } from './api.ts';

// Tags for the enums this workbench shows. Every value has its words in both languages
// (locales/*.json), so no code reaches the screen.

const gradeColors: Record<Grade, string> = { oem: 'gold', oes: 'blue', certified: 'green', aftermarket: 'cyan', recycled: 'purple' };

export function GradeTag({ grade }: { grade: Grade | null | undefined }) {
  const { t } = useTranslation('assessment');
  if (!grade) return null;
  return (
    <Tag color={gradeColors[grade]} style={{ marginInlineEnd: 0 }}>
      {t(`grade.${grade}`)}
    </Tag>
  );
}

const statusColors: Record<Assessment['status'], string> = { draft: 'default', quoted: 'processing', approved: 'success' };

export function AssessmentStatusTag({ status }: { status: Assessment['status'] }) {
  const { t } = useTranslation('assessment');
  return <Tag color={statusColors[status]}>{t(`status.${status}`)}</Tag>;
}

type ApprovalStatus = QuoteLine['approval']['status'];
const approvalColors: Record<ApprovalStatus, string> = { pending: 'warning', auto_approved: 'success', approved: 'success', corrected: 'processing', sent_back: 'error' };

export function ApprovalTag({ status }: { status: ApprovalStatus }) {
  const { t } = useTranslation('assessment');
  return (
    <Tag color={approvalColors[status]} style={{ marginInlineEnd: 0 }}>
      {t(`approval.${status}`)}
    </Tag>
  );
}

type SourceKind = NonNullable<QuoteLine['chosenSource']>;
const sourceColors: Record<SourceKind, string> = { stock: 'green', drop_ship: 'geekblue', transfer: 'orange', purchase: 'volcano', none: 'error' };

export function SourceTag({ kind }: { kind: SourceKind | null | undefined }) {
  const { t } = useTranslation('assessment');
  if (!kind) return null;
  return (
    <Tag color={sourceColors[kind]} style={{ marginInlineEnd: 0 }}>
      {t(`source.${kind}`)}
    </Tag>
  );
}

export function OperationTag({ operation }: { operation: 'replace' | 'repair' }) {
  const { t } = useTranslation('assessment');
  return (
    <Tag color={operation === 'replace' ? 'blue' : 'orange'} style={{ marginInlineEnd: 0 }}>
      {t(`operation.${operation}`)}
    </Tag>
  );
}
