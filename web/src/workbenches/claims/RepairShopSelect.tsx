import { useQuery } from '@tanstack/react-query';
import { Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';

// The repair shop a claim is assigned to: any active shop on the platform, searched by name on the
// server (GET /api/v1/repair-shops), each shown with its region so two shops of one name differ.
export function RepairShopSelect({ id, value, onChange }: { id?: string; value?: string; onChange?: (id: string | undefined) => void }) {
  const { t } = useTranslation('claims');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const shops = useQuery({
    queryKey: ['repair-shops', q],
    queryFn: () => call(client.GET('/api/v1/repair-shops', { params: { query: { q: q || undefined, limit: 50 } } })),
    staleTime: 60_000,
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      placeholder={t('new.repairShopPlaceholder')}
      loading={shops.isFetching}
      status={shops.isError ? 'error' : undefined}
      notFoundContent={shops.isError ? t('shop.loadFailed') : t('shop.none')}
      optionLabelProp="label"
      options={(shops.data?.items ?? []).map((s) => ({
        value: s.id,
        label: s.name,
        title: s.name,
        region: s.regionName,
      }))}
      optionRender={(o) => (
        <div style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.4 }}>
          <span>{o.data.label}</span>
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
