import { Button, Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

// A workbench the later slices of issue 11 build; its menu entry is there already.
export default function ComingSoon({ page }: { page: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Card>
      <Empty
        style={{ padding: '48px 0' }}
        description={
          <>
            <div style={{ fontSize: 16, fontWeight: 500, color: 'rgba(0,0,0,0.88)', marginBottom: 4 }}>{t('soon.title', { page: t(`menu.${page}`) })}</div>
            <div>{t('soon.description')}</div>
          </>
        }
      >
        <Button type="primary" onClick={() => navigate('/')}>
          {t('soon.back')}
        </Button>
      </Empty>
    </Card>
  );
}
