import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Popconfirm, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, idempotencyKey } from '../../api/client.ts';
import { Refusal, type Said } from '../../components/form-modal.tsx';
import { keys } from './api.ts';
import {
  batches,
  type Choice,
  type Choices,
  type ImportResult,
  importRows,
  initialChoices,
  initialSelection,
  mergeResults,
  type Preview,
  type PreviewRow,
  type RowState,
  rowState,
  selectionTotals,
} from './bank-import.ts';
import { useImportColumns } from './BankImportColumns.tsx';
import { ImportRowModal } from './ImportRowModal.tsx';
import { formatFen } from './money.ts';
import { failureSaid } from './problem-form.ts';

type Filter = 'all' | RowState;
const filters: Filter[] = ['all', 'ready', 'needs_payer', 'duplicate', 'error'];

// Step 2: every credit the file holds, as read and matched; the ready ones ticked. The clerk names
// a payer where none was found, changes a payer or the matches (调整), unticks what should wait, and
// confirms; the ticked lines go in requests of at most 200 rows, each with its Idempotency-Key.
export function BankImportPreview({
  file,
  preview,
  onAgain,
  onDone,
}: {
  file: string;
  preview: Preview;
  onAgain: () => void;
  onDone: (result: ImportResult, sent: PreviewRow[], choices: Choices) => void;
}) {
  const { t } = useTranslation('finance');
  const queryClient = useQueryClient();
  const rows = preview.rows;
  const [choices, setChoices] = useState<Choices>(() => initialChoices(rows));
  const [selected, setSelected] = useState<number[]>(() => initialSelection(rows, initialChoices(rows)));
  const [filter, setFilter] = useState<Filter>('all');
  const [editing, setEditing] = useState<PreviewRow>();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [said, setSaid] = useState<Said>();
  const totals = selectionTotals(rows, choices, selected);
  const count = (f: Filter) => (f === 'all' ? rows.length : rows.filter((r) => rowState(r, choices[r.row]) === f).length);
  const shown = filter === 'all' ? rows : rows.filter((r) => rowState(r, choices[r.row]) === filter);

  const apply = (row: number, choice: Choice) => {
    setChoices((c) => ({ ...c, [row]: choice }));
    setSelected((s) => (choice.payer ? [...new Set([...s, row])] : s.filter((r) => r !== row)));
  };

  const send = async () => {
    setSaid(undefined);
    const body = importRows(rows, choices, selected);
    const parts = batches(body);
    const results: ImportResult[] = [];
    setProgress({ done: 0, total: body.length });
    try {
      for (const part of parts) {
        results.push(await call(client.POST('/api/v1/payments/import', { body: { rows: part }, headers: idempotencyKey() })));
        setProgress({ done: results.reduce((n, r) => n + r.rows.length, 0), total: body.length });
      }
    } catch (e) {
      const done = results.reduce((n, r) => n + r.rows.length, 0);
      const why = failureSaid(e, t);
      setSaid({ title: t('bankImport.failed'), detail: done > 0 ? `${why.detail} ${t('bankImport.partial', { done })}` : `${why.title}：${why.detail}` });
      if (done === 0) {
        setProgress(undefined);
        return;
      }
    } finally {
      void queryClient.invalidateQueries({ queryKey: keys.payments });
      void queryClient.invalidateQueries({ queryKey: keys.statements });
      void queryClient.invalidateQueries({ queryKey: ['ledger'] });
    }
    const sentRows = new Set(results.flatMap((r) => r.rows.map((o) => o.row)));
    onDone(
      mergeResults(results),
      rows.filter((r) => sentRows.has(r.row)),
      choices,
    );
  };

  const columns = useImportColumns(choices, setEditing);

  const busy = progress !== undefined && said === undefined;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3, xl: 6 }} data-testid="import-summary">
          <Descriptions.Item label={t('bankImport.file')}>
            <span style={{ wordBreak: 'break-all' }}>{file}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('bankImport.encoding')}>
            {preview.encoding}（{t('bankImport.headerRow', { row: preview.headerRow })}）
          </Descriptions.Item>
          <Descriptions.Item label={t('bankImport.credits')}>{t('bankImport.count', { count: preview.creditLines })}</Descriptions.Item>
          <Descriptions.Item label={t('bankImport.debitsIgnored')}>{t('bankImport.count', { count: preview.debitLinesIgnored })}</Descriptions.Item>
          <Descriptions.Item label={t('bankImport.duplicates')}>{t('bankImport.count', { count: preview.duplicates })}</Descriptions.Item>
          <Descriptions.Item label={t('bankImport.withErrors')}>
            <Typography.Text type={preview.withErrors > 0 ? 'danger' : undefined}>{t('bankImport.count', { count: preview.withErrors })}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {rows.length === 0 && <Alert type="warning" showIcon title={t('bankImport.noCredits', { debits: preview.debitLinesIgnored })} />}
      <Segmented<Filter> value={filter} onChange={setFilter} options={filters.map((f) => ({ value: f, label: t(`bankImport.filter.${f}`, { count: count(f) }) }))} data-testid="import-filter" />
      <Table<PreviewRow>
        data-table="bank-import-preview"
        size="small"
        rowKey="row"
        columns={columns}
        dataSource={shown}
        scroll={{ x: 1060 }}
        pagination={{ defaultPageSize: 20, pageSizeOptions: [20, 50, 100], showSizeChanger: true, hideOnSinglePage: false, showTotal: (n) => t('bankImport.count', { count: n }) }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as number[]),
          getCheckboxProps: (r) => ({ disabled: rowState(r, choices[r.row]) !== 'ready' || busy, title: rowState(r, choices[r.row]) !== 'ready' ? t('bankImport.notTickable') : undefined }),
          fixed: 'left',
        }}
        locale={{ emptyText: t('list.emptyFiltered') }}
      />
      <Refusal said={said} testId="import-refusal" />
      <Card size="small" styles={{ body: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' } }}>
        <Typography.Text strong data-testid="import-selected">
          {totals.count === 0 ? t('bankImport.noneSelected') : t('bankImport.selected', { count: totals.count, amount: formatFen(totals.amountFen), allocated: formatFen(totals.allocatedFen) })}
        </Typography.Text>
        <Space>
          <Button onClick={onAgain} disabled={busy}>
            {t('bankImport.again')}
          </Button>
          <Popconfirm
            title={t('bankImport.confirmTitle', { count: totals.count })}
            description={t('bankImport.confirmBody', { amount: formatFen(totals.amountFen), allocated: formatFen(totals.allocatedFen) })}
            onConfirm={() => void send()}
            disabled={totals.count === 0 || busy}
          >
            <Button type="primary" disabled={totals.count === 0} loading={busy} data-testid="import-submit">
              {busy ? t('bankImport.importing', progress) : t('bankImport.confirm')}
            </Button>
          </Popconfirm>
        </Space>
      </Card>
      {editing && (
        <ImportRowModal
          row={editing}
          choice={choices[editing.row]!}
          choices={choices}
          selected={selected}
          onApply={(choice) => {
            apply(editing.row, choice);
            setEditing(undefined);
          }}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Space>
  );
}
