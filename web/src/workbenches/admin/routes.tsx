import { lazyPage } from '../lazy-page.ts';
import type { WorkbenchRoute } from '../registry.ts';

// The platform administrator's pages (平台管理): the organisations on the platform, and onboarding a
// new one (an insurer, a supplier, an operator, a repair shop, a funder).
export const routes: WorkbenchRoute[] = [{ path: '/orgs', page: lazyPage(() => import('./OrgsPage.tsx')) }];
