import { lazyPage } from '../lazy-page.ts';
import type { WorkbenchRoute } from '../registry.ts';

// The adjuster's assessment version: its editor (or frozen lines), its quote, its printed sheet.
export const routes: WorkbenchRoute[] = [
  { path: '/assessments/:id', page: lazyPage(() => import('./AssessmentPage.tsx')) },
  { path: '/assessments/:id/quote', page: lazyPage(() => import('./QuotePage.tsx')) },
  { path: '/assessments/:id/print', page: lazyPage(() => import('./PrintPage.tsx')) },
];
