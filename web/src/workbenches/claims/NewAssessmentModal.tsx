import { useMutation } from '@tanstack/react-query';
import { Alert, App, Col, Form, Input, InputNumber, Modal, Radio, Row, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, call, client, idempotencyKey } from '../../api/client.ts';
import type { ApiAnswer } from '../../api/types.ts';
import { showProblemOnForm } from '../../components/problem-fields.ts';
import { errorText } from '../../components/states.tsx';

type Assessment = ApiAnswer<'/api/v1/claims/{id}/assessments', 'post'>;
type Values = { description?: string; oeNo?: string; quantity: number; operation: 'replace' | 'repair'; labourHours: number };

// The next assessment version of a claim (1 = 定损, later = 追加定损). The API keeps no empty
// version, so its first line is asked here; the assessment page then adds the rest.
export function NewAssessmentModal({ claimId, version, open, onClose, onCreated }: { claimId: string; version: number; open: boolean; onClose: () => void; onCreated: (a: Assessment) => void }) {
  const { t } = useTranslation('claims');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [unplaced, setUnplaced] = useState<string>();
  const key = useRef(idempotencyKey());

  const create = useMutation({
    mutationFn: (v: Values) =>
      call(
        client.POST('/api/v1/claims/{id}/assessments', {
          params: { path: { id: claimId } },
          body: { lines: [{ description: v.description?.trim() || undefined, oeNo: v.oeNo?.trim() || undefined, quantity: v.quantity, operation: v.operation, labourHours: v.labourHours }] },
          headers: key.current,
        }),
      ),
    onSuccess: (a) => {
      key.current = idempotencyKey();
      message.success(t('assess.created', { version: a.version }));
      onCreated(a);
    },
    onError: (error) => {
      // Errors name `lines.0.quantity`; the modal's fields are the first line's own.
      if (error instanceof ApiProblem && error.problem.errors) {
        const first = error.problem.errors.filter((e) => e.path.startsWith('lines.0.'));
        form.setFields(first.map((e) => ({ name: e.path.slice('lines.0.'.length) as keyof Values, errors: [e.message] })));
        setUnplaced(first.length === error.problem.errors.length ? undefined : error.problem.detail);
        return;
      }
      setUnplaced(showProblemOnForm(form, error) ?? errorText(error, t));
    },
  });

  return (
    <Modal
      open={open}
      title={version === 1 ? t('assess.title') : t('assess.titleSupplement', { version })}
      okText={t('assess.submit')}
      cancelText={t('new.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('assess.intro')}</Typography.Paragraph>
      {unplaced && <Alert type="error" showIcon title={t('assess.failed')} description={unplaced} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ quantity: 1, operation: 'replace', labourHours: 0 }}
        onFinish={(v) => {
          setUnplaced(undefined);
          create.mutate(v);
        }}
        data-testid="new-assessment-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item
              name="description"
              label={t('assess.description')}
              dependencies={['oeNo']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, v?: string) => {
                    if (!v?.trim() && !String(getFieldValue('oeNo') ?? '').trim()) throw new Error(t('assess.needOne'));
                  },
                }),
              ]}
            >
              <Input placeholder={t('assess.descriptionPlaceholder')} maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="oeNo" label={t('assess.oeNo')}>
              <Input placeholder={t('assess.oeNoPlaceholder')} maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="quantity" label={t('assess.quantity')} rules={[{ required: true }]}>
              <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="labourHours" label={t('assess.labourHours')} rules={[{ required: true }]}>
              <InputNumber min={0} max={999.9} step={0.5} precision={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="operation" label={t('assess.operation')}>
              <Radio.Group optionType="button" options={[{ value: 'replace', label: t('assess.replace') }, { value: 'repair', label: t('assess.repair') }]} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
