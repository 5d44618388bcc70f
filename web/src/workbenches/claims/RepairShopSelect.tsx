import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import type { ApiItem } from '../../api/types.ts';

type Shop = ApiItem<'/api/v1/repair-shops'>;

const province = (code: string) => `${code.slice(0, 2)}0000`;

const fetchShops = (q: string, regionCode?: string) => call(client.GET('/api/v1/repair-shops', { params: { query: { q: q || undefined, regionCode, limit: 50 } } })).then((p) => p.items);

type Opt = { value?: string; label: string; title: string; region?: string; options?: Opt[] };

function option(s: Shop): Opt {
  return { value: s.id, label: s.name, title: s.name, region: s.regionName ?? s.regionCode };
}

// The repair shop a claim is assigned to: any active shop on the platform, searched by name on the
// server (GET /api/v1/repair-shops), each shown with its region so two shops of one name differ.
// Once the accident's region is known, the shops of its province come first: the car is usually
// repaired where it crashed.
export function RepairShopSelect({ id, value, onChange, nearRegionCode }: { id?: string; value?: string; onChange?: (id: string | undefined) => void; nearRegionCode?: string }) {
  const { t } = useTranslation('claims');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const near = nearRegionCode ? province(nearRegionCode) : undefined;
  const all = useQuery({ queryKey: ['repair-shops', q], queryFn: () => fetchShops(q), staleTime: 60_000 });
  const nearby = useQuery({ queryKey: ['repair-shops', q, near], queryFn: () => fetchShops(q, near), enabled: near !== undefined, staleTime: 60_000 });
  const nearIds = new Set((nearby.data ?? []).map((s) => s.id));
  const rest = (all.data ?? []).filter((s) => !nearIds.has(s.id));
  const failed = all.isError || nearby.isError;
  const options: Opt[] =
    nearIds.size > 0
      ? [
          { label: t('shop.near'), title: t('shop.near'), options: (nearby.data ?? []).map(option) },
          ...(rest.length > 0 ? [{ label: t('shop.others'), title: t('shop.others'), options: rest.map(option) }] : []),
        ]
      : rest.map(option);
  return (
    <Select<string, Opt>
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      placeholder={t('new.repairShopPlaceholder')}
      loading={all.isFetching || nearby.isFetching}
      status={failed ? 'error' : undefined}
      notFoundContent={failed ? t('shop.loadFailed') : t('shop.none')}
      options={options}
      optionRender={(o) => (
        <div style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.4 }}>
          <span>{o.label}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.data.region}
          </Typography.Text>
        </div>
      )}
      style={{ width: '100%' }}
      data-testid="repair-shop-select"
    />
  );
}
