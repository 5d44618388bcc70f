import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import type { OrgKind } from '../../api/types.ts';
import { keys } from './api.ts';

// The organisations one list of /api/v1/orgs page shows per kind while nothing is typed; typing
// searches by name (or USCC) on the server, so a platform of thousands of shops stays a select.
const PAGE = 50;

type Props = {
  kinds: OrgKind[];
  value?: string;
  onChange?: (id: string | undefined, name?: string) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  // Options before the organisations (the ledger's "the platform's own books").
  extra?: { value: string; label: string }[];
  id?: string;
  disabled?: boolean;
  // The chosen organisation's name, shown while it is not among the options read (past the first page).
  valueName?: string;
};

// An organisation picker for the platform's finance team, grouped by kind (保险公司, 修理厂…):
// the payer of a statement or a payment, the owner of ledger accounts.
export function OrgSelect({ kinds, value, onChange, placeholder, allowClear, style, extra, id, disabled, valueName }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const orgs = useQuery({
    queryKey: [...keys.orgs, kinds, q],
    queryFn: async () => {
      const pages = await Promise.all(kinds.map((kind) => call(client.GET('/api/v1/orgs', { params: { query: { kind, limit: PAGE, ...(q ? { q } : {}) } } }))));
      return pages.map((p, i) => ({ kind: kinds[i]!, items: p.items }));
    },
    staleTime: 60_000,
  });

  const groups = (orgs.data ?? []).filter((g) => g.items.length > 0).map((g) => ({ label: t(`orgKind.${g.kind}`), title: g.kind, options: g.items.map((o) => ({ value: o.id, label: o.name })) }));
  const options = [...(extra && !q ? extra : []), ...groups];

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear={allowClear}
      value={value}
      disabled={disabled}
      placeholder={placeholder}
      loading={orgs.isFetching}
      style={style}
      options={options}
      labelRender={(chosen) => chosen.label ?? valueName ?? chosen.value}
      notFoundContent={orgs.isError ? t('errors.load') : undefined}
      onChange={(v: string | undefined) => {
        const label = orgs.data?.flatMap((g) => g.items).find((o) => o.id === v)?.name ?? extra?.find((e) => e.value === v)?.label;
        onChange?.(v, label);
        setTyped('');
      }}
      popupMatchSelectWidth={false}
    />
  );
}
