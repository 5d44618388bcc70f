import { useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Descriptions, Form, Input, Radio, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import { chinaToday } from '../../components/china-time.ts';
import { FormModal, useFormSubmission } from '../../components/form-modal.tsx';
import { type Invoice, type InvoiceBody, keys } from './api.ts';
import type { InvoiceTarget } from './invoice-target.ts';
import { Amount } from './labels.tsx';
import { fenToYuanInput, formatFen, parseYuan } from './money.ts';
import { saidOf } from './problem-form.ts';

type Values = { invoiceNo: string; kind: 'special' | 'ordinary'; amountFen: string; taxFen: string; issuedOn: Dayjs };

const yuanRule = (t: (k: string) => string, min: number) => ({
  validator: (_: unknown, v: string | undefined) => {
    const fen = parseYuan(v ?? '');
    return fen === undefined || fen < min ? Promise.reject(new Error(t('form.badAmount'))) : Promise.resolve();
  },
});

// 登记发票, one dialog for the three an invoice may be (invoice-target.ts): the platform's VAT
// invoice to the payer of a statement, the payee's invoice to the platform for a payout, or a
// red-letter invoice (红字发票) taking back part or all of one of those. The number from the tax
// system, 专票 or 普票 (a red-letter one is of its blue one's kind), amount and tax, the day. The
// form starts with all that is left, split at 13 % (a red-letter one: what is left of the blue
// one, as it was split); the server's refusals land on the fields they name.
export function InvoiceModal({ target, onClose }: { target: InvoiceTarget; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const today = chinaToday();
  const { doc, reverses: blue, leftFen: left, start } = target;
  const red = blue !== undefined;
  const amount = parseYuan(Form.useWatch('amountFen', form) ?? '') ?? 0;
  const tax = parseYuan(Form.useWatch('taxFen', form) ?? '') ?? 0;

  const record = useFormSubmission<Values, Invoice>({
    form,
    send: (v, headers) =>
      call(
        client.POST('/api/v1/invoices', {
          body: {
            invoiceNo: v.invoiceNo.trim(),
            // A red-letter invoice takes its blue one's kind: the server knows it.
            ...(red ? {} : { kind: v.kind }),
            amountFen: parseYuan(v.amountFen)!,
            taxFen: parseYuan(v.taxFen)!,
            issuedOn: v.issuedOn.format('YYYY-MM-DD'),
            ...target.link,
          } satisfies InvoiceBody,
          headers,
        }),
      ),
    onDone: (inv: Invoice) => {
      // A statement's figures move with its invoices (invoiced, perhaps paid); a payout's do not.
      void queryClient.invalidateQueries({ queryKey: doc.on === 'statement' ? keys.statements : keys.payoutInvoices(doc.id) });
      message.success(t(red ? 'invoice.redDone' : 'invoice.done', { no: inv.invoiceNo, amount: formatFen(inv.totalFen) }));
      onClose();
    },
    explain: (e) => saidOf(form, e, t, (path) => (['invoiceNo', 'kind', 'amountFen', 'taxFen', 'issuedOn'].includes(path) ? [path] : undefined)),
  });

  return (
    <FormModal<Values>
      submission={record}
      width={600}
      title={red ? t('invoice.redTitle', { no: blue.invoiceNo }) : t(`invoice.modalTitle.${doc.on}`, { no: doc.no })}
      okText={t('invoice.submit')}
      okTestId="invoice-submit"
      onClose={onClose}
      danger={red}
      initialValues={{ kind: blue?.kind ?? 'special', amountFen: fenToYuanInput(start.amountFen), taxFen: fenToYuanInput(start.taxFen), issuedOn: dayjs(today) }}
      head={
        <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t(doc.on === 'statement' ? 'invoice.receiver' : 'invoice.issuer')}>{doc.party}</Descriptions.Item>
          <Descriptions.Item label={t(red ? 'invoice.redLeft' : 'invoice.left')}>
            <Amount fen={left} strong />
          </Descriptions.Item>
          {blue && (
            <Descriptions.Item label={t('invoice.reverses')} span={2}>
              <Typography.Text style={{ fontFamily: 'monospace' }}>{blue.invoiceNo}</Typography.Text>
              <Typography.Text type="secondary">
                {' '}
                · {t(`invoice.${blue.kind}`)} · {blue.issuedOn} · <Amount fen={blue.totalFen} />
              </Typography.Text>
            </Descriptions.Item>
          )}
          {red && (
            <Descriptions.Item span={2}>
              <Typography.Text type="secondary">{t('invoice.redHint')}</Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      }
      foot={
        <div style={{ display: 'flex', justifyContent: 'space-between' }}>
          <span>
            {t('invoice.gross')} <Amount fen={red ? -(amount + tax) : amount + tax} strong tone={red || amount + tax > left ? 'danger' : undefined} />
          </span>
          {amount + tax > left && <span style={{ color: '#cf1322' }}>{t(red ? 'invoice.overRedLeft' : 'invoice.overLeft', { left: formatFen(left) })}</span>}
        </div>
      }
    >
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item
            name="invoiceNo"
            label={t(red ? 'invoice.redNo' : 'invoice.no')}
            rules={[
              { required: true, message: t('invoice.noRequired') },
              { pattern: /^\d{8,20}$/, message: t('invoice.noFormat') },
            ]}
          >
            <Input maxLength={20} inputMode="numeric" placeholder={t('invoice.noPlaceholder')} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="kind" label={t('invoice.kind')}>
            <Radio.Group optionType="button" buttonStyle="solid" disabled={red}>
              <Radio.Button value="special">{t('invoice.special')}</Radio.Button>
              <Radio.Button value="ordinary">{t('invoice.ordinary')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="amountFen" label={t('invoice.amount')} rules={[yuanRule(t, 1)]}>
            <Input prefix="¥" inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="taxFen" label={t('invoice.tax')} rules={[yuanRule(t, 0)]}>
            <Input prefix="¥" inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="issuedOn" label={t('invoice.issuedOn')} rules={[{ required: true, message: t('invoice.issuedOnRequired') }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} allowClear={false} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
