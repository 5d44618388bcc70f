import { CheckCircleOutlined, CloseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Image, Radio, Result, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiProblem, call, client, idempotencyKey } from '../../api/client.ts';
import { fieldName, showProblemOnForm } from '../../components/problem-fields.ts';
import { errorText } from '../../components/states.tsx';
import { keys, lineName, rejectReasons, type Mismatch, type Order, type OrderLine, type ReceiptAnswer, type ReceiptBody, type RejectReason } from './api.ts';
import { GradeTag, LineStatusTag } from './labels.tsx';
import { TraceScanner } from './TraceScanner.tsx';

type Decision = 'accepted' | 'rejected' | 'later';
type LineValues = { result: Decision; reason?: RejectReason; photoUrls?: string[]; traceCodes?: string[] };
type Values = { lines: LineValues[] };

// A line needs its units' codes scanned when it is certified (each unit carries one), or when the
// warehouse packed codes for it.
const wantsCodes = (l: OrderLine) => l.grade === 'certified' || l.traceCodes.length > 0;

// 签收: the shop inspects each delivered line and accepts it, or rejects it with a reason and
// photos (a return is opened for the supplier), or leaves it for later. Certified parts are
// scanned unit by unit; the server compares the codes with those packed and answers which did not
// match and why — said plainly, in red, on the page that sent them. Errors the server finds on a
// line's field are shown on that field.
export function ReceiptForm({ order }: { order: Order }) {
  const { t, i18n } = useTranslation('shop');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const lines = order.lines.filter((l) => l.status === 'delivered');
  const [problem, setProblem] = useState<string>();
  const [codeErrors, setCodeErrors] = useState<Record<number, Record<string, string>>>({});
  const [answer, setAnswer] = useState<ReceiptAnswer>();
  const key = useRef(idempotencyKey());
  const initial: LineValues[] = lines.map(() => ({ result: 'accepted', traceCodes: [], photoUrls: [] }));
  // What the user chose so far, for the fields a decision shows (a rejection's reason and photos).
  const [decisions, setDecisions] = useState<LineValues[]>(initial);

  const sign = useMutation({
    mutationFn: (body: ReceiptBody) => call(client.POST('/api/v1/orders/{id}/receipt', { params: { path: { id: order.id } }, body, headers: key.current })),
    onSuccess: (a) => {
      key.current = idempotencyKey();
      setAnswer(a);
      queryClient.setQueryData(keys.order(order.id), a);
      void queryClient.invalidateQueries({ queryKey: keys.orders });
      void queryClient.invalidateQueries({ queryKey: keys.returns(order.id) });
      if (a.traceMismatches.length > 0) message.warning(t('receipt.doneWithMismatch', { n: a.traceMismatches.length }));
      else message.success(t('receipt.done'));
    },
  });

  const submit = async () => {
    setProblem(undefined);
    setCodeErrors({});
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return;
    // Body index → form index: lines left for later are not sent.
    const sent = values.lines.map((v, i) => ({ v, i })).filter(({ v }) => v.result !== 'later');
    if (sent.length === 0) {
      setProblem(t('receipt.nothing'));
      return;
    }
    const body: ReceiptBody = {
      lines: sent.map(({ v, i }) => ({
        orderLineId: lines[i]!.id,
        result: v.result as 'accepted' | 'rejected',
        ...(v.result === 'rejected' ? { reason: v.reason, ...(v.photoUrls?.length ? { photoUrls: v.photoUrls } : {}) } : {}),
        ...(v.traceCodes?.length ? { traceCodes: v.traceCodes } : {}),
      })),
    };
    try {
      await sign.mutateAsync(body);
    } catch (e) {
      if (!(e instanceof ApiProblem)) {
        setProblem(errorText(e, t));
        return;
      }
      // The server names fields by the body's line index; the form by its own.
      const toForm = (path: string) => path.replace(/^lines\.(\d+)/, (_, n: string) => `lines.${sent[Number(n)]?.i ?? n}`);
      const errors = (e.problem.errors ?? []).map((x) => ({ ...x, path: toForm(x.path) }));
      const codes: Record<number, Record<string, string>> = {};
      const rest: typeof errors = [];
      for (const x of errors) {
        const code = /^lines\.(\d+)\.traceCodes\.(\d+)$/.exec(x.path);
        const photo = /^lines\.(\d+)\.photoUrls\.\d+$/.exec(x.path);
        if (code) {
          const i = Number(code[1]);
          const scanned = values.lines[i]?.traceCodes?.[Number(code[2])];
          if (scanned) codes[i] = { ...codes[i], [scanned]: x.message };
        } else if (photo) rest.push({ ...x, path: `lines.${photo[1]}.photoUrls` });
        else rest.push(x);
      }
      setCodeErrors(codes);
      const known = (name: (string | number)[]) =>
        name[0] === 'lines' && typeof name[1] === 'number' && name[1] < lines.length && ['result', 'reason', 'photoUrls', 'traceCodes'].includes(String(name[2]));
      showProblemOnForm(form, new ApiProblem({ ...e.problem, errors: rest }), known);
      // Said once more above the button only when some error found no field to sit on.
      const placed = Object.values(codes).reduce((n, c) => n + Object.keys(c).length, 0) + rest.filter((x) => x.in === 'body' && known(fieldName(x.path))).length;
      setProblem(placed < errors.length || errors.length === 0 ? e.problem.detail : undefined);
    }
  };

  if (answer) return <ReceiptResult order={order} answer={answer} sentIds={lines.map((l) => l.id)} />;
  if (lines.length === 0)
    return (
      <Result
        status="info"
        title={t('receipt.noneDelivered')}
        extra={
          <Link to={`/orders/${order.id}`}>
            <Button>{t('receipt.backToOrder')}</Button>
          </Link>
        }
      />
    );

  const counts = { accepted: 0, rejected: 0, later: 0 };
  for (const i of lines.keys()) counts[(decisions[i]?.result ?? 'accepted') as Decision]++;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ lines: initial }}
      disabled={sign.isPending}
      onValuesChange={() => setDecisions(form.getFieldValue('lines') as LineValues[])}
      onFinish={() => void submit()}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {lines.map((l, i) => {
          const result = (decisions[i]?.result ?? 'accepted') as Decision;
          return (
            <Card
              key={l.id}
              size="small"
              data-testid={`receipt-line-${l.lineNo}`}
              style={{ borderColor: result === 'rejected' ? '#ffa39e' : undefined }}
              title={
                <Space size={8} wrap style={{ fontWeight: 'normal' }}>
                  <Typography.Text strong>
                    {l.lineNo}. {lineName(l, i18n.language)}
                  </Typography.Text>
                  <Typography.Text>×{l.qty}</Typography.Text>
                  <GradeTag grade={l.grade} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {l.productName} · {l.sku}
                  </Typography.Text>
                </Space>
              }
              extra={
                <Form.Item name={['lines', i, 'result']} noStyle>
                  <Radio.Group optionType="button" buttonStyle="solid" size="small" aria-label={t('receipt.decision', { n: l.lineNo })}>
                    <Radio.Button value="accepted">{t('receipt.accept')}</Radio.Button>
                    <Radio.Button value="rejected">{t('receipt.reject')}</Radio.Button>
                    <Radio.Button value="later">{t('receipt.later')}</Radio.Button>
                  </Radio.Group>
                </Form.Item>
              }
            >
              {wantsCodes(l) && (
                <Form.Item
                  name={['lines', i, 'traceCodes']}
                  label={t('receipt.traceCodes', { n: l.qty })}
                  extra={l.grade === 'certified' ? t('receipt.traceCodesHint') : undefined}
                  style={{ marginBottom: result === 'rejected' ? 12 : 0 }}
                >
                  <TraceScanner expected={l.qty} packed={l.traceCodes} errors={codeErrors[i]} name={lineName(l, i18n.language)} disabled={result === 'later' || sign.isPending} />
                </Form.Item>
              )}
              {!wantsCodes(l) && result !== 'rejected' && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {result === 'later' ? t('receipt.laterHint') : t('receipt.acceptHint')}
                </Typography.Text>
              )}
              {result === 'rejected' && (
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
                  <Form.Item name={['lines', i, 'reason']} label={t('receipt.reason')} rules={[{ required: true, message: t('receipt.reasonRequired') }]} style={{ width: 200, marginBottom: 0 }}>
                    <Select<RejectReason> placeholder={t('receipt.reasonPlaceholder')} options={rejectReasons.map((r) => ({ value: r, label: t(`reason.${r}`) }))} aria-label={t('receipt.reason')} />
                  </Form.Item>
                  <Form.Item
                    name={['lines', i, 'photoUrls']}
                    label={t('receipt.photos')}
                    extra={t('receipt.photosHint')}
                    rules={[
                      { validator: (_, v: string[] | undefined) => ((v ?? []).every((u) => /^https?:\/\/\S+$/i.test(u)) ? Promise.resolve() : Promise.reject(new Error(t('receipt.photoInvalid')))) },
                    ]}
                    style={{ flex: '1 1 280px', marginBottom: 0 }}
                  >
                    <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[' ', ',', '，', '\n']} placeholder={t('receipt.photosPlaceholder')} aria-label={t('receipt.photos')} />
                  </Form.Item>
                  <PhotoThumbs urls={decisions[i]?.photoUrls ?? []} />
                </div>
              )}
            </Card>
          );
        })}
        {problem && <Alert type="error" showIcon title={problem} data-testid="receipt-problem" />}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'flex-end' }}>
          <Typography.Text type="secondary">{t('receipt.summary', counts)}</Typography.Text>
          <Button type="primary" htmlType="submit" loading={sign.isPending} icon={<CheckCircleOutlined />}>
            {t('receipt.submit')}
          </Button>
        </div>
      </Space>
    </Form>
  );
}

function PhotoThumbs({ urls }: { urls: string[] }) {
  const shown = urls.filter((u) => /^https:\/\//i.test(u)).slice(0, 6);
  if (shown.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Space size={4} wrap style={{ alignSelf: 'flex-end' }}>
        {shown.map((u) => (
          <Image key={u} src={u} width={48} height={48} style={{ objectFit: 'cover', borderRadius: 4 }} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

// What the receipt did: each line's outcome, and every scanned code that did not match, in red
// with why (以次充好 is what a mismatch may mean; the platform and the insurer are told).
function ReceiptResult({ order, answer, sentIds }: { order: Order; answer: ReceiptAnswer; sentIds: string[] }) {
  const { t, i18n } = useTranslation('shop');
  const lines = answer.lines.filter((l) => sentIds.includes(l.id));
  const mismatches = answer.traceMismatches;
  const rejected = lines.filter((l) => l.status === 'rejected').length;
  const left = answer.lines.filter((l) => l.status === 'delivered').length;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="receipt-result">
      <Result
        status={mismatches.length > 0 ? 'warning' : 'success'}
        title={mismatches.length > 0 ? t('receipt.resultMismatch') : t('receipt.resultTitle')}
        subTitle={t('receipt.resultSub', { accepted: lines.filter((l) => l.status === 'accepted').length, rejected })}
        style={{ padding: '16px 0' }}
        extra={[
          <Link key="order" to={`/orders/${order.id}`}>
            <Button type="primary">{t('receipt.backToOrder')}</Button>
          </Link>,
          <Link key="more" to="/receipts">
            <Button>{t('receipt.toList')}</Button>
          </Link>,
        ]}
      />
      {mismatches.length > 0 && (
        <Alert
          type="error"
          showIcon
          icon={<WarningOutlined />}
          title={t('receipt.mismatchTitle', { n: mismatches.length })}
          data-testid="mismatches"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {mismatches.map((m) => {
                const l = answer.lines.find((x) => x.id === m.orderLineId);
                return (
                  <li key={`${m.orderLineId}-${m.code}`} style={{ color: '#cf1322' }}>
                    <strong style={{ fontFamily: 'monospace' }}>{m.code}</strong>
                    {l && `（${l.lineNo}. ${lineName(l, i18n.language)}）`}：{mismatchText(m, t)}
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
      <Card size="small" title={t('receipt.outcome')}>
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          {lines.map((l) => (
            <Space key={l.id} size={8} wrap>
              {l.status === 'rejected' ? <CloseCircleOutlined style={{ color: '#cf1322' }} /> : <CheckCircleOutlined style={{ color: '#389e0d' }} />}
              <span>
                {l.lineNo}. {lineName(l, i18n.language)} ×{l.qty}
              </span>
              <LineStatusTag status={l.status} />
              {l.rejectReason && <Typography.Text type="danger">{t(`reason.${l.rejectReason}`)}</Typography.Text>}
            </Space>
          ))}
          {rejected > 0 && <Typography.Text type="secondary">{t('receipt.returnsOpened', { n: rejected })}</Typography.Text>}
          {left > 0 && <Typography.Text type="secondary">{t('receipt.left', { n: left })}</Typography.Text>}
        </Space>
      </Card>
    </Space>
  );
}

export function mismatchText(m: Mismatch, t: (key: string, opts?: Record<string, unknown>) => string): string {
  if (m.why === 'other_product') return t('mismatch.other_product', { grade: m.grade ? t(`grade.${m.grade}`, { defaultValue: m.grade }) : t('grade.other') });
  return t(`mismatch.${m.why}`);
}
