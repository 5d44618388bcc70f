import { lazyPage } from '../lazy-page.ts';
import type { WorkbenchRoute } from '../registry.ts';

// Finance (财务结算, issue 13): statements to payers (对账单) with their disputes, payments (收款) and
// invoices (发票); payouts to suppliers (付款) with their remittance advice; receivables financing
// (供应链融资); the ledger's accounts and transfers (总账), the platform's trial balance and its
// settings. One landing page with the tabs the caller's organisation may use, and a page for a
// statement, a payout, a financing request and an account.
const FinancePage = lazyPage(() => import('./FinancePage.tsx'));

export const routes: WorkbenchRoute[] = [
  { path: '/finance', page: FinancePage },
  { path: '/finance/:tab', page: FinancePage },
  { path: '/finance/payments/import', page: lazyPage(() => import('./BankImportPage.tsx')) },
  { path: '/finance/statements/:id', page: lazyPage(() => import('./StatementPage.tsx')) },
  { path: '/finance/ledger/:id', page: lazyPage(() => import('./AccountPage.tsx')) },
  { path: '/finance/payouts/:id', page: lazyPage(() => import('./PayoutPage.tsx')) },
  { path: '/finance/financing/:id', page: lazyPage(() => import('./FinancingPage.tsx')) },
];
