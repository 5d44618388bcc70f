import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Statement, useOpenStatements } from './api.ts';
import { formatFen } from './money.ts';

// One of a payer's statements that may still take money (issued, disputed or confirmed, with
// something outstanding), newest first: its number, period and what it still owes.
export function StatementPick({
  payerOrgId,
  value,
  onChange,
  id,
  allowClear,
}: {
  payerOrgId: string | undefined;
  value?: string;
  onChange?: (id: string | undefined, s?: Statement) => void;
  id?: string;
  allowClear?: boolean;
}) {
  const { t } = useTranslation('finance');
  const open = useOpenStatements(payerOrgId);
  const items = open.data ?? [];
  return (
    <Select
      id={id}
      value={value}
      allowClear={allowClear}
      disabled={!payerOrgId}
      loading={open.isFetching}
      placeholder={payerOrgId ? (open.isSuccess && items.length === 0 ? t('allocate.noneOpen') : t('allocate.pick')) : t('allocate.payerFirst')}
      onChange={(v: string | undefined) =>
        onChange?.(
          v,
          items.find((s) => s.id === v),
        )
      }
      options={items.map((s) => ({
        value: s.id,
        label: (
          <span style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
            <span style={{ fontFamily: 'monospace' }}>{s.statementNo}</span>
            <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('allocate.owes', { amount: formatFen(s.outstandingFen), status: t(`status.${s.status}`) })}</span>
          </span>
        ),
      }))}
      notFoundContent={open.isError ? t('errors.load') : t('allocate.noneOpen')}
    />
  );
}
