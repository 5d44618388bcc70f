import { lazyPage } from '../lazy-page.ts';
import type { WorkbenchRoute } from '../registry.ts';

// The adjuster's (定损员) workbench: the claims list, filing a claim, and the claim's page. The
// assessment editor and quote view live at /assessments/:id (another workbench).
export const routes: WorkbenchRoute[] = [
  { path: '/claims', page: lazyPage(() => import('./ClaimsList.tsx')) },
  { path: '/claims/new', page: lazyPage(() => import('./NewClaimPage.tsx')) },
  { path: '/claims/:id', page: lazyPage(() => import('./ClaimPage.tsx')) },
];
