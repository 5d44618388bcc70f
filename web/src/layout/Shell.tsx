import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Layout, Menu, Result, Segmented, Space, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ApiProblem, call, client, isUnauthenticated } from '../api/client.ts';
import { PageLoading } from '../App.tsx';
import { useMe } from '../auth/use-me.ts';
import { applyUserLanguage, currentLanguage, setLanguage, type Language } from '../i18n/index.ts';
import { menuIcons } from './icons.tsx';
import { pagesFor } from './menu.ts';
import { preloadWorkbenches } from './preload.ts';

const { Sider, Header, Content } = Layout;

// The frame of every signed-in page: the role's menu on the left; the organisation, the user,
// the language and sign-out on top. Whoever is not signed in is sent to /login.
export default function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [collapsed, setCollapsed] = useState(false);
  const userId = me.data?.user?.id;

  useEffect(() => {
    if (userId) applyUserLanguage(userId);
  }, [userId]);
  // A page opened directly (a bookmark, a reload): the menu's other workbenches follow, idle.
  const signedIn = me.data;
  useEffect(() => {
    if (signedIn) preloadWorkbenches(signedIn.user?.roles ?? [], signedIn.org.kind, signedIn.permissions);
  }, [signedIn]);

  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    if (isUnauthenticated(me.error)) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
    return (
      <Result
        status="error"
        title={t('errors.load')}
        subTitle={me.error instanceof ApiProblem ? me.error.problem.detail : t('errors.network')}
        extra={<Button onClick={() => void me.refetch()}>{t('errors.retry')}</Button>}
      />
    );
  }

  const { org, user } = me.data;
  const roles = user?.roles ?? [];
  const items = [{ key: '/', icon: menuIcons.home, label: t('menu.home') }].concat(
    pagesFor(roles, org.kind, me.data.permissions).map((p) => ({ key: p.path, icon: menuIcons[p.key], label: t(`menu.${p.key}`) })),
  );
  const selected = items.filter((i) => i.key !== '/' && location.pathname.startsWith(i.key)).map((i) => i.key);

  async function signOut() {
    try {
      await call(client.POST('/api/v1/auth/logout'));
    } catch (e) {
      // Already signed out (401) is what we wanted; anything else the user should hear of.
      if (!isUnauthenticated(e)) {
        message.error(e instanceof ApiProblem ? e.problem.detail : t('errors.network'));
        return;
      }
    }
    queryClient.clear();
    navigate('/login', { replace: true });
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider theme="light" breakpoint="lg" collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 20, fontWeight: 600, color: '#1658d6' }}>
          {collapsed ? t('app.name').slice(0, 1) : t('app.name')}
        </div>
        <Menu mode="inline" items={items} selectedKeys={selected.length ? selected : location.pathname === '/' ? ['/'] : []} onClick={(e) => navigate(e.key)} style={{ borderInlineEnd: 'none' }} />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', gap: 16, borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Text strong ellipsis={{ tooltip: org.name }} style={{ flex: 1, minWidth: 0, fontSize: 16 }} data-testid="org-name">
            {org.name}
          </Typography.Text>
          <Space size="middle" style={{ flexShrink: 0 }}>
            <Segmented<Language>
              size="small"
              aria-label={t('shell.language')}
              value={currentLanguage()}
              onChange={(value) => setLanguage(value, userId)}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'English', value: 'en' },
              ]}
            />
            <Space size={4}>
              <UserOutlined />
              <Typography.Text>{user?.name ?? org.name}</Typography.Text>
            </Space>
            <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
              {t('shell.signOut')}
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet context={me.data} />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
