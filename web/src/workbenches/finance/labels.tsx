import { Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinancingStatus, LedgerTransfer, PayoutStatus, RefundStatus, StatementStatus } from './api.ts';
import { formatFen } from './money.ts';

// Tags and amounts as this workbench shows them. Every enum value has its words in both languages
// (locales/*.json), so no code reaches the screen.

const tag = { style: { marginInlineEnd: 0 } };

const statusColors: Record<StatementStatus, string> = {
  draft: 'default',
  issued: 'blue',
  disputed: 'orange',
  confirmed: 'cyan',
  paid: 'success',
  cancelled: 'default',
};

export function StatementStatusTag({ status }: { status: StatementStatus }) {
  const { t } = useTranslation('finance');
  return (
    <Tag color={statusColors[status]} {...tag} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  );
}

const payoutColors: Record<PayoutStatus, string> = { pending: 'gold', paid: 'success', returned: 'error' };

// A payout's state: 待银行确认 (instructed), 已付款, 已退回.
export function PayoutStatusTag({ status }: { status: PayoutStatus }) {
  const { t } = useTranslation('finance');
  return (
    <Tag color={payoutColors[status]} {...tag} data-status={status}>
      {t(`payoutStatus.${status}`)}
    </Tag>
  );
}

const refundColors: Record<RefundStatus, string> = { requested: 'gold', refunded: 'success', refused: 'error', withdrawn: 'default' };

// A refund's state: 待审批, 已退款, 已拒绝, 已撤回.
export function RefundStatusTag({ status }: { status: RefundStatus }) {
  const { t } = useTranslation('finance');
  return (
    <Tag color={refundColors[status]} {...tag} data-status={status}>
      {t(`refundStatus.${status}`)}
    </Tag>
  );
}

const financingColors: Record<FinancingStatus, string> = {
  requested: 'blue',
  approved: 'cyan',
  refused: 'default',
  funded: 'gold',
  repaid: 'success',
  overdue: 'error',
  defaulted: 'magenta',
};

// A financing request's state. `late` marks a funded advance whose expected payment day has passed
// before the daily job has marked it overdue: it is shown as overdue already.
export function FinancingStatusTag({ status, late }: { status: FinancingStatus; late?: boolean }) {
  const { t } = useTranslation('finance');
  const shown = late && status === 'funded' ? 'overdue' : status;
  return (
    <Tag color={financingColors[shown]} {...tag} data-status={status}>
      {t(`financingStatus.${shown}`)}
    </Tag>
  );
}

const gradeColors: Record<string, string> = { oem: 'gold', oes: 'blue', certified: 'green', aftermarket: 'cyan', recycled: 'purple' };

export function GradeTag({ grade }: { grade: string }) {
  const { t } = useTranslation('finance');
  return (
    <Tag color={gradeColors[grade] ?? 'default'} {...tag}>
      {t(`grade.${grade}`, { defaultValue: t('grade.other') })}
    </Tag>
  );
}

const phaseColors: Record<LedgerTransfer['phase'], string> = { single: 'default', pending: 'gold', post: 'green', void: 'default' };

// A transfer's phase, said only when it is not a plain posting: 预记 (pending), 过账 (its post), 作废.
export function PhaseTag({ phase }: { phase: LedgerTransfer['phase'] }) {
  const { t } = useTranslation('finance');
  if (phase === 'single') return null;
  return (
    <Tag color={phaseColors[phase]} {...tag}>
      {t(`phase.${phase}`)}
    </Tag>
  );
}

export function SideTag({ side }: { side: 'debit' | 'credit' }) {
  const { t } = useTranslation('finance');
  return (
    <Tag color={side === 'debit' ? 'blue' : 'green'} {...tag}>
      {t(`side.${side}`)}
    </Tag>
  );
}

const amountStyle: CSSProperties = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' };

// An amount in yuan, right where a table aligns it. `tone` colours what needs the reader's eye:
// money still owed (danger), a credit taken off (credit: shown negative and red), nothing (muted).
export function Amount({ fen, strong, tone, sign }: { fen: number | null | undefined; strong?: boolean; tone?: 'danger' | 'success' | 'secondary' | 'warning'; sign?: 'always' }) {
  return (
    <Typography.Text strong={strong} type={tone} style={amountStyle}>
      {formatFen(fen, { sign })}
    </Typography.Text>
  );
}

// An amount that is zero is muted, so the figures that matter stand out in a dense table.
export function QuietAmount({ fen, strong }: { fen: number | null | undefined; strong?: boolean }) {
  return <Amount fen={fen} strong={strong} tone={fen === 0 ? 'secondary' : undefined} />;
}
