import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, ScanOutlined, WarningFilled } from '@ant-design/icons';
import { Button, Form, Input, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiAnswer } from '../../api/types.ts';

export type TraceAnswer = ApiAnswer<'/api/v1/trace/{code}'>;
export type Grade = TraceAnswer['grade'];
export type Certification = NonNullable<TraceAnswer['certification']>;

// Genuine is green, a recall or a withdrawn certificate or an unknown code red, and what needs a
// person to check (a scrapped or lost unit, a mistyped code) orange: the owner reads the colour
// and the icon before any word.
export type Tone = 'ok' | 'danger' | 'warn';

const tones: Record<Tone, { color: string; background: string; border: string; icon: ReactNode }> = {
  ok: { color: '#389e0d', background: '#f6ffed', border: '#b7eb8f', icon: <CheckCircleFilled /> },
  danger: { color: '#cf1322', background: '#fff1f0', border: '#ffa39e', icon: <CloseCircleFilled /> },
  warn: { color: '#d46b08', background: '#fff7e6', border: '#ffd591', icon: <ExclamationCircleFilled /> },
};

export function Verdict({ tone, title, children, icon, testId = 'verdict' }: { tone: Tone; title: string; children?: ReactNode; icon?: ReactNode; testId?: string }) {
  const s = tones[tone];
  return (
    <div
      role="status"
      data-testid={testId}
      data-tone={tone}
      style={{ background: s.background, border: `1px solid ${s.border}`, borderRadius: 10, padding: '18px 16px', display: 'flex', gap: 14, alignItems: 'flex-start' }}
    >
      <span style={{ color: s.color, fontSize: 44, lineHeight: 1 }}>{icon ?? s.icon}</span>
      <div style={{ minWidth: 0, flex: 1 }}>
        <div style={{ color: s.color, fontSize: 26, fontWeight: 700, lineHeight: 1.2 }}>{title}</div>
        {children && <div style={{ marginTop: 6, color: 'rgba(0,0,0,0.75)', fontSize: 14 }}>{children}</div>}
      </div>
    </div>
  );
}

export const RecallIcon = WarningFilled;

const gradeColors: Record<Grade, string> = { oem: 'gold', oes: 'blue', certified: 'green', aftermarket: 'default', recycled: 'purple' };

export function GradeTag({ grade, text }: { grade: Grade; text: string }) {
  return (
    <Tag color={gradeColors[grade]} style={{ marginInlineEnd: 0 }}>
      {text}
    </Tag>
  );
}

// The certificate: who certified the part, its number, and whether it is in force today.
export function CertificationText({ certification }: { certification: TraceAnswer['certification'] }) {
  const { t } = useTranslation('trace');
  if (!certification) return <Typography.Text type="secondary">{t('field.noCert')}</Typography.Text>;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <span>{certification.body}</span>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('field.certNo')} {certification.number}
      </Typography.Text>
      <span style={{ fontSize: 13 }}>
        {t('field.validity')} {certification.validFrom} ~ {certification.validTo}{' '}
        <Tag color={certification.validToday ? 'success' : 'error'} style={{ marginInlineStart: 4 }}>
          {certification.validToday ? t('field.validToday') : t('field.notValidToday')}
        </Tag>
      </span>
    </div>
  );
}

// The code search: a scanner's input or a person's typing, Enter submits; the code goes into
// the address (/trace/<code>), so the result can be shared and reloaded.
export function CodeSearch({ autoFocus = false }: { autoFocus?: boolean }) {
  const { t } = useTranslation('trace');
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string }>();
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={({ code }) => {
        form.resetFields();
        navigate(`/trace/${encodeURIComponent(code.trim())}`);
      }}
    >
      <Form.Item name="code" label={t('search.title')} rules={[{ required: true, whitespace: true, message: t('search.required') }]} extra={t('search.hint')} style={{ marginBottom: 12 }}>
        <Input
          size="large"
          prefix={<ScanOutlined />}
          placeholder={t('search.placeholder')}
          autoFocus={autoFocus}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={60}
          allowClear
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block>
        {t('search.submit')}
      </Button>
    </Form>
  );
}

export const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', letterSpacing: 0.5 };
