import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

// The language is kept per user (a shared counter PC serves several people) and, for the sign-in
// page, the last one chosen on this browser. Chinese unless someone chose English.
const LAST_KEY = 'anpei.language';
const userKey = (userId: string) => `anpei.language.${userId}`;

function stored(key: string): Language | undefined {
  const value = localStorage.getItem(key);
  return languages.find((l) => l === value);
}

export function setLanguage(language: Language, userId?: string): void {
  localStorage.setItem(LAST_KEY, language);
  if (userId) localStorage.setItem(userKey(userId), language);
  void i18n.changeLanguage(language);
}

// Once we know who signed in, their own choice wins over the browser's last one.
export function applyUserLanguage(userId: string): void {
  const own = stored(userKey(userId));
  if (own && own !== i18n.language) setLanguage(own, userId);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

// Each workbench's text, in its own namespace (the folder's name): workbenches/claims/locales/en.json
// is the 'claims' namespace in English.
const bundles = import.meta.glob<Record<string, unknown>>('../workbenches/*/locales/*.json', { eager: true, import: 'default' });
const resources: Record<Language, Record<string, Record<string, unknown>>> = { 'zh-CN': { translation: zhCN }, en: { translation: en } };
for (const [path, bundle] of Object.entries(bundles)) {
  const match = /workbenches\/([^/]+)\/locales\/([^/]+)\.json$/.exec(path);
  const language = languages.find((l) => l === match?.[2]);
  if (match?.[1] && language) resources[language][match[1]] = bundle;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: stored(LAST_KEY) ?? 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export default i18n;
