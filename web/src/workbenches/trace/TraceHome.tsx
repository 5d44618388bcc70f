import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { CodeSearch } from './pieces.tsx';
import { TraceLayout } from './TraceLayout.tsx';
import { VehicleLookup } from './VehicleLookup.tsx';

// /trace: the owner's way in — a trace code from a part's label, or the VIN and plate of their
// car for every part fitted to it under its claims (?tab=vehicle opens the second).
export default function TraceHome() {
  const { t } = useTranslation('trace');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'vehicle' ? 'vehicle' : 'code';
  return (
    <TraceLayout>
      <Typography.Paragraph type="secondary" style={{ margin: '0 4px 12px' }}>
        {t('tagline')}
      </Typography.Paragraph>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'vehicle' ? { tab: 'vehicle' } : {}, { replace: true })}
          items={[
            { key: 'code', label: t('tabs.code'), children: <CodeSearch autoFocus /> },
            { key: 'vehicle', label: t('tabs.vehicle'), children: <VehicleLookup /> },
          ]}
        />
      </Card>
    </TraceLayout>
  );
}
