import { Card, Descriptions, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router-dom';
import type { Me } from '../api/types.ts';

// Until the workbenches arrive, home says who you are: the organisation, its kind, your roles.
export default function HomePage() {
  const { t } = useTranslation();
  const me = useOutletContext<Me>();
  const { user, org } = me;
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: user?.name ?? org.name })}
      </Typography.Title>
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle">
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
        <Descriptions.Item label={t('home.lastLogin')}>{user?.lastLoginAt ? dayjs(user.lastLoginAt).format('YYYY-MM-DD HH:mm') : '—'}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('home.hint')}
      </Typography.Paragraph>
    </Card>
  );
}
