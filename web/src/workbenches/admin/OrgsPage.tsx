import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, call, client, idempotencyKey, keyAfterFailure } from '../../api/client.ts';
import type { OrgKind } from '../../api/types.ts';
import { chinaDateTime } from '../../components/china-time.ts';
import { type CursorColumn, CursorTable } from '../../components/CursorTable.tsx';
import { showProblemOnForm } from '../../components/problem-fields.ts';
import { errorText } from '../../components/states.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';

type Org = { id: string; kind: OrgKind; name: string; uscc: string; regionCode: string; status: 'active' | 'suspended'; createdAt: string };

const kinds: OrgKind[] = ['platform', 'insurer', 'supplier', 'operator', 'repair_shop', 'funder'];
// What the platform's administrator onboards: every kind but the platform itself.
const creatable = kinds.filter((k) => k !== 'platform');

// /orgs — the organisations on the platform (机构管理), for its administrator: by kind, found by
// name or credit code; and a new one onboarded, of any kind, a funder (资金方) among them.
export default function OrgsPage() {
  const { t } = useTranslation('admin');
  const { t: common } = useTranslation();
  const { params, setFilter } = useUrlFilters();
  const [creating, setCreating] = useState(false);
  const kind = kinds.find((k) => k === params.get('kind'));
  const q = params.get('q') ?? undefined;

  const columns: CursorColumn<Org>[] = [
    { key: 'name', title: t('orgs.col.name'), ellipsis: true, render: (_, o) => <span title={o.name}>{o.name}</span> },
    { key: 'kind', title: t('orgs.col.kind'), width: 120, render: (_, o) => <Tag color={o.kind === 'funder' ? 'gold' : 'blue'}>{common(`orgKind.${o.kind}`)}</Tag> },
    { key: 'uscc', title: t('orgs.col.uscc'), width: 200, render: (_, o) => <span style={{ fontFamily: 'monospace' }}>{o.uscc}</span> },
    { key: 'region', title: t('orgs.col.region'), width: 120, render: (_, o) => <span style={{ fontFamily: 'monospace' }}>{o.regionCode}</span> },
    {
      key: 'status',
      title: t('orgs.col.status'),
      width: 90,
      render: (_, o) => <Typography.Text type={o.status === 'active' ? undefined : 'secondary'}>{t(`orgs.status.${o.status}`)}</Typography.Text>,
    },
    { key: 'createdAt', title: t('orgs.col.createdAt'), width: 150, render: (_, o) => <span style={{ whiteSpace: 'nowrap' }}>{chinaDateTime(o.createdAt)}</span> },
  ];

  const toolbar = (
    <Space wrap>
      <Select
        allowClear
        value={kind}
        placeholder={t('orgs.kindFilter')}
        style={{ width: 160 }}
        onChange={(v: string | undefined) => setFilter('kind', v)}
        options={kinds.map((k) => ({ value: k, label: common(`orgKind.${k}`) }))}
        data-testid="org-kind-filter"
      />
      <Input.Search allowClear defaultValue={q} placeholder={t('orgs.search')} style={{ width: 260 }} onSearch={(v) => setFilter('q', v.trim() || undefined)} />
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-org">
        {t('orgs.create')}
      </Button>
    </Space>
  );

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('orgs.title')}
      </Typography.Title>
      <CursorTable<Org>
        tableId="admin-orgs"
        queryKey={['orgs', 'admin', { kind, q }]}
        fetchPage={(cursor, limit) => call(client.GET('/api/v1/orgs', { params: { query: { limit, ...(cursor ? { cursor } : {}), ...(kind ? { kind } : {}), ...(q ? { q } : {}) } } }))}
        columns={columns}
        rowKey="id"
        scrollX={900}
        toolbar={toolbar}
        emptyText={<Typography.Text type="secondary">{t('orgs.empty')}</Typography.Text>}
      />
      {creating && <CreateOrgModal onClose={() => setCreating(false)} />}
    </Space>
  );
}

type NewOrg = { kind: OrgKind; name: string; uscc: string; regionCode: string };

// 新建机构: its kind, name, credit code (checked by the server with its check character) and region.
function CreateOrgModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('admin');
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewOrg>();
  const [said, setSaid] = useState<string>();
  const key = useRef(idempotencyKey());
  const kind = Form.useWatch('kind', form);
  const send = useMutation({
    mutationFn: (body: NewOrg) => call(client.POST('/api/v1/orgs', { body, headers: key.current })),
    onSuccess: (o) => {
      message.success(t('orgs.form.done', { name: o.name }));
      void queryClient.invalidateQueries({ queryKey: ['orgs'] });
      onClose();
    },
    onError: (e) => {
      key.current = keyAfterFailure(e, key.current);
      // Field errors go under their fields; the rest (a credit code taken, the network) is said below.
      setSaid(e instanceof ApiProblem ? showProblemOnForm(form, e) : errorText(e, common));
    },
  });
  return (
    <Modal
      open
      width={520}
      title={t('orgs.form.title')}
      okText={t('orgs.form.submit')}
      okButtonProps={{ loading: send.isPending, 'data-testid': 'create-org-submit' }}
      onOk={() => {
        setSaid(undefined);
        form
          .validateFields()
          .then((v) => send.mutate({ ...v, name: v.name.trim(), uscc: v.uscc.trim().toUpperCase(), regionCode: v.regionCode.trim() }))
          .catch(() => undefined);
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" disabled={send.isPending} initialValues={{ kind: 'supplier' }} onValuesChange={() => setSaid(undefined)}>
        <Form.Item name="kind" label={t('orgs.form.kind')} extra={kind === 'funder' ? t('orgs.form.kindHint') : undefined}>
          <Select options={creatable.map((k) => ({ value: k, label: common(`orgKind.${k}`) }))} data-testid="org-kind" />
        </Form.Item>
        <Form.Item name="name" label={t('orgs.form.name')} rules={[{ required: true, whitespace: true, message: t('orgs.form.nameRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="uscc" label={t('orgs.form.uscc')} rules={[{ required: true, pattern: /^\s*[0-9A-Za-z]{18}\s*$/, message: t('orgs.form.usccRequired') }]}>
          <Input maxLength={20} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('orgs.form.region')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('orgs.form.regionRequired') }]}>
          <Input maxLength={6} style={{ fontFamily: 'monospace', width: 140 }} />
        </Form.Item>
      </Form>
      {said && <Alert type="error" showIcon title={t('orgs.form.failed')} description={said} />}
    </Modal>
  );
}
