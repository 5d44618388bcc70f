import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { call, client } from '../../api/client.ts';
import type { ApiItem, ApiQuery } from '../../api/types.ts';
import { useMe } from '../../auth/use-me.ts';
import { chinaDate, chinaDateTime } from '../../components/china-time.ts';
import { CursorTable, type CursorColumn } from '../../components/CursorTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ClaimStatusTag, claimStatusList, type ClaimStatus } from './StatusTag.tsx';
import { modelLabel } from './VinField.tsx';

type Claim = ApiItem<'/api/v1/claims'>;
type Query = ApiQuery<'/api/v1/claims'>;
type DateKind = 'accident' | 'filed';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 };

// The filters live in the address, so going back from a claim finds the list as it was left.
function useFilters() {
  const [params, setParams] = useSearchParams();
  const status = claimStatusList.find((s) => s === params.get('status'));
  const dateKind: DateKind = params.get('date') === 'filed' ? 'filed' : 'accident';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const filters = { q: params.get('q') ?? undefined, status, dateKind, from, to };
  const set = (change: Partial<Record<'q' | 'status' | 'date' | 'from' | 'to', string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  return { filters, set, clear: () => setParams(new URLSearchParams(), { replace: true }) };
}

export default function ClaimsList() {
  const { t } = useTranslation('claims');
  const navigate = useNavigate();
  const me = useMe();
  const insurerView = me.data?.org.kind !== 'repair_shop';
  const mayFile = me.data?.org.kind === 'insurer' && (me.data.user?.roles ?? []).some((r) => r === 'adjuster' || r === 'admin');
  const { filters, set, clear } = useFilters();

  const query: Query = {
    q: filters.q,
    status: filters.status,
    ...(filters.dateKind === 'accident' ? { accidentFrom: filters.from, accidentTo: filters.to } : { filedFrom: filters.from, filedTo: filters.to }),
  };
  const filtered = Boolean(filters.q || filters.status || filters.from || filters.to);

  // The claim number and its status stay in view; long names are cut with the whole on hover, so a
  // row stays one line and the table scrolls inside itself on a tablet.
  const columns: CursorColumn<Claim>[] = [
    {
      key: 'claimNo',
      title: t('col.claimNo'),
      dataIndex: 'claimNo',
      fixed: 'left',
      width: 180,
      render: (_, c) => (
        <Link to={`/claims/${c.id}`} onClick={(e) => e.stopPropagation()}>
          {c.claimNo}
        </Link>
      ),
    },
    { key: 'status', title: t('col.status'), dataIndex: 'status', width: 90, render: (s: ClaimStatus) => <ClaimStatusTag status={s} /> },
    { key: 'plate', title: t('col.plate'), dataIndex: 'plate', width: 105, render: (plate: string) => <span style={{ whiteSpace: 'nowrap' }}>{plate}</span> },
    { key: 'vin', title: t('col.vin'), dataIndex: 'vin', width: 170, render: (vin: string) => <span style={mono}>{vin}</span> },
    {
      key: 'vehicle',
      title: t('col.vehicle'),
      width: 200,
      ellipsis: true,
      render: (_, c) => (c.vehicle ? modelLabel(c.vehicle) : <Typography.Text type="secondary">{t('claim.noModel')}</Typography.Text>),
    },
    insurerView
      ? { key: 'repairShop', title: t('col.repairShop'), width: 190, ellipsis: true, render: (_, c) => c.repairShopName ?? '—' }
      : { key: 'insurer', title: t('col.insurer'), width: 190, ellipsis: true, render: (_, c) => c.insurerName ?? '—' },
    { key: 'accidentDate', title: t('col.accidentDate'), dataIndex: 'accidentDate', width: 105, render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{chinaDate(d)}</span> },
    { key: 'region', title: t('col.region'), width: 160, ellipsis: true, render: (_, c) => c.accidentRegionName ?? c.accidentRegionCode },
    { key: 'filedAt', title: t('col.filedAt'), dataIndex: 'createdAt', width: 145, render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{chinaDateTime(d)}</span> },
  ];

  const toolbar = (
    <Space wrap size={8}>
      <Input.Search
        key={filters.q ?? ''}
        allowClear
        defaultValue={filters.q}
        placeholder={t('list.search')}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        style={{ width: 260 }}
        data-testid="claims-search"
      />
      <Select<ClaimStatus>
        allowClear
        placeholder={t('list.allStatuses')}
        value={filters.status}
        onChange={(status) => set({ status })}
        options={claimStatusList.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        style={{ width: 130 }}
        aria-label={t('list.status')}
      />
      <Space.Compact>
        <Select<DateKind>
          value={filters.dateKind}
          onChange={(date) => set({ date: date === 'accident' ? undefined : date })}
          options={[
            { value: 'accident', label: t('list.accidentDate') },
            { value: 'filed', label: t('list.filedDate') },
          ]}
          style={{ width: 110 }}
          aria-label={t('list.dateKind')}
        />
        <DatePicker.RangePicker
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          allowEmpty={[true, true]}
          style={{ width: 240 }}
        />
      </Space.Compact>
      {filtered && <Button onClick={clear}>{t('list.reset')}</Button>}
    </Space>
  );

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <div style={{ flex: 1, minWidth: 200 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('list.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('list.subtitle')}</Typography.Text>
        </div>
        <ExportButton fetchFile={() => client.GET('/api/v1/claims/export.xlsx', { params: { query }, parseAs: 'blob' })} />
        {mayFile && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/claims/new')}>
            {t('list.new')}
          </Button>
        )}
      </div>
      <CursorTable<Claim>
        tableId="claims"
        queryKey={['claims', query]}
        fetchPage={(cursor, limit) => call(client.GET('/api/v1/claims', { params: { query: { ...query, cursor, limit } } }))}
        columns={columns}
        rowKey="id"
        scrollX={columns.reduce((sum, c) => sum + Number(c.width ?? 120), 0)}
        toolbar={toolbar}
        emptyText={filtered ? t('list.emptyFiltered') : t('list.empty')}
        onRow={(c) => ({ onClick: () => navigate(`/claims/${c.id}`), style: { cursor: 'pointer' } })}
      />
    </div>
  );
}
