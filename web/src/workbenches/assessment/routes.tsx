import { lazy } from 'react';
import type { WorkbenchRoute } from '../registry.ts';

// The adjuster's assessment version: its editor (or frozen lines), its quote, its printed sheet.
export const routes: WorkbenchRoute[] = [
  { path: '/assessments/:id', page: lazy(() => import('./AssessmentPage.tsx')) },
  { path: '/assessments/:id/quote', page: lazy(() => import('./QuotePage.tsx')) },
  { path: '/assessments/:id/print', page: lazy(() => import('./PrintPage.tsx')) },
];
