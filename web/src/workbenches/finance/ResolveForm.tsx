import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Radio, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, idempotencyKey, keyAfterFailure } from '../../api/client.ts';
import { type DisputeLine, keys, type ResolveBody, type Statement, type StatementLine } from './api.ts';
import { DisputedPart } from './DisputedPart.tsx';
import { Amount } from './labels.tsx';
import { formatFen, parseYuan } from './money.ts';
import { type Said, saidOf } from './problem-form.ts';

type Choice = { kind?: 'confirm' | 'credit'; amount?: string; note?: string };
type Values = { res: Record<string, Choice> };

// The most a line may be credited: its parts and their VAT (resolve-dispute.ts); the handling fee
// is the shop's and is not credited here.
export const creditCap = (l: StatementLine) => l.netFen + l.vatFen;

// The request for what the form holds, in the dispute's order (the server names errors by index).
export function resolveBody(disputed: readonly DisputeLine[], res: Record<string, Choice>): ResolveBody {
  return {
    lines: disputed.map((d) => {
      const c = res[d.orderLineId] ?? {};
      const note = c.note?.trim();
      return {
        orderLineId: d.orderLineId,
        resolution: c.kind ?? 'confirm',
        ...(c.kind === 'credit' ? { creditFen: parseYuan(c.amount ?? '') } : {}),
        ...(note ? { note } : {}),
      };
    }),
  };
}

// 异议处理: the platform settles every disputed line at once, each confirmed as billed or credited
// by an amount in yuan (at most the line's parts with VAT), with a note for the payer. Credits
// become credit notes in the ledger and credit lines on the statement, which is then confirmed.
export function ResolveForm({ s, lines, loading }: { s: Statement; lines: ReadonlyMap<string, StatementLine>; loading: boolean }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [said, setSaid] = useState<Said>();
  const key = useRef(idempotencyKey());
  const disputed = s.dispute?.lines ?? [];

  const resolve = useMutation({
    mutationFn: (body: ResolveBody) => call(client.POST('/api/v1/statements/{id}/resolve', { params: { path: { id: s.id } }, body, headers: key.current })),
    onSuccess: (after) => {
      key.current = idempotencyKey();
      queryClient.setQueryData(keys.statement(s.id), after);
      void queryClient.invalidateQueries({ queryKey: keys.statements, predicate: (q) => q.queryKey[1] !== s.id || q.queryKey.length > 2 });
      message.success(after.creditFen > 0 ? t('resolve.doneCredit', { amount: formatFen(after.creditFen) }) : t('resolve.done'));
    },
    onError: (e) => {
      key.current = keyAfterFailure(e, key.current);
      // The server names a line by its index in the request: lines.2.creditFen is the third
      // disputed line's amount.
      setSaid(
        saidOf(form, e, t, (path) => {
          const m = /^lines\.(\d+)\.(\w+)$/.exec(path);
          const id = m ? disputed[Number(m[1])]?.orderLineId : undefined;
          if (!id) return undefined;
          return ['res', id, m![2] === 'creditFen' ? 'amount' : m![2] === 'note' ? 'note' : 'kind'];
        }),
      );
    },
  });

  return (
    <Form<Values> form={form} disabled={resolve.isPending} onFinish={(v) => resolve.mutate(resolveBody(disputed, v.res ?? {}))} onValuesChange={() => setSaid(undefined)}>
      <Table<DisputeLine>
        size="small"
        rowKey="orderLineId"
        pagination={false}
        dataSource={disputed}
        loading={loading}
        tableLayout="fixed"
        columns={[
          { key: 'part', title: t('line.part'), render: (_, d) => <DisputedPart line={lines.get(d.orderLineId)} id={d.orderLineId} /> },
          { key: 'total', title: t('resolve.lineAmount'), width: 108, align: 'right', render: (_, d) => <Amount fen={lines.get(d.orderLineId)?.totalFen} /> },
          {
            key: 'reason',
            title: t('dispute.reason'),
            width: 170,
            render: (_, d) => (
              <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, tooltip: d.reason }}>
                {d.reason}
              </Typography.Paragraph>
            ),
          },
          {
            key: 'kind',
            title: t('resolve.kind'),
            width: 168,
            render: (_, d) => (
              <Form.Item name={['res', d.orderLineId, 'kind']} rules={[{ required: true, message: t('resolve.kindRequired') }]} style={{ margin: 0 }}>
                <Radio.Group optionType="button" buttonStyle="solid" size="small" aria-label={t('resolve.kind')}>
                  <Radio.Button value="confirm">{t('resolve.confirm')}</Radio.Button>
                  <Radio.Button value="credit">{t('resolve.credit')}</Radio.Button>
                </Radio.Group>
              </Form.Item>
            ),
          },
          {
            key: 'amount',
            title: t('resolve.amount'),
            width: 140,
            render: (_, d) => {
              const line = lines.get(d.orderLineId);
              return (
                <Form.Item noStyle dependencies={[['res', d.orderLineId, 'kind']]}>
                  {() => {
                    const crediting = form.getFieldValue(['res', d.orderLineId, 'kind']) === 'credit';
                    return (
                      <Form.Item
                        name={['res', d.orderLineId, 'amount']}
                        style={{ margin: 0 }}
                        rules={[
                          {
                            validator: (_, v: string | undefined) => {
                              if (!crediting) return Promise.resolve();
                              const fen = parseYuan(v ?? '');
                              if (!v?.trim()) return Promise.reject(new Error(t('resolve.amountRequired')));
                              if (fen === undefined || fen < 1) return Promise.reject(new Error(t('form.badAmount')));
                              if (line && fen > creditCap(line)) return Promise.reject(new Error(t('resolve.amountTooBig', { max: formatFen(creditCap(line)) })));
                              return Promise.resolve();
                            },
                          },
                        ]}
                      >
                        <Input
                          prefix="¥"
                          size="small"
                          disabled={!crediting}
                          placeholder={crediting && line ? t('resolve.upTo', { max: formatFen(creditCap(line), { symbol: false }) }) : undefined}
                          inputMode="decimal"
                          data-testid={`credit-${d.orderLineId}`}
                        />
                      </Form.Item>
                    );
                  }}
                </Form.Item>
              );
            },
          },
          {
            key: 'note',
            title: t('resolve.note'),
            width: 160,
            render: (_, d) => (
              <Form.Item name={['res', d.orderLineId, 'note']} rules={[{ max: 500, message: t('form.tooLong', { max: 500 }) }]} style={{ margin: 0 }}>
                <Input size="small" maxLength={500} placeholder={t('resolve.notePlaceholder')} />
              </Form.Item>
            ),
          },
        ]}
      />
      {said && <Alert type="error" showIcon title={said.title} description={said.detail} style={{ marginTop: 12 }} />}
      <Space style={{ display: 'flex', justifyContent: 'space-between', marginTop: 12 }} wrap>
        <Typography.Text type="secondary">{t('resolve.hint')}</Typography.Text>
        <Button type="primary" htmlType="submit" loading={resolve.isPending} data-testid="resolve-submit">
          {t('resolve.submit')}
        </Button>
      </Space>
    </Form>
  );
}
