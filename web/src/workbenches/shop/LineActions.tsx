import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, call, client, idempotencyKey } from '../../api/client.ts';
import { chinaDateTime } from '../../components/china-time.ts';
import { showProblemOnForm } from '../../components/problem-fields.ts';
import { errorText } from '../../components/states.tsx';
import { keys, lineName, type Order, type OrderLine } from './api.ts';

// Cancelling lines before they ship (with a reason the supplier and insurer read), marking
// accepted lines installed on the vehicle (the claim's VIN; for the shop's own purchase the VIN
// the shop gives), and sending back an accepted line found faulty before fitting (售后退货).

function useOrderWrite<B>(order: Order, send: (body: B, key: { 'idempotency-key': string }) => Promise<Order>, done: string, onClose: () => void) {
  const { t } = useTranslation('shop');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string>();
  const key = useRef(idempotencyKey());
  const mutation = useMutation({
    mutationFn: (body: B) => send(body, key.current),
    onSuccess: (o) => {
      queryClient.setQueryData(keys.order(order.id), o);
      void queryClient.invalidateQueries({ queryKey: keys.orders });
      message.success(done);
      onClose();
    },
    onError: (e) => {
      const rest = showProblemOnForm(form, e, (name) => ['reason', 'vin', 'note'].includes(String(name[0])));
      setProblem(e instanceof ApiProblem ? rest : errorText(e, t));
    },
  });
  return { form, problem, setProblem, mutation };
}

function LineList({ lines }: { lines: OrderLine[] }) {
  const { i18n } = useTranslation('shop');
  return (
    <ul style={{ paddingInlineStart: 20, margin: '0 0 12px' }}>
      {lines.map((l) => (
        <li key={l.id}>
          {l.lineNo}. {lineName(l, i18n.language)} ×{l.qty}
        </li>
      ))}
    </ul>
  );
}

export function CancelLinesModal({ order, lines, onClose }: { order: Order; lines: OrderLine[]; onClose: () => void }) {
  const { t } = useTranslation('shop');
  const { form, problem, setProblem, mutation } = useOrderWrite<{ reason: string }>(
    order,
    (body, key) => call(client.POST('/api/v1/orders/{id}/cancel', { params: { path: { id: order.id } }, body: { lineIds: lines.map((l) => l.id), reason: body.reason }, headers: key })),
    t('cancel.done', { n: lines.length }),
    onClose,
  );
  return (
    <Modal
      open
      title={t('cancel.title', { n: lines.length })}
      okText={t('cancel.confirm')}
      okButtonProps={{ danger: true, loading: mutation.isPending }}
      onCancel={onClose}
      onOk={() => {
        setProblem(undefined);
        void form.validateFields().then((v: { reason: string }) => mutation.mutate({ reason: v.reason.trim() }));
      }}
    >
      <Typography.Paragraph type="secondary">{t('cancel.hint')}</Typography.Paragraph>
      <LineList lines={lines} />
      <Form form={form} layout="vertical" disabled={mutation.isPending}>
        <Form.Item name="reason" label={t('cancel.reason')} rules={[{ required: true, whitespace: true, message: t('cancel.reasonRequired') }, { max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}

export function InstallModal({ order, lines, onClose }: { order: Order; lines: OrderLine[]; onClose: () => void }) {
  const { t } = useTranslation('shop');
  const { form, problem, setProblem, mutation } = useOrderWrite<{ vin?: string }>(
    order,
    (body, key) => call(client.POST('/api/v1/orders/{id}/install', { params: { path: { id: order.id } }, body: { lineIds: lines.map((l) => l.id), ...body }, headers: key })),
    t('install.done', { n: lines.length }),
    onClose,
  );
  const claimVin = order.vin;
  return (
    <Modal
      open
      title={t('install.title', { n: lines.length })}
      okText={t('install.confirm')}
      okButtonProps={{ loading: mutation.isPending }}
      onCancel={onClose}
      onOk={() => {
        setProblem(undefined);
        void form.validateFields().then((v: { vin?: string }) => mutation.mutate(claimVin ? {} : { vin: v.vin?.trim().toUpperCase() }));
      }}
    >
      <Typography.Paragraph type="secondary">{claimVin ? t('install.claimHint') : t('install.ownHint')}</Typography.Paragraph>
      <LineList lines={lines} />
      <Form form={form} layout="vertical" disabled={mutation.isPending} initialValues={{ vin: claimVin ?? '' }}>
        <Form.Item
          name="vin"
          label={t('install.vin')}
          rules={
            claimVin
              ? []
              : [
                  { required: true, message: t('install.vinRequired') },
                  { pattern: /^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$/, message: t('install.vinInvalid') },
                ]
          }
        >
          <Input disabled={!!claimVin} maxLength={17} style={{ fontFamily: 'monospace', textTransform: 'uppercase' }} />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}

type SendBack = { reason: 'wrong_part' | 'damaged' | 'quality'; note?: string };

// One accepted line back to its seller: why, and what the shop found. The seller approves it, the
// shop ships it back, and the warehouse's receipt credits the payer (the line's sale reversed).
export function SendBackModal({ order, line, onClose }: { order: Order; line: OrderLine; onClose: () => void }) {
  const { t } = useTranslation('shop');
  const queryClient = useQueryClient();
  const { form, problem, setProblem, mutation } = useOrderWrite<SendBack>(
    order,
    async (body, key) => {
      await call(client.POST('/api/v1/orders/{id}/returns', { params: { path: { id: order.id } }, body: { orderLineId: line.id, ...body }, headers: key }));
      void queryClient.invalidateQueries({ queryKey: keys.returns(order.id) });
      return call(client.GET('/api/v1/orders/{id}', { params: { path: { id: order.id } } }));
    },
    t('sendBack.done'),
    onClose,
  );
  // Until when the server takes a return of the line (its returnableUntil, the rule its check
  // applies): the shop is told before it writes, and the server still decides.
  const open = line.returnableUntil !== null && Date.now() < Date.parse(line.returnableUntil);
  return (
    <Modal
      open
      title={t('sendBack.title')}
      okText={t('sendBack.confirm')}
      okButtonProps={{ danger: true, loading: mutation.isPending, disabled: !open }}
      onCancel={onClose}
      onOk={() => {
        setProblem(undefined);
        void form.validateFields().then((v: SendBack) => mutation.mutate({ reason: v.reason, ...(v.note?.trim() ? { note: v.note.trim() } : {}) }));
      }}
    >
      {open ? (
        <Typography.Paragraph type="secondary">{t('sendBack.hint', { until: chinaDateTime(line.returnableUntil) })}</Typography.Paragraph>
      ) : (
        <Alert type="warning" showIcon title={line.returnableUntil ? t('sendBack.closed', { until: chinaDateTime(line.returnableUntil) }) : t('sendBack.notReturnable')} style={{ marginBottom: 12 }} />
      )}
      <LineList lines={[line]} />
      <Form form={form} layout="vertical" disabled={mutation.isPending}>
        <Form.Item name="reason" label={t('sendBack.reason')} rules={[{ required: true, message: t('sendBack.reasonRequired') }]}>
          <Radio.Group options={(['quality', 'damaged', 'wrong_part'] as const).map((r) => ({ value: r, label: t(`reason.${r}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('sendBack.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('sendBack.notePlaceholder')} />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}
