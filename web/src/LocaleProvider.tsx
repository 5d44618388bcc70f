import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useReducedMotion } from './components/reduced-motion.ts';

// antd's own texts (pagination, pickers, empty states) and dayjs's follow the chosen language; its
// animations stop for whoever asked their system for less motion.
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const still = useReducedMotion();
  const english = i18n.language === 'en';
  useEffect(() => {
    dayjs.locale(english ? 'en' : 'zh-cn');
    document.documentElement.lang = english ? 'en' : 'zh-CN';
  }, [english]);
  return (
    <ConfigProvider locale={english ? enUS : zhCN} theme={{ token: { colorPrimary: '#1658d6', motion: !still } }}>
      {/* Two notices at most: a burst of them (added, saved, quoted) would cover the page's head. */}
      <AntApp message={{ maxCount: 2 }}>{children}</AntApp>
    </ConfigProvider>
  );
}
