import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { call, client } from '../../api/client.ts';
import { FormModal, useFormSubmission } from '../../components/form-modal.tsx';
import { type CursorColumn, CursorTable } from '../../components/CursorTable.tsx';
import { keys, type LedgerAccount } from './api.ts';
import { Amount, QuietAmount } from './labels.tsx';
import { fenToYuanInput, formatFen, parseYuan } from './money.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { saidOf } from './problem-form.ts';

type Payer = 'insurer_receivable' | 'shop_receivable';
type Target = { orgId?: string; name?: string; limitFen: number | null; owedFen?: number };

// 信用额度: the most an insurer (or a shop buying for itself) may owe at once. The payers' receivable
// accounts with what each owes and its limit; a limit is set or removed from its row, or for a payer
// with no account yet by naming it. The ledger refuses an order that would pass it.
export function CreditLimits() {
  const { t } = useTranslation('finance');
  const { params, setFilter } = useUrlFilters();
  const code: Payer = params.get('payers') === 'shop' ? 'shop_receivable' : 'insurer_receivable';
  const [editing, setEditing] = useState<Target>();

  const columns: CursorColumn<LedgerAccount>[] = [
    { key: 'org', title: t('credit.org'), ellipsis: true, render: (_, a) => <span title={a.org?.name}>{a.org?.name}</span> },
    { key: 'owed', title: t('credit.owed'), width: 128, align: 'right', render: (_, a) => <Amount fen={a.balanceFen} strong /> },
    { key: 'pending', title: t('ledger.pending'), width: 112, align: 'right', render: (_, a) => <QuietAmount fen={a.pendingFen} /> },
    {
      key: 'limit',
      title: t('ledger.creditLimit'),
      width: 128,
      align: 'right',
      render: (_, a) => (a.creditLimitFen === null ? <Typography.Text type="secondary">{t('ledger.noLimit')}</Typography.Text> : <Amount fen={a.creditLimitFen} />),
    },
    {
      key: 'available',
      title: t('ledger.available'),
      width: 128,
      align: 'right',
      render: (_, a) =>
        a.creditAvailableFen === null ? <Typography.Text type="secondary">—</Typography.Text> : <Amount fen={a.creditAvailableFen} tone={a.creditAvailableFen < 0 ? 'danger' : undefined} />,
    },
    {
      key: 'actions',
      title: t('col.actions'),
      width: 80,
      render: (_, a) => (
        <Button
          size="small"
          type="link"
          icon={<EditOutlined />}
          style={{ padding: 0 }}
          onClick={() => setEditing({ orgId: a.org?.id, name: a.org?.name, limitFen: a.creditLimitFen, owedFen: a.balanceFen + a.pendingFen })}
          data-testid={`edit-limit-${a.org?.id}`}
        >
          {t('credit.edit')}
        </Button>
      ),
    },
  ];

  const toolbar = (
    <Space wrap>
      <Segmented
        value={code === 'shop_receivable' ? 'shop' : 'insurer'}
        onChange={(v) => setFilter('payers', v === 'shop' ? 'shop' : undefined)}
        options={[
          { value: 'insurer', label: t('credit.insurers') },
          { value: 'shop', label: t('credit.shops') },
        ]}
      />
      <Button icon={<PlusOutlined />} onClick={() => setEditing({ limitFen: null })} data-testid="set-limit">
        {t('credit.other')}
      </Button>
    </Space>
  );

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('credit.hint')}
      </Typography.Paragraph>
      <CursorTable<LedgerAccount>
        tableId="finance-credit-limits"
        queryKey={[...keys.accounts, 'limits', code]}
        fetchPage={(cursor, limit) => call(client.GET('/api/v1/ledger/accounts', { params: { query: { limit, code, ...(cursor ? { cursor } : {}) } } }))}
        columns={columns}
        rowKey="id"
        scrollX={800}
        toolbar={toolbar}
        emptyText={t('credit.empty')}
      />
      {editing && <LimitModal target={editing} kinds={code === 'shop_receivable' ? ['repair_shop', 'insurer'] : ['insurer', 'repair_shop']} onClose={() => setEditing(undefined)} />}
    </>
  );
}

type Values = { orgId: string; unlimited: boolean; limit?: string };

function LimitModal({ target, kinds, onClose }: { target: Target; kinds: ('insurer' | 'repair_shop')[]; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const unlimited = Form.useWatch('unlimited', form) ?? target.limitFen === null;
  const [name, setName] = useState(target.name);

  const save = useFormSubmission<Values, LedgerAccount>({
    form,
    send: (v, headers) =>
      call(
        client.PUT('/api/v1/ledger/credit-limits/{orgId}', {
          params: { path: { orgId: v.orgId } },
          body: { limitFen: v.unlimited ? null : parseYuan(v.limit ?? '')! },
          headers,
        }),
      ),
    onDone: (a) => {
      void queryClient.invalidateQueries({ queryKey: keys.accounts });
      message.success(a.creditLimitFen === null ? t('credit.doneNone', { name: a.org?.name ?? name }) : t('credit.done', { name: a.org?.name ?? name, limit: formatFen(a.creditLimitFen) }));
      onClose();
    },
    explain: (e) => saidOf(form, e, t, (path) => (path === 'limitFen' ? ['limit'] : path === 'orgId' ? ['orgId'] : undefined)),
  });

  return (
    <FormModal<Values>
      submission={save}
      width={480}
      title={target.orgId ? t('credit.titleFor', { name: target.name }) : t('credit.title')}
      okText={t('credit.submit')}
      okTestId="limit-submit"
      onClose={onClose}
      initialValues={{ orgId: target.orgId, unlimited: target.limitFen === null, limit: target.limitFen === null ? undefined : fenToYuanInput(target.limitFen) }}
    >
      <Form.Item name="orgId" label={t('credit.org')} rules={[{ required: true, message: t('payment.payerRequired') }]} hidden={!!target.orgId}>
        <OrgSelect kinds={kinds} placeholder={t('payment.payerPlaceholder')} onChange={(_id, n) => setName(n)} />
      </Form.Item>
      {target.owedFen !== undefined && <Typography.Paragraph type="secondary">{t('credit.owedNow', { owed: formatFen(target.owedFen) })}</Typography.Paragraph>}
      <Form.Item name="unlimited" valuePropName="checked" style={{ marginBottom: 8 }}>
        <Checkbox data-testid="unlimited">{t('credit.unlimited')}</Checkbox>
      </Form.Item>
      <Form.Item
        name="limit"
        label={t('ledger.creditLimit')}
        dependencies={['unlimited']}
        extra={t('credit.limitHint')}
        rules={[
          {
            validator: (_, v: string | undefined) => {
              if (form.getFieldValue('unlimited')) return Promise.resolve();
              if (!v?.trim()) return Promise.reject(new Error(t('form.amountRequired')));
              return parseYuan(v) === undefined ? Promise.reject(new Error(t('form.badAmount'))) : Promise.resolve();
            },
          },
        ]}
      >
        <Input prefix="¥" inputMode="decimal" placeholder="0.00" disabled={unlimited} data-testid="limit-amount" />
      </Form.Item>
    </FormModal>
  );
}
