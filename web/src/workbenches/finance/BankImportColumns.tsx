import { Button, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { allocatedFen, type Choices, type PreviewRow, rowState } from './bank-import.ts';
import { Amount } from './labels.tsx';
import { formatFen } from './money.ts';

const cut = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
const small = { fontSize: 12, lineHeight: '18px' } as const;

// The preview's columns, narrow enough for a 1366-pixel screen: what the bank wrote (day, amount,
// counterparty, reference and memo), then what the platform made of it — the payer and why, or why
// the line cannot be recorded (already recorded, an error in words) — and the statements it pays.
export function useImportColumns(choices: Choices, onEdit: (row: PreviewRow) => void): TableColumnsType<PreviewRow> {
  const { t } = useTranslation('finance');
  return [
    { key: 'row', title: t('bankImport.col.row'), width: 52, align: 'right', render: (_, r) => <Typography.Text type="secondary">{r.row}</Typography.Text> },
    { key: 'on', title: t('bankImport.col.receivedOn'), width: 100, render: (_, r) => <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{r.receivedOn ?? '—'}</span> },
    { key: 'amount', title: t('bankImport.col.amount'), width: 116, align: 'right', render: (_, r) => (r.amountFen === null ? '—' : <Amount fen={r.amountFen} strong />) },
    {
      key: 'counterparty',
      title: t('bankImport.col.counterparty'),
      minWidth: 160,
      render: (_, r) => (
        <div style={{ minWidth: 0 }}>
          <div style={{ overflowWrap: 'anywhere' }}>{r.payerName ?? '—'}</div>
          {r.payerAccount && <div style={{ ...small, ...cut, color: 'rgba(0,0,0,0.45)', fontFamily: 'monospace' }}>{r.payerAccount}</div>}
        </div>
      ),
    },
    {
      key: 'ref',
      title: t('bankImport.col.ref'),
      width: 170,
      render: (_, r) => (
        <div style={{ minWidth: 0, maxWidth: 154 }}>
          <div style={{ ...cut, fontFamily: 'monospace', fontSize: 12 }} title={r.bankRef ?? undefined}>
            {r.bankRef ?? '—'}
          </div>
          <div style={{ ...small, ...cut, color: 'rgba(0,0,0,0.45)' }} title={r.memo ?? undefined}>
            {r.memo ?? ''}
          </div>
        </div>
      ),
    },
    {
      key: 'payer',
      title: t('bankImport.col.payer'),
      minWidth: 170,
      render: (_, r) => {
        const c = choices[r.row];
        const state = rowState(r, c);
        if (state === 'duplicate')
          return (
            <div data-state={state}>
              <Tag style={{ marginInlineEnd: 0 }}>{t('bankImport.duplicates')}</Tag>
              {r.recordedPaymentNo && <div style={{ ...small, fontFamily: 'monospace', color: 'rgba(0,0,0,0.45)' }}>{r.recordedPaymentNo}</div>}
            </div>
          );
        if (state === 'error')
          return (
            <div data-state={state}>
              {r.errors.map((e) => (
                <div key={`${e.field}:${e.code}`} style={{ ...small, color: '#cf1322' }}>
                  {e.field ? `${t(`bankImport.field.${e.field}`)}：` : ''}
                  {e.message}
                </div>
              ))}
            </div>
          );
        if (!c?.payer)
          return (
            <Tag color="warning" style={{ marginInlineEnd: 0 }} data-state={state}>
              {t('bankImport.unknownPayer')}
            </Tag>
          );
        return (
          <div style={{ minWidth: 0 }} data-state={state}>
            <div style={{ overflowWrap: 'anywhere' }}>{c.payer.name}</div>
            <div style={{ ...small, color: 'rgba(0,0,0,0.45)' }}>{c.edited ? t('bankImport.allocReason.manual') : r.payer ? t(`bankImport.reason.${r.payer.reason}`) : ''}</div>
          </div>
        );
      },
    },
    {
      key: 'match',
      title: t('bankImport.col.match'),
      width: 200,
      render: (_, r) => {
        const c = choices[r.row];
        const state = rowState(r, c);
        if (state === 'duplicate' || state === 'error') return <Typography.Text type="secondary">—</Typography.Text>;
        const allocations = c?.allocations ?? [];
        const left = (r.amountFen ?? 0) - allocatedFen(c);
        const reasonOf = (statementId: string) => (c?.edited ? 'manual' : (r.allocations.find((a) => a.statementId === statementId)?.reason ?? 'manual'));
        return (
          <div>
            {allocations.slice(0, 3).map((a) => (
              <div key={a.statementId} style={{ marginBottom: 2 }}>
                <div style={{ fontFamily: 'monospace', fontSize: 12, whiteSpace: 'nowrap' }}>{a.statementNo}</div>
                <div style={small}>
                  <Amount fen={a.amountFen} /> <Typography.Text type="secondary">· {t(`bankImport.allocReason.${reasonOf(a.statementId)}`)}</Typography.Text>
                </div>
              </div>
            ))}
            {allocations.length > 3 && <Typography.Text type="secondary">{t('payment.andMore', { count: allocations.length - 3 })}</Typography.Text>}
            {allocations.length === 0 && <Typography.Text type="secondary">{t('bankImport.noMatch')}</Typography.Text>}
            {left > 0 && allocations.length > 0 && <div style={{ ...small, color: '#d48806' }}>{t('bankImport.left', { amount: formatFen(left) })}</div>}
          </div>
        );
      },
    },
    {
      key: 'actions',
      title: t('col.actions'),
      width: 88,
      fixed: 'right',
      render: (_, r) => {
        const state = rowState(r, choices[r.row]);
        if (state === 'duplicate' || state === 'error') return null;
        return (
          <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onEdit(r)} data-testid={`adjust-${r.row}`}>
            {state === 'needs_payer' ? t('bankImport.setPayer') : t('bankImport.edit')}
          </Button>
        );
      },
    },
  ];
}
