import { Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { chinaDate } from '../../components/china-time.ts';
import { type CursorColumn, CursorTable } from '../../components/CursorTable.tsx';
import { fetchLines, keys, type Statement, type StatementLine } from './api.ts';
import { Amount, GradeTag, QuietAmount } from './labels.tsx';

// A line with a key of its own: a credit note's line (and a return's) names the same order line as
// the sale it credits.
export type LineRow = StatementLine & { rowId: string };
export const withRowId = (l: StatementLine): LineRow => ({ ...l, rowId: `${l.kind}:${l.orderLineId}` });

// The columns a statement's lines share between the page and the dispute form: the part and its
// grade, the claim and order it came by, the quantity and the money (the handling fee only where the
// statement has any). A credit note's line and a return's are the money taken off, shown negative
// and red.
export function useLineColumns(s: Pick<Statement, 'handlingFeeFen'>): CursorColumn<LineRow>[] {
  const { t } = useTranslation('finance');
  const credit = (l: LineRow) => l.kind !== 'sale';
  const money = (fen: number, l: LineRow) => (credit(l) ? <Amount fen={-fen} tone={fen === 0 ? 'secondary' : 'danger'} /> : <QuietAmount fen={fen} />);
  return [
    {
      key: 'part',
      title: t('line.part'),
      ellipsis: true,
      render: (_, l) => (
        <div style={{ minWidth: 0 }}>
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={l.productName}>
            {credit(l) && (
              <Tag color="red" style={{ marginInlineEnd: 4 }}>
                {t(l.kind === 'return' ? 'line.return' : 'line.credit')}
              </Tag>
            )}
            {l.productName}
          </div>
          <GradeTag grade={l.grade} />
        </div>
      ),
    },
    {
      key: 'claim',
      title: t('line.claimOrder'),
      width: 172,
      render: (_, l) => (
        <div style={{ fontFamily: 'monospace', fontSize: 12, lineHeight: '18px', whiteSpace: 'nowrap' }}>
          <div>{l.claimNo ?? <Typography.Text type="secondary">{t('line.noClaim')}</Typography.Text>}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.orderNo}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'qty', title: t('line.qty'), width: 52, align: 'right', render: (_, l) => (l.kind === 'credit' ? '—' : l.kind === 'return' ? -l.qty : l.qty) },
    { key: 'net', title: t('line.net'), width: 108, align: 'right', render: (_, l) => money(l.netFen, l) },
    { key: 'vat', title: t('line.vat'), width: 96, align: 'right', render: (_, l) => money(l.vatFen, l) },
    ...(s.handlingFeeFen > 0 ? [{ key: 'fee', title: t('line.fee'), width: 96, align: 'right', render: (_, l) => money(l.handlingFeeFen, l) } as CursorColumn<LineRow>] : []),
    { key: 'total', title: t('line.total'), width: 108, align: 'right', render: (_, l) => (credit(l) ? <Amount fen={-l.totalFen} tone="danger" strong /> : <Amount fen={l.totalFen} strong />) },
    {
      key: 'saving',
      title: t('line.saving'),
      width: 96,
      align: 'right',
      render: (_, l) => (l.savingFen === null || credit(l) ? <Typography.Text type="secondary">—</Typography.Text> : <Amount fen={l.savingFen} tone="success" />),
    },
    { key: 'postedAt', title: t('line.postedAt'), width: 96, render: (_, l) => <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{chinaDate(l.postedAt)}</span> },
  ];
}

// The statement's lines (对账明细), a page at a time with the API's cursors.
export function StatementLines({ s }: { s: Statement }) {
  const { t } = useTranslation('finance');
  const columns = useLineColumns(s);
  return (
    <Card title={t('line.title', { count: s.lineCount })} size="small">
      {s.status === 'cancelled' ? (
        <Typography.Text type="secondary">{t('line.cancelled')}</Typography.Text>
      ) : (
        <CursorTable<LineRow>
          tableId="finance-statement-lines"
          queryKey={[...keys.lines(s.id), 'page', s.creditFen]}
          fetchPage={async (cursor, limit) => {
            const page = await fetchLines(s.id, cursor, limit);
            return { ...page, items: page.items.map(withRowId) };
          }}
          columns={columns}
          rowKey="rowId"
          scrollX={960}
          toolbar={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('line.hint')}
            </Typography.Text>
          }
          emptyText={t('line.empty')}
        />
      )}
    </Card>
  );
}
