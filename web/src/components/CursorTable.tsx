import { LeftOutlined, RightOutlined, SettingOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Empty, Popover, Select, Space, Table, Typography, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from './states.tsx';

export type Page<T> = { items: T[]; nextCursor: string | null };

export type CursorColumn<T> = ColumnType<T> & { key: string; title: ReactNode };

type Props<T> = {
  // Keeps the user's column choice (localStorage) and names the table in tests.
  tableId: string;
  // The filters: a change starts again at the first page.
  queryKey: unknown[];
  fetchPage: (cursor: string | undefined, limit: number) => Promise<Page<T>>;
  columns: CursorColumn<T>[];
  rowKey: keyof T & string;
  toolbar?: ReactNode;
  emptyText?: ReactNode;
  onRow?: TableProps<T>['onRow'];
  pageSizes?: number[];
  scrollX?: number;
};

const hiddenKey = (tableId: string) => `anpei.columns.${tableId}`;

function useHiddenColumns(tableId: string): [string[], (keys: string[]) => void] {
  const [hidden, setHidden] = useState<string[]>(() => {
    try {
      const value: unknown = JSON.parse(localStorage.getItem(hiddenKey(tableId)) ?? '[]');
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  });
  return [
    hidden,
    (keys) => {
      localStorage.setItem(hiddenKey(tableId), JSON.stringify(keys));
      setHidden(keys);
    },
  ];
}

// A table over one of the API's cursor-paged lists ({ items, nextCursor }): previous / next pages
// (a cursor only goes forward, so the cursors seen are kept to go back), page size, and the
// columns a user chose to see. Loading keeps the last page on screen; an error says why, with retry.
export function CursorTable<T extends object>({ tableId, queryKey, fetchPage, columns, rowKey, toolbar, emptyText, onRow, pageSizes = [20, 50, 100], scrollX }: Props<T>) {
  const { t } = useTranslation();
  const [limit, setLimit] = useState(pageSizes[0] ?? 20);
  // cursors[i] is the cursor of page i (undefined for the first).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [hidden, setHidden] = useHiddenColumns(tableId);
  const filterKey = JSON.stringify(queryKey);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter or page size starts again at the first page; the deps are the trigger, not read.
  useEffect(() => setCursors([undefined]), [filterKey, limit]);

  const page = cursors.length - 1;
  const cursor = cursors[page];
  const query = useQuery({
    queryKey: [...queryKey, { cursor, limit }],
    queryFn: () => fetchPage(cursor, limit),
    placeholderData: keepPreviousData,
  });

  const shown = columns.filter((c) => !hidden.includes(c.key));
  const settings = (
    <Checkbox.Group
      style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
      value={columns.map((c) => c.key).filter((k) => !hidden.includes(k))}
      options={columns.map((c) => ({ label: c.title, value: c.key }))}
      onChange={(visible) => setHidden(columns.map((c) => c.key).filter((k) => !visible.includes(k)))}
    />
  );

  if (query.isError && !query.data) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;

  return (
    <div data-table={tableId}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 12, flexWrap: 'wrap' }}>
        <div style={{ flex: 1, minWidth: 0 }}>{toolbar}</div>
        <Popover trigger="click" placement="bottomRight" title={t('common.columns')} content={settings}>
          <Button icon={<SettingOutlined />} aria-label={t('common.columns')} />
        </Popover>
      </div>
      <Table<T>
        size="middle"
        rowKey={rowKey}
        columns={shown}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={false}
        onRow={onRow}
        scroll={{ x: scrollX ?? 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText ?? t('common.empty')} /> }}
      />
      <Space style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 12 }} wrap>
        {query.isError && <Typography.Text type="danger">{t('errors.load')}</Typography.Text>}
        <Typography.Text type="secondary">{t('common.pageNo', { page: page + 1 })}</Typography.Text>
        <Button size="small" icon={<LeftOutlined />} disabled={page === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('common.prevPage')}
        </Button>
        <Button size="small" disabled={!query.data?.nextCursor || query.isFetching} onClick={() => query.data?.nextCursor && setCursors([...cursors, query.data.nextCursor])}>
          {t('common.nextPage')} <RightOutlined />
        </Button>
        <Select size="small" value={limit} onChange={setLimit} options={pageSizes.map((n) => ({ value: n, label: t('common.perPage', { n }) }))} style={{ width: 110 }} />
      </Space>
    </div>
  );
}
