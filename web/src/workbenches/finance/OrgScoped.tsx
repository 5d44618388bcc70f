import { Empty, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import type { OrgKind } from '../../api/types.ts';
import { OrgSelect } from './OrgSelect.tsx';

// A setting kept per organisation (fee rates, settlement terms): the organisation picked first (in
// the URL, so a reload or a link keeps it), with a word on what the setting does; until one is
// picked, an empty state says what to do.
export function OrgScoped({
  kinds,
  param,
  id,
  placeholder,
  hint,
  none,
  children,
}: {
  kinds: OrgKind[];
  // The search parameter that holds the organisation's id.
  param: string;
  id: string;
  placeholder: string;
  hint: ReactNode;
  none: ReactNode;
  children: (orgId: string) => ReactNode;
}) {
  const { params, setFilter } = useUrlFilters();
  const orgId = params.get(param) ?? undefined;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <OrgSelect kinds={kinds} value={orgId} placeholder={placeholder} style={{ width: 300 }} onChange={(v) => setFilter(param, v)} id={id} />
        <Typography.Text type="secondary">{hint}</Typography.Text>
      </Space>
      {orgId ? children(orgId) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={none} />}
    </Space>
  );
}
