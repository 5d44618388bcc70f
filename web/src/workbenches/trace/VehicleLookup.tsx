import { CarOutlined, LockOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiProblem, call, client } from '../../api/client.ts';
import type { ApiAnswer, ApiBody } from '../../api/types.ts';
import { errorText } from '../../components/states.tsx';
import { showProblemOnForm } from '../../components/problem-fields.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { CertificationText, GradeTag, mono, RecallIcon, Verdict } from './pieces.tsx';

type VehicleInput = ApiBody<'/api/v1/trace/vehicle'>;
export type VehicleAnswer = ApiAnswer<'/api/v1/trace/vehicle', 'post'>;
type Part = VehicleAnswer['claims'][number]['parts'][number];

const statusColors: Record<Part['status'], string> = { delivered: 'processing', accepted: 'cyan', installed: 'success' };

// The VIN and the plate together, sent in a POST body (never in the address), and every part the
// car's claims brought to it. A wrong field is said under it; "not found" is the same for an
// unknown VIN and a plate that does not go with it, as the server answers.
export function VehicleLookup() {
  const { t } = useTranslation('trace');
  const [form] = Form.useForm<VehicleInput>();
  const [refusal, setRefusal] = useState<{ tone: 'danger' | 'warn'; title: string; detail: string }>();
  const lookup = useMutation({
    mutationFn: (body: VehicleInput) => call(client.POST('/api/v1/trace/vehicle', { body })),
    onMutate: () => setRefusal(undefined),
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === 'trace_vehicle_unknown') {
        setRefusal({ tone: 'danger', title: t('vehicle.notFound'), detail: error.problem.detail });
      } else if (error instanceof ApiProblem && error.status === 429) {
        setRefusal({ tone: 'warn', title: t('verdict.limited'), detail: t('verdict.limitedSub') });
      } else {
        const rest = showProblemOnForm(form, error, (name) => name[0] === 'vin' || name[0] === 'plate');
        if (rest !== undefined || !(error instanceof ApiProblem)) setRefusal({ tone: 'warn', title: errorText(error, t), detail: '' });
      }
    },
  });
  // The server words statuses and grades in the chosen language: a switch asks again.
  const language = currentLanguage();
  const shownIn = useRef(language);
  useEffect(() => {
    if (shownIn.current === language) return;
    shownIn.current = language;
    if (lookup.isSuccess && lookup.variables) lookup.mutate(lookup.variables);
  }, [language, lookup]);

  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('vehicle.intro')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => lookup.mutate(values)}>
        <Form.Item name="vin" label={t('vehicle.vin')} rules={[{ required: true, whitespace: true, message: t('vehicle.vinRequired') }]} normalize={(v: string) => v.toUpperCase()}>
          <Input size="large" prefix={<CarOutlined />} placeholder={t('vehicle.vinPlaceholder')} maxLength={25} autoComplete="off" spellCheck={false} style={mono} />
        </Form.Item>
        <Form.Item name="plate" label={t('vehicle.plate')} rules={[{ required: true, whitespace: true, message: t('vehicle.plateRequired') }]}>
          <Input size="large" placeholder={t('vehicle.platePlaceholder')} maxLength={12} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={lookup.isPending}>
          {t('vehicle.submit')}
        </Button>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          <LockOutlined /> {t('vehicle.privacy')}
        </Typography.Paragraph>
      </Form>
      {refusal && (
        <div style={{ marginTop: 16 }}>
          <Verdict tone={refusal.tone} title={refusal.title} testId="vehicle-verdict">
            {refusal.detail || undefined}
          </Verdict>
        </div>
      )}
      {lookup.isSuccess && <VehicleResult answer={lookup.data} />}
    </div>
  );
}

export function VehicleResult({ answer }: { answer: VehicleAnswer }) {
  const { t } = useTranslation('trace');
  const recalled = answer.claims.flatMap((c) => c.parts).filter((p) => p.recalled);
  return (
    <div data-testid="vehicle-result" style={{ marginTop: 16 }}>
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'model', label: t('vehicle.model'), children: answer.vehicleModel ?? t('vehicle.unknownModel') },
          { key: 'vin', label: t('vehicle.vin_'), children: <span style={mono}>{answer.vinMasked}</span> },
          { key: 'plate', label: t('vehicle.plate_'), children: answer.plate },
        ]}
      />
      {recalled.length > 0 && <Alert type="error" showIcon icon={<RecallIcon />} style={{ marginTop: 12 }} title={recalled[0]!.warning} />}
      {!answer.complete && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('vehicle.incomplete')} />}
      {answer.claims.map((c, i) => (
        <Card
          key={i}
          size="small"
          style={{ marginTop: 12 }}
          title={t('vehicle.claim', { date: c.accidentDate })}
          extra={<Typography.Text type="secondary">{t('vehicle.partsCount', { count: c.parts.reduce((n, p) => n + p.qty, 0) })}</Typography.Text>}
        >
          <div style={{ fontSize: 13, marginBottom: 8 }}>
            <div>
              <Typography.Text type="secondary">{t('vehicle.shop')} </Typography.Text>
              {c.repairShop.name}
            </div>
            <div>
              <Typography.Text type="secondary">{t('vehicle.insurer')} </Typography.Text>
              {c.insurer.name}
            </div>
          </div>
          {c.parts.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vehicle.noParts')} /> : c.parts.map((p, j) => <PartItem key={j} part={p} />)}
        </Card>
      ))}
    </div>
  );
}

function PartItem({ part }: { part: Part }) {
  const { t } = useTranslation('trace');
  const dates: [string, string | null][] = [
    [t('field.shippedOn'), part.shippedOn],
    [t('field.deliveredOn'), part.deliveredOn],
    [t('field.installedOn'), part.installedOn],
  ];
  return (
    <div data-testid="vehicle-part" style={{ borderTop: '1px solid #f0f0f0', padding: '10px 0', fontSize: 13 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
        <strong style={{ fontSize: 15 }}>
          {part.product.name}
          {part.qty > 1 && <span style={{ fontWeight: 400 }}> × {part.qty}</span>}
        </strong>
        <Tag color={part.recalled ? 'error' : statusColors[part.status]} style={{ marginInlineEnd: 0, flexShrink: 0 }}>
          {part.statusText}
        </Tag>
      </div>
      <div style={{ margin: '4px 0', display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
        <GradeTag grade={part.grade} text={part.gradeText} />
        <Typography.Text type="secondary">
          {part.product.brand} · {part.supplier.name}
        </Typography.Text>
      </div>
      {part.certification && <CertificationText certification={part.certification} />}
      <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16, marginTop: 4 }}>
        {dates.map(([label, day]) => (
          <span key={label}>
            <Typography.Text type="secondary">{label}</Typography.Text> {day ?? '—'}
          </span>
        ))}
      </div>
      {part.traceCodes.length > 0 && (
        <div style={{ marginTop: 4 }}>
          <Typography.Text type="secondary">{t('field.traceCodes')}</Typography.Text>{' '}
          {part.traceCodes.map((code) => (
            <Link key={code} to={`/trace/${encodeURIComponent(code)}`} style={{ ...mono, marginInlineEnd: 8, whiteSpace: 'nowrap' }}>
              {code}
            </Link>
          ))}
        </div>
      )}
      {part.recalled && part.warning && <Alert type="error" showIcon style={{ marginTop: 6 }} title={part.warning} />}
    </div>
  );
}
