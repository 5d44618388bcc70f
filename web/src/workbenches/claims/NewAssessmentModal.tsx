import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Col, Form, Input, InputNumber, Modal, Radio, Row, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, call, client, idempotencyKey } from '../../api/client.ts';
import type { ApiAnswer, ApiItem, ApiQuery } from '../../api/types.ts';
import { showProblemOnForm } from '../../components/problem-fields.ts';
import { errorText } from '../../components/states.tsx';

type Assessment = ApiAnswer<'/api/v1/claims/{id}/assessments', 'post'>;
type Values = { description?: string; oeNo?: string; quantity: number; operation: 'replace' | 'repair'; labourHours: number };
type Part = ApiItem<'/api/v1/parts'>;
export type Vehicle = { vehicleModelId: string | null; vin: string };

// What the item's box says once a part is picked: its name and OE number, which tell it apart
// from a superseded part of the same name.
const pickedText = (p: Part) => `${p.nameZh} ${p.oeNo}`;

// Parts that fit the claim's vehicle, by Chinese name, pinyin initials or OE number, as typed.
function usePartHits(vehicle: Vehicle, typed: string) {
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const scope: ApiQuery<'/api/v1/parts'> = vehicle.vehicleModelId ? { vehicleModelId: vehicle.vehicleModelId } : { vin: vehicle.vin };
  return useQuery({
    queryKey: ['parts', { q, ...scope, limit: 10 }],
    queryFn: () => call(client.GET('/api/v1/parts', { params: { query: { ...scope, q, limit: 10 } } })).then((a) => a.items),
    enabled: q.length > 0,
    staleTime: 60_000,
  });
}

// The next assessment version of a claim (1 = 定损, later = 追加定损). The API keeps no empty
// version, so its first line is asked here; the assessment page then adds the rest.
// The first line may be a catalog part that fits the car (picked from the search under the item's
// name) or free text, with an OE number when the adjuster has one.
export function NewAssessmentModal({
  claimId,
  vehicle,
  version,
  open,
  onClose,
  onCreated,
}: {
  claimId: string;
  vehicle: Vehicle;
  version: number;
  open: boolean;
  onClose: () => void;
  onCreated: (a: Assessment) => void;
}) {
  const { t } = useTranslation('claims');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [unplaced, setUnplaced] = useState<string>();
  const key = useRef(idempotencyKey());
  const [typed, setTyped] = useState('');
  const [part, setPart] = useState<Part>();
  const hits = usePartHits(vehicle, typed);

  const create = useMutation({
    mutationFn: (v: Values) =>
      call(
        client.POST('/api/v1/claims/{id}/assessments', {
          params: { path: { id: claimId } },
          body: {
            lines: [
              part
                ? { partId: part.id, quantity: v.quantity, operation: v.operation, labourHours: v.labourHours }
                : { description: v.description?.trim() || undefined, oeNo: v.oeNo?.trim() || undefined, quantity: v.quantity, operation: v.operation, labourHours: v.labourHours },
            ],
          },
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
              <AutoComplete
                placeholder={t('assess.descriptionPlaceholder')}
                maxLength={200}
                onSearch={(text) => {
                  setTyped(text);
                  // Typing again after a pick makes the line free text again.
                  if (part && text !== pickedText(part)) setPart(undefined);
                }}
                onSelect={(text: string) => {
                  const picked = hits.data?.find((p) => pickedText(p) === text);
                  if (!picked) return;
                  setPart(picked);
                  form.setFieldsValue({ oeNo: undefined });
                }}
                options={(hits.data ?? []).map((p) => ({
                  value: pickedText(p),
                  label: (
                    <span>
                      {p.nameZh} <Typography.Text type="secondary">· {p.oeNo}</Typography.Text>
                    </span>
                  ),
                }))}
                notFoundContent={typed.trim() && hits.isSuccess ? t('assess.noPart') : undefined}
              />
            </Form.Item>
            {part && (
              <Tag color="blue" style={{ marginTop: -16, marginBottom: 12 }} data-testid="picked-part">
                {t('assess.catalogPart', { oeNo: part.oeNo })}
              </Tag>
            )}
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="oeNo" label={t('assess.oeNo')}>
              <Input placeholder={t('assess.oeNoPlaceholder')} maxLength={60} disabled={part !== undefined} />
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
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'replace', label: t('assess.replace') },
                  { value: 'repair', label: t('assess.repair') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
