import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useOutletContext } from 'react-router-dom';
import type { Me } from '../api/types.ts';
import { chinaDateTime } from '../components/china-time.ts';
import { menuIcons } from '../layout/icons.tsx';
import { pagesFor } from '../layout/menu.ts';

// Home: the way into each of the user's workbenches, and who they are signed in as.
export default function HomePage() {
  const { t } = useTranslation();
  const me = useOutletContext<Me>();
  const { user, org } = me;
  const pages = pagesFor(user?.roles ?? [], org.kind, me.permissions);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('home.welcome', { name: user?.name ?? org.name })}
      </Typography.Title>
      {pages.length > 0 && (
        <Row gutter={[16, 16]}>
          {pages.map((p) => (
            <Col key={p.key} xs={24} sm={12} lg={8} xl={6}>
              <Link to={p.path}>
                <Card hoverable size="small" data-testid={`home-${p.key}`}>
                  <Card.Meta avatar={<span style={{ fontSize: 22, color: '#1658d6' }}>{menuIcons[p.key]}</span>} title={t(`menu.${p.key}`)} description={t(`menuHint.${p.key}`)} />
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
      <Card size="small" title={t('home.you')}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('home.org')}>{org.name}</Descriptions.Item>
          <Descriptions.Item label={t('home.orgKind')}>{t(`orgKind.${org.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('home.roles')}>
            {(user?.roles ?? []).map((r) => (
              <Tag key={r} color="blue">
                {t(`role.${r}`)}
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('home.email')}>{user?.email ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('home.lastLogin')}>{chinaDateTime(user?.lastLoginAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
    </div>
  );
}
