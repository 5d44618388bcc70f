import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

// Amounts travel as integer fen (分); people read yuan with two decimals and the ¥ sign.
const yuanFormat = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 });

export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return yuanFormat.format(fen / 100);
}

// An amount in a table cell or a total. `vatRateBp` (basis points, 1300 = 13 %) adds the
// "incl. 13% VAT" note where a buyer needs it.
export function Money({ fen, vatRateBp, strong, type }: { fen: number | null | undefined; vatRateBp?: number; strong?: boolean; type?: 'success' | 'danger' | 'secondary' }) {
  const { t } = useTranslation();
  return (
    <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      <Typography.Text strong={strong} type={type}>
        {yuan(fen)}
      </Typography.Text>
      {vatRateBp !== undefined && (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
          {t('common.inclVat', { rate: vatRateBp / 100 })}
        </Typography.Text>
      )}
    </span>
  );
}
