import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Descriptions, Form, Input, Modal, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenStatements } from './api.ts';
import { type Choice, type Choices, claimedByOthers, type Payer, type PreviewRow } from './bank-import.ts';
import { Amount } from './labels.tsx';
import { fenToYuanInput, formatFen, parseYuan } from './money.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { StatementPick } from './StatementPick.tsx';

type Values = { payerOrgId?: string; allocations?: { statementId?: string; amount?: string }[] };

// 调整: one bank line's payer and matches, as the clerk decides them before the import; nothing is
// sent from here. The matches are checked against what each statement still owes less what the
// other ticked lines of this file already match to it, and against the line's own amount.
export function ImportRowModal({
  row,
  choice,
  choices,
  selected,
  onApply,
  onClose,
}: {
  row: PreviewRow;
  choice: Choice;
  choices: Choices;
  selected: number[];
  onApply: (choice: Choice) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('finance');
  const [form] = Form.useForm<Values>();
  const [payer, setPayer] = useState<Payer | null>(choice.payer);
  const open = useOpenStatements(payer?.id);
  const others = claimedByOthers(choices, selected, row.row);
  const lineFen = row.amountFen ?? 0;
  const watched = Form.useWatch('allocations', form) ?? [];
  const matchedFen = watched.reduce((sum, a) => sum + (parseYuan(a?.amount ?? '') ?? 0), 0);

  const statementOf = (id: string | undefined) => (open.data ?? []).find((s) => s.id === id);
  const amountRule = (index: number) => ({
    validator: (_: unknown, v: string | undefined) => {
      const fen = parseYuan(v ?? '');
      if (fen === undefined || fen < 1) return Promise.reject(new Error(t('form.badAmount')));
      const all: NonNullable<Values['allocations']> = form.getFieldValue('allocations') ?? [];
      const s = statementOf(all[index]?.statementId);
      if (s) {
        const elsewhere = others.get(s.id) ?? 0;
        const max = s.outstandingFen - elsewhere;
        if (fen > max)
          return Promise.reject(
            new Error(elsewhere > 0 ? t('bankImport.overStatementOthers', { max: formatFen(max), others: formatFen(elsewhere) }) : t('bankImport.overStatement', { max: formatFen(max) })),
          );
      }
      const total = all.reduce((sum, a) => sum + (parseYuan(a?.amount ?? '') ?? 0), 0);
      return total > lineFen ? Promise.reject(new Error(t('bankImport.overLine', { max: formatFen(lineFen) }))) : Promise.resolve();
    },
  });

  const ok = () =>
    form
      .validateFields()
      .then((v) =>
        onApply({
          payer,
          edited: true,
          allocations: (v.allocations ?? []).map((a) => {
            const s = statementOf(a.statementId)!;
            return { statementId: s.id, statementNo: s.statementNo, amountFen: parseYuan(a.amount ?? '')! };
          }),
        }),
      )
      .catch(() => undefined);

  return (
    <Modal
      open
      width={640}
      title={t('bankImport.editTitle', { row: row.row, amount: formatFen(lineFen) })}
      okText={t('bankImport.apply')}
      okButtonProps={{ 'data-testid': 'row-apply' }}
      onOk={ok}
      onCancel={onClose}
      destroyOnHidden
    >
      <Descriptions size="small" column={2} title={t('bankImport.line')} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('bankImport.col.receivedOn')}>{row.receivedOn}</Descriptions.Item>
        <Descriptions.Item label={t('bankImport.col.amount')}>
          <Amount fen={lineFen} strong />
        </Descriptions.Item>
        <Descriptions.Item label={t('bankImport.field.payer_name')}>{row.payerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('payment.bankRef')}>
          <span style={{ fontFamily: 'monospace' }}>{row.bankRef}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('bankImport.field.payer_account')}>{row.payerAccount ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('bankImport.field.memo')}>{row.memo ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ payerOrgId: choice.payer?.id, allocations: choice.allocations.map((a) => ({ statementId: a.statementId, amount: fenToYuanInput(a.amountFen) })) }}
      >
        <Form.Item name="payerOrgId" label={t('payment.payer')} extra={t('bankImport.payerHint')} rules={[{ required: true, message: t('payment.payerRequired') }]}>
          <OrgSelect
            kinds={['insurer', 'repair_shop']}
            placeholder={t('payment.payerPlaceholder')}
            valueName={payer?.name}
            onChange={(id, name) => {
              setPayer(id ? { id, name: name ?? '' } : null);
              // Another payer: the statements matched were the last one's.
              form.setFieldValue('allocations', []);
            }}
          />
        </Form.Item>
        <Typography.Text strong>{t('bankImport.allocations')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '2px 0 8px' }}>
          {t('bankImport.allocHint')}
        </Typography.Paragraph>
        <Form.List name="allocations">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row key={field.key} gutter={8} align="top">
                  <Col flex="auto">
                    <Form.Item
                      name={[field.name, 'statementId']}
                      rules={[
                        { required: true, message: t('bankImport.pickStatement') },
                        {
                          validator: (_, id: string | undefined) => {
                            const all: NonNullable<Values['allocations']> = form.getFieldValue('allocations') ?? [];
                            return id && all.filter((a) => a?.statementId === id).length > 1 ? Promise.reject(new Error(t('bankImport.sameTwice'))) : Promise.resolve();
                          },
                        },
                      ]}
                    >
                      <StatementPick payerOrgId={payer?.id} id={`alloc-statement-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="160px">
                    <Form.Item name={[field.name, 'amount']} rules={[amountRule(index)]}>
                      <Input prefix="¥" inputMode="decimal" placeholder="0.00" data-testid={`alloc-amount-${index}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('bankImport.remove')} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} disabled={!payer} onClick={() => add({ amount: fenToYuanInput(Math.max(0, lineFen - matchedFen)) })} data-testid="add-allocation" block>
                {t('bankImport.addAllocation')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('bankImport.leftAfter', { left: formatFen(Math.max(0, lineFen - matchedFen)) })}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
