import { useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Descriptions, Form, Input, Radio, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, client } from '../../api/client.ts';
import { FormModal, useFormSubmission } from '../../components/form-modal.tsx';
import { chinaToday } from '../../components/china-time.ts';
import { type Invoice, keys, type Statement } from './api.ts';
import { Amount } from './labels.tsx';
import { fenToYuanInput, formatFen, parseYuan } from './money.ts';
import { saidOf } from './problem-form.ts';

type Values = { invoiceNo: string; kind: 'special' | 'ordinary'; amountFen: string; taxFen: string; issuedOn: Dayjs };

// VAT on parts is 13 %: an amount with VAT holds 13/113 of itself as tax, rounded down to the fen
// (the statements' own rule, test/statements.test.ts).
export function splitVat(grossFen: number): { amountFen: number; taxFen: number } {
  const taxFen = Math.floor((grossFen * 13) / 113);
  return { amountFen: grossFen - taxFen, taxFen };
}

const yuanRule = (t: (k: string) => string, min: number) => ({
  validator: (_: unknown, v: string | undefined) => {
    const fen = parseYuan(v ?? '');
    return fen === undefined || fen < min ? Promise.reject(new Error(t('form.badAmount'))) : Promise.resolve();
  },
});

// 登记发票: the platform records the VAT invoice it issued to the payer for this statement (number
// from the tax system, 专票 or 普票, amount and tax, the day). The form starts with what is left to
// invoice, split at 13 %; the invoices of a statement add up to its total at most.
export function InvoiceModal({ s, onClose }: { s: Statement; onClose: () => void }) {
  const { t } = useTranslation('finance');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const today = chinaToday();
  const left = s.totalFen - s.invoicedFen;
  const start = splitVat(left);
  const amount = parseYuan(Form.useWatch('amountFen', form) ?? '') ?? 0;
  const tax = parseYuan(Form.useWatch('taxFen', form) ?? '') ?? 0;

  const record = useFormSubmission<Values, Invoice>({
    form,
    send: (v, headers) =>
      call(
        client.POST('/api/v1/invoices', {
          body: { invoiceNo: v.invoiceNo.trim(), kind: v.kind, amountFen: parseYuan(v.amountFen)!, taxFen: parseYuan(v.taxFen)!, issuedOn: v.issuedOn.format('YYYY-MM-DD'), statementId: s.id },
          headers,
        }),
      ),
    onDone: (inv) => {
      void queryClient.invalidateQueries({ queryKey: keys.statements });
      message.success(t('invoice.done', { no: inv.invoiceNo, amount: formatFen(inv.totalFen) }));
      onClose();
    },
    explain: (e) => saidOf(form, e, t, (path) => (['invoiceNo', 'kind', 'amountFen', 'taxFen', 'issuedOn'].includes(path) ? [path] : undefined)),
  });

  return (
    <FormModal<Values>
      submission={record}
      width={600}
      title={t('invoice.modalTitle', { no: s.statementNo })}
      okText={t('invoice.submit')}
      okTestId="invoice-submit"
      onClose={onClose}
      initialValues={{ kind: 'special', amountFen: fenToYuanInput(start.amountFen), taxFen: fenToYuanInput(start.taxFen), issuedOn: dayjs(today) }}
      head={
        <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('detail.payer')}>{s.payer.name}</Descriptions.Item>
          <Descriptions.Item label={t('invoice.left')}>
            <Amount fen={left} strong />
          </Descriptions.Item>
        </Descriptions>
      }
      foot={
        <div style={{ display: 'flex', justifyContent: 'space-between' }}>
          <span>
            {t('invoice.gross')} <Amount fen={amount + tax} strong tone={amount + tax > left ? 'danger' : undefined} />
          </span>
          {amount + tax > left && <span style={{ color: '#cf1322' }}>{t('invoice.overLeft', { left: formatFen(left) })}</span>}
        </div>
      }
    >
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item
            name="invoiceNo"
            label={t('invoice.no')}
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
            <Radio.Group optionType="button" buttonStyle="solid">
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
