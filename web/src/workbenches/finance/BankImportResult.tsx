import { Button, Result, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Choices, ImportOutcome, ImportResult, PreviewRow } from './bank-import.ts';
import { Amount } from './labels.tsx';
import { formatFen } from './money.ts';

const outcomeColors: Record<ImportOutcome['outcome'], string> = { recorded: 'success', duplicate: 'default', error: 'error' };

// Step 3: what became of each line sent: recorded (its payment, what is left unmatched), already
// recorded (the payment that holds its bank reference), or refused (why, field by field). Each
// payment links to the payments list, filtered to its payer.
export function BankImportResult({ file, result, sent, choices, onAgain }: { file: string; result: ImportResult; sent: PreviewRow[]; choices: Choices; onAgain: () => void }) {
  const { t } = useTranslation('finance');
  const navigate = useNavigate();
  const line = new Map(sent.map((r) => [r.row, r]));

  const columns: TableColumnsType<ImportOutcome> = [
    { key: 'row', title: t('bankImport.col.row'), width: 64, align: 'right', render: (_, o) => <Typography.Text type="secondary">{o.row ?? '—'}</Typography.Text> },
    { key: 'ref', title: t('payment.bankRef'), width: 180, render: (_, o) => <span style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{o.bankRef}</span> },
    {
      key: 'amount',
      title: t('bankImport.col.amount'),
      width: 120,
      align: 'right',
      render: (_, o) => {
        const fen = o.row === null ? null : line.get(o.row)?.amountFen;
        return fen === null || fen === undefined ? '—' : <Amount fen={fen} strong />;
      },
    },
    {
      key: 'payer',
      title: t('bankImport.col.payer'),
      minWidth: 160,
      render: (_, o) => {
        const payer = o.row === null ? undefined : choices[o.row]?.payer?.name;
        const bank = o.row === null ? undefined : (line.get(o.row)?.payerName ?? undefined);
        return (
          <div style={{ minWidth: 0 }}>
            <div style={{ overflowWrap: 'anywhere' }}>{payer ?? '—'}</div>
            {bank && bank !== payer && <div style={{ fontSize: 12, lineHeight: '18px', color: 'rgba(0,0,0,0.45)', overflowWrap: 'anywhere' }}>{bank}</div>}
          </div>
        );
      },
    },
    {
      key: 'outcome',
      title: t('bankImport.col.state'),
      width: 100,
      render: (_, o) => (
        <Tag color={outcomeColors[o.outcome]} style={{ marginInlineEnd: 0 }} data-outcome={o.outcome}>
          {t(`bankImport.outcome.${o.outcome}`)}
        </Tag>
      ),
    },
    {
      key: 'payment',
      title: t('bankImport.col2.paymentNo'),
      width: 190,
      render: (_, o) =>
        o.paymentNo ? (
          <Link
            to={o.outcome === 'recorded' && o.row !== null && choices[o.row]?.payer ? `/finance/payments?payer=${choices[o.row]!.payer!.id}` : '/finance/payments'}
            style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}
          >
            {o.paymentNo}
          </Link>
        ) : (
          '—'
        ),
    },
    {
      key: 'detail',
      title: t('bankImport.col2.detail'),
      width: 260,
      render: (_, o) => {
        if (o.outcome === 'recorded') {
          const matched = o.row === null ? [] : (choices[o.row]?.allocations ?? []);
          return (
            <div style={{ fontSize: 12, lineHeight: '18px' }}>
              {matched.map((a) => (
                <div key={a.statementId}>{t('bankImport.matched', { no: a.statementNo, amount: formatFen(a.amountFen) })}</div>
              ))}
              {o.unallocatedFen ? (
                <Typography.Text type="warning" style={{ fontSize: 12 }}>
                  {t('bankImport.left', { amount: formatFen(o.unallocatedFen) })}
                </Typography.Text>
              ) : null}
            </div>
          );
        }
        if (!o.problem) return null;
        return (
          <div style={{ color: '#cf1322', fontSize: 12, lineHeight: '18px' }}>
            <div>{o.problem.detail}</div>
            {o.problem.errors.map((e) => (
              <div key={`${e.path}:${e.code}`}>{e.message}</div>
            ))}
          </div>
        );
      },
    },
  ];

  return (
    <>
      <Result
        status={result.errors > 0 ? 'warning' : result.recorded > 0 ? 'success' : 'info'}
        title={result.recorded > 0 ? t('bankImport.doneTitle', { count: result.recorded }) : t('bankImport.doneNone')}
        subTitle={
          <>
            <div>{file}</div>
            {result.duplicates + result.errors > 0 && <div>{t('bankImport.doneSub', { duplicates: result.duplicates, errors: result.errors })}</div>}
            {result.errors > 0 && <div>{t('bankImport.doneErrors')}</div>}
          </>
        }
        extra={[
          <Button key="list" type="primary" onClick={() => void navigate('/finance/payments')} data-testid="to-payments">
            {t('bankImport.toPayments')}
          </Button>,
          <Button key="again" onClick={onAgain}>
            {t('bankImport.another')}
          </Button>,
        ]}
        style={{ padding: '16px 0' }}
        data-testid="import-result"
      />
      <Table<ImportOutcome>
        data-table="bank-import-result"
        size="small"
        rowKey="index"
        columns={columns}
        dataSource={result.rows}
        scroll={{ x: 1000 }}
        pagination={{ defaultPageSize: 20, pageSizeOptions: [20, 50, 100], showSizeChanger: true, hideOnSinglePage: true }}
      />
    </>
  );
}
