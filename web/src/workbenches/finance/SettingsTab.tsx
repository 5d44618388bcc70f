import { Segmented, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { CreditLimits } from './CreditLimits.tsx';
import { FeeRates } from './FeeRates.tsx';
import { useFinanceRights } from './rights.ts';
import { TermsSettings } from './TermsSettings.tsx';

const sections = ['credit', 'fees', 'terms'] as const;
type Section = (typeof sections)[number];

// 设置: what the platform's finance team keeps on the books — insurers' and shops' credit limits,
// suppliers' fee rates (dated), and each organisation's settlement terms (账期). The section in the
// URL, so a reload keeps it.
export default function SettingsTab() {
  const { t } = useTranslation('finance');
  const rights = useFinanceRights();
  const [params, setParams] = useSearchParams();
  // Credit limits and fee rates need ledger.manage, terms statements.manage (platform/access.ts).
  const shown = sections.filter((s) => (s === 'terms' ? rights.manage : rights.manageLedger));
  const section: Section = shown.find((s) => s === params.get('section')) ?? shown[0] ?? 'terms';
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Segmented<Section>
        value={section}
        onChange={(v) => setParams(new URLSearchParams({ section: v }), { replace: true })}
        options={shown.map((s) => ({ value: s, label: t(`settings.${s}`) }))}
        data-testid="settings-section"
      />
      {section === 'credit' && <CreditLimits />}
      {section === 'fees' && <FeeRates />}
      {section === 'terms' && <TermsSettings />}
    </Space>
  );
}
