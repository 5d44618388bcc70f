import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatementLine } from './api.ts';

// The part a dispute names, as far as the statement's lines tell it: the name and claim, or the
// order line's id when the line was not found among those read.
export function DisputedPart({ line, id }: { line: StatementLine | undefined; id: string }) {
  const { t } = useTranslation('finance');
  if (!line)
    return (
      <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }} title={id}>
        {t('dispute.lineId', { id: id.slice(-12) })}
      </Typography.Text>
    );
  return (
    <div style={{ minWidth: 0 }}>
      <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={line.productName}>
        {line.productName}
      </div>
      <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
        {line.claimNo ?? line.orderNo}
      </Typography.Text>
    </div>
  );
}
