import { CloseOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Empty, Form, Modal, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, idempotencyKey, keyAfterFailure } from '../../api/client.ts';
import { type DisputeBody, fetchLines, keys, type Statement } from './api.ts';
import { Amount } from './labels.tsx';
import { type Said, saidOf } from './problem-form.ts';
import { type LineRow, useLineColumns, withRowId } from './StatementLines.tsx';

const PAGE = 10;
const presets = ['price', 'qty', 'notReceived', 'duplicate', 'grade'] as const;

type Values = { reasons: Record<string, string> };

// The request for the chosen lines, in the order they were chosen (the server names errors by
// index: lines.1.reason is the second chosen line's reason).
export function disputeBody(chosen: readonly LineRow[], reasons: Record<string, string | undefined>): DisputeBody {
  return { lines: chosen.map((l) => ({ orderLineId: l.orderLineId, reason: (reasons[l.orderLineId] ?? '').trim() })) };
}

// 提出异议: the payer picks the lines it disputes from the statement's pages (the choice is kept
// across pages) and says why for each; the statement is then disputed until the platform settles
// it. Credit lines are not disputed (there are none before a first dispute ends).
export function DisputeModal({ s, onClose }: { s: Statement; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [said, setSaid] = useState<Said>();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [chosen, setChosen] = useState<LineRow[]>([]);
  const key = useRef(idempotencyKey());
  const columns = useLineColumns(s).filter((c) => c.key !== 'postedAt' && c.key !== 'saving');
  const cursor = cursors.at(-1);
  const page = useQuery({
    queryKey: [...keys.lines(s.id), 'dispute', cursor],
    queryFn: async () => {
      const p = await fetchLines(s.id, cursor, PAGE);
      return { ...p, items: p.items.filter((l) => l.kind === 'sale').map(withRowId) };
    },
    placeholderData: keepPreviousData,
  });

  const toggle = (rows: LineRow[], on: boolean) =>
    setChosen((now) => (on ? [...now, ...rows.filter((r) => !now.some((c) => c.rowId === r.rowId))] : now.filter((c) => !rows.some((r) => r.rowId === c.rowId))));

  const dispute = useMutation({
    mutationFn: (body: DisputeBody) => call(client.POST('/api/v1/statements/{id}/dispute', { params: { path: { id: s.id } }, body, headers: key.current })),
    onSuccess: (after) => {
      key.current = idempotencyKey();
      queryClient.setQueryData(keys.statement(s.id), after);
      void queryClient.invalidateQueries({ queryKey: keys.statements, predicate: (q) => q.queryKey[1] !== s.id || q.queryKey.length > 2 });
      message.success(t('dispute.done', { count: after.dispute?.lines.length ?? 0 }));
      onClose();
    },
    onError: (e) => {
      key.current = keyAfterFailure(e, key.current);
      setSaid(
        saidOf(form, e, t, (path) => {
          const id = chosen[Number(/^lines\.(\d+)\./.exec(path)?.[1] ?? -1)]?.orderLineId;
          return id ? ['reasons', id] : undefined;
        }),
      );
    },
  });

  return (
    <Modal
      open
      width={960}
      title={t('dispute.modalTitle', { no: s.statementNo })}
      okText={t('dispute.submit', { count: chosen.length })}
      okButtonProps={{ disabled: chosen.length === 0, loading: dispute.isPending, danger: true, 'data-testid': 'dispute-submit' }}
      onOk={() => {
        setSaid(undefined);
        // A field that fails says so under itself; nothing more to do with the refusal.
        form
          .validateFields()
          .then((v) => dispute.mutate(disputeBody(chosen, v.reasons ?? {})))
          .catch(() => undefined);
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('dispute.pick')}
      </Typography.Paragraph>
      <Table<LineRow>
        size="small"
        rowKey="rowId"
        columns={columns}
        dataSource={page.data?.items ?? []}
        loading={page.isFetching}
        pagination={false}
        scroll={{ x: 860 }}
        rowSelection={{
          selectedRowKeys: chosen.map((c) => c.rowId),
          onSelect: (row, on) => toggle([row], on),
          onSelectAll: (on, _rows, changed) => toggle(changed, on),
        }}
        locale={{ emptyText: page.isError ? t('errors.load') : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('line.empty')} /> }}
      />
      <Space style={{ display: 'flex', justifyContent: 'flex-end', margin: '8px 0 16px' }}>
        <Button size="small" icon={<LeftOutlined />} disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('page.prev')}
        </Button>
        <Typography.Text type="secondary">{t('page.no', { page: cursors.length })}</Typography.Text>
        <Button size="small" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}>
          {t('page.next')} <RightOutlined />
        </Button>
      </Space>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('dispute.chosen', { count: chosen.length })}
      </Typography.Title>
      {chosen.length === 0 ? (
        <Typography.Text type="secondary">{t('dispute.noneChosen')}</Typography.Text>
      ) : (
        <Form<Values> form={form} layout="vertical" disabled={dispute.isPending} onValuesChange={() => setSaid(undefined)}>
          {chosen.map((l) => (
            <div key={l.rowId} style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }} data-testid={`dispute-line-${l.orderLineId}`}>
              <div style={{ width: 300, flexShrink: 0, paddingTop: 4 }}>
                <div style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={l.productName}>
                  {l.productName}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.claimNo ?? l.orderNo} · <Amount fen={l.totalFen} tone="secondary" />
                </Typography.Text>
              </div>
              <Form.Item
                name={['reasons', l.orderLineId]}
                style={{ flex: 1, marginBottom: 12 }}
                rules={[
                  { required: true, whitespace: true, message: t('dispute.reasonRequired') },
                  { max: 500, message: t('form.tooLong', { max: 500 }) },
                ]}
              >
                <AutoComplete
                  options={presets.map((p) => ({ value: t(`dispute.preset.${p}`) }))}
                  placeholder={t('dispute.reasonPlaceholder')}
                  aria-label={t('dispute.reason')}
                  maxLength={500}
                  showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input) }}
                />
              </Form.Item>
              <Button type="text" icon={<CloseOutlined />} aria-label={t('dispute.remove')} onClick={() => toggle([l], false)} style={{ marginTop: 0 }} />
            </div>
          ))}
        </Form>
      )}
      {said && <Alert type="error" showIcon title={said.title} description={said.detail} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
