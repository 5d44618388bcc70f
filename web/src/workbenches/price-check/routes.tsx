import { lazy } from 'react';
import type { WorkbenchRoute } from '../registry.ts';

// The insurer's price checker (核价员): the queue of quotes waiting for a human, and the check of one.
export const routes: WorkbenchRoute[] = [
  { path: '/price-check', page: lazy(() => import('./PriceCheckQueue.tsx')) },
  { path: '/price-check/:assessmentId', page: lazy(() => import('./PriceCheckPage.tsx')) },
];
