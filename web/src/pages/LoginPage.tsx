import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiProblem, call, client } from '../api/client.ts';
import { ME_KEY, meQuery } from '../auth/use-me.ts';
import { preloadShell, preloadWorkbenches } from '../layout/preload.ts';
import { currentLanguage, setLanguage, type Language } from '../i18n/index.ts';

type Credentials = { email: string; password: string };

// Email and password; the server's field errors go under their fields and its detail above the
// button. While the demo seed is loaded, its logins are listed under the form: a click fills it in.
export default function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Credentials>();
  const [detail, setDetail] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  // 404 outside demo mode: then there is simply no list.
  // The frame every signed-in user sees first, fetched while this page is read.
  useEffect(preloadShell, []);
  const demo = useQuery({ queryKey: ['demo-logins'], queryFn: () => call(client.GET('/api/v1/demo-logins')), retry: false, staleTime: Infinity });

  async function submit(values: Credentials) {
    setDetail(undefined);
    setSubmitting(true);
    try {
      const signedIn = await call(client.POST('/api/v1/auth/login', { body: values }));
      // Who signed in is known now: their frame, menu pages and /me are fetched at once, side by
      // side, rather than one after the other as each page appears.
      preloadWorkbenches(signedIn.user.roles, signedIn.org.kind);
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      void queryClient.prefetchQuery(meQuery);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (e) {
      if (e instanceof ApiProblem) {
        const fields = (e.problem.errors ?? []).filter((f) => f.in === 'body' && (f.path === 'email' || f.path === 'password'));
        form.setFields(fields.map((f) => ({ name: f.path as keyof Credentials, errors: [f.message] })));
        setDetail(e.problem.detail);
      } else {
        setDetail(t('errors.network'));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(180deg, #eef3fc 0%, #f7f8fa 60%)', padding: '24px 16px 48px', boxSizing: 'border-box' }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', maxWidth: 960, margin: '0 auto' }}>
        <Segmented<Language>
          size="small"
          value={currentLanguage()}
          onChange={(value) => setLanguage(value)}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'English', value: 'en' },
          ]}
        />
      </div>
      <div style={{ maxWidth: 400, margin: '6vh auto 0' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={2} style={{ marginBottom: 4, color: '#1658d6' }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        <Card>
          <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} onValuesChange={() => setDetail(undefined)}>
            <Form.Item name="email" label={t('login.email')} rules={[{ required: true, message: t('login.emailRequired') }]}>
              <Input prefix={<MailOutlined />} autoComplete="username" size="large" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            {detail && <Alert type="error" showIcon title={detail} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
      </div>
      {demo.data && (
        <Card title={t('login.demoTitle')} style={{ maxWidth: 960, margin: '32px auto 0' }} data-testid="demo-logins">
          <Typography.Paragraph type="secondary">{t('login.demoHint', { password: demo.data.password })}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="email"
            pagination={false}
            scroll={{ y: 320 }}
            dataSource={demo.data.logins}
            onRow={(row) => ({
              onClick: () => form.setFieldsValue({ email: row.email, password: demo.data.password }),
              style: { cursor: 'pointer' },
            })}
            columns={[
              { title: t('login.org'), dataIndex: 'org', ellipsis: true },
              { title: t('login.account'), dataIndex: 'email', width: 240 },
              {
                title: t('login.roles'),
                dataIndex: 'roles',
                width: 220,
                render: (roles: string[]) => roles.map((r) => <Tag key={r}>{t(`role.${r}`)}</Tag>),
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
