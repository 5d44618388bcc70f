import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { NewClaimForm } from './NewClaimForm.tsx';

export default function NewClaimPage() {
  const { t } = useTranslation('claims');
  const navigate = useNavigate();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, maxWidth: 960 }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('new.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('new.subtitle')}</Typography.Text>
      </div>
      <NewClaimForm onCreated={(claim) => navigate(`/claims/${claim.id}`)} onCancel={() => navigate('/claims')} />
    </div>
  );
}
