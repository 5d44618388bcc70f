import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, call, client, idempotencyKey } from '../../api/client.ts';
import type { ApiAnswer, ApiBody } from '../../api/types.ts';
import { chinaToday } from '../../components/china-time.ts';
import { showProblemOnForm } from '../../components/problem-fields.ts';
import { errorText } from '../../components/states.tsx';
import { RegionCascader } from './RegionCascader.tsx';
import { RepairShopSelect } from './RepairShopSelect.tsx';
import { VIN_LENGTH, VinField, type VinState } from './VinField.tsx';

type Body = ApiBody<'/api/v1/claims'>;
export type CreatedClaim = ApiAnswer<'/api/v1/claims', 'post'>;

type Values = {
  claimNo: string;
  policyNo: string;
  vin: string;
  vehicleModelId?: string;
  plate: string;
  vehicleValueYuan?: string | null;
  accidentDate?: Dayjs;
  accidentRegionCode?: string;
  repairShopOrgId?: string;
};

// The same reading of a plate as the server's (claims/schemas.ts): no spaces or dots, upper case,
// the province's character, the authority's letter, five or six letters or digits, maybe a suffix.
const PLATE = /^\p{Script=Han}[A-Z][A-Z0-9]{4,6}\p{Script=Han}?$/u;
const plateForm = (raw: string) =>
  raw
    .normalize('NFKC')
    .replace(/[\s·•.-]+/g, '')
    .toUpperCase();

// The fields the form shows: a server error on any other field is said in the alert above.
const FIELDS = new Set(['claimNo', 'policyNo', 'vin', 'plate', 'accidentDate', 'accidentRegionCode', 'repairShopOrgId', 'vehicleValueFen']);

// Filing a claim (报案). The server decides everything again; the form checks what it can as the
// adjuster types (the VIN is decoded live) and puts the server's errors on the fields they name.
export type NewClaimValues = Values;

// `initialValues` prefill the form (a claim pushed from the insurer's core system, or a test).
export function NewClaimForm({ onCreated, onCancel, initialValues }: { onCreated: (claim: CreatedClaim) => void; onCancel?: () => void; initialValues?: Partial<Values> }) {
  const { t } = useTranslation('claims');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [unplaced, setUnplaced] = useState<string>();
  const vinState = useRef<VinState>({ status: 'typing', length: 0 });
  const modelId = Form.useWatch('vehicleModelId', form);
  const regionCode = Form.useWatch('accidentRegionCode', form);
  // One key per filing intent: a double click or a retry after a lost answer files once.
  const key = useRef(idempotencyKey());

  const file = useMutation({
    mutationFn: (body: Body) => call(client.POST('/api/v1/claims', { body, headers: key.current })),
    onSuccess: (claim) => {
      key.current = idempotencyKey();
      message.success(t('new.created', { claimNo: claim.claimNo }));
      for (const w of claim.warnings) message.warning(t(`new.warning.${w}`, { defaultValue: '' }) || w);
      onCreated(claim);
    },
    onError: (error) => {
      // A claim number the insurer already used is a conflict without field errors: it belongs on
      // the claim number all the same.
      if (error instanceof ApiProblem && error.code === 'conflict') {
        form.setFields([{ name: 'claimNo', errors: [error.problem.detail] }]);
        setUnplaced(undefined);
        return;
      }
      const rest = showProblemOnForm(form, error, (name) => FIELDS.has(String(name[0])));
      // The vehicle model is chosen inside the VIN field: its errors show there.
      if (error instanceof ApiProblem) {
        const model = error.problem.errors?.find((e) => e.path === 'vehicleModelId');
        if (model) form.setFields([{ name: 'vin', errors: [t('new.chooseModel')] }]);
        const value = error.problem.errors?.find((e) => e.path === 'vehicleValueFen');
        if (value) form.setFields([{ name: 'vehicleValueYuan', errors: [value.message] }]);
      }
      setUnplaced(rest ?? (error instanceof ApiProblem ? undefined : errorText(error, t)));
    },
  });

  function submit(v: Values) {
    setUnplaced(undefined);
    file.mutate({
      claimNo: v.claimNo.trim(),
      policyNo: v.policyNo.trim(),
      vin: v.vin,
      vehicleModelId: v.vehicleModelId,
      plate: v.plate,
      accidentDate: v.accidentDate!.format('YYYY-MM-DD'),
      accidentRegionCode: v.accidentRegionCode!,
      repairShopOrgId: v.repairShopOrgId!,
      // Whole yuan typed, fen sent: integer arithmetic, no float near money.
      ...(v.vehicleValueYuan ? { vehicleValueFen: Number(v.vehicleValueYuan) * 100 } : {}),
    });
  }

  const required = (field: string) => ({ required: true, message: t('new.required', { field: t(`new.${field}`) }) });
  const pick = (field: string) => ({ required: true, message: t('new.requiredPick', { field: t(`new.${field}`) }) });
  const today = chinaToday();

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark scrollToFirstError disabled={file.isPending} data-testid="new-claim-form">
      {unplaced && <Alert type="error" showIcon title={t('new.failed')} description={unplaced} style={{ marginBottom: 16 }} data-testid="claim-form-error" />}
      <Card size="small" title={t('new.vehicle')} style={{ marginBottom: 16 }}>
        <Form.Item
          name="vin"
          label={t('new.vin')}
          required
          validateTrigger="onSubmit"
          rules={[
            {
              validator: async (_, vin: string | undefined) => {
                const state = vinState.current;
                if (!vin) throw new Error(t('new.required', { field: t('new.vin') }));
                if (vin.length !== VIN_LENGTH || state.status === 'invalid') throw new Error(state.status === 'invalid' ? state.message : t('vin.tooLong', { n: vin.length }));
                if (state.status === 'decoded' && state.decoded.vehicleModels.length > 1 && !form.getFieldValue('vehicleModelId')) throw new Error(t('new.chooseModel'));
              },
            },
          ]}
        >
          <VinField
            modelId={modelId}
            onModelChange={(id) => {
              form.setFieldValue('vehicleModelId', id);
              if (id) form.setFields([{ name: 'vin', errors: [] }]);
            }}
            onState={(s) => {
              vinState.current = s;
              // A changed VIN answers the errors said of the previous one.
              if (form.getFieldError('vin').length > 0) form.setFields([{ name: 'vin', errors: [] }]);
            }}
          />
        </Form.Item>
        <Form.Item name="vehicleModelId" hidden>
          <Input />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="plate"
              label={t('new.plate')}
              extra={t('new.plateHint')}
              normalize={(v: string) => v?.toUpperCase()}
              rules={[
                required('plate'),
                {
                  validator: async (_, v?: string) => {
                    if (v && !PLATE.test(plateForm(v))) throw new Error(t('new.plateFormat'));
                  },
                },
              ]}
              validateTrigger="onBlur"
            >
              <Input placeholder={t('new.platePlaceholder')} maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="vehicleValueYuan" label={t('new.vehicleValue')} extra={t('new.vehicleValueHint')}>
              <InputNumber<string> stringMode min="0" max="100000000" precision={0} step="1000" suffix={t('new.yuan')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('new.accident')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="claimNo" label={t('new.claimNo')} rules={[required('claimNo'), { max: 60 }]}>
              <Input placeholder={t('new.claimNoPlaceholder')} maxLength={60} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="policyNo" label={t('new.policyNo')} rules={[required('policyNo'), { max: 60 }]}>
              <Input placeholder={t('new.policyNoPlaceholder')} maxLength={60} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="accidentDate" label={t('new.accidentDate')} rules={[pick('accidentDate')]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="accidentRegionCode" label={t('new.region')} rules={[pick('region')]}>
              <RegionCascader />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="repairShopOrgId" label={t('new.repairShop')} rules={[pick('repairShop')]}>
              <RepairShopSelect nearRegionCode={regionCode} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Space>
        <Button type="primary" htmlType="submit" loading={file.isPending} data-testid="file-claim">
          {t('new.submit')}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} disabled={false}>
            {t('new.cancel')}
          </Button>
        )}
      </Space>
    </Form>
  );
}
