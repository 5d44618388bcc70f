import { lazyPage } from '../lazy-page.ts';
import type { WorkbenchRoute } from '../registry.ts';

// Finance (财务结算, issue 13): statements to payers (对账单) with their disputes, payments (收款) and
// invoices (发票); the ledger's accounts and transfers (总账), and the platform's trial balance. One
// landing page with the tabs the caller's organisation may use, a statement's page and an account's.
const FinancePage = lazyPage(() => import('./FinancePage.tsx'));

export const routes: WorkbenchRoute[] = [
  { path: '/finance', page: FinancePage },
  { path: '/finance/:tab', page: FinancePage },
  { path: '/finance/statements/:id', page: lazyPage(() => import('./StatementPage.tsx')) },
  { path: '/finance/ledger/:id', page: lazyPage(() => import('./AccountPage.tsx')) },
];
