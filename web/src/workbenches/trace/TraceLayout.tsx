import { SafetyCertificateFilled } from '@ant-design/icons';
import { Segmented, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentLanguage, setLanguage, type Language } from '../../i18n/index.ts';

// The frame of the owner's pages: a narrow column (a phone's width, centred on a desktop), the
// platform's name linking back to the search, and the language switch. No menu, no account.
export function TraceLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('trace');
  return (
    <div style={{ minHeight: '100vh', background: '#f3f5f9', display: 'flex', flexDirection: 'column' }}>
      <header style={{ background: '#1658d6', color: '#fff' }}>
        <div style={{ maxWidth: 560, margin: '0 auto', padding: '12px 16px', display: 'flex', alignItems: 'center', gap: 8 }}>
          <Link to="/trace" style={{ color: '#fff', display: 'flex', alignItems: 'center', gap: 8, flex: 1, minWidth: 0 }}>
            <SafetyCertificateFilled style={{ fontSize: 22 }} />
            <span style={{ fontSize: 17, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{t('brand')}</span>
          </Link>
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
      </header>
      <main style={{ flex: 1, width: '100%', maxWidth: 560, margin: '0 auto', padding: '16px 12px 32px', boxSizing: 'border-box' }}>{children}</main>
      <footer style={{ textAlign: 'center', padding: '12px 16px 24px' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('footer')}
        </Typography.Text>
      </footer>
    </div>
  );
}
