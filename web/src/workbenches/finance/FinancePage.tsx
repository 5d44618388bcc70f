import { Result, Tabs, Typography } from 'antd';
import { type ComponentType, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { LoadingBlock } from '../../components/states.tsx';
import { type FinanceTab, tabsFor, useFinanceRights } from './rights.ts';

const StatementsTab = lazy(() => import('./StatementsTab.tsx'));
const PaymentsTab = lazy(() => import('./PaymentsTab.tsx'));
const RefundsTab = lazy(() => import('./RefundsTab.tsx'));
const LedgerTab = lazy(() => import('./LedgerTab.tsx'));
const TrialBalanceTab = lazy(() => import('./TrialBalanceTab.tsx'));
const PayoutsTab = lazy(() => import('./PayoutsTab.tsx'));
const FinancingTab = lazy(() => import('./FinancingTab.tsx'));
const SettingsTab = lazy(() => import('./SettingsTab.tsx'));

const panes: Record<FinanceTab, ComponentType> = {
  statements: StatementsTab,
  payments: PaymentsTab,
  refunds: RefundsTab,
  payouts: PayoutsTab,
  financing: FinancingTab,
  ledger: LedgerTab,
  'trial-balance': TrialBalanceTab,
  settings: SettingsTab,
};

// /finance and /finance/:tab — the finance workbench's landing page: the tabs the caller's
// organisation may use (the platform's team all of them; an insurer's statements and its ledger; a
// supplier its payouts, its financing and its ledger), the tab in the URL so that a reload or a
// link keeps it.
export default function FinancePage() {
  const { t } = useTranslation('finance');
  const navigate = useNavigate();
  const { tab } = useParams<{ tab?: string }>();
  const rights = useFinanceRights();
  if (rights.loading) return <LoadingBlock />;
  const tabs = tabsFor(rights);
  if (tabs.length === 0) return <Result status="403" title={t('home.noAccess')} subTitle={t('home.noAccessHint')} />;
  const active = tabs.find((x) => x === tab);
  if (!active) return <Navigate to={`/finance/${tabs[0]}`} replace />;
  const Pane = panes[active];
  return (
    <div>
      <Typography.Title level={4} style={{ margin: '0 0 8px' }}>
        {t('home.title')}
      </Typography.Title>
      <Tabs activeKey={active} onChange={(key) => void navigate(`/finance/${key}`)} items={tabs.map((key) => ({ key, label: t(`tab.${key}`) }))} style={{ marginBottom: 0 }} />
      <Suspense fallback={<LoadingBlock />}>
        <Pane />
      </Suspense>
    </div>
  );
}
