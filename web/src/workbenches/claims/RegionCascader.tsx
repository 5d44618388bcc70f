import { useQuery } from '@tanstack/react-query';
import { Cascader, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import type { ApiAnswer } from '../../api/types.ts';

type Region = ApiAnswer<'/api/v1/regions'>['items'][number];
type Option = { value: string; label: string; isLeaf: boolean; children?: Option[]; loading?: boolean };

const toOption = (r: Region): Option => ({ value: r.code, label: r.name, isLeaf: r.level === 3 });

const fetchRegions = (query: { level?: '1'; parent?: string }) => call(client.GET('/api/v1/regions', { params: { query } })).then((a) => a.items);

// The accident's region (GB/T 2260): the 34 provinces first, each level's children fetched when
// opened (the API takes a parent). Municipal districts hang straight under their municipality, and
// a city without counties (东莞) ends at the city, so a level ends where it has no children.
// The form holds the last code only; the path shown is kept here.
export function RegionCascader({ id, value, onChange }: { id?: string; value?: string; onChange?: (code: string | undefined) => void }) {
  const { t } = useTranslation('claims');
  const provinces = useQuery({ queryKey: ['regions', 'provinces'], queryFn: () => fetchRegions({ level: '1' }), staleTime: Infinity });
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);
  useEffect(() => {
    if (provinces.data) setOptions(provinces.data.map(toOption));
  }, [provinces.data]);
  // A form reset clears the code: the path shown goes with it.
  useEffect(() => {
    if (value === undefined && path.length > 0) setPath([]);
  }, [value, path.length]);

  async function loadData(selected: Option[]) {
    const target = selected.at(-1);
    if (!target) return;
    target.loading = true;
    setOptions((o) => [...o]);
    try {
      const children = await fetchRegions({ parent: target.value });
      target.children = children.map(toOption);
      if (children.length === 0) target.isLeaf = true;
    } catch {
      target.isLeaf = true;
    } finally {
      target.loading = false;
      setOptions((o) => [...o]);
    }
  }

  if (provinces.isError) return <Typography.Text type="danger">{t('region.loadFailed')}</Typography.Text>;
  return (
    <Cascader<Option>
      id={id}
      options={options}
      loadData={loadData}
      value={path}
      onChange={(codes) => {
        const next = (codes ?? []).map(String);
        setPath(next);
        onChange?.(next.at(-1));
      }}
      changeOnSelect={false}
      placeholder={t('new.regionPlaceholder')}
      loading={provinces.isLoading}
      showSearch={false}
      style={{ width: '100%' }}
      data-testid="region-cascader"
    />
  );
}
