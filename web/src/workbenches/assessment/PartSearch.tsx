import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import type { ApiQuery } from '../../api/types.ts';
import { Money } from '../../components/money.tsx';
import { LoadError } from '../../components/states.tsx';
import { categoryCodes, type Category, type Claim, type PartHit } from './api.ts';

const PAGE = 20;

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

// Part search within the claim's vehicle: an OE number (any punctuation, a prefix will do), a
// fragment of the Chinese name, pinyin or its initials (qbxg → 前保险杠…), and a category. The
// server narrows to the model's fitment first, so the answer is the parts that fit this car.
export function PartSearch({ claim, onAdd, addedIds }: { claim: Claim; onAdd: (part: PartHit) => void; addedIds: Set<string> }) {
  const { t } = useTranslation('assessment');
  const [text, setText] = useState('');
  const [category, setCategory] = useState<Category>();
  const [scoped, setScoped] = useState(true);
  const q = useDebounced(text.trim(), 250);
  const active = q.length > 0 || !!category;

  const scope: ApiQuery<'/api/v1/parts'> = scoped ? (claim.vehicleModelId ? { vehicleModelId: claim.vehicleModelId } : { vin: claim.vin }) : {};
  const search = useInfiniteQuery({
    queryKey: ['parts', { q, category, ...scope }],
    enabled: active,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(client.GET('/api/v1/parts', { params: { query: { ...scope, ...(q ? { q } : {}), ...(category ? { category } : {}), limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = search.data?.pages.flatMap((p) => p.items) ?? [];
  const noModel = scoped && !claim.vehicleModelId && search.data?.pages[0]?.vehicleModels?.length === 0;

  return (
    <div data-testid="part-search">
      <Space wrap style={{ width: '100%', marginBottom: 12 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('search.placeholder')}
          aria-label={t('search.title')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 340, maxWidth: '100%' }}
        />
        <Select<Category>
          allowClear
          placeholder={t('search.allCategories')}
          aria-label={t('search.category')}
          value={category}
          onChange={setCategory}
          options={categoryCodes.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          style={{ width: 160 }}
        />
        <Checkbox checked={scoped} onChange={(e) => setScoped(e.target.checked)}>
          {t('search.scoped')}
        </Checkbox>
      </Space>
      {noModel && <Alert type="warning" showIcon title={t('search.noModel')} style={{ marginBottom: 12 }} />}
      {!active ? (
        <Typography.Text type="secondary">{t('search.hint')}</Typography.Text>
      ) : search.isError ? (
        <LoadError error={search.error} onRetry={() => void search.refetch()} />
      ) : (
        <>
          <Table<PartHit>
            size="small"
            rowKey="id"
            loading={search.isFetching}
            dataSource={items}
            pagination={false}
            scroll={{ x: 'max-content', y: 280 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('search.empty')} /> }}
            columns={[
              { key: 'oe', title: t('search.oeNo'), dataIndex: 'oeNo', width: 150, render: (oe: string) => <Typography.Text code>{oe}</Typography.Text> },
              { key: 'name', title: t('search.name'), dataIndex: 'nameZh', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
              { key: 'category', title: t('search.category'), dataIndex: 'category', width: 120, render: (c: Category) => <Tag>{t(`category.${c}`)}</Tag> },
              { key: 'match', title: t('search.matchedBy'), dataIndex: 'match', width: 80, render: (m: PartHit['match']) => <Typography.Text type="secondary">{t(`match.${m}`)}</Typography.Text> },
              { key: 'price', title: t('search.oePrice'), dataIndex: 'oePriceFen', width: 120, align: 'right', render: (fen: number) => <Money fen={fen} /> },
              {
                key: 'add',
                title: '',
                width: 90,
                fixed: 'right',
                render: (_: unknown, part) => (
                  <Button
                    size="small"
                    type={addedIds.has(part.id) ? 'default' : 'primary'}
                    ghost={!addedIds.has(part.id)}
                    icon={<PlusOutlined />}
                    onClick={() => onAdd(part)}
                    aria-label={`${t('search.add')} ${part.nameZh}`}
                  >
                    {t('search.add')}
                  </Button>
                ),
              },
            ]}
          />
          {search.hasNextPage && (
            <Button type="link" loading={search.isFetchingNextPage} onClick={() => void search.fetchNextPage()}>
              {t('search.more')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
