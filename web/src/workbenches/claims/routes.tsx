import { lazy } from 'react';
import type { WorkbenchRoute } from '../registry.ts';

// The adjuster's (定损员) workbench: the claims list, filing a claim, and the claim's page. The
// assessment editor and quote view live at /assessments/:id (another workbench).
export const routes: WorkbenchRoute[] = [
  { path: '/claims', page: lazy(() => import('./ClaimsList.tsx')) },
  { path: '/claims/new', page: lazy(() => import('./NewClaimPage.tsx')) },
  { path: '/claims/:id', page: lazy(() => import('./ClaimPage.tsx')) },
];
